"""Formatting filters for the site's templates."""

from __future__ import annotations

import math
from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def whole_minutes(value: timedelta | None) -> int:
    """A duration rounded up to whole minutes (at least one)."""
    if not value:
        return 1
    return max(1, math.ceil(value.total_seconds() / 60))
