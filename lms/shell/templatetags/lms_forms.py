"""Render a form widget tied to its help text and error for screen readers."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def accessible_widget(field: BoundField) -> SafeString:
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs: dict[str, str] = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required:
        attrs["required"] = "required"
    return field.as_widget(attrs=attrs)
