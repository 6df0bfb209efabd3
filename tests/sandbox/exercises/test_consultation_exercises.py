"""The consultation exercises: #6 (verify a returnee's claimed nationality) and the consultation
refused for lack of a case reference. The partner's record is in the learner's layer but never
in their screens; a consultation finds it; the checks name each mistake in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from sandbox import selectors
from sandbox.consultation import BY_NAME, QueryParameters, query_send
from sandbox.exercises import exercise_type
from sandbox.exercises.base import BuildContext
from sandbox.exercises.engine import exercise_restart
from sandbox.exercises.findings import finding_texts
from sandbox.exercises.solutions import solve
from sandbox.models import CrossBorderQuery, Document, InformationRequest, Person, QueryResult, ReturnEvent
from tests.people.factories import person
from tests.sandbox.exercises.helpers import check, start

pytestmark = pytest.mark.django_db

VERIFY = "consultation_verify_nationality"


def _codes(result) -> list[str]:
    return [finding["code"] for finding in result.findings]


def _texts(result, language: str) -> list[str]:
    with translation.override(language):
        return finding_texts(result.findings)


def _build(slug: str, seed: int = 7):
    kind = exercise_type(slug)
    anchor = dt.datetime(2026, 4, 15, 12, tzinfo=dt.UTC)
    return kind.build(BuildContext(seed=seed, parameters=kind.parameters_clean({}), anchor=anchor))


def _comparable(plan) -> tuple:
    return ([(r.name, r.model.__name__, r.fields) for r in plan.records], plan.brief, plan.expected)


@pytest.mark.parametrize("slug", [VERIFY])
def test_the_builder_is_deterministic(slug):
    assert _comparable(_build(slug)) == _comparable(_build(slug))
    assert _comparable(_build(slug, 8)) != _comparable(_build(slug))


def test_the_partner_is_honduras_and_another_member_for_a_honduran_learner():
    user = person()  # Guatemala
    attempt = start(user, VERIFY)
    assert (attempt.brief["country"], attempt.brief["partner"]) == ("GTM", "HND")
    honduran = person(authority_code="hn-inm")
    other = start(honduran, VERIFY)
    assert other.brief["country"] == "HND"
    assert other.brief["partner"] not in ("HND", "")


def test_the_partners_record_is_not_in_the_learners_screens_but_a_consultation_finds_it():
    user = person()
    attempt = start(user, VERIFY)
    sandbox, brief = attempt.sandbox, attempt.brief
    mine, theirs = attempt.expected["person"], attempt.expected["partner_person"]
    assert Person.objects.layer_of(sandbox).get(uid=theirs).held_by_id == "HND"
    assert list(Person.objects.visible_to(sandbox).filter(uid__in=[mine, theirs]).values_list("uid", flat=True)) == [
        mine
    ]
    assert not Document.objects.visible_to(sandbox).filter(person_uid=theirs).exists()
    assert ReturnEvent.objects.visible_to(sandbox).filter(person_uid=mine, receiving_country_id="GTM").exists()
    found = selectors.person_search(
        sandbox=sandbox, name=brief["surnames"], birth_date=dt.date.fromisoformat(brief["birth_date"])
    )
    assert [found_person.uid for found_person in found] == [mine]
    query = query_send(
        sandbox=sandbox,
        user=user,
        parameters=QueryParameters(
            kind=BY_NAME,
            given_names=brief["given_names"],
            surnames=brief["surnames"],
            birth_date=dt.date.fromisoformat(brief["birth_date"]),
        ),
        countries=["HND"],
        purpose_code="RETURN_VERIFICATION",
        case_reference=brief["case_reference"],
    )
    [result] = QueryResult.objects.visible_to(sandbox).filter(query_uid=query.uid)
    assert (result.outcome, result.record_uid) == ("HIT", theirs)


def test_the_solution_scores_100_and_its_query_carries_the_scenario():
    user = person()
    attempt = start(user, VERIFY)
    solve(user=user, attempt=attempt)
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])
    query = CrossBorderQuery.objects.layer_of(attempt.sandbox).get(requested_by=user)
    assert (query.scenario, query.purpose_code) == (attempt.pk, "RETURN_VERIFICATION")
    request = InformationRequest.objects.layer_of(attempt.sandbox).get()
    assert request.scenario == attempt.pk


def test_a_query_sent_without_the_mark_after_the_start_counts():
    user = person()
    attempt = start(user, VERIFY)
    solve(user=user, attempt=attempt)
    CrossBorderQuery.objects.layer_of(attempt.sandbox).update(scenario=None)
    QueryResult.objects.layer_of(attempt.sandbox).update(scenario=None)
    assert check(user, attempt).score == 100


@pytest.mark.parametrize(
    ("mistake", "codes"),
    [
        ("verify.purpose", {"verify.purpose", "verify.no_hit", "verify.not_enough"}),
        ("verify.no_hit", {"verify.no_hit", "verify.no_request"}),
        ("verify.no_request", {"verify.no_request"}),
        ("verify.too_many", {"verify.too_many"}),
        ("verify.not_enough", {"verify.not_enough"}),
        ("verify.biometrics", {"verify.purpose", "verify.no_hit", "verify.biometrics", "verify.not_enough"}),
    ],
)
def test_each_mistake_is_named_in_both_languages(mistake, codes):
    user = person()
    attempt = start(user, VERIFY)
    solve(user=user, attempt=attempt, mistake=mistake)
    result = check(user, attempt)
    assert set(_codes(result)) >= {mistake}
    assert set(_codes(result)) <= codes
    assert result.score < attempt.pass_mark
    for language in ("en", "es"):
        texts = _texts(result, language)
        assert all(text and "%(" not in text and "{'kind'" not in text for text in texts), texts


def test_too_many_fields_names_them_in_the_readers_language():
    user = person()
    attempt = start(user, VERIFY)
    solve(user=user, attempt=attempt, mistake="verify.too_many")
    result = check(user, attempt)
    [english] = _texts(result, "en")
    assert english == "The request asked for more than the verification needs: Sex, Place of birth (country)."
    [spanish] = _texts(result, "es")
    assert "Sexo" in spanish


def test_biometrics_are_critical():
    user = person()
    attempt = start(user, VERIFY)
    solve(user=user, attempt=attempt, mistake="verify.biometrics")
    result = check(user, attempt)
    assert result.score <= 40
    assert "Photograph (biometric)" in " ".join(_texts(result, "en"))


def test_no_consultation_scores_0():
    user = person()
    attempt = start(user, VERIFY)
    result = check(user, attempt)
    assert (result.score, _codes(result)) == (0, ["verify.no_query"])


def test_restart_removes_the_scenario_with_the_partners_record_and_the_learners_work():
    user = person()
    attempt = start(user, VERIFY)
    solve(user=user, attempt=attempt)
    sandbox = attempt.sandbox
    theirs = attempt.expected["partner_person"]
    exercise_restart(user=user, token=attempt.token)
    for model in (Person, Document, ReturnEvent, CrossBorderQuery, QueryResult, InformationRequest):
        assert not model.objects.layer_of(sandbox).filter(scenario=attempt.pk).exists(), model
    assert not Person.objects.layer_of(sandbox).filter(uid=theirs).exists()
