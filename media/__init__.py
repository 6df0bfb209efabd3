"""Media: the project's Wagtail image model (D9: it exists before the first migration)."""
