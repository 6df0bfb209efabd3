"""Person search through a learner's view (`selectors.person_search`).

Proves that names are found without accents or case, by either or both surnames and by word
prefixes, that documents are found by number prefix (alone or with a name), that each learner
finds their own records and edits and never another learner's, that the limit holds, that
an empty query finds nobody, and that the pages of a search (`person_search_page`) hold every
match once, in order, with the number of matches counted through the learner's layer.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sandbox import services
from sandbox.models import Document, Person, Sandbox
from sandbox.selectors import person_matches, person_search, person_search_page
from tests.sandbox.baseline_rows import baseline_document, baseline_person
from tests.sandbox.factories import learner_sandbox

pytestmark = pytest.mark.django_db


class People:
    def __init__(self) -> None:
        self.pena = baseline_person(given_names="José Luis", surname_1="Peña", surname_2="López", nationality_id="NIC")
        self.ortiz = baseline_person(given_names="María José", surname_1="Ortiz", surname_2="de la Peña")
        self.lopez = baseline_person(given_names="Luisa", surname_1="López", surname_2="Ramírez")
        self.perez = baseline_person(given_names="Josefina", surname_1="Pérez", surname_2="Núñez")
        self.pena_passport = baseline_document(person=self.pena, number="C01234567", issuing_state_id="NIC")
        self.ortiz_passport = baseline_document(person=self.ortiz, number="C09876543")
        self.lopez_card = baseline_document(person=self.lopez, number="0512345", document_type_id="ID")


@pytest.fixture
def people() -> People:
    return People()


def found(sandbox: Sandbox | None = None, **query) -> set[int]:
    return {person.uid for person in person_search(sandbox=sandbox, **query)}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pena", {"pena", "ortiz"}),
        ("PEÑA", {"pena", "ortiz"}),
        ("Peña", {"pena", "ortiz"}),
        ("perez", {"perez"}),
        ("nunez", {"perez"}),
        ("lopez", {"pena", "lopez"}),
        ("ramírez", {"lopez"}),
        ("peña lópez", {"pena"}),
        ("lopez pena", {"pena"}),
        ("lopez ramirez", {"lopez"}),
        ("jos per", {"perez"}),
        ("jos pe", {"pena", "ortiz", "perez"}),
        ("jo lu", {"pena"}),
        ("lui", {"pena", "lopez"}),
        ("maria de la pena", {"ortiz"}),
        ("Pérez-Núñez, Josefina", {"perez"}),
        ("ez", set()),  # a prefix of a word, not any part of it
        ("nadie", set()),
    ],
)
def test_names_are_found_without_accents_or_case_by_either_surname_and_by_word_prefixes(people, name, expected):
    assert found(name=name) == {getattr(people, key).uid for key in expected}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"document_number": "C01234567"}, {"pena"}),
        ({"document_number": "c0123"}, {"pena"}),
        ({"document_number": " C 0987 "}, {"ortiz"}),
        ({"document_number": "C0"}, {"pena", "ortiz"}),
        ({"document_number": "05"}, {"lopez"}),
        ({"document_number": "1234"}, set()),  # a prefix, not any part of the number
        ({"name": "jose", "document_number": "C0"}, {"pena", "ortiz"}),
        ({"name": "ortiz", "document_number": "C0"}, {"ortiz"}),
        ({"name": "perez", "document_number": "C0"}, set()),
    ],
)
def test_documents_are_found_by_number_prefix_alone_or_with_a_name(people, query, expected):
    assert found(**query) == {getattr(people, key).uid for key in expected}


def test_an_empty_query_finds_nobody(people):
    assert person_search(sandbox=None) == []
    assert person_search(sandbox=None, name="  -  ", document_number="   ") == []


def test_the_limit_is_respected_in_name_order(people):
    for index in range(6):
        baseline_person(given_names=f"Ana {index}", surname_1="Zelaya")
    first_three = person_search(sandbox=learner_sandbox(), name="zelaya", limit=3)
    assert [person.given_names for person in first_three] == ["Ana 0", "Ana 1", "Ana 2"]
    assert len(person_search(sandbox=None, name="a", limit=2)) == 2


def test_a_learners_new_person_is_found_by_that_learner_only(people):
    mine, other = learner_sandbox(), learner_sandbox()
    created = services.record_create(
        sandbox=mine,
        model=Person,
        given_names="Íñigo",
        surname_1="Zúñiga",
        sex="M",
        birth_date=dt.date(1980, 1, 1),
        nationality_id="HND",
    )
    services.record_create(
        sandbox=mine,
        model=Document,
        person_uid=created.uid,
        document_type_id="P",
        number="H77700011",
        issuing_state_id="HND",
        expires_on=dt.date(2030, 1, 1),
    )
    assert found(mine, name="inigo zuniga") == found(mine, document_number="H777") == {created.uid}
    assert found(other, name="zuniga") == found(other, document_number="H777") == set()
    assert found(None, name="zuniga") == set()


def test_an_edited_baseline_person_is_found_under_the_new_name_by_their_learner_only(people):
    mine, other = learner_sandbox(), learner_sandbox()
    services.record_update(sandbox=mine, record=people.lopez, given_names="Luz", surname_2="Ávalos")
    assert found(mine, name="luz avalos") == {people.lopez.uid}
    assert found(mine, name="luisa") == found(mine, name="ramirez") == set()
    assert found(mine, name="lopez") == {people.pena.uid, people.lopez.uid}
    assert found(other, name="luz") == found(None, name="luz") == set()
    assert found(other, name="luisa ramirez") == {people.lopez.uid}


def test_a_learners_document_edits_and_deletions_change_their_search_only(people):
    mine, other = learner_sandbox(), learner_sandbox()
    services.record_update(sandbox=mine, record=people.pena_passport, number="D01234567")
    services.record_delete(sandbox=mine, record=people.ortiz_passport)
    services.record_delete(sandbox=mine, record=people.perez)
    assert found(mine, document_number="C0") == set()
    assert found(mine, document_number="D0123") == {people.pena.uid}
    assert found(mine, name="perez") == set()
    assert found(other, document_number="C0") == {people.pena.uid, people.ortiz.uid}
    assert found(other, document_number="D0") == set()
    assert found(other, name="perez") == {people.perez.uid}


def _every_page(sandbox: Sandbox | None, per_page: int, **query) -> tuple[list[int], list[int]]:
    """The uids of every page of a search, in order, and the number of matches each page gave."""
    first = person_search_page(sandbox=sandbox, per_page=per_page, **query)
    uids, totals = [], []
    for number in first.paginator.page_range:
        page = person_search_page(sandbox=sandbox, page=number, per_page=per_page, **query)
        assert page.number == number
        uids += [person.uid for person in page]
        totals.append(page.paginator.count)
    return uids, totals


def test_pages_hold_every_match_once_in_order_with_the_count_through_the_learners_layer(people):
    for index in range(11):
        baseline_person(given_names=f"Ana {index:02}", surname_1="Zelaya")
    mine = learner_sandbox()
    zelayas = Person.objects.baseline().filter(surname_1="Zelaya").order_by("given_names")
    services.record_delete(sandbox=mine, record=zelayas[0])
    services.record_update(sandbox=mine, record=zelayas[1], surname_1="Zelaya Cambiada")
    services.record_update(sandbox=mine, record=zelayas[2], surname_1="Otra")  # no longer a Zelaya
    services.record_create(
        sandbox=mine, model=Person, given_names="Nueva", surname_1="Zelaya", sex="F",
        birth_date=dt.date(2000, 1, 1), nationality_id="HND",
    )  # fmt: skip
    for sandbox in (None, mine):
        expected = [person.uid for person in person_matches(sandbox=sandbox, name="zelaya")]
        uids, totals = _every_page(sandbox, per_page=4, name="zelaya")
        assert uids == expected
        assert totals == [len(expected)] * len(totals)
    assert len(_every_page(None, per_page=4, name="zelaya")[0]) == 11
    assert len(_every_page(mine, per_page=4, name="zelaya")[0]) == 11 - 2 + 1


def _garcias() -> None:
    """People called García, listed (accents and case ignored) in the order of `GARCIA_ORDER`."""
    rows = [
        (30, "ana", "ALVAREZ", "GARCÍA"),
        (31, "Ana", "Álvarez", "García"),  # the same key as uid 30: the uid decides
        (32, "Ana", "Chávez", "García"),
        (33, "Ingrid", "Chinchilla", "García"),
        (34, "Rosa", "Córdova", "García"),
        (35, "García Ana", "Cruz", ""),  # no second surname: before every Cruz with one
        (36, "Rafael Manuel", "Cruz", "García"),
        (37, "Luis", "Cruzado", "García"),
        (38, "Carlos", "de García", "Cruz"),
        (39, "Selvin", "De García", "Escobar"),
        (40, "Noé", "Díaz", "García"),
        (41, "Eva", "Ñúñez", "García"),
        (42, "Óscar", "Ortiz", "García"),
    ]
    for uid, given_names, surname_1, surname_2 in reversed(rows):  # inserted in the reverse order
        baseline_person(uid=uid, given_names=given_names, surname_1=surname_1, surname_2=surname_2)


GARCIA_ORDER = [30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42]


@pytest.mark.parametrize("per_page", [4, 5])
def test_pages_list_people_in_name_order_ignoring_accents_and_case_then_by_uid(per_page):
    _garcias()
    uids, _totals = _every_page(None, per_page=per_page, name="garcia")
    assert uids == GARCIA_ORDER
    assert [person.uid for person in person_search(sandbox=None, name="garcia", limit=6)] == GARCIA_ORDER[:6]


def test_a_learners_new_and_edited_people_take_their_place_in_name_order():
    _garcias()
    mine = learner_sandbox()
    services.record_create(
        sandbox=mine, model=Person, given_names="Zoë", surname_1="Cuéllar", surname_2="García", sex="F",
        birth_date=dt.date(2000, 1, 1), nationality_id="HND",
    )  # fmt: skip
    services.record_update(sandbox=mine, record=Person.objects.baseline().get(uid=41), surname_1="Ábrego")
    cuellar = Person.objects.layer_of(mine).get(given_names="Zoë").uid
    uids, _totals = _every_page(mine, per_page=4, name="garcia")
    assert uids == [41, 30, 31, 32, 33, 34, 35, 36, 37, cuellar, 38, 39, 40, 42]
    assert _every_page(None, per_page=4, name="garcia")[0] == GARCIA_ORDER  # the baseline's order is unchanged


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("999", 3), ("0", 1), ("-2", 1), ("two", 1), (None, 1), ("3", 3), ("9" * 40, 3), ("1e9", 1), (" 2 ", 2)],
)
def test_a_page_number_out_of_range_or_not_a_number_shows_the_nearest_page(people, asked, shown):
    for index in range(9):
        baseline_person(given_names=f"Ana {index}", surname_1="Zelaya")
    page = person_search_page(sandbox=learner_sandbox(), name="zelaya", page=asked, per_page=4)
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (shown, 9, 3)
    assert [person.given_names for person in page] == [f"Ana {index}" for index in range(9)][(shown - 1) * 4 :][:4]


def test_a_search_without_matches_is_one_empty_page(people):
    for asked in (1, 5):
        page = person_search_page(sandbox=None, name="nadie", page=asked)
        assert (page.number, page.paginator.count, list(page)) == (1, 0, [])
    assert person_search_page(sandbox=None, name=" - ").paginator.count == 0
