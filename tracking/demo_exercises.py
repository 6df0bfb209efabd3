"""How a synthetic official of the tracking demo does a course's sandbox exercise: in their own
sandbox, through the lesson's services, the work done by the type's reference solution
(`sandbox.exercises.solutions`); some get it wrong first and start again."""

from __future__ import annotations

from datetime import datetime

from courses.blocks.completion import ActivityRef
from courses.models import CoursePage, Enrolment, LessonPage
from courses.services.exercises import lesson_exercise_check, lesson_exercise_restart, lesson_exercise_start
from sandbox.exercises.solutions import solve
from tracking.demo_answers import Learner

# The share of officials who get a sandbox exercise wrong at first, and the mistakes they make
# (finding codes of the types; `sandbox.exercises.solutions` makes them).
EXERCISE_FAILED_FIRST = 0.3
DEMO_MISTAKES = {
    "entry_registration": ("entry.crossing_point", "entry.purpose", "entry.stay"),
    "ca4_decisions": ("ca4.reason", "ca4.adult_decision"),
    "exit_closure": ("exit.overstay",),
    "mrz_triage": ("triage.misread_accepted",),
    "peak_planning": ("peak.average_high",),
    "alert_stolen_passport": ("stolen.sharing", "stolen.not_approved", "stolen.validity"),
    "hit_adjudication": ("adjudication.wrongly_confirmed", "adjudication.missed"),
    "minor_exit_stale_alert": ("minor.no_follow_up", "minor.alert_changed", "minor.refused"),
    "alert_lifecycle_review": ("lifecycle.expire", "lifecycle.extend", "lifecycle.review"),
    "primary_referral": ("primary.over_referral", "primary.hit_refused"),
    "consultation_verify_nationality": ("verify.too_many", "verify.purpose"),
    "consultation_case_reference": ("case_reference.wrong",),
    "audit_review": ("audit.missed", "audit.false_flags"),
    "incoming_request_minimal": ("incoming.over_release", "incoming.under_release"),
}


def exercise_taken(
    *,
    enrolment: Enrolment,
    course: CoursePage,
    lesson: LessonPage,
    activity: ActivityRef,
    learner: Learner,
    start: datetime,
    end: datetime,
) -> None:
    """A sandbox exercise done in the official's own sandbox through the lesson's services: the
    scenario built, the work done by the type's reference solution, checked. Some get it wrong
    first (one of the type's common mistakes, which the check names and the trainers' report
    counts) and start again; the pass comes at `end`."""
    span = end - start
    attempt = lesson_exercise_start(
        enrolment=enrolment, lesson=lesson, course=course, block_id=activity.block_id, now=start + span * 0.1
    )
    mistakes = DEMO_MISTAKES.get(attempt.exercise_type, ())
    if mistakes and learner.rng.random() < EXERCISE_FAILED_FIRST:
        solve(user=enrolment.learner, attempt=attempt, mistake=learner.rng.choice(mistakes))
        lesson_exercise_check(
            enrolment=enrolment,
            lesson=lesson,
            course=course,
            block_id=activity.block_id,
            token=attempt.token,
            now=start + span * 0.4,
        )
        attempt = lesson_exercise_restart(
            enrolment=enrolment,
            lesson=lesson,
            course=course,
            block_id=activity.block_id,
            token=attempt.token,
            now=start + span * 0.5,
        )
    solve(user=enrolment.learner, attempt=attempt)
    outcome = lesson_exercise_check(
        enrolment=enrolment, lesson=lesson, course=course, block_id=activity.block_id, token=attempt.token, now=end
    )
    if not outcome.check.is_passed:
        raise RuntimeError(f"The reference solution of {attempt.exercise_type} did not pass: {outcome.check.findings}")
