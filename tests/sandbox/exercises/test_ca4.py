"""#3 CA-4 decisions: the correct decisions score 100; each single mistake scores below the pass
mark, named by its finding; the parameters refuse a post off the CA-4 borders on their field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sandbox.exercises import exercise_type
from sandbox.exercises.base import BuildContext
from sandbox.models import CrossingPoint, Person
from sandbox.mrz import mrz_read
from tests.people.factories import UserFactory
from tests.sandbox.exercises.helpers import another_number, check, register, start

pytestmark = pytest.mark.django_db

CORRECT = {
    "adult": {"decision": "ADMITTED"},
    "minor": {"decision": "REFERRED", "refusal_code": "PASSPORT_REQUIRED"},
    "elsewhere": {"decision": "REFUSED", "refusal_code": "DOCUMENT_NOT_ACCEPTED_HERE", "refusal_reason": "DUI"},
}


def _travellers(attempt) -> dict[str, dict]:
    """Each expected traveller (by role) with their brief: MRZ, post and arrival time."""
    briefs = {brief["name"]: brief for brief in attempt.brief["travellers"]}
    return {expected["role"]: {**expected, **briefs[expected["name"]]} for expected in attempt.expected["travellers"]}


def _register(user, attempt, role: str, **changes):
    traveller = _travellers(attempt)[role]
    fields = {
        "mrz": traveller["mrz"],
        "crossing_point": traveller["crossing_point"],
        "local_time": dt.datetime.fromisoformat(traveller["arrives_at"]),
        **CORRECT[role],
        **changes,
    }
    return register(user, attempt, **fields)


def _solve(user, attempt, **mistakes) -> None:
    """Register the three travellers correctly, but for `mistakes` (role: changes, or None to skip)."""
    for role in CORRECT:
        if role in mistakes and mistakes[role] is None:
            continue
        _register(user, attempt, role, **mistakes.get(role, {}))


def _codes(result) -> list[str]:
    return [finding["code"] for finding in result.findings]


def test_the_correct_decisions_score_100():
    user = UserFactory()
    attempt = start(user, "ca4_decisions")
    _solve(user, attempt)
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])


def test_a_refused_minor_with_the_passport_reason_also_scores_100():
    user = UserFactory()
    attempt = start(user, "ca4_decisions")
    _solve(user, attempt, minor={"decision": "REFUSED", "refusal_code": "PASSPORT_REQUIRED"})
    assert check(user, attempt).score == 100


def test_the_scenario_follows_the_brief_and_hides_the_outcome():
    user = UserFactory()
    attempt = start(user, "ca4_decisions")
    travellers = _travellers(attempt)
    point = CrossingPoint.objects.get(code=attempt.brief["crossing_point"])
    other = CrossingPoint.objects.get(code=attempt.brief["second_point"])
    assert (point.code, point.is_ca4_internal) == ("GT-VNU", True)
    assert (other.country_id, other.is_ca4_internal) == ("GTM", False)
    assert travellers["elsewhere"]["crossing_point"] == other.code
    today = dt.datetime.fromisoformat(travellers["adult"]["arrives_at"]).date()
    for role, adult in (("adult", True), ("minor", False), ("elsewhere", True)):
        data = mrz_read(travellers[role]["mrz"])
        age = (today - data.birth_date).days // 366
        assert data.format == "TD1"
        assert (age >= 18) is adult
    assert "ADMITTED" not in str(attempt.brief) and "PASSPORT_REQUIRED" not in str(attempt.brief)


def test_the_same_seed_builds_the_same_scenario():
    kind = exercise_type("ca4_decisions")
    anchor = dt.datetime(2025, 6, 1, 15, tzinfo=dt.UTC)
    context = BuildContext(seed=42, parameters={"crossing_point": "GT-VNU"}, anchor=anchor)
    first, second = kind.build(context), kind.build(context)
    assert first.brief == second.brief
    assert (
        kind.build(BuildContext(seed=43, parameters={"crossing_point": "GT-VNU"}, anchor=anchor)).brief != first.brief
    )


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("CR-PBL", "is not on a border between CA-4 states"),
        ("GT-GUA", "this exercise needs a land post"),
        ("XX-NOPE", "Choose a border crossing point of the catalogue."),
    ],
)
def test_a_post_off_the_ca4_borders_is_refused_on_its_field(english, code, message):
    with pytest.raises(ValidationError) as raised:
        exercise_type("ca4_decisions").parameters_clean({"crossing_point": code})
    assert message in " ".join(raised.value.message_dict["crossing_point"])


def _card_of_another_number(mrz: str) -> str:
    return another_number(mrz, "999999999")


def _other_ca4_post(attempt) -> str:
    """Another CA-4 internal land post of the same country, where an adult's card is accepted too."""
    return (
        CrossingPoint.objects.filter(country_id="GTM", is_ca4_internal=True)
        .exclude(code=attempt.brief["crossing_point"])
        .order_by("code")
        .first()
        .code
    )


MISTAKES = {
    "ca4.adult_decision": lambda a: {"adult": {"decision": "REFUSED", "refusal_code": "OTHER", "refusal_reason": "x"}},
    "ca4.crossing_point": lambda a: {"adult": {"crossing_point": _other_ca4_post(a)}},
    "ca4.reason": lambda a: {"minor": {"refusal_code": "DOCUMENT_EXPIRED"}},
    "ca4.elsewhere_decision": lambda a: {"elsewhere": {"decision": "REFERRED"}},
    "ca4.missing": lambda a: {"minor": None},
    "ca4.direction": lambda a: {"adult": {"direction": "EXIT"}},
}


@pytest.mark.parametrize("code", sorted(MISTAKES))
def test_each_single_mistake_is_named_and_fails(code):
    user = UserFactory()
    attempt = start(user, "ca4_decisions")
    _solve(user, attempt, **MISTAKES[code](attempt))
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == [code]


def test_a_reason_in_words_only_is_not_the_reason_code():
    user = UserFactory()
    attempt = start(user, "ca4_decisions")
    _solve(user, attempt, minor={"decision": "REFUSED", "refusal_code": "", "refusal_reason": "Necesita pasaporte"})
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == ["ca4.reason"]


def test_the_card_outside_ca4_with_the_minors_reason_is_named():
    user = UserFactory()
    attempt = start(user, "ca4_decisions")
    _solve(user, attempt, elsewhere={"refusal_code": "PASSPORT_REQUIRED"})
    assert _codes(check(user, attempt)) == ["ca4.reason"]


def test_registering_a_traveller_twice_is_named():
    user = UserFactory()
    attempt = start(user, "ca4_decisions")
    _solve(user, attempt)
    _register(user, attempt, "adult")
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == ["ca4.several"]


def test_admitting_the_card_outside_ca4_at_the_wrong_post_is_critical():
    user = UserFactory()
    attempt = start(user, "ca4_decisions")
    ca4_post = attempt.brief["crossing_point"]
    _solve(user, attempt, elsewhere={"crossing_point": ca4_post, "decision": "ADMITTED", "refusal_code": ""})
    result = check(user, attempt)
    assert result.score <= 40
    assert _codes(result) == ["ca4.crossing_point", "ca4.elsewhere_decision"]
    assert result.findings[1]["critical"] is True


def test_a_second_person_from_a_mistyped_card_is_named():
    user = UserFactory()
    attempt = start(user, "ca4_decisions")
    mrz = _card_of_another_number(_travellers(attempt)["adult"]["mrz"])
    _solve(user, attempt, adult={"mrz": mrz})
    result = check(user, attempt)
    assert result.score < attempt.pass_mark
    assert _codes(result) == ["ca4.duplicate_person"]


def test_a_second_person_made_outside_the_scenario_is_found_too():
    user = UserFactory()
    attempt = start(user, "ca4_decisions")
    traveller = _travellers(attempt)["adult"]
    register(
        user,
        attempt,
        mrz=_card_of_another_number(traveller["mrz"]),
        crossing_point=traveller["crossing_point"],
        local_time=dt.datetime.fromisoformat(traveller["arrives_at"]),
        scenario=False,
    )
    _solve(user, attempt, adult=None)
    assert Person.objects.layer_of(attempt.sandbox).filter(scenario__isnull=True).count() == 1
    assert _codes(check(user, attempt)) == ["ca4.duplicate_person"]


def test_nothing_registered_scores_0():
    user = UserFactory()
    attempt = start(user, "ca4_decisions")
    result = check(user, attempt)
    assert result.score == 0
    assert _codes(result) == ["ca4.missing"] * 3


@pytest.mark.parametrize(("role", "field"), [("minor", "mrz"), ("elsewhere", "crossing_point")])
def test_the_platform_itself_refuses_to_admit_the_card_of_a_minor_or_outside_ca4(role, field):
    user = UserFactory()
    attempt = start(user, "ca4_decisions")
    with pytest.raises(ValidationError) as raised:
        _register(user, attempt, role, decision="ADMITTED", refusal_code="", refusal_reason="")
    assert field in raised.value.message_dict
