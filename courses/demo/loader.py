"""Load the demo curriculum: a catalogue, four courses in Spanish and English, question banks, a cohort.

Each course is written once (`courses.demo.curriculum`) and read in each language with `localise`,
so the Spanish and English pages and questions have one structure and one answer key.

Idempotent: a course whose Spanish page already exists under the catalogue is left as it is
(trainers may have edited it). Block and list-item ids are derived from the course key, so
the Spanish and English versions of a lesson share them, as translations do.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from courses.demo.curriculum import COURSES
from courses.demo.curriculum.text import localise
from courses.models import (
    CataloguePage,
    Cohort,
    CourseAudience,
    CoursePage,
    CoursePrerequisite,
    GlossaryTerm,
    LessonPage,
    ModulePage,
    Question,
    QuestionBank,
)
from media.models import CustomImage

IMAGES = Path(__file__).parent / "images"
NAMESPACE = uuid.UUID("6f1c9a52-3c1e-4c0e-9f7e-6b9a1d2c4e10")
LANGUAGES = ("es", "en")
CATALOGUE = {
    "es": {
        "title": "Cursos",
        "slug": "cursos",
        "introduction": "Cursos para el personal de las autoridades migratorias de la región OCAM.",
    },
    "en": {
        "title": "Courses",
        "slug": "courses",
        "introduction": "Courses for the staff of the migration authorities of the OCAM region.",
    },
}


def demo_course_key(key: str) -> uuid.UUID:
    """The translation key of a demo course's pages, from its key in the curriculum."""
    return uuid.uuid5(NAMESPACE, key)


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def _items(values: list, *path: object) -> list[dict]:
    return [{"type": "item", "value": value, "id": _id(*path, index)} for index, value in enumerate(values)]


class CurriculumLoader:
    def __init__(self) -> None:
        self.locales = {language: Locale.objects.get(language_code=language) for language in LANGUAGES}
        self.images: dict[str, CustomImage] = {}
        self.courses: dict[str, CoursePage] = {}
        self.created = 0

    @transaction.atomic
    def load(self) -> int:
        catalogues = self._catalogues()
        for data in COURSES:
            self._course(data, catalogues)
        self._prerequisites()
        self._cohort()
        return self.created

    # ------------------------------------------------------------ pages

    def _publish(self, parent: Page, page: Page) -> Page:
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def _catalogues(self) -> dict[str, CataloguePage]:
        catalogues = {}
        key = uuid.uuid5(NAMESPACE, "catalogue")
        for language in LANGUAGES:
            existing = CataloguePage.objects.filter(locale=self.locales[language]).first()
            if existing is not None:
                catalogues[language] = existing
                continue
            home = Page.objects.get(depth=2, locale=self.locales[language])
            content = CATALOGUE[language]
            catalogues[language] = self._publish(
                home,
                CataloguePage(
                    title=content["title"],
                    slug=content["slug"],
                    introduction=content["introduction"],
                    locale=self.locales[language],
                    translation_key=catalogues["es"].translation_key if language == "en" else key,
                ),
            )
        return catalogues

    def _course(self, data: dict, catalogues: dict[str, CataloguePage]) -> None:
        texts = {language: localise(data, language) for language in LANGUAGES}
        existing = (
            CoursePage.objects.filter(locale=self.locales["es"], slug=texts["es"]["slug"])
            .child_of(catalogues["es"])
            .first()
        )
        if existing is not None:
            self.courses[data["key"]] = existing
            return
        course_key = data["key"]
        terms = self._glossary(course_key, texts)
        banks = self._questions(course_key, texts)
        cover = self._image(data["cover"]) if data.get("cover") else None
        translation_keys: dict[str, uuid.UUID] = {}

        def key_for(*path: object) -> uuid.UUID:
            return translation_keys.setdefault(
                "/".join(map(str, path)), uuid.uuid5(NAMESPACE, "/".join(map(str, path)))
            )

        for language in LANGUAGES:
            text = texts[language]
            course = CoursePage(
                title=text["title"],
                slug=text["slug"],
                summary=text["summary"],
                cover_image=cover,
                cover_alt_text=text.get("cover_alt", "") if cover else "",
                topic=data["topic"],
                learning_outcomes=[
                    {"type": "outcome", "value": outcome, "id": _id(course_key, "outcome", i)}
                    for i, outcome in enumerate(text["outcomes"])
                ],
                estimated_hours=data["estimated_hours"],
                enrolment_policy=data.get("enrolment_policy", "open"),
                pass_mark=data["pass_mark"],
                certificate_validity_months=data["certificate_validity_months"],
                completion_rules=[
                    {"type": "lessons_completed", "value": None, "id": _id(course_key, "rule", 0)},
                    {"type": "quizzes_passed", "value": None, "id": _id(course_key, "rule", 1)},
                    *(
                        [{"type": "exercises_passed", "value": None, "id": _id(course_key, "rule", 2)}]
                        if text.get("exercises")
                        else []
                    ),
                ],
                locale=self.locales[language],
                translation_key=key_for(course_key),
            )
            course.audiences = [CourseAudience(job_function=function) for function in data["audience"]]
            self._publish(catalogues[language], course)
            if language == "es":
                self.courses[course_key] = course
                # Both banks name the Spanish course, as wagtail-localize does when it translates a bank.
                QuestionBank.objects.filter(pk__in=[bank.pk for bank in banks.values()]).update(course=course)
            for m, module_text in enumerate(text["modules"]):
                module = self._publish(
                    course,
                    ModulePage(
                        title=module_text["title"],
                        slug=module_text["slug"],
                        summary=module_text.get("summary", ""),
                        requires_previous_module=module_text.get("requires_previous_module", False),
                        locale=self.locales[language],
                        translation_key=key_for(course_key, m),
                    ),
                )
                for n, lesson_text in enumerate(module_text["lessons"]):
                    body = [
                        self._block(block_type, value, terms[language], course_key, m, n, b)
                        for b, (block_type, value) in enumerate(lesson_text["body"])
                    ]
                    body += [
                        self._exercise_block(exercise, course_key, index)
                        for index, exercise in enumerate(text.get("exercises", []))
                        if (exercise["module"], exercise["lesson"]) == (m, n)
                    ]
                    quiz = text["quiz"]
                    if (quiz["module"], quiz["lesson"]) == (m, n):
                        body.append(self._quiz_block(quiz, banks[language], course_key))
                    self._publish(
                        module,
                        LessonPage(
                            title=lesson_text["title"],
                            slug=lesson_text["slug"],
                            body=body,
                            estimated_minutes=lesson_text.get("estimated_minutes", 15),
                            is_required=lesson_text.get("is_required", True),
                            locale=self.locales[language],
                            translation_key=key_for(course_key, m, n),
                        ),
                    )
        self.created += 1

    def _block(self, block_type: str, value, terms: list[GlossaryTerm], *path: object) -> dict:
        if block_type == "image":
            value = {**value, "image": self._image(value["image"]).pk}
        elif block_type == "glossary_term":
            value = {"term": terms[value["term"]].pk}
        elif block_type == "procedure":
            value = {**value, "steps": _items(value["steps"], *path, "steps")}
        elif block_type == "knowledge_check":
            value = {**value, "options": _items(value["options"], *path, "options")}
        return {"type": block_type, "value": value, "id": _id(*path)}

    def _exercise_block(self, exercise: dict, course_key: str, index: int) -> dict:
        """A sandbox exercise, the same type and parameters in both languages (the block id too)."""
        parameters = exercise.get("parameters", {})
        return {
            "type": "exercise",
            "id": _id(course_key, "exercise", index),
            "value": {
                "title": exercise["title"],
                "exercise_type": exercise["type"],
                "instructions": exercise.get("instructions", ""),
                "crossing_point": parameters.get("crossing_point", ""),
                "month": parameters.get("month", ""),
                "travellers": parameters.get("travellers"),
                "difficulty": parameters.get("difficulty", ""),
                "pass_mark": exercise.get("pass_mark", 100),
                "max_attempts": exercise.get("max_attempts"),
            },
        }

    def _quiz_block(self, quiz: dict, bank: QuestionBank, course_key: str) -> dict:
        return {
            "type": "quiz",
            "id": _id(course_key, "quiz"),
            "value": {
                "title": quiz["title"],
                "introduction": quiz.get("introduction", ""),
                "bank": bank.pk,
                "tags": quiz.get("tags", ""),
                "questions": [],
                "question_count": quiz["question_count"],
                "pass_mark": quiz["pass_mark"],
                "max_attempts": quiz.get("max_attempts"),
                "time_limit_minutes": quiz.get("time_limit_minutes"),
                "shuffle_options": quiz.get("shuffle_options", True),
                "feedback": quiz.get("feedback", "when_done"),
            },
        }

    # ------------------------------------------------------------ snippets and images

    def _image(self, name: str) -> CustomImage:
        if name not in self.images:
            title = f"demo/{name}"
            image = CustomImage.objects.filter(title=title).first()
            if image is None:
                with (IMAGES / name).open("rb") as handle:
                    image = CustomImage(title=title, credit="OCAM demo · CC BY 4.0")
                    image.file = ImageFile(handle, name=name)
                    image.save()
            self.images[name] = image
        return self.images[name]

    def _glossary(self, course_key: str, texts: dict[str, dict]) -> dict[str, list[GlossaryTerm]]:
        terms: dict[str, list[GlossaryTerm]] = {language: [] for language in LANGUAGES}
        for index in range(len(texts["es"].get("glossary", []))):
            key = uuid.uuid5(NAMESPACE, f"{course_key}/glossary/{index}")
            for language in LANGUAGES:
                entry = texts[language]["glossary"][index]
                term, _created = GlossaryTerm.objects.get_or_create(
                    translation_key=key,
                    locale=self.locales[language],
                    defaults={"term": entry["term"], "definition": entry["definition"]},
                )
                terms[language].append(term)
        return terms

    def _questions(self, course_key: str, texts: dict[str, dict]) -> dict[str, QuestionBank]:
        """The course's question bank in each language (one translation key), each holding its language's questions."""
        bank_key = uuid.uuid5(NAMESPACE, f"{course_key}/bank")
        banks = {
            language: QuestionBank.objects.get_or_create(
                translation_key=bank_key,
                locale=self.locales[language],
                defaults={"title": texts[language]["title"]},
            )[0]
            for language in LANGUAGES
        }
        for index in range(len(texts["es"]["questions"])):
            key = uuid.uuid5(NAMESPACE, f"{course_key}/question/{index}")
            # Random option ids, the same in both languages: derived ones could be recomputed
            # from this public code and would tell which option is which.
            item_ids: dict[tuple[str, int], str] = {}
            for language in LANGUAGES:
                entry = texts[language]["questions"][index]
                value = dict(entry["value"])
                for list_field in ("options", "pairs", "items", "accepted_answers"):
                    if list_field in value:
                        value[list_field] = [
                            {
                                "type": "item",
                                "value": item,
                                "id": item_ids.setdefault((list_field, i), str(uuid.uuid4())),
                            }
                            for i, item in enumerate(value[list_field])
                        ]
                question = Question.objects.filter(translation_key=key, locale=self.locales[language]).first()
                if question is None:
                    question = Question(translation_key=key, locale=self.locales[language], bank=banks[language])
                question.prompt = entry["prompt"]
                question.explanation = entry.get("explanation", "")
                question.points = entry.get("points", 1)
                question.body = [{"type": entry["kind"], "value": value, "id": _id(course_key, "question", index)}]
                question.save()
                question.tags.set(entry.get("tags", []))
                question.save()
        return banks

    # ------------------------------------------------------------ links between courses, a cohort

    def _prerequisites(self) -> None:
        for data in COURSES:
            course = self.courses.get(data["key"])
            if course is None:
                continue
            for prerequisite_key in data.get("prerequisites", []):
                prerequisite = self.courses.get(prerequisite_key)
                if prerequisite is not None:
                    CoursePrerequisite.objects.get_or_create(course=course, prerequisite=prerequisite)

    def _cohort(self) -> None:
        from people.models import User

        course = self.courses.get("border-entries")
        if course is None or Cohort.objects.filter(course=course).exists():
            return
        today = timezone.localdate()
        cohort = Cohort.objects.create(
            name="Peñas Blancas · 2026",
            course=course,
            starts_on=today - timedelta(days=7),
            ends_on=today + timedelta(days=60),
            due_on=today + timedelta(days=30),
        )
        trainer = User.objects.filter(email="formadora.oim@demo.example").first()
        if trainer is not None:
            cohort.trainers.add(trainer)
        learner = User.objects.filter(email="aprendiz.cr@demo.example").first()
        if learner is not None:
            from courses.services import enrolment_create

            enrolment_create(learner=learner, course=course, source="cohort", enrolled_by=trainer, cohort=cohort)


def demo_curriculum_load() -> int:
    """Load the demo curriculum; returns how many courses were created."""
    return CurriculumLoader().load()
