"""The exercise types (DOMAIN.md 5c): importing this package registers them."""

from sandbox.exercises.types import entry, triage  # noqa: F401
