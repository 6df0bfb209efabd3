"""A service's `ValidationError` shown on the form that called it."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError


def errors_onto_form(
    form: forms.BaseForm,
    error: ValidationError,
    *,
    field_for: Callable[[str, ValidationError], str] | None = None,
) -> None:
    """Each error on the field it names when the form has that field; anything else above the form.

    `field_for(field, problem)` may send a problem to another field than the one the service
    named (a uniqueness error on the field the person typed, say)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, problems in error.error_dict.items():
        for problem in problems:
            target = field_for(field, problem) if field_for is not None else field
            form.add_error(target if target in form.fields else None, problem)
