"""A learner's exercise in their sandbox: the brief of their scenario, where to work on it, the
answer form of a type that asks for one, and the checks so far; a trainer's read-only view of a
learner's attempts at one exercise, with every check's findings.

Checking and restarting are the lesson's (`courses.views`): the lesson records the result.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import View

from sandbox import job_functions
from sandbox.exercises import exercise_type
from sandbox.exercises.engine import ExerciseRefused, attempt_is_stale, exercise_answer
from sandbox.exercises.findings import finding_texts
from sandbox.exercises.registry import UnknownExerciseType
from sandbox.exercises.selectors import attempt_checks, attempts_of
from sandbox.models import ExerciseAttempt
from sandbox.views.access import SandboxMixin


def return_path_of(request: HttpRequest, attempt: ExerciseAttempt) -> str:
    """The lesson that set the exercise, if its stored path is one of this site's."""
    path = attempt.return_path
    if path and url_has_allowed_host_and_scheme(path, allowed_hosts={request.get_host()}, require_https=False):
        return path
    return ""


def workspace_url(attempt: ExerciseAttempt) -> str:
    """Where in the sandbox the learner works on the exercise, carrying the attempt."""
    kind = exercise_type(attempt.exercise_type)
    if not kind.workspace_url_name:
        return ""
    query = urlencode({"exercise": attempt.token, **kind.workspace_parameters(attempt)})
    return f"{reverse(kind.workspace_url_name)}?{query}"


def brief_context(attempt: ExerciseAttempt) -> dict[str, Any]:
    kind = exercise_type(attempt.exercise_type)
    return {"brief": attempt.brief, **kind.brief_context(attempt.brief)}


class ExerciseMixin(SandboxMixin):
    def attempt_of(self, token: Any) -> ExerciseAttempt:
        if self.sandbox is None:
            raise Http404
        attempt = ExerciseAttempt.objects.filter(token=token, sandbox=self.sandbox).select_related("sandbox").first()
        if attempt is None:
            raise Http404
        try:
            exercise_type(attempt.exercise_type)
        except UnknownExerciseType:
            raise Http404 from None
        return attempt

    def role_context(self, attempt: ExerciseAttempt, kind: Any) -> dict[str, Any]:
        """The job function the exercise is done as and, on the learner's open attempt when they
        have switched to another since, the form to switch back."""
        role = job_functions.exercise_role(kind.role)
        if not role:
            return {"exercise_role": ""}
        context: dict[str, Any] = {"exercise_role": role, "exercise_role_label": job_functions.role_label(role)}
        if attempt.is_open and not self.is_read_only and self.acting_role() != role:
            context["role_options"] = [
                option
                for option in job_functions.roles_open_to(user=self.request.user, sandbox=self.sandbox)
                if option.role == role
            ]
            context["next_path"] = self.request.path
        return context

    def page(self, attempt: ExerciseAttempt, *, form: Any = None, status: int = 200) -> HttpResponse:
        kind = exercise_type(attempt.exercise_type)
        checks = attempt_checks(attempt=attempt)
        latest = checks[-1] if checks else None
        history = []
        if self.is_read_only:
            history = [
                (earlier, [(check, finding_texts(check.findings)) for check in attempt_checks(attempt=earlier)])
                for earlier in attempts_of(user=attempt.sandbox.owner, exercise_key=attempt.exercise_key)
            ]
        if form is None and attempt.is_open and not self.is_read_only:
            form = kind.answer_form(attempt)
        response = self.render(
            "sandbox/exercise_detail.html",
            {
                "attempt": attempt,
                "kind": kind,
                "brief_template": kind.brief_template,
                **brief_context(attempt),
                "is_stale": attempt_is_stale(attempt),
                "latest": latest,
                "latest_findings": finding_texts(latest.findings) if latest else [],
                "answer_form": form,
                "workspace_url": workspace_url(attempt) if attempt.is_open and not self.is_read_only else "",
                "return_path": return_path_of(self.request, attempt),
                "history": history,
                "traveller_uid": attempt.records.get("traveller"),
                **self.role_context(attempt, kind),
            },
        )
        response.status_code = status
        return response


class ExerciseDetailView(ExerciseMixin, View):
    section = "exercises"

    def get(self, request: HttpRequest, token: Any) -> HttpResponse:
        return self.page(self.attempt_of(token))


class ExerciseAnswerView(ExerciseMixin, View):
    section = "exercises"

    def post(self, request: HttpRequest, token: Any) -> HttpResponse:
        attempt = self.attempt_of(token)
        try:
            exercise_answer(user=request.user, token=attempt.token, data=request.POST)
        except ExerciseRefused as refusal:
            messages.error(request, refusal.message)
        except ValidationError:
            form = exercise_type(attempt.exercise_type).answer_form(attempt, data=request.POST)
            form.is_valid()
            return self.page(attempt, form=form, status=400)
        else:
            messages.success(request, _("Your answer has been recorded. Check your work from the lesson."))
        return HttpResponseRedirect(reverse("sandbox:exercise_detail", args=[attempt.token]))
