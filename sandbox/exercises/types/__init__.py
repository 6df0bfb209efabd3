"""The exercise types (DOMAIN.md 5c): importing this package registers them."""

from sandbox.exercises.types import ca4, entry, exits, peak, triage  # noqa: F401
