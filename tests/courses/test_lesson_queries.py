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
