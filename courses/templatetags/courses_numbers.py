"""Template filters for numbers in the reader's language, on learner pages and trainers' reports:
`{{ score|percent }}`, `{{ n|number }}`, `{{ facility|number:2 }}` (always two decimals)."""

from __future__ import annotations

from django import template

from courses.formatting import number_text, percent_text

register = template.Library()


@register.filter
def percent(value) -> str:
    """A percentage as the active language writes it ("61,6 %" or "61.6%"), decimals cut at two."""
    return percent_text(value)


@register.filter
def number(value, places=None) -> str:
    """A number with the active language's decimal separator, decimals cut at two, no trailing zeros;
    with an argument, exactly that many decimals."""
    if places in (None, ""):
        return number_text(value)
    return number_text(value, places=int(places), fixed=True)
