"""The exercise types (DOMAIN.md 5c): importing this package registers them."""

from sandbox.exercises.types import (  # noqa: F401
    adjudication,
    audit_review,
    ca4,
    consultation,
    entry,
    exits,
    incoming_minimal,
    lifecycle,
    minor_exit,
    peak,
    referral,
    stolen,
    triage,
)
