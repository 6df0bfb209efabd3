"""The brief of a sandbox exercise on a lesson page: `{% exercise_brief state.brief %}` renders the
type's brief template with the brief's own context, so that two exercises of one lesson never
share (or overwrite) each other's names in the page's context."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from courses.selectors.exercises import ExerciseBrief

register = template.Library()


@register.simple_tag(takes_context=True)
def exercise_brief(context, brief: ExerciseBrief | None) -> SafeString | str:
    if brief is None or not brief.template:
        return ""
    return render_to_string(brief.template, brief.context, request=context.get("request"))
