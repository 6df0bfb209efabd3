"""The courses app's models: the page tree, reusable snippets, and what learners do."""

from courses.models.learning import (
    ActivityResult,
    AttemptStatus,
    Cohort,
    Enrolment,
    EnrolmentSource,
    LessonCompletion,
    QuizAnswer,
    QuizAttempt,
)
from courses.models.pages import (
    CataloguePage,
    CourseAudience,
    CoursePage,
    CoursePrerequisite,
    EnrolmentPolicy,
    LessonPage,
    ModulePage,
    Topic,
)
from courses.models.snippets import GlossaryTerm, Question, QuestionBank, QuestionTag

__all__ = [
    "ActivityResult",
    "AttemptStatus",
    "CataloguePage",
    "Cohort",
    "CourseAudience",
    "CoursePage",
    "CoursePrerequisite",
    "Enrolment",
    "EnrolmentPolicy",
    "EnrolmentSource",
    "GlossaryTerm",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
    "Question",
    "QuestionBank",
    "QuestionTag",
    "QuizAnswer",
    "QuizAttempt",
    "Topic",
]
