"""Build course trees for tests: a catalogue, courses with modules, lessons, questions, a quiz and a
sandbox exercise."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field

from wagtail.models import Locale, Page

from courses.models import CataloguePage, CoursePage, LessonPage, ModulePage, Question, QuestionBank

_sequence = itertools.count(1)


def catalogue(language: str = "es") -> CataloguePage:
    locale = Locale.objects.get(language_code=language)
    existing = CataloguePage.objects.filter(locale=locale).first()
    if existing:
        return existing
    home = Page.objects.get(depth=2, locale=locale)
    other = CataloguePage.objects.exclude(locale=locale).first()  # the same catalogue in the other language
    page = CataloguePage(
        title="Cursos" if language == "es" else "Courses",
        slug="cursos" if language == "es" else "courses",
        locale=locale,
        translation_key=other.translation_key if other else uuid.uuid4(),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def option(text: str, correct: bool = False, feedback: str = "") -> dict:
    return {"text": text, "is_correct": correct, "feedback": feedback}


def items(values: list) -> list[dict]:
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def question(
    bank: QuestionBank,
    kind: str = "single_choice",
    *,
    value: dict | None = None,
    prompt: str = "",
    tags: tuple[str, ...] = (),
    language: str = "es",
    translation_key=None,
    points: int = 1,
) -> Question:
    value = value or {
        "options": items([option("Pasaporte", True, "Sí: documento de viaje."), option("Licencia de conducir")])
    }
    question = Question(
        bank=bank,
        prompt=prompt or f"Pregunta {next(_sequence)}",
        body=[{"type": kind, "value": value, "id": str(uuid.uuid4())}],
        points=points,
        locale=Locale.objects.get(language_code=language),
        translation_key=translation_key or uuid.uuid4(),
    )
    question.save()
    if tags:
        question.tags.set(list(tags))
        question.save()
    return question


def bank_translation(bank: QuestionBank, language: str = "en", title: str = "") -> QuestionBank:
    """The bank's version in another language, as a finished translation, without questions."""
    return QuestionBank.objects.create(
        title=title or f"{bank.title} ({language})",
        course=bank.course,
        locale=Locale.objects.get(language_code=language),
        translation_key=bank.translation_key,
    )


def question_translation(source: Question, bank: QuestionBank, prompt: str = "") -> Question:
    """A question's finished translation into the bank's language: same answer and block ids, another prompt."""
    translation = Question(
        bank=bank,
        prompt=prompt or f"{source.prompt} (EN)",
        body=source.body.raw_data,
        points=source.points,
        locale=bank.locale,
        translation_key=source.translation_key,
    )
    translation.save()
    return translation


def quiz_value(bank: QuestionBank | None = None, **overrides) -> dict:
    return {
        "title": "Evaluación final",
        "introduction": "",
        "bank": bank.pk if bank else None,
        "tags": "",
        "questions": [],
        "question_count": 2,
        "pass_mark": 70,
        "max_attempts": 3,
        "time_limit_minutes": None,
        "shuffle_options": True,
        "feedback": "full",
    } | overrides


def exercise_value(**overrides) -> dict:
    """A sandbox exercise block: register an entry at the type's default crossing point."""
    return {
        "title": "Registrar una entrada",
        "exercise_type": "entry_registration",
        "instructions": "<p>Registre la entrada del viajero.</p>",
        "crossing_point": "",
        "month": "",
        "travellers": None,
        "difficulty": "",
        "pass_mark": 100,
        "max_attempts": None,
    } | overrides


@dataclass
class Course:
    page: CoursePage
    modules: list[ModulePage] = field(default_factory=list)
    lessons: list[LessonPage] = field(default_factory=list)
    bank: QuestionBank | None = None
    quiz_lesson: LessonPage | None = None
    quiz_id: str = ""
    exercise_lesson: LessonPage | None = None
    exercise_id: str = ""


def text_block(text: str = "<p>Texto de la lección.</p>") -> dict:
    return {"type": "text", "value": text, "id": str(uuid.uuid4())}


def course(
    *,
    modules: int = 2,
    lessons_per_module: int = 2,
    quiz: dict | None = None,
    questions: int = 0,
    gated: bool = False,
    enrolment_policy: str = "open",
    language: str = "es",
    title: str = "",
    blocks_per_lesson: int = 1,
    exercise: dict | None = None,
    **fields,
) -> Course:
    """A published course; with `questions`, a bank and a quiz at the end of the last lesson; with
    `exercise` (overrides of `exercise_value`), a sandbox exercise there too."""
    number = next(_sequence)
    parent = catalogue(language)
    page = publish(
        parent,
        CoursePage(
            title=title or f"Curso {number}",
            slug=f"curso-{number}",
            summary="Un curso de prueba.",
            enrolment_policy=enrolment_policy,
            locale=parent.locale,
            **fields,
        ),
    )
    built = Course(page=page)
    if questions:
        built.bank = QuestionBank.objects.create(title=f"Banco {number}", course=page)
        for _ in range(questions):
            question(built.bank, language=language)
    for m in range(modules):
        module = publish(
            page,
            ModulePage(
                title=f"Módulo {m + 1}",
                slug=f"modulo-{m + 1}",
                requires_previous_module=gated and m > 0,
                locale=parent.locale,
            ),
        )
        built.modules.append(module)
        for n in range(lessons_per_module):
            body = [text_block() for _ in range(blocks_per_lesson)]
            is_last = m == modules - 1 and n == lessons_per_module - 1
            if is_last and (questions or quiz is not None):
                built.quiz_id = str(uuid.uuid4())
                body.append({"type": "quiz", "value": quiz_value(built.bank, **(quiz or {})), "id": built.quiz_id})
            if is_last and exercise is not None:
                built.exercise_id = str(uuid.uuid4())
                body.append({"type": "exercise", "value": exercise_value(**exercise), "id": built.exercise_id})
            lesson = publish(
                module,
                LessonPage(title=f"Lección {m + 1}.{n + 1}", slug=f"leccion-{n + 1}", body=body, locale=parent.locale),
            )
            built.lessons.append(lesson)
            if is_last and built.quiz_id:
                built.quiz_lesson = lesson
            if is_last and built.exercise_id:
                built.exercise_lesson = lesson
    return built
