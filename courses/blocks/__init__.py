"""The blocks of lessons, questions and completion rules.

`LessonStreamBlock` and `CompletionRulesBlock` also take blocks named in settings, so that a
lower app (the sandbox's exercises) adds its own without a change here:

    COURSES_LESSON_BLOCKS = [("field_task", "myapp.blocks.FieldTaskBlock")]
    COURSES_COMPLETION_REQUIREMENT_BLOCKS = [("field_tasks_passed", "myapp.blocks.FIELD_TASKS_PASSED")]

Each entry is (name, dotted path of a block class, or of a block instance). Adding one is
followed by `makemigrations courses`, as any change of a StreamField's blocks is.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from courses.blocks.completion import (
    ActivitiesPassedBlock,
    ActivityRef,
    AverageScoreBlock,
    LessonRef,
    LessonsCompletedBlock,
    ProgressSnapshot,
    Requirement,
    RequirementStatus,
    ResultRef,
)
from courses.blocks.content import (
    CalloutBlock,
    DocumentDownloadBlock,
    FigureBlock,
    GlossaryTermBlock,
    HeadingBlock,
    KnowledgeCheckBlock,
    ProcedureBlock,
    RichTextBlock,
    VideoBlock,
)
from courses.blocks.exercise import ExerciseBlock
from courses.blocks.questions import QuestionBodyBlock
from courses.blocks.questions.base import Presentation, QuestionTypeBlock, ResponseError, normalize_text
from courses.blocks.quiz import FEEDBACK_CHOICES, GradedActivityBlock, QuizBlock

__all__ = [
    "FEEDBACK_CHOICES",
    "ActivitiesPassedBlock",
    "ActivityRef",
    "AverageScoreBlock",
    "CompletionRulesBlock",
    "ExerciseBlock",
    "GradedActivityBlock",
    "LearningOutcomesBlock",
    "LessonRef",
    "LessonStreamBlock",
    "LessonsCompletedBlock",
    "Presentation",
    "ProgressSnapshot",
    "QuestionBodyBlock",
    "QuestionTypeBlock",
    "QuizBlock",
    "Requirement",
    "RequirementStatus",
    "ResponseError",
    "ResultRef",
    "normalize_text",
]


def _blocks_from_setting(name: str) -> list[tuple[str, blocks.Block]]:
    loaded = []
    for block_name, path in getattr(settings, name, []):
        block = import_string(path)
        loaded.append((block_name, block() if isinstance(block, type) else block))
    return loaded


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = RichTextBlock()
    image = FigureBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    document = DocumentDownloadBlock()
    glossary_term = GlossaryTermBlock()
    procedure = ProcedureBlock()
    knowledge_check = KnowledgeCheckBlock()
    quiz = QuizBlock()
    exercise = ExerciseBlock()

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__([*(local_blocks or []), *_blocks_from_setting("COURSES_LESSON_BLOCKS")], **kwargs)

    class Meta:
        block_counts = {"quiz": {"max_num": 1}}


class CompletionRulesBlock(blocks.StreamBlock):
    lessons_completed = LessonsCompletedBlock()
    quizzes_passed = ActivitiesPassedBlock(activity_kind="quiz", label=_("Every graded quiz passed"))
    average_score = AverageScoreBlock()
    exercises_passed = ActivitiesPassedBlock(activity_kind="exercise", label=_("Every sandbox exercise passed"))

    def __init__(self, local_blocks=None, **kwargs):
        extra = _blocks_from_setting("COURSES_COMPLETION_REQUIREMENT_BLOCKS")
        super().__init__([*(local_blocks or []), *extra], **kwargs)

    class Meta:
        block_counts = {
            "lessons_completed": {"max_num": 1},
            "quizzes_passed": {"max_num": 1},
            "average_score": {"max_num": 1},
            "exercises_passed": {"max_num": 1},
        }


class LearningOutcomesBlock(blocks.StreamBlock):
    outcome = blocks.CharBlock(label=_("Learning outcome"), max_length=300, icon="tick")
