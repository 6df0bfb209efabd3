"""Completion rules: the requirements a course page lists, and the interface a new kind implements.

A requirement is a block in the course's `completion_rules` whose class also subclasses
`Requirement` and implements `evaluate(value, snapshot) -> RequirementStatus`. The snapshot
(`ProgressSnapshot`) is everything the learner has done in the course, read once by
`courses.selectors.progress.progress_snapshot`: completed lessons and the best result of every graded
activity, whatever its kind. A lower app adds a kind by naming its block in the
`COURSES_COMPLETION_REQUIREMENT_BLOCKS` setting; "exercises passed" needs no new class:
`ActivitiesPassedBlock(activity_kind="exercise")`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from courses.formatting import percent_text


@dataclass(frozen=True)
class LessonRef:
    key: uuid.UUID
    page_id: int
    title: str
    is_required: bool


@dataclass(frozen=True)
class ActivityRef:
    lesson_key: uuid.UUID
    block_id: str
    kind: str
    title: str
    pass_mark: int
    attempts_limit: int | None = None


@dataclass(frozen=True)
class ResultRef:
    best_score: Decimal | None  # percent
    is_passed: bool


@dataclass
class ProgressSnapshot:
    pass_mark: int
    lessons: list[LessonRef]
    activities: list[ActivityRef]
    completed_lesson_keys: set[uuid.UUID] = field(default_factory=set)
    results: dict[tuple[uuid.UUID, str], ResultRef] = field(default_factory=dict)

    def result_of(self, activity: ActivityRef) -> ResultRef | None:
        return self.results.get((activity.lesson_key, activity.block_id))


@dataclass(frozen=True)
class RequirementStatus:
    """How a learner stands on one requirement. A status that counts nothing (`total` 0: no graded
    quiz in the course for "every graded quiz passed") is met, and does not apply: pages do not list it."""

    label: str
    is_met: bool
    done: int
    total: int

    @property
    def is_applicable(self) -> bool:
        return self.total > 0


class Requirement:
    """A kind of completion requirement."""

    def evaluate(self, value, snapshot: ProgressSnapshot) -> RequirementStatus:
        raise NotImplementedError

    def requires_activity(self, value, activity: ActivityRef) -> bool:
        """Whether this requirement needs that graded activity passed.

        A lesson whose required activities are all passed is completed with the pass that
        completes them (`courses.services.activity_result_record`).
        """
        return False


class LessonsCompletedBlock(Requirement, blocks.StaticBlock):
    class Meta:
        icon = "doc-full"
        label = _("Every required lesson completed")
        admin_text = _("The learner marks every lesson that is not optional as completed.")

    def evaluate(self, value, snapshot: ProgressSnapshot) -> RequirementStatus:
        required = [lesson for lesson in snapshot.lessons if lesson.is_required]
        done = sum(1 for lesson in required if lesson.key in snapshot.completed_lesson_keys)
        return RequirementStatus(str(_("Required lessons completed")), done == len(required), done, len(required))


class ActivitiesPassedBlock(Requirement, blocks.StaticBlock):
    """Every graded activity of one kind passed: quizzes here, sandbox exercises later."""

    def __init__(self, activity_kind: str = "quiz", **kwargs):
        self.activity_kind = activity_kind
        super().__init__(**kwargs)

    class Meta:
        icon = "tick-inverse"
        label = _("Every graded activity passed")
        admin_text = _("Each graded activity of this kind in the course's lessons reaches its own pass mark.")

    def evaluate(self, value, snapshot: ProgressSnapshot) -> RequirementStatus:
        activities = [activity for activity in snapshot.activities if activity.kind == self.activity_kind]
        done = sum(1 for activity in activities if (result := snapshot.result_of(activity)) and result.is_passed)
        return RequirementStatus(str(self.label), done == len(activities), done, len(activities))

    def requires_activity(self, value, activity: ActivityRef) -> bool:
        return activity.kind == self.activity_kind


class AverageScoreBlock(Requirement, blocks.StaticBlock):
    class Meta:
        icon = "pick"
        label = _("Average quiz score at or above the course's pass mark")
        admin_text = _("The mean of the learner's best score in each graded quiz reaches the course's pass mark.")

    def evaluate(self, value, snapshot: ProgressSnapshot) -> RequirementStatus:
        quizzes = [activity for activity in snapshot.activities if activity.kind == "quiz"]
        if not quizzes:
            return RequirementStatus(str(_("Average quiz score")), True, 0, 0)
        scores = [
            (result.best_score or Decimal(0)) if (result := snapshot.result_of(q)) else Decimal(0) for q in quizzes
        ]
        average = sum(scores, Decimal(0)) / len(scores)
        label = _("Average quiz score %(score)s (pass mark %(mark)s)") % {
            "score": percent_text(average),
            "mark": percent_text(snapshot.pass_mark),
        }
        return RequirementStatus(str(label), average >= snapshot.pass_mark, int(average), 100)
