"""Template filters for numbers on learner pages, in the reader's language: `{{ score|percent }}`, `{{ n|number }}`."""

from __future__ import annotations

from django import template

from courses.formatting import number_text, percent_text

register = template.Library()


@register.filter
def percent(value) -> str:
    """A percentage as the active language writes it ("61,6 %" or "61.6%"), decimals cut at two."""
    return percent_text(value)


@register.filter
def number(value) -> str:
    """A number with the active language's decimal separator, decimals cut at two, no trailing zeros."""
    return number_text(value)
