"""Template tags of the sandbox's screens.

`{% sandbox_url "person_detail" uid %}` links within the sandbox being shown: the learner's own
screens, or, while a trainer inspects a learner's sandbox (`inspected` in the context), the
read-only inspection screens of that sandbox. `{% page_href query number %}` and
`{% page_numbers page %}` serve the pagination (`sandbox/includes/pagination.html`).
`{% exercise_role_label slug %}` names the job function an exercise type is done as.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template
from django.core.paginator import Page
from django.urls import reverse
from django.utils.http import urlencode

from sandbox import job_functions
from sandbox.exercises.registry import UnknownExerciseType, exercise_type

register = template.Library()

# Own screen -> the same screen while inspecting a learner's sandbox.
INSPECTION_URL_NAMES = {
    "home": "learner_sandbox",
    "person_search": "learner_person_search",
    "person_detail": "learner_person_detail",
    "statistics": "learner_statistics",
    "statistics_daily": "learner_statistics_daily",
    "scan_triage": "learner_scan_triage",
    "secondary_queue": "learner_secondary_queue",
    "alert_list": "learner_alert_list",
    "alert_detail": "learner_alert_detail",
}


def sandbox_reverse(name: str, *args: Any, inspected: Any = None) -> str:
    if inspected is None:
        return reverse(f"sandbox:{name}", args=args)
    return reverse(f"sandbox:{INSPECTION_URL_NAMES[name]}", args=[inspected.pk, *args])


@register.simple_tag(takes_context=True)
def sandbox_url(context: template.Context, name: str, *args: Any) -> str:
    return sandbox_reverse(name, *args, inspected=context.get("inspected"))


@register.simple_tag
def page_href(query: Mapping[str, Any] | None, number: int) -> str:
    """The query string of page `number`, keeping the screen's other parameters (the search)."""
    return "?" + urlencode({**(query or {}), "page": number})


@register.simple_tag
def page_numbers(page: Page) -> list[int | str]:
    """The page numbers to link: the first, the last and two either side of the current one;
    the paginator's ellipsis stands for the pages left out."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.simple_tag
def exercise_role_label(type_slug: str) -> str:
    """The job function an exercise of the type is done as, by name ("" for an unknown type or
    one done as any function)."""
    try:
        kind = exercise_type(type_slug)
    except UnknownExerciseType:
        return ""
    role = job_functions.exercise_role(kind.role)
    return job_functions.role_label(role) if role else ""
