"""Reads for the courses app: outlines, progress snapshots, learner pages, people lists.

The structure of a course (its modules, lessons, graded activities) is read from its version
in the default language, the one courses are authored in; each item is then shown in the
viewer's language where a live translation exists, else in the other with a notice. Every
read here costs a fixed number of queries whatever the number of lessons or blocks.

Lists of people take the viewer and are scoped by country through `people.selectors`.
"""

from __future__ import annotations

import functools
import secrets
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.blocks import (
    ActivityRef,
    AverageScoreBlock,
    GradedActivityBlock,
    LessonRef,
    LessonStreamBlock,
    ProgressSnapshot,
    QuestionTypeBlock,
    Requirement,
    RequirementStatus,
    ResultRef,
)
from courses.models import (
    ActivityResult,
    AttemptStatus,
    CataloguePage,
    CourseAudience,
    CoursePage,
    CoursePrerequisite,
    Enrolment,
    EnrolmentPolicy,
    GlossaryTerm,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Question,
    QuizAttempt,
    Topic,
)
from courses.translations import keys_untranslated
from people.models import JobFunction
from people.roles import Role
from people.selectors import Viewer, country_scope_for, user_roles

if TYPE_CHECKING:
    from django.http import HttpRequest

    from courses.blocks.questions import Choice, Presentation


@functools.cache
def lesson_block_definitions() -> dict:
    """The lesson blocks, with those that settings add (cleared when those settings change)."""
    return LessonStreamBlock().child_blocks


# ---------------------------------------------------------------- languages and structure


def viewer_language(request: HttpRequest) -> str:
    """The language a viewer reads: their preferred language if signed in, else the page's."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.preferred_language:
        return user.preferred_language
    return get_language() or settings.LANGUAGE_CODE


def structure_course(course: CoursePage) -> CoursePage:
    """The version of a course whose tree defines its structure: the default language's, if live."""
    if course.locale.language_code == settings.LANGUAGE_CODE:
        return course
    source = (
        CoursePage.objects.live()
        .filter(translation_key=course.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .first()
    )
    return source or course


def pages_in_language(model: type[Page], keys, language: str | None = None) -> dict[uuid.UUID, Page]:
    """The live version of each page in a language, or in the other one, by translation key (one query)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    chosen: dict[uuid.UUID, Page] = {}
    for page in model.objects.live().filter(translation_key__in=list(keys)).select_related("locale"):
        if page.translation_key not in chosen or page.locale.language_code == language:
            chosen[page.translation_key] = page
    return chosen


@dataclass
class OutlineLesson:
    key: uuid.UUID
    title: str
    url: str
    page_id: int
    is_required: bool
    estimated_minutes: int
    is_fallback: bool
    is_completed: bool = False
    is_current: bool = False


@dataclass
class OutlineModule:
    key: uuid.UUID
    title: str
    summary: str
    page_id: int
    requires_previous_module: bool
    lessons: list[OutlineLesson] = field(default_factory=list)
    is_locked: bool = False
    is_fallback: bool = False

    @property
    def completed_count(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.is_completed)

    @property
    def is_completed(self) -> bool:
        return all(lesson.is_completed for lesson in self.lessons if lesson.is_required)


@dataclass
class Outline:
    course: CoursePage
    structure: CoursePage
    modules: list[OutlineModule]

    @property
    def lessons(self) -> list[OutlineLesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    def module_of(self, lesson_key: uuid.UUID) -> OutlineModule | None:
        for module in self.modules:
            if any(lesson.key == lesson_key for lesson in module.lessons):
                return module
        return None


def course_outline(*, course: CoursePage, completed: set[uuid.UUID] | None = None) -> Outline:
    """The modules and lessons of a course, in the course's language where translated (at most five queries)."""
    structure = structure_course(course)
    modules = list(
        ModulePage.objects.live()
        .child_of(structure)
        .order_by("path")
        .only("id", "title", "summary", "translation_key", "requires_previous_module", "path", "url_path")
    )
    lessons = list(
        LessonPage.objects.live()
        .descendant_of(structure)
        .order_by("path")
        .only("id", "title", "translation_key", "is_required", "estimated_minutes", "path", "url_path", "locale_id")
    )
    locale_id = course.locale_id
    translations: dict[uuid.UUID, Page] = {}
    if structure.pk != course.pk:
        keys = [page.translation_key for page in (*modules, *lessons)]
        translations = {
            page.translation_key: page
            for page in ModulePage.objects.live()
            .filter(translation_key__in=keys, locale_id=locale_id)
            .only("id", "title", "summary", "translation_key", "url_path", "path")
        }
        translations |= {
            page.translation_key: page
            for page in LessonPage.objects.live()
            .filter(translation_key__in=keys, locale_id=locale_id)
            .only("id", "title", "translation_key", "url_path", "path")
        }
    site_root = _site_root_paths()
    completed = completed or set()
    outline_modules = []
    by_path = {}
    for module in modules:
        shown = translations.get(module.translation_key, module)
        outline_module = OutlineModule(
            key=module.translation_key,
            title=shown.title,
            summary=shown.summary,
            page_id=shown.pk,
            requires_previous_module=module.requires_previous_module,
            is_fallback=shown is module and structure.pk != course.pk,
        )
        outline_modules.append(outline_module)
        by_path[module.path] = outline_module
    for lesson in lessons:
        module = by_path.get(lesson.path[: -Page.steplen])
        if module is None:
            continue
        shown = translations.get(lesson.translation_key, lesson)
        module.lessons.append(
            OutlineLesson(
                key=lesson.translation_key,
                title=shown.title,
                url=_page_url(shown, site_root),
                page_id=shown.pk,
                is_required=lesson.is_required,
                estimated_minutes=lesson.estimated_minutes,
                is_fallback=shown is lesson and structure.pk != course.pk,
                is_completed=lesson.translation_key in completed,
            )
        )
    previous_done = True
    for module in outline_modules:
        module.is_locked = module.requires_previous_module and not previous_done
        previous_done = module.is_completed
    return Outline(course=course, structure=structure, modules=outline_modules)


def _site_root_paths():
    from wagtail.models import Site

    return Site.get_site_root_paths()


def _page_url(page: Page, site_root) -> str:
    page._wagtail_cached_site_root_paths = site_root
    return page.get_url() or "#"


def _activities_in(lesson_key: uuid.UUID, raw_blocks) -> list[ActivityRef]:
    """The graded activities among a lesson's stored blocks, neither converted nor rendered."""
    definitions = lesson_block_definitions()
    activities = []
    for item in raw_blocks:
        block = definitions.get(item.get("type"))
        if isinstance(block, GradedActivityBlock):
            value = item.get("value") or {}
            activities.append(
                ActivityRef(
                    lesson_key=lesson_key,
                    block_id=item.get("id") or "",
                    kind=block.activity_kind,
                    title=block.activity_title(value),
                    pass_mark=block.activity_pass_mark(value),
                    attempts_limit=block.activity_attempts_limit(value),
                )
            )
    return activities


def course_activities(*, structure: CoursePage) -> list[ActivityRef]:
    """Every graded activity in the lessons of a course (one query, no rendering)."""
    activities = []
    rows = LessonPage.objects.live().descendant_of(structure).order_by("path").values_list("translation_key", "body")
    for lesson_key, body in rows:
        activities += _activities_in(lesson_key, body.raw_data)
    return activities


def lesson_activities(*, lesson: LessonPage, structure: CoursePage) -> list[ActivityRef]:
    """The graded activities of one lesson, as its version in the structure's language holds them
    (no query for a lesson in that language, one for a translation)."""
    body = lesson.body
    if lesson.locale_id != structure.locale_id:
        source = (
            LessonPage.objects.live()
            .filter(translation_key=lesson.translation_key, locale_id=structure.locale_id)
            .values_list("body", flat=True)
            .first()
        )
        body = source if source is not None else body
    return _activities_in(lesson.translation_key, body.raw_data)


# ---------------------------------------------------------------- progress


def enrolment_current(*, learner: Viewer, course_key: uuid.UUID) -> Enrolment | None:
    """A learner's latest enrolment in a course."""
    if not learner.is_authenticated:
        return None
    return Enrolment.objects.filter(learner=learner, course_key=course_key).order_by("-cycle").first()


def progress_snapshot(*, enrolment: Enrolment, course: CoursePage) -> ProgressSnapshot:
    """Everything a learner has done in a course, for its completion rules (four queries)."""
    structure = structure_course(course)
    lessons = [
        LessonRef(
            key=lesson.translation_key,
            page_id=lesson.pk,
            title=lesson.title,
            is_required=lesson.is_required,
        )
        for lesson in LessonPage.objects.live()
        .descendant_of(structure)
        .only("id", "title", "translation_key", "is_required")
    ]
    completed = set(enrolment.lesson_completions.values_list("lesson_key", flat=True))
    results = {
        (result.lesson_key, result.block_id): ResultRef(best_score=result.best_score, is_passed=result.is_passed)
        for result in enrolment.activity_results.all()
    }
    return ProgressSnapshot(
        pass_mark=structure.pass_mark,
        lessons=lessons,
        activities=course_activities(structure=structure),
        completed_lesson_keys=completed,
        results=results,
    )


def requirement_statuses(*, course: CoursePage, snapshot: ProgressSnapshot) -> list[RequirementStatus]:
    """How the learner stands on each of the course's completion rules."""
    rules = structure_course(course).completion_rules
    statuses = [child.block.evaluate(child.value, snapshot) for child in rules if isinstance(child.block, Requirement)]
    if not statuses:
        from courses.blocks import LessonsCompletedBlock

        statuses = [LessonsCompletedBlock().evaluate(None, snapshot)]
    return statuses


def activities_required(*, structure: CoursePage, activities: list[ActivityRef]) -> list[ActivityRef]:
    """Those of these graded activities that a completion rule of the course needs passed (no query).

    A lesson holding any is completed by the pass that leaves them all passed, never by hand; an
    activity no rule requires (a practice quiz) neither completes its lesson nor holds it back."""
    rules = [child for child in structure.completion_rules if isinstance(child.block, Requirement)]
    return [
        activity for activity in activities if any(rule.block.requires_activity(rule.value, activity) for rule in rules)
    ]


def lesson_activities_required(
    *, course: CoursePage, snapshot: ProgressSnapshot, lesson_key: uuid.UUID
) -> list[ActivityRef]:
    """The graded activities of a lesson that the course's completion rules need passed (no query
    for a course in the default language)."""
    return [
        activity
        for activity in activities_required(structure=structure_course(course), activities=snapshot.activities)
        if activity.lesson_key == lesson_key
    ]


def lesson_activities_pending(
    *, enrolment: Enrolment, lesson: LessonPage, course: CoursePage, structure: CoursePage | None = None
) -> list[ActivityRef]:
    """The graded activities of a lesson that the course's rules require and the learner has not
    passed yet: while there are any, the lesson cannot be marked as completed by hand (at most
    two queries; none for a lesson in the default language without a required activity)."""
    structure = structure or structure_course(course)
    required = activities_required(
        structure=structure, activities=lesson_activities(lesson=lesson, structure=structure)
    )
    if not required:
        return []
    passed = set(
        ActivityResult.objects.filter(
            enrolment=enrolment, lesson_key=lesson.translation_key, passed_at__isnull=False
        ).values_list("block_id", flat=True)
    )
    return [activity for activity in required if activity.block_id not in passed]


def course_pass_marks(*, structure: CoursePage, activities: list[ActivityRef]) -> list[int]:
    """The pass marks a learner has to reach, lowest first: those of the graded activities the
    course's rules require, and the course's own when its rule on the average quiz score applies.
    Empty when there is nothing to pass (no quiz, or only practice quizzes)."""
    marks = {activity.pass_mark for activity in activities_required(structure=structure, activities=activities)}
    has_quiz = any(activity.kind == "quiz" for activity in activities)
    if has_quiz and any(isinstance(child.block, AverageScoreBlock) for child in structure.completion_rules):
        marks.add(structure.pass_mark)
    return sorted(marks)


def lesson_pending_text(activities: list[ActivityRef]) -> str:
    """What a learner reads instead of "Mark as completed" while a lesson's required activities wait."""
    titles = ", ".join(
        pgettext("quotation marks around a title", "«%(title)s»") % {"title": activity.title} for activity in activities
    )
    return _("This lesson is completed when you pass %(activities)s.") % {"activities": titles}


def progress_percent(*, course: CoursePage, snapshot: ProgressSnapshot) -> int:
    """Share of what the course's rules require that is done: required lessons, and the graded
    activities a rule needs passed (a practice quiz counts for nothing). Never 100 while a rule
    is unmet, so that the bar does not claim a course done that is not."""
    structure = structure_course(course)
    required = [lesson for lesson in snapshot.lessons if lesson.is_required]
    activities = activities_required(structure=structure, activities=snapshot.activities)
    total = len(required) + len(activities)
    done = sum(1 for lesson in required if lesson.key in snapshot.completed_lesson_keys)
    done += sum(1 for activity in activities if (r := snapshot.result_of(activity)) and r.is_passed)
    percent = round(100 * done / total) if total else 0
    if percent == 100 and not all(status.is_met for status in requirement_statuses(course=course, snapshot=snapshot)):
        percent = 99
    return percent


def course_prerequisites(*, course: CoursePage) -> list[CoursePage]:
    """A course's prerequisite courses, each in the active language where translated (two queries)."""
    linked = [
        link.prerequisite
        for link in CoursePrerequisite.objects.filter(course=structure_course(course)).select_related("prerequisite")
    ]
    shown = pages_in_language(CoursePage, [page.translation_key for page in linked]) if linked else {}
    return [shown.get(page.translation_key, page) for page in linked]


def prerequisites_missing(
    *, learner: Viewer, course: CoursePage, prerequisites: list[CoursePage] | None = None
) -> list[CoursePage]:
    """The prerequisite courses a learner has not completed, in the active language."""
    if prerequisites is None:
        prerequisites = course_prerequisites(course=course)
    if not prerequisites:
        return []
    done = set()
    if learner.is_authenticated:
        done = set(
            Enrolment.objects.filter(
                learner=learner,
                course_key__in=[p.translation_key for p in prerequisites],
                completed_at__isnull=False,
            ).values_list("course_key", flat=True)
        )
    return [p for p in prerequisites if p.translation_key not in done]


# ---------------------------------------------------------------- quizzes


def quiz_candidate_keys(*, quiz, tag_names: list[str]) -> list[uuid.UUID]:
    """Translation keys of the questions a quiz may draw, in a stable order."""
    fixed = [question for question in (quiz["questions"] or []) if question is not None]
    if fixed:
        seen = []
        for question in fixed:
            if question.translation_key not in seen:
                seen.append(question.translation_key)
        return seen
    if quiz["bank"] is None:
        return []
    # The bank in every language: a quiz draws from the same questions whatever the lesson's language.
    questions = Question.objects.filter(bank__translation_key=quiz["bank"].translation_key)
    if tag_names:
        questions = questions.filter(tags__name__in=tag_names)
    return list(dict.fromkeys(questions.order_by("id").values_list("translation_key", flat=True)))


def questions_in_locale(*, keys: list[uuid.UUID], locale_id: int) -> dict[uuid.UUID, Question]:
    """One version of each question: in the locale asked for, else any (one query)."""
    chosen: dict[uuid.UUID, Question] = {}
    for question in Question.objects.filter(translation_key__in=keys).order_by("id"):
        current = chosen.get(question.translation_key)
        if current is None or (question.locale_id == locale_id and current.locale_id != locale_id):
            chosen[question.translation_key] = question
    return chosen


def quiz_translation_check(*, keys: list[uuid.UUID], lesson: LessonPage) -> None:
    """Refuse a quiz whose questions are not all translated into the lesson's language (two queries):
    a learner never gets questions in another language than the lesson's."""
    untranslated = keys_untranslated(model=Question, keys=keys, locale_id=lesson.locale_id)
    if untranslated:
        raise AttemptRefused(
            ngettext(
                "This quiz is not available in this language yet: %(counter)s of its questions has not been "
                "translated. Come back later, or take the quiz in the other language: your result counts in both.",
                "This quiz is not available in this language yet: %(counter)s of its questions have not been "
                "translated. Come back later, or take the quiz in the other language: your result counts in both.",
                len(untranslated),
            )
            % {"counter": len(untranslated)},
            code="untranslated",
        )


def quiz_attempts(*, enrolment: Enrolment, lesson_key: uuid.UUID, block_id: str) -> list[QuizAttempt]:
    return list(
        QuizAttempt.objects.filter(enrolment=enrolment, lesson_key=lesson_key, block_id=block_id).order_by("number")
    )


def attempts_used(attempts: list[QuizAttempt], *, at=None) -> int:
    """Attempts that count against the limit: submitted ones and those whose time ran out."""
    at = at or timezone.now()
    return sum(
        1 for attempt in attempts if attempt.status != AttemptStatus.IN_PROGRESS or attempt.is_past_deadline(at=at)
    )


ANSWER_FIELD_PREFIX = "answer-"


class AttemptRefused(ValidationError):
    """A quiz attempt's start or submission refused; nothing was created or changed."""


class AttemptAnswersInvalid(AttemptRefused):
    """A submission with answers the learner can correct (a number that cannot be read): the
    attempt stays open and ungraded, and the form comes back with the answers given."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(
            ngettext(
                "%(count)s answer needs correcting. Nothing was graded yet.",
                "%(count)s answers need correcting. Nothing was graded yet.",
                len(errors),
            )
            % {"count": len(errors)},
            code="invalid_answers",
        )
        self.answer_errors = errors  # {question position: what to correct}


@dataclass(frozen=True)
class DrawnQuestion:
    position: int
    question: Question
    block: QuestionTypeBlock
    value: object
    seed: str | None
    shuffle: bool = True

    @property
    def field(self) -> str:
        return f"{ANSWER_FIELD_PREFIX}{self.position}"


def attempt_questions(*, attempt: QuizAttempt) -> list[DrawnQuestion]:
    """The questions of an attempt, in the order drawn (one query). Refused if one was deleted."""
    ids = [item["question"] for item in attempt.drawn]
    questions = Question.objects.in_bulk(ids)
    if len(questions) != len(set(ids)):
        raise AttemptRefused(_("The quiz changed since this attempt started. Start a new attempt."), code="stale")
    drawn = []
    for position, item in enumerate(attempt.drawn, start=1):
        question = questions[item["question"]]
        block, value = question.kind_block
        drawn.append(
            DrawnQuestion(
                position=position,
                question=question,
                block=block,
                value=value,
                seed=item["seed"],
                shuffle=item["shuffle"],
            )
        )
    return drawn


def quiz_block(*, lesson: LessonPage, block_id: str):
    """A lesson's quiz block and its value; refused as stale when the lesson no longer has it."""
    for child in lesson.body:
        if child.id == block_id and child.block_type == "quiz":
            return child.block, child.value
    raise AttemptRefused(_("This quiz is no longer part of the lesson."), code="stale")


def lesson_in_language(*, lesson_key: uuid.UUID) -> LessonPage | None:
    """The live version of a lesson in the active language, or in the other one."""
    return pages_in_language(LessonPage, [lesson_key]).get(lesson_key)


@dataclass
class QuestionForm:
    """One question of an attempt's form; when the form comes back to be corrected, what the
    learner gave (`values` under the question's field, `rows` for items answered one by one)
    and what to correct."""

    number: int
    drawn: DrawnQuestion
    presentation: Presentation
    values: list[str] = field(default_factory=list)
    rows: list[tuple[Choice, str]] = field(default_factory=list)
    error: str = ""

    @property
    def text(self) -> str:
        return self.values[0] if self.values else ""


def _question_form(question: DrawnQuestion, *, data, errors: dict[str, str]) -> QuestionForm:
    presentation = question.block.present(question.value, seed=question.seed, shuffle=question.shuffle)
    # Matching answers each prompt, ordering each item, under a field of its own.
    items = presentation.prompts or (presentation.choices if presentation.positions else [])
    values, rows = [], [(item, "") for item in items]
    if data is not None:
        values = [value for value in data.getlist(question.field) if value] if hasattr(data, "getlist") else []
        rows = [(item, data.get(f"{question.field}-{item.id}", "")) for item in items]
    return QuestionForm(
        number=question.position,
        drawn=question,
        presentation=presentation,
        values=values,
        rows=rows,
        error=errors.get(str(question.position), ""),
    )


@dataclass
class AnsweredQuestion:
    drawn: DrawnQuestion
    credit: Decimal
    answer_text: str
    correct_answer: str | None
    feedback: list[str]
    explanation: str


@dataclass(frozen=True)
class NextStep:
    """Where a learner goes after passing a quiz: what the pass completed, and the way on."""

    is_lesson_completed: bool
    is_course_completed: bool
    next_lesson: OutlineLesson | None
    # Required activities of the lesson still to pass (an exercise beside the quiz): no "Mark as completed".
    pending_activities: list[ActivityRef] = field(default_factory=list)

    @property
    def pending_text(self) -> str:
        return lesson_pending_text(self.pending_activities) if self.pending_activities else ""


def attempt_next_step(*, attempt: QuizAttempt, lesson: LessonPage, course: CoursePage) -> NextStep:
    """After a pass: whether the lesson and the course are completed, and the next lesson (three to eight queries)."""
    enrolment = Enrolment.objects.only("completed_at").get(pk=attempt.enrolment_id)
    completed = set(
        LessonCompletion.objects.filter(enrolment_id=attempt.enrolment_id).values_list("lesson_key", flat=True)
    )
    outline = course_outline(course=course, completed=completed)
    lessons = outline.lessons
    index = next((i for i, item in enumerate(lessons) if item.key == lesson.translation_key), None)
    following = lessons[index + 1] if index is not None and index + 1 < len(lessons) else None
    if following is not None:
        module = outline.module_of(following.key)
        following = None if module is not None and module.is_locked else following
    is_lesson_completed = lesson.translation_key in completed
    pending = []
    if not is_lesson_completed:
        pending = lesson_activities_pending(
            enrolment=enrolment, lesson=lesson, course=course, structure=outline.structure
        )
    return NextStep(
        is_lesson_completed=is_lesson_completed,
        is_course_completed=enrolment.completed_at is not None,
        next_lesson=following,
        pending_activities=pending,
    )


def attempt_context(
    *,
    attempt: QuizAttempt,
    lesson: LessonPage,
    course: CoursePage | None = None,
    data=None,
    errors: dict[str, str] | None = None,
) -> dict:
    """What an attempt's page shows: its questions to answer (with the answers given and what to
    correct, when `data` and `errors` come back from a submission), or its graded result."""
    drawn = attempt_questions(attempt=attempt)
    _block, quiz = quiz_block(lesson=lesson, block_id=attempt.block_id)
    if attempt.status != AttemptStatus.SUBMITTED:
        remaining = None
        if attempt.deadline_at:
            remaining = max(0, int((attempt.deadline_at - timezone.now()).total_seconds()))
        questions = [_question_form(question, data=data, errors=errors or {}) for question in drawn]
        return {
            "quiz": quiz,
            "questions": questions,
            "questions_to_correct": [question for question in questions if question.error],
            "seconds_remaining": remaining,
            "is_expired": attempt.status == AttemptStatus.EXPIRED or attempt.is_past_deadline(),
        }
    others = quiz_attempts(enrolment=attempt.enrolment, lesson_key=attempt.lesson_key, block_id=attempt.block_id)
    limit = quiz["max_attempts"]
    is_quiz_passed = any(a.is_passed for a in others)
    is_done = is_quiz_passed or (limit is not None and attempts_used(others) >= limit)
    shows_answers = quiz["feedback"] == "full" or (quiz["feedback"] == "when_done" and is_done)
    credits = {answer.position: answer.credit for answer in attempt.answers.all()}
    answered = []
    for question in drawn:
        response = (attempt.responses or {}).get(str(question.position))
        answered.append(
            AnsweredQuestion(
                drawn=question,
                credit=credits.get(question.position, Decimal(0)),
                answer_text=question.block.answer_text(question.value, response),
                correct_answer=question.block.correct_answer(question.value) if shows_answers else None,
                feedback=question.block.feedback(question.value, response) if shows_answers else [],
                explanation=question.question.explanation if shows_answers else "",
            )
        )
    remaining = None if limit is None else max(0, limit - attempts_used(others))
    next_step = None
    if is_quiz_passed:
        next_step = attempt_next_step(attempt=attempt, lesson=lesson, course=course or course_of_lesson(lesson))
    return {
        "quiz": quiz,
        "answered": answered,
        "shows_answers": shows_answers,
        "is_quiz_passed": is_quiz_passed,
        "attempts_remaining": None if is_quiz_passed else remaining,
        "can_retry": not is_quiz_passed and (remaining is None or remaining > 0),
        "next_step": next_step,
    }


# ---------------------------------------------------------------- page contexts


CATALOGUE_VERSION_KEY = "courses:catalogue-version"


def catalogue_version() -> int:
    """A number that changes whenever a course page is published, unpublished, moved or deleted."""
    version = cache.get(CATALOGUE_VERSION_KEY)
    if version is None:
        version = secrets.randbelow(2**40)  # a lost key must never come back as an old version
        cache.add(CATALOGUE_VERSION_KEY, version, timeout=None)
        version = cache.get(CATALOGUE_VERSION_KEY, version)
    return version


def catalogue_version_bump() -> None:
    try:
        cache.incr(CATALOGUE_VERSION_KEY)
    except ValueError:
        catalogue_version()


def catalogue_context(*, catalogue: CataloguePage, request: HttpRequest) -> dict:
    """The catalogue's filters, and its courses computed only if the cached listing has expired."""
    topic = request.GET.get("topic") or ""
    language = request.GET.get("language") or ""
    job_function = request.GET.get("job_function") or ""
    topic = topic if topic in Topic.values else ""
    language = language if language in dict(settings.LANGUAGES) else ""
    job_function = job_function if job_function in JobFunction.values else ""

    def courses() -> list[CatalogueEntry]:
        return catalogue_courses(catalogue=catalogue, topic=topic, language=language, job_function=job_function)

    return {
        "courses": courses,
        "catalogue_cache_key": f"{catalogue.pk}:{catalogue_version()}:{topic}:{language}:{job_function}",
        "topics": Topic.choices,
        "languages": settings.LANGUAGES,
        "job_functions": [choice for choice in JobFunction.choices if choice[0] != JobFunction.OTHER],
        "selected": {"topic": topic, "language": language, "job_function": job_function},
    }


def catalogue_url() -> str | None:
    """The course catalogue in the active language (or the other one); cached, as every page's menu asks."""
    language = get_language() or settings.LANGUAGE_CODE
    key = f"courses:catalogue-url:{language}:{catalogue_version()}"
    url = cache.get(key)
    if url is None:
        catalogues = list(
            CataloguePage.objects.live().select_related("locale").only("id", "url_path", "path", "locale")
        )
        catalogue = next((c for c in catalogues if c.locale.language_code == language), None)
        catalogue = catalogue or next(iter(catalogues), None)
        url = catalogue.get_url() if catalogue else ""
        cache.set(key, url, timeout=60 * 60)
    return url or None


@dataclass
class CatalogueEntry:
    course: CoursePage
    url: str
    languages: list[str]
    is_fallback: bool
    job_functions: list[str]


def catalogue_courses(
    *, catalogue: CataloguePage, topic: str, language: str, job_function: str
) -> list[CatalogueEntry]:
    """Live courses of every language, one entry per course, shown in the catalogue's language if translated."""
    courses = (
        CoursePage.objects.live()
        .select_related("cover_image", "locale")
        .exclude(enrolment_policy=EnrolmentPolicy.CLOSED)
    )
    if topic:
        courses = courses.filter(topic=topic)
    by_key: dict[uuid.UUID, list[CoursePage]] = {}
    for course in courses.order_by("path"):
        by_key.setdefault(course.translation_key, []).append(course)
    audiences: dict[int, list[str]] = {}
    for course_id, function in CourseAudience.objects.filter(course__in=courses).values_list("course", "job_function"):
        audiences.setdefault(course_id, []).append(function)
    site_root = _site_root_paths()
    labels = dict(JobFunction.choices)
    entries = []
    for versions in by_key.values():
        languages = sorted({version.locale.language_code for version in versions})
        if language and language not in languages:
            continue
        shown = next((v for v in versions if v.locale_id == catalogue.locale_id), versions[0])
        functions = sorted({f for version in versions for f in audiences.get(version.pk, [])})
        if job_function and job_function not in functions:
            continue
        entries.append(
            CatalogueEntry(
                course=shown,
                url=_page_url(shown, site_root),
                languages=languages,
                is_fallback=shown.locale_id != catalogue.locale_id,
                job_functions=[str(labels[f]) for f in functions],
            )
        )
    return entries


def course_context(*, course: CoursePage, request: HttpRequest) -> dict:
    enrolment = enrolment_current(learner=request.user, course_key=course.translation_key)
    completed = set()
    snapshot = None
    if enrolment is not None:
        snapshot = progress_snapshot(enrolment=enrolment, course=course)
        completed = snapshot.completed_lesson_keys
    outline = course_outline(course=course, completed=completed)
    structure = outline.structure
    resume = None
    if enrolment is not None:
        resume = next((lesson for lesson in outline.lessons if lesson.key == enrolment.last_lesson_key), None)
        if resume is None or resume.is_completed:
            resume = next((lesson for lesson in outline.lessons if not lesson.is_completed), resume)
    prerequisites = course_prerequisites(course=course)
    labels = dict(JobFunction.choices)
    statuses = requirement_statuses(course=course, snapshot=snapshot) if snapshot else []
    activities = snapshot.activities if snapshot else course_activities(structure=structure)
    return {
        "outline": outline,
        "structure": structure,
        "enrolment": enrolment,
        "snapshot": snapshot,
        # A rule with nothing to count (no graded quiz in the course) does not apply: not listed.
        "statuses": [status for status in statuses if status.is_applicable],
        "progress": progress_percent(course=course, snapshot=snapshot) if snapshot else 0,
        "pass_marks": course_pass_marks(structure=structure, activities=activities),
        "resume": resume,
        "missing_prerequisites": prerequisites_missing(
            learner=request.user, course=course, prerequisites=prerequisites
        ),
        "prerequisites": prerequisites,
        "audience": [str(labels[a.job_function]) for a in structure.audiences.all()],
        **translation_notice(page=course, page_language=course.locale.language_code, request=request),
        "can_open_lessons": enrolment is not None,
        "is_course_staff": is_course_staff(user=request.user),
    }


@dataclass
class LessonState:
    """A lesson as one viewer stands on it: its course, their enrolment, the outline with their progress."""

    course: CoursePage
    enrolment: Enrolment | None
    outline: Outline

    @property
    def refusal(self) -> str | None:
        """Why this viewer may not open the lesson yet, or None."""
        return lesson_refusal(enrolment=self.enrolment, outline=self.outline, lesson_key=self.lesson_key)

    lesson_key: uuid.UUID | None = None


def course_of_lesson(lesson: LessonPage) -> CoursePage:
    """The course a lesson belongs to (one query)."""
    return CoursePage.objects.ancestor_of(lesson).select_related("locale").get()


def lesson_state(*, lesson: LessonPage, viewer: Viewer, course: CoursePage | None = None) -> LessonState:
    """Read once per request: the view checks access with it, and the page's context reuses it."""
    course = course or course_of_lesson(lesson)
    enrolment = enrolment_current(learner=viewer, course_key=course.translation_key)
    completed = set()
    if enrolment is not None:
        completed = set(enrolment.lesson_completions.values_list("lesson_key", flat=True))
    outline = course_outline(course=course, completed=completed)
    return LessonState(course=course, enrolment=enrolment, outline=outline, lesson_key=lesson.translation_key)


def lesson_refusal(*, enrolment: Enrolment | None, outline: Outline, lesson_key: uuid.UUID | None) -> str | None:
    """Why a lesson is closed to a learner: not enrolled, or its module waits for the previous one."""
    if enrolment is None:
        return str(_("Enrol in the course to open its lessons."))
    module = outline.module_of(lesson_key) if lesson_key else None
    if module is not None and module.is_locked:
        return _("Complete the previous module before you start «%(module)s».") % {"module": module.title}
    return None


def lesson_context(*, lesson: LessonPage, request: HttpRequest) -> dict:
    state = getattr(request, "lesson_state", None)
    if state is None or state.lesson_key != lesson.translation_key:
        state = lesson_state(lesson=lesson, viewer=request.user)
    course, enrolment, outline = state.course, state.enrolment, state.outline
    lessons = outline.lessons
    index = next((i for i, item in enumerate(lessons) if item.key == lesson.translation_key), None)
    for item in lessons:
        item.is_current = item.key == lesson.translation_key
    quizzes = {}
    if enrolment is not None:
        quizzes = lesson_quiz_states(enrolment=enrolment, lesson=lesson)
    required = [item for item in lessons if item.is_required]
    is_completed = any(item.is_current and item.is_completed for item in lessons)
    pending = []
    if enrolment is not None and not is_completed:
        pending = lesson_activities_pending(
            enrolment=enrolment, lesson=lesson, course=course, structure=outline.structure
        )
    children = list(lesson.body)
    body_prefetch(children=children, locale_id=lesson.locale_id)
    return {
        "course": course,
        "outline": outline,
        "enrolment": enrolment,
        "module": outline.module_of(lesson.translation_key),
        "previous_lesson": lessons[index - 1] if index else None,
        "next_lesson": lessons[index + 1] if index is not None and index + 1 < len(lessons) else None,
        "position": (index or 0) + 1,
        "lesson_count": len(lessons),
        "completed_count": sum(1 for item in required if item.is_completed),
        "required_count": len(required),
        "is_completed": is_completed,
        # While a required quiz (or exercise) waits, passing it completes the lesson: nothing to mark by hand.
        "pending_text": lesson_pending_text(pending) if pending else "",
        "body": [(child, quizzes.get(child.id)) for child in children],
        "lesson_language": course.locale.language_code,
        **translation_notice(page=lesson, page_language=course.locale.language_code, request=request),
    }


def body_prefetch(*, children: list, locale_id: int) -> None:
    """Each glossary term of a lesson in the lesson's language, all in one query (not one per term).

    Images need nothing here: the StreamField reads each block type's images in one query, and
    Wagtail keeps renditions in the cache."""
    terms = [child.value["term"] for child in children if child.block_type == "glossary_term" and child.value["term"]]
    if terms:
        shown = {
            term.translation_key: term
            for term in GlossaryTerm.objects.filter(
                translation_key__in={term.translation_key for term in terms}, locale_id=locale_id
            )
        }
        for term in terms:
            term.shown = shown.get(term.translation_key, term)


def translation_notice(*, page: Page, page_language: str, request: HttpRequest) -> dict:
    """The reader's language, and whether the page is shown in the other for want of a live translation."""
    language = viewer_language(request)
    is_missing = (
        page_language != language
        and not Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .exists()
    )
    return {"viewer_language": language, "is_translation_missing": is_missing}


@dataclass
class QuizState:
    block_id: str
    attempts: list[QuizAttempt]
    used: int
    limit: int | None
    in_progress: QuizAttempt | None
    best: QuizAttempt | None

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(0, self.limit - self.used)

    @property
    def can_start(self) -> bool:
        return self.in_progress is None and (self.remaining is None or self.remaining > 0) and not self.is_passed

    @property
    def is_passed(self) -> bool:
        return any(attempt.is_passed for attempt in self.attempts)


def lesson_quiz_states(*, enrolment: Enrolment, lesson: LessonPage) -> dict[str, QuizState]:
    """For each quiz of a lesson, the learner's attempts (one query)."""
    quizzes = {child.id: child.value for child in lesson.body if child.block_type == "quiz"}
    if not quizzes:
        return {}
    attempts: dict[str, list[QuizAttempt]] = {}
    for attempt in QuizAttempt.objects.filter(enrolment=enrolment, lesson_key=lesson.translation_key).order_by(
        "number"
    ):
        attempts.setdefault(attempt.block_id, []).append(attempt)
    now = timezone.now()
    states = {}
    for block_id, value in quizzes.items():
        mine = attempts.get(block_id, [])
        in_progress = next(
            (a for a in mine if a.status == AttemptStatus.IN_PROGRESS and not a.is_past_deadline(at=now)), None
        )
        submitted = [a for a in mine if a.status == AttemptStatus.SUBMITTED]
        states[block_id] = QuizState(
            block_id=block_id,
            attempts=mine,
            used=attempts_used(mine, at=now),
            limit=value["max_attempts"],
            in_progress=in_progress,
            best=max(submitted, key=lambda a: (a.score, -a.number), default=None),
        )
    return states


# ---------------------------------------------------------------- learners' lists


@dataclass
class LearningEntry:
    enrolment: Enrolment
    course: CoursePage | None
    status: str  # "assigned", "in_progress", "completed"
    is_overdue: bool


def my_learning(*, learner: Viewer) -> dict[str, list[LearningEntry]]:
    """A learner's enrolments by status, each with its course in the learner's language (two queries)."""
    enrolments = list(Enrolment.objects.filter(learner=learner).select_related("cohort").order_by("-enrolled_at"))
    latest: dict[uuid.UUID, Enrolment] = {}
    for enrolment in enrolments:
        if enrolment.course_key not in latest or enrolment.cycle > latest[enrolment.course_key].cycle:
            latest[enrolment.course_key] = enrolment
    courses = pages_in_language(CoursePage, latest)
    started = set(
        LessonCompletion.objects.filter(enrolment__in=latest.values()).values_list("enrolment_id", flat=True)
    ) | set(ActivityResult.objects.filter(enrolment__in=latest.values()).values_list("enrolment_id", flat=True))
    today = timezone.localdate()
    groups: dict[str, list[LearningEntry]] = {"assigned": [], "in_progress": [], "completed": []}
    for enrolment in latest.values():
        if enrolment.completed_at:
            status = "completed"
        elif enrolment.pk in started or enrolment.last_lesson_key:
            status = "in_progress"
        elif enrolment.due_on or enrolment.source != "self":
            status = "assigned"
        else:
            status = "in_progress"
        groups[status].append(
            LearningEntry(
                enrolment=enrolment,
                course=courses.get(enrolment.course_key),
                status=status,
                is_overdue=bool(enrolment.due_on and enrolment.due_on < today and not enrolment.completed_at),
            )
        )
    groups["assigned"].sort(key=lambda e: (e.enrolment.due_on is None, e.enrolment.due_on))
    return groups


def enrolment_list(*, viewer: Viewer, course_key: uuid.UUID | None = None) -> QuerySet[Enrolment]:
    """Enrolments the viewer may see, scoped by the learners' country."""
    scope = country_scope_for(viewer=viewer)
    enrolments = Enrolment.objects.filter(
        scope.people_filter(user_field="learner", country_field="learner__staff_profile__country")
    )
    if course_key is not None:
        enrolments = enrolments.filter(course_key=course_key)
    return enrolments.select_related("learner__staff_profile__country", "cohort")


def is_course_staff(*, user: Viewer) -> bool:
    """Trainers and administrators see every lesson, enrolled or not (to author and preview)."""
    return bool(user_roles(user=user) & {Role.TRAINER, Role.ADMINISTRATOR})
