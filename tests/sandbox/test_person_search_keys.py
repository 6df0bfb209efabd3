"""Person search by date of birth and by national ID number (issue 19): exact, alone or with a
name, through the learner's view, audited, and in a number of queries that does not depend on
the matches; the search filters on the indexed columns (birth date, national ID number).
"""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox.models import AuditEvent, Person, Sandbox
from sandbox.selectors import person_matches
from tests.sandbox.baseline_rows import baseline_person
from tests.sandbox.screens import result_names

pytestmark = pytest.mark.django_db

SEARCH = "/en/sandbox/people/"


@pytest.fixture
def born(baseline):
    """Two more people born on 9 March 1988, one with a national ID number; María is born on 15 June 1990."""
    return {
        "rosa": baseline_person(
            given_names="Rosa", surname_1="Vega", birth_date=dt.date(1988, 3, 9), national_id_number="1-0988-0123"
        ),
        "luis": baseline_person(given_names="Luis", surname_1="Arce", birth_date=dt.date(1988, 3, 9)),
    }


def test_search_by_date_of_birth_finds_everyone_born_that_day(learner_client, born):
    html = learner_client.get(SEARCH, {"birth_date": "1988-03-09"}).content.decode()
    assert result_names(html) == ["Arce López, Luis", "Vega López, Rosa"]


def test_search_by_date_of_birth_and_name_narrows_it(learner_client, born):
    html = learner_client.get(SEARCH, {"birth_date": "1988-03-09", "name": "vega"}).content.decode()
    assert result_names(html) == ["Vega López, Rosa"]


def test_search_by_national_id_number(learner_client, learner, born):
    html = learner_client.get(SEARCH, {"national_id": " 1-0988-0123 "}).content.decode()
    assert result_names(html) == ["Vega López, Rosa"]
    event = AuditEvent.objects.layer_of(Sandbox.objects.get(owner=learner)).get()
    assert event.parameters == {"name": "", "document": "", "national_id": "1-0988-0123", "page": 1}
    assert event.result_count == 1


def test_a_date_of_birth_that_is_not_a_date_is_a_field_error(learner_client, born):
    html = learner_client.get(SEARCH, {"birth_date": "09/03/1988"}).content.decode()
    assert 'id="id_birth_date_error">' in html


def test_the_search_filters_on_the_indexed_columns(born):
    sql = str(person_matches(sandbox=None, birth_date=dt.date(1988, 3, 9), national_id="1-0988-0123").query)
    assert '"birth_date" = 1988-03-09' in sql
    assert '"national_id_number" = 1-0988-0123' in sql
    indexed = {tuple(index.fields) for index in Person._meta.indexes}
    assert {("birth_date",), ("national_id_number",)} <= indexed


def test_search_by_date_of_birth_query_count_does_not_depend_on_the_matches(
    learner_client, born, django_assert_max_num_queries
):
    learner_client.get(SEARCH, {"name": "perez"})  # the sandbox exists from now on
    baseline_person(given_names="Sola", surname_1="Una", birth_date=dt.date(1970, 1, 1))
    with django_assert_max_num_queries(15) as few:
        assert len(result_names(learner_client.get(SEARCH, {"birth_date": "1970-01-01"}).content.decode())) == 1
    for uid in range(300, 360):
        baseline_person(uid=uid, given_names=f"Persona {uid}", surname_1="Soto", birth_date=dt.date(1988, 3, 9))
    with django_assert_max_num_queries(15) as many:
        html = learner_client.get(SEARCH, {"birth_date": "1988-03-09"}).content.decode()
    assert len(few) == len(many)
    assert len(result_names(html)) == 50
