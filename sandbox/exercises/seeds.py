"""Seeds of scenarios: one per learner, exercise and attempt number, stable across processes."""

from __future__ import annotations

import hashlib


def attempt_seed(*, learner_id: int, exercise_key: str, number: int) -> int:
    """A 63-bit seed from the learner, the exercise and the attempt number (SHA-256, not `hash()`,
    which changes between processes)."""
    digest = hashlib.sha256(f"ocam-exercise:{learner_id}:{exercise_key}:{number}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1
