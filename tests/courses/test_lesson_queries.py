"""A lesson page costs a fixed number of queries, whatever the size of its course and of its body."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from tests.conftest import client_for
from tests.courses import factories

pytestmark = pytest.mark.django_db


def queries_for_get(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_a_lesson_page_costs_the_same_queries_for_a_small_and_a_large_course(learner):
    small = factories.course(modules=1, lessons_per_module=2, blocks_per_lesson=1)
    large = factories.course(modules=2, lessons_per_module=3, blocks_per_lesson=8)
    assert (len(small.lessons), len(large.lessons)) == (2, 6)
    for built in (small, large):
        enrolment = services.enrolment_create(learner=learner, course=built.page)
        services.lesson_complete(enrolment=enrolment, lesson=built.lessons[0], course=built.page)
    client = client_for(learner)
    client.get(small.lessons[1].url)  # warm up: session, site root paths, caches

    small_queries = queries_for_get(client, small.lessons[1].url)
    large_queries = queries_for_get(client, large.lessons[1].url)

    assert len(large_queries) == len(small_queries), "\n".join(large_queries)


def test_a_lesson_page_with_a_quiz_costs_the_same_queries_for_a_small_and_a_large_course(learner):
    small = factories.course(modules=1, lessons_per_module=2, blocks_per_lesson=1, questions=2)
    large = factories.course(modules=2, lessons_per_module=3, blocks_per_lesson=8, questions=6)
    for built in (small, large):
        services.enrolment_create(learner=learner, course=built.page)
    client = client_for(learner)
    client.get(small.quiz_lesson.url)  # warm up

    small_queries = queries_for_get(client, small.quiz_lesson.url)
    large_queries = queries_for_get(client, large.quiz_lesson.url)

    assert len(large_queries) == len(small_queries), "\n".join(large_queries)


def test_a_lesson_page_with_a_started_exercise_costs_the_same_queries_for_a_small_and_a_large_course(learner):
    small = factories.course(modules=1, lessons_per_module=2, blocks_per_lesson=1, exercise={})
    large = factories.course(modules=2, lessons_per_module=3, blocks_per_lesson=8, exercise={})
    for built in (small, large):
        enrolment = services.enrolment_create(learner=learner, course=built.page)
        where = {"lesson": built.exercise_lesson, "course": built.page, "block_id": built.exercise_id}
        attempt = services.lesson_exercise_start(enrolment=enrolment, **where)
        services.lesson_exercise_check(enrolment=enrolment, **where, token=attempt.token)
    client = client_for(learner)
    client.get(small.exercise_lesson.url)  # warm up

    small_queries = queries_for_get(client, small.exercise_lesson.url)
    large_queries = queries_for_get(client, large.exercise_lesson.url)

    assert len(large_queries) == len(small_queries), "\n".join(large_queries)


def _image(number: int):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image

    from media.models import CustomImage

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (number * 40 % 255, 80, 120)).save(buffer, format="PNG")
    return CustomImage.objects.create(title=f"Figura {number}", file=ImageFile(buffer, name=f"figura-{number}.png"))


def _term(number: int):
    from courses.models import GlossaryTerm

    return GlossaryTerm.objects.create(term=f"Término {number}", definition="Definición.")


def test_images_and_glossary_terms_cost_the_same_queries_however_many(learner):
    """Renditions are prefetched together and glossary terms read in one query, not one per block."""
    import uuid

    from courses.models import LessonPage

    def lesson_with(images: int, terms: int):
        built = factories.course(modules=1, lessons_per_module=2)
        lesson = built.lessons[1]
        body = list(lesson.body.raw_data)
        for number in range(images):
            image = _image(number)
            body.append(
                {
                    "type": "image",
                    "value": {"image": image.pk, "alt_text": "Un diagrama", "caption": ""},
                    "id": str(uuid.uuid4()),
                }
            )
        for number in range(terms):
            body.append({"type": "glossary_term", "value": {"term": _term(number).pk}, "id": str(uuid.uuid4())})
        lesson.body = body
        lesson.save_revision().publish()
        services.enrolment_create(learner=learner, course=built.page)
        return LessonPage.objects.get(pk=lesson.pk)

    few = lesson_with(images=1, terms=1)
    many = lesson_with(images=4, terms=3)
    client = client_for(learner)
    for lesson in (few, many):
        client.get(lesson.url)  # warm up: the renditions are created on the first view

    few_queries = queries_for_get(client, few.url)
    many_queries = queries_for_get(client, many.url)
    html = client.get(many.url).content.decode()
    assert html.count('class="figure"') == 4 and html.count("<dfn>") == 3
    assert len(many_queries) == len(few_queries), "\n".join(many_queries)
