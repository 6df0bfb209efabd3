"""The consultation exercises: #6 (verify a returnee's claimed nationality) and the consultation
refused for lack of a case reference. The partner's record is in the learner's layer but never
in their screens; a consultation finds it; the checks name each mistake in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sandbox import selectors
from sandbox.consultation import BY_NAME, QueryParameters, query_send
from sandbox.exercises import exercise_type
from sandbox.exercises.base import BuildContext
from sandbox.exercises.engine import exercise_restart
from sandbox.exercises.findings import finding_texts
from sandbox.exercises.solutions import _consult, solve
from sandbox.models import CrossBorderQuery, Document, InformationRequest, Person, QueryResult, ReturnEvent
from sandbox.requests import request_send
from sandbox.views.exercises import workspace_url
from tests.conftest import client_for
from tests.people.factories import person
from tests.sandbox.exercises.helpers import check, start

pytestmark = pytest.mark.django_db

VERIFY = "consultation_verify_nationality"
CASE = "consultation_case_reference"


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


@pytest.mark.parametrize("slug", [VERIFY, CASE])
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


def test_fields_another_purpose_allows_but_verification_does_not_are_named():
    user = person()
    attempt = start(user, VERIFY)
    query = _consult(user, attempt, purpose="INVESTIGATION", case_reference=attempt.brief["case_reference"])
    result = QueryResult.objects.visible_to(attempt.sandbox).get(query_uid=query.uid, country_id="HND")
    request_send(
        sandbox=attempt.sandbox,
        user=user,
        result=result,
        fields=["full_name", "birth_date", "document", "last_movement"],
        justification="Return file: the returnee claims this nationality.",
        scenario=attempt.pk,
    )
    result = check(user, attempt)
    assert "verify.not_allowed" in _codes(result)
    assert "Last movement" in " ".join(_texts(result, "en"))


# The consultation refused for lack of a case reference


def test_the_corrected_consultation_scores_100_whatever_the_case_and_spaces():
    user = person()
    attempt = start(user, CASE)
    assert attempt.brief["case_reference"].startswith("EXP-")
    solve(user=user, attempt=attempt)
    [query] = CrossBorderQuery.objects.layer_of(attempt.sandbox).filter(scenario=attempt.pk)
    assert query.case_reference == query.case_reference.strip() != attempt.brief["case_reference"]
    result = check(user, attempt)
    assert (result.score, result.findings) == (100, [])


def test_the_refused_consultation_alone_leaves_nothing_and_scores_0():
    user = person()
    attempt = start(user, CASE)
    with pytest.raises(ValidationError):
        _consult(user, attempt, purpose="INVESTIGATION", case_reference=" ")
    assert not CrossBorderQuery.objects.layer_of(attempt.sandbox).exists()
    result = check(user, attempt)
    assert (result.score, _codes(result)) == (0, ["case_reference.no_query"])


@pytest.mark.parametrize("mistake", ["case_reference.wrong", "case_reference.purpose"])
def test_each_case_reference_mistake_is_named_in_both_languages(mistake):
    user = person()
    attempt = start(user, CASE)
    solve(user=user, attempt=attempt, mistake=mistake)
    result = check(user, attempt)
    assert _codes(result) == [mistake]
    assert result.score < attempt.pass_mark
    for language in ("en", "es"):
        texts = _texts(result, language)
        assert all(text and "%(" not in text and "{'kind'" not in text for text in texts), texts


def test_another_reference_beside_the_right_one_is_still_named():
    user = person()
    attempt = start(user, CASE)
    _consult(user, attempt, purpose="INVESTIGATION", case_reference="EXP-OTHER")
    _consult(user, attempt, purpose="INVESTIGATION", case_reference=attempt.brief["case_reference"])
    result = check(user, attempt)
    assert _codes(result) == ["case_reference.wrong"]
    with translation.override("en"):
        [text] = finding_texts(result.findings)
    assert "“EXP-OTHER”" in text and attempt.brief["case_reference"] in text


# The screens: the exercise's link, the prefilled form, the scenario's mark


def test_the_exercise_link_prefills_the_form_without_the_case_reference_and_sends_nothing():
    user = person()
    attempt = start(user, CASE)
    url = workspace_url(attempt)
    assert "case_reference" not in url
    client = client_for(user)
    response = client.get("/en" + url)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'value="{attempt.brief["surnames"]}"' in page
    assert f'name="exercise" value="{attempt.token}"' in page
    assert '<option value="INVESTIGATION" selected>' in page
    assert not CrossBorderQuery.objects.layer_of(attempt.sandbox).exists()


def _post(client, attempt, **changes):
    brief = attempt.brief
    data = {
        "kind": "NAME",
        "surnames": brief["surnames"],
        "given_names": brief["given_names"],
        "birth_date": brief["birth_date"],
        "all_countries": "on",
        "purpose": brief.get("purpose", ""),
        "case_reference": "",
        "exercise": str(attempt.token),
        **changes,
    }
    return client.post("/en/sandbox/consultations/new/", data)


def test_the_form_refuses_the_prepared_consultation_then_sends_the_corrected_one_under_the_scenario():
    user = person()
    attempt = start(user, CASE)
    client = client_for(user)
    refused = _post(client, attempt)
    assert refused.status_code == 200
    assert refused.context["form"].errors["case_reference"]
    assert not CrossBorderQuery.objects.layer_of(attempt.sandbox).exists()
    sent = _post(client, attempt, case_reference=attempt.brief["case_reference"])
    assert sent.status_code == 302
    query = CrossBorderQuery.objects.layer_of(attempt.sandbox).get()
    assert query.scenario == attempt.pk
    assert check(user, attempt).score == 100


def test_a_token_not_the_learners_own_is_ignored():
    user = person()
    attempt = start(user, CASE)
    other = person()
    other_attempt = start(other, CASE)
    response = _post(
        client_for(user), attempt, exercise=str(other_attempt.token), case_reference=attempt.brief["case_reference"]
    )
    assert response.status_code == 302
    assert CrossBorderQuery.objects.layer_of(attempt.sandbox).get().scenario is None


def test_a_request_on_a_query_of_the_scenario_belongs_to_it():
    user = person()
    attempt = start(user, VERIFY)
    brief = attempt.brief
    client = client_for(user)
    _post(
        client,
        attempt,
        purpose="RETURN_VERIFICATION",
        case_reference=brief["case_reference"],
    )
    query = CrossBorderQuery.objects.layer_of(attempt.sandbox).get()
    result = QueryResult.objects.visible_to(attempt.sandbox).get(query_uid=query.uid, country_id="HND")
    response = client.post(
        f"/en/sandbox/consultations/{query.uid}/results/{result.uid}/request/",
        {
            "fields": ["full_name", "birth_date", "nationality", "national_id"],
            "justification": "Return file: the returnee claims this nationality.",
        },
    )
    assert response.status_code == 302
    assert InformationRequest.objects.layer_of(attempt.sandbox).get().scenario == attempt.pk
    assert check(user, attempt).score == 100


def test_the_exercise_page_shows_nothing_of_the_partners_record():
    user = person()
    attempt = start(user, VERIFY)
    theirs = Person.objects.layer_of(attempt.sandbox).get(uid=attempt.expected["partner_person"])
    passport = Document.objects.layer_of(attempt.sandbox).get(person_uid=theirs.uid)
    page = client_for(user).get(f"/en/sandbox/exercises/{attempt.token}/").content.decode()
    assert attempt.brief["surnames"] in page
    assert theirs.national_id_number not in page
    assert passport.number not in page


def test_iom_staff_act_for_the_scenarios_country_to_consult():
    user = person(authority_code=None)
    attempt = start(user, VERIFY)
    assert attempt.sandbox.country_id is None
    solve(user=user, attempt=attempt)
    attempt.sandbox.refresh_from_db()
    assert attempt.sandbox.country_id == attempt.brief["country"]
    assert check(user, attempt).score == 100


def test_the_demo_consultation_course_requires_and_passes_both_exercises(learner):
    from courses.demo.loader import demo_curriculum_load
    from courses.models import CoursePage, Enrolment, LessonPage
    from courses.services import enrolment_create, lesson_complete
    from tests.courses.test_demo_curriculum import exercises_done
    from tests.sandbox.statistics_baselines import december_baseline

    december_baseline()
    demo_curriculum_load()
    course = CoursePage.objects.get(locale__language_code="en", slug="cross-country-consultation-and-data-protection")
    assert any(rule.block_type == "exercises_passed" for rule in course.completion_rules)
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    types = [
        child.value["exercise_type"] for lesson in lessons for child in lesson.body if child.block_type == "exercise"
    ]
    assert {VERIFY, CASE} <= set(types)
    enrolment = enrolment_create(learner=learner, course=course)
    # The modules are taken in order: each lesson completed, by passing its exercises when it has some.
    for lesson in lessons:
        exercises_done(Enrolment.objects.get(pk=enrolment.pk), course, lesson)
        if any(child.block_type == "quiz" for child in lesson.body):
            break
        if not any(child.block_type == "exercise" for child in lesson.body):
            lesson_complete(enrolment=enrolment, lesson=lesson, course=course)
