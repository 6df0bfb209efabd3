"""Issue 17: the demo curriculum has one answer key. Each course is written once as structure (modules,
lessons, blocks, questions, which options are correct, points) and its Spanish and English texts hang
on it, so the two languages cannot differ in anything but their texts."""

from __future__ import annotations

import pytest

from courses.demo.curriculum import COURSES
from courses.demo.curriculum.text import T, localise, option

# Strings that are structure, not text: kept as they are when the texts are set aside.
STRUCTURAL_KEYS = {"key", "topic", "audience", "cover", "prerequisites", "enrolment_policy", "kind", "tags"}
STRUCTURAL_KEYS |= {"level", "image", "answer", "tolerance"}


def _shape(tree, key: str | None = None):
    """The tree with each text replaced by a placeholder: what the two languages must share."""
    if isinstance(tree, dict):
        return {name: _shape(value, name) for name, value in tree.items()}
    if isinstance(tree, tuple):  # a block: (type, value)
        block_type, value = tree
        return (block_type, _shape(value))
    if isinstance(tree, list):
        return [_shape(value, key) for value in tree]
    if isinstance(tree, str) and key not in STRUCTURAL_KEYS:
        return "…"
    return tree


def _read_texts(course: dict):
    """(where, text) for the texts every reader reads: titles, slugs, summaries, lessons, prompts."""
    yield from ((f"course {key}", course[key]) for key in ("title", "slug", "summary", "cover_alt"))
    yield from (("outcome", outcome) for outcome in course["outcomes"])
    yield from (("glossary definition", entry["definition"]) for entry in course["glossary"])
    for m, module in enumerate(course["modules"]):
        yield from ((f"module {m} {key}", module[key]) for key in ("title", "slug", "summary"))
        for n, lesson in enumerate(module["lessons"]):
            yield from ((f"lesson {m}.{n} {key}", lesson[key]) for key in ("title", "slug"))
            for b, (block_type, value) in enumerate(lesson["body"]):
                where = f"lesson {m}.{n} block {b} {block_type}"
                if block_type == "text":
                    yield where, value
                elif block_type in ("heading", "callout"):
                    yield where, value["text"]
                elif block_type == "image":
                    yield from ((where, value[key]) for key in ("alt_text", "caption"))
                elif block_type == "procedure":
                    yield where, value["title"]
                    yield from ((where, step["title"]) for step in value["steps"])
                elif block_type == "knowledge_check":
                    yield from ((where, value[key]) for key in ("question", "explanation"))
    yield from ((f"question {q} prompt", question["prompt"]) for q, question in enumerate(course["questions"]))
    yield from ((f"quiz {key}", course["quiz"][key]) for key in ("title", "introduction"))


@pytest.mark.parametrize("course", COURSES, ids=[course["key"] for course in COURSES])
def test_both_languages_of_a_demo_course_have_one_structure(course):
    spanish, english = localise(course, "es"), localise(course, "en")
    assert _shape(spanish) == _shape(english)


@pytest.mark.parametrize("course", COURSES, ids=[course["key"] for course in COURSES])
def test_every_text_a_reader_reads_is_written_in_both_languages(course):
    """A Spanish text left as a plain string, or pasted into the English, is flagged. Codes such as
    "MISSING_MINOR" or a country's name may be a plain string: they are not in the texts checked."""
    untranslated = [where for where, text in _read_texts(course) if not (isinstance(text, T) and text.es != text.en)]
    assert untranslated == []


def test_a_structure_that_differs_between_the_languages_is_refused_or_caught():
    # Structure cannot be given per language: a T holds texts only, and never an empty one.
    with pytest.raises(TypeError):
        option(T(es="Sí", en="Yes"), correct=T(es=True, en=False))
    with pytest.raises(TypeError):
        T(es=["a", "b"], en=["a"])
    with pytest.raises(ValueError, match="en"):
        T(es="Título", en=" ")
    # Were it given per language, the comparison would catch it: a correct flag, a heading's level.
    spanish = {"options": [{"text": "Sí", "is_correct": True, "feedback": ""}], "points": 1}
    english = {"options": [{"text": "Yes", "is_correct": False, "feedback": ""}], "points": 1}
    assert _shape(spanish) != _shape(english)
    lesson = {"body": [("heading", {"text": T(es="Título", en="Title"), "level": T(es="h2", en="h3")})]}
    assert _shape(localise(lesson, "es")) != _shape(localise(lesson, "en"))


def test_localise_reads_each_text_in_one_language_and_keeps_the_structure():
    structure = {
        "title": T(es="Pasaporte", en="Passport"),
        "body": [("text", T(es="<p>Hola</p>", en="<p>Hello</p>"))],
        "options": [option("GTM", correct=True), option(T(es="Otro", en="Other"), feedback=T(es="No", en="No."))],
    }
    assert localise(structure, "en") == {
        "title": "Passport",
        "body": [("text", "<p>Hello</p>")],
        "options": [
            {"text": "GTM", "is_correct": True, "feedback": ""},
            {"text": "Other", "is_correct": False, "feedback": "No."},
        ],
    }
    assert structure["title"] == T(es="Pasaporte", en="Passport")
