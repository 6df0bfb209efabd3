"""Template tags of the sandbox's screens.

`{% sandbox_url "person_detail" uid %}` links within the sandbox being shown: the learner's own
screens, or, while a trainer inspects a learner's sandbox (`inspected` in the context), the
read-only inspection screens of that sandbox.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

register = template.Library()

# Own screen -> the same screen while inspecting a learner's sandbox.
INSPECTION_URL_NAMES = {
    "home": "learner_sandbox",
    "person_search": "learner_person_search",
    "person_detail": "learner_person_detail",
    "statistics": "learner_statistics",
}


def sandbox_reverse(name: str, *args: Any, inspected: Any = None) -> str:
    if inspected is None:
        return reverse(f"sandbox:{name}", args=args)
    return reverse(f"sandbox:{INSPECTION_URL_NAMES[name]}", args=[inspected.pk, *args])


@register.simple_tag(takes_context=True)
def sandbox_url(context: template.Context, name: str, *args: Any) -> str:
    return sandbox_reverse(name, *args, inspected=context.get("inspected"))
