"""Writes for the courses app: enrolment, progress and completion, quiz attempts, sandbox exercises."""

from courses.selectors.quiz import AttemptAnswersInvalid, AttemptRefused
from courses.services.enrolment import (
    BulkEnrolmentResult,
    emails_parse,
    enrolment_bulk_create,
    enrolment_create,
    enrolment_renew,
    enrolments_assign,
)
from courses.services.exercises import lesson_exercise_check, lesson_exercise_restart, lesson_exercise_start
from courses.services.progress import (
    LessonCompletionRefused,
    activity_result_record,
    enrolment_completion_update,
    lesson_access_check,
    lesson_complete,
)
from courses.services.quiz import attempt_start, attempt_submit

__all__ = [
    "AttemptAnswersInvalid",
    "AttemptRefused",
    "BulkEnrolmentResult",
    "LessonCompletionRefused",
    "activity_result_record",
    "attempt_start",
    "attempt_submit",
    "emails_parse",
    "enrolment_bulk_create",
    "enrolment_completion_update",
    "enrolment_create",
    "enrolment_renew",
    "enrolments_assign",
    "lesson_access_check",
    "lesson_complete",
    "lesson_exercise_check",
    "lesson_exercise_restart",
    "lesson_exercise_start",
]
