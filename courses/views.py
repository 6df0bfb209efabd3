"""Learner screens outside the page tree: enrolling, completing a lesson, quiz attempts, a lesson's
sandbox exercises (start, check, restart), "My learning".

Every action is a POST; a GET only shows. Each view parses, checks, calls one service and
redirects or renders.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views import View

from courses import services
from courses.models import AttemptStatus, CoursePage, LessonPage, QuizAttempt
from courses.selectors.attempt import attempt_context
from courses.selectors.enrolments import enrolment_current, my_learning
from courses.selectors.lesson import course_of_lesson, is_course_staff, lesson_context, lesson_state
from courses.selectors.outline import course_outline
from courses.selectors.pages import lesson_in_language
from foundation.http import never_cached
from sandbox.exercises.engine import ExerciseRefused


def _course_of(lesson: LessonPage) -> CoursePage:
    return course_of_lesson(lesson)


def lesson_serve(request: HttpRequest, *, lesson: LessonPage, serve, args, kwargs) -> HttpResponse:
    """A lesson for an enrolled learner whose module is open, or for course staff."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    state = lesson_state(lesson=lesson, viewer=request.user)
    if not is_course_staff(user=request.user):
        if state.enrolment is None:
            messages.info(request, _("Enrol in the course to open its lessons."))
            return HttpResponseRedirect(state.course.url)
        if state.refusal:
            context = {"page": lesson, "course": state.course, "reason": state.refusal}
            return never_cached(render(request, "courses/lesson_locked.html", context, status=403))
    return never_cached(serve(request, *args, lesson_state=state, **kwargs))


class EnrolView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, course_id: int) -> HttpResponse:
        course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
        try:
            enrolment = services.enrolment_create(learner=request.user, course=course)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(course.url)
        messages.success(request, _("You are enrolled in «%(course)s».") % {"course": course.title})
        outline = course_outline(course=course)
        first = next((lesson for lesson in outline.lessons), None)
        return HttpResponseRedirect(first.url if first and enrolment.completed_at is None else course.url)


class LessonCompleteView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, lesson_id: int) -> HttpResponse:
        lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
        course = _course_of(lesson)
        enrolment = enrolment_current(learner=request.user, course_key=course.translation_key)
        try:
            services.lesson_complete(enrolment=enrolment, lesson=lesson, course=course)
        except services.LessonCompletionRefused as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(lesson.url)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal) or _("You cannot complete this lesson yet."))
            return HttpResponseRedirect(course.url)
        enrolment.refresh_from_db()
        if enrolment.completed_at is not None:
            messages.success(request, _("Course completed. Well done!"))
            return HttpResponseRedirect(course.url)
        context = lesson_context(lesson=lesson, viewer=request.user)
        following = context["next_lesson"]
        messages.success(request, _("Lesson completed."))
        return HttpResponseRedirect(following.url if following else course.url)


class AttemptStartView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, lesson_id: int, block_id: str) -> HttpResponse:
        lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
        course = _course_of(lesson)
        enrolment = enrolment_current(learner=request.user, course_key=course.translation_key)
        if enrolment is None:
            messages.error(request, _("Enrol in the course to take its quizzes."))
            return HttpResponseRedirect(course.url)
        try:
            attempt = services.attempt_start(enrolment=enrolment, lesson=lesson, course=course, block_id=block_id)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(course.url)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            return HttpResponseRedirect(lesson.url + f"#quiz-{block_id}")
        return HttpResponseRedirect(attempt_url(attempt))


def attempt_url(attempt: QuizAttempt) -> str:
    from django.urls import reverse

    return reverse("courses:attempt_detail", args=[attempt.token])


class AttemptMixin(LoginRequiredMixin):
    def attempt_for(self, request: HttpRequest, token) -> tuple[QuizAttempt, LessonPage, CoursePage]:
        attempt = (
            QuizAttempt.objects.select_related("enrolment").filter(token=token, enrolment__learner=request.user).first()
        )
        if attempt is None:
            raise Http404
        lesson = lesson_in_language(lesson_key=attempt.lesson_key)
        if lesson is None:
            raise Http404
        return attempt, lesson, _course_of(lesson)


class AttemptDetailView(AttemptMixin, View):
    def get(self, request: HttpRequest, token) -> HttpResponse:
        attempt, lesson, course = self.attempt_for(request, token)
        try:
            context = attempt_context(attempt=attempt, lesson=lesson, course=course)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            return HttpResponseRedirect(lesson.url)
        context |= {"attempt": attempt, "lesson": lesson, "course": course}
        template = (
            "courses/attempt_result.html" if attempt.status == AttemptStatus.SUBMITTED else "courses/attempt.html"
        )
        return never_cached(render(request, template, context))


class AttemptSubmitView(AttemptMixin, View):
    def post(self, request: HttpRequest, token) -> HttpResponse:
        attempt, lesson, course = self.attempt_for(request, token)
        try:
            attempt = services.attempt_submit(
                attempt_token=attempt.token, learner=request.user, data=request.POST, course=course, lesson=lesson
            )
        except services.AttemptAnswersInvalid as refusal:
            # The form comes back with the answers given and, on each question to correct, why.
            context = attempt_context(
                attempt=attempt, lesson=lesson, course=course, data=request.POST, errors=refusal.answer_errors
            )
            context |= {"attempt": attempt, "lesson": lesson, "course": course}
            return never_cached(render(request, "courses/attempt.html", context, status=400))
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            if attempt.status == AttemptStatus.IN_PROGRESS and refusal.code == "tampered":
                return HttpResponseRedirect(attempt_url(attempt))
            return HttpResponseRedirect(lesson.url + f"#quiz-{attempt.block_id}")
        return HttpResponseRedirect(attempt_url(attempt))


class ExerciseActionView(LoginRequiredMixin, View):
    """One action on a lesson's sandbox exercise, by an enrolled learner who practises in the sandbox.

    POST only, and back to the exercise on the lesson page with a message: a refusal (an attempt
    restarted or deleted by a reset since the page was shown, another learner's, the attempts
    allowed used up) is a message there, never an error page. Works without JavaScript."""

    def post(self, request: HttpRequest, lesson_id: int, block_id: str) -> HttpResponse:
        if not request.user.has_perm("sandbox.practise"):
            raise PermissionDenied
        lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
        course = _course_of(lesson)
        enrolment = enrolment_current(learner=request.user, course_key=course.translation_key)
        if enrolment is None:
            messages.error(request, _("Enrol in the course to do its exercises."))
            return HttpResponseRedirect(course.url)
        try:
            self.act(request, enrolment=enrolment, lesson=lesson, course=course, block_id=block_id)
        except ExerciseRefused as refusal:
            messages.error(request, refusal.message)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal) or _("You cannot do this exercise yet."))
            return HttpResponseRedirect(course.url)
        return HttpResponseRedirect(f"{lesson.url}#exercise-{quote(block_id, safe='')}")

    def act(self, request: HttpRequest, **lesson: Any) -> None:
        raise NotImplementedError


def _posted_token(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get("attempt", ""))
    except ValueError:
        return None


class ExerciseStartView(ExerciseActionView):
    def act(self, request: HttpRequest, **lesson: Any) -> None:
        services.lesson_exercise_start(**lesson)
        messages.success(request, _("Your scenario is ready: read the brief, then work on it in your sandbox."))


class ExerciseCheckView(ExerciseActionView):
    def act(self, request: HttpRequest, **lesson: Any) -> None:
        try:
            checks_seen = max(0, int(request.POST.get("checks_seen", "")))
        except ValueError:
            checks_seen = None
        outcome = services.lesson_exercise_check(**lesson, token=_posted_token(request), checks_seen=checks_seen)
        if not outcome.is_new:
            messages.info(request, _("Your work was already checked: the result below stands."))
        elif outcome.check.is_passed:
            messages.success(
                request, _("Your work scores %(score)s out of 100: passed.") % {"score": outcome.check.score}
            )
        else:
            messages.warning(
                request,
                _(
                    "Your work scores %(score)s out of 100: not passed yet. "
                    "Read the findings, correct your work and check again."
                )
                % {"score": outcome.check.score},
            )


class ExerciseRestartView(ExerciseActionView):
    def act(self, request: HttpRequest, **lesson: Any) -> None:
        services.lesson_exercise_restart(**lesson, token=_posted_token(request))
        messages.success(
            request, _("A new scenario is ready. Your earlier work on this exercise was removed from your sandbox.")
        )


class MyLearningView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        groups = my_learning(learner=request.user)
        # Apps above this one add their sections (certificates) through a setting: no upward import.
        sections = [import_string(path)(request) for path in settings.COURSES_MY_LEARNING_SECTIONS]
        return never_cached(render(request, "courses/my_learning.html", {"groups": groups, "sections": sections}))
