"""Evidence on certificates (issue 18, D11): the exercises passed are frozen at issuance, printed,
shown on the verification page, carried by the badge and bound by the payload's digest; nothing
is claimed without them."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import pytest
from django.db.models import JSONField, Value
from django.utils import timezone, translation

from certificates.badges import badge_verify
from certificates.models import Certificate, CertificationCompetency, CourseCertification
from certificates.models.certificate import EventKind, PublicStatus
from certificates.models.storage import private_storage
from certificates.services.issuance import IssueFailed, certificate_issue
from certificates.signing.evidence import evidence_digest
from certificates.signing.payload import LEGACY_PREFIX, payload_sign, payload_verify
from courses.models import CoursePage, Enrolment, EnrolmentSource, LessonPage
from courses.selectors.exercises import exercise_key
from courses.services import activity_result_record, enrolment_create
from foundation.pdf.reading import pdf_text
from people.roles import Role
from sandbox.exercises import exercise_type
from sandbox.exercises.engine import exercise_check, exercise_restart
from sandbox.models import ExerciseAttempt
from tests.certificates import factories
from tests.certificates.visitors import url, verifier
from tests.conftest import client_for
from tests.courses import factories as course_factories
from tests.people.factories import person
from tests.sandbox.exercises.helpers import register, start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spanish_by_default")]

ENTRY = "entry_registration"
BODIES = {
    "es": "Se certifica que {learner_name} completó el curso «{course}» el {completion_date}.\n\n"
    "Competencias demostradas: {competencies}.\n\nCódigo: {code}.",
    "en": "This certifies that {learner_name} completed the course “{course}” on {completion_date}.\n\n"
    "Competencies shown: {competencies}.\n\nCode: {code}.",
}


def stored(stream: list[dict]) -> Value:
    return Value(stream, output_field=JSONField())


def exercise_block(title: str) -> dict:
    value = {
        "title": title,
        "exercise_type": ENTRY,
        "instructions": "",
        "crossing_point": "",
        "month": "",
        "travellers": None,
        "difficulty": "",
        "pass_mark": 100,
        "max_attempts": None,
    }
    return {"type": "exercise", "value": value, "id": str(uuid.uuid4())}


@pytest.fixture
def exercise_course():
    """A course of one lesson holding two entry exercises, completed when both are passed."""
    built = course_factories.course(modules=1, lessons_per_module=1, title="Registro de entradas")
    lesson = built.lessons[0]
    blocks = [exercise_block("Una entrada en Peñas Blancas"), exercise_block("Una entrada en Guasaule")]
    LessonPage.objects.filter(pk=lesson.pk).update(body=stored([*lesson.body.raw_data, *blocks]))
    rules = [{"type": "lessons_completed", "value": None}, {"type": "exercises_passed", "value": None}]
    CoursePage.objects.filter(pk=built.page.pk).update(completion_rules=stored(rules))
    built.page = CoursePage.objects.get(pk=built.page.pk)
    built.lessons[0] = LessonPage.objects.get(pk=lesson.pk)
    return built, [block["id"] for block in blocks]


@pytest.fixture
def rule(exercise_course):
    """The course's rule: one competency its entry exercises prove, one another type would."""
    built, _ids = exercise_course
    template = factories.certificate_template(body=BODIES["es"])
    factories.certificate_template(language="en", translation_of=template, body=BODIES["en"])
    certification = CourseCertification.objects.create(course=built.page, template=template)
    CertificationCompetency.objects.create(
        rule=certification,
        sort_order=0,
        exercise_type=ENTRY,
        text_es="Registrar una entrada desde la zona MRZ",
        text_en="Registering an entry from the MRZ",
    )
    CertificationCompetency.objects.create(
        rule=certification,
        sort_order=1,
        exercise_type="hit_adjudication",
        text_es="Resolver coincidencias de alertas",
        text_en="Adjudicating alert hits",
    )
    return certification


def correct_entry(user, attempt) -> None:
    expected = attempt.expected
    register(
        user,
        attempt,
        mrz=attempt.brief["mrz"],
        crossing_point=expected["crossing_point"],
        purpose=expected["purpose"],
        authorised_stay_days=expected["authorised_stay_days"],
    )


def graded(enrolment: Enrolment, built, block_id: str, attempt: ExerciseAttempt) -> ExerciseAttempt:
    """Check the attempt in the engine and record its result in the course, as the lesson's exercise does."""
    outcome = exercise_check(user=enrolment.learner, token=attempt.token)
    activity_result_record(
        enrolment=Enrolment.objects.get(pk=enrolment.pk),
        course=built.page,
        lesson_key=built.lessons[0].translation_key,
        block_id=block_id,
        kind="exercise",
        score=Decimal(outcome.check.score),
        pass_mark=attempt.pass_mark,
    )
    return ExerciseAttempt.objects.get(pk=attempt.pk)


def pass_both(learner, built, ids, django_capture_on_commit_callbacks) -> tuple[ExerciseAttempt, ExerciseAttempt]:
    """The first exercise passed at once, the second at the second attempt; the course completes."""
    lesson_key = built.lessons[0].translation_key
    enrolment = enrolment_create(learner=learner, course=built.page, source=EnrolmentSource.TRAINER)
    with django_capture_on_commit_callbacks(execute=True):
        first = start(learner, ENTRY, key=exercise_key(lesson_key, ids[0]))
        correct_entry(learner, first)
        first = graded(enrolment, built, ids[0], first)
        failed = start(learner, ENTRY, key=exercise_key(lesson_key, ids[1]))
        graded(enrolment, built, ids[1], failed)  # nothing registered: 0
        second = exercise_restart(user=learner, token=failed.token)
        correct_entry(learner, second)
        second = graded(enrolment, built, ids[1], second)
    return first, second


def words(data: bytes) -> str:
    return " ".join(pdf_text(data).split())


def expected_evidence(built, ids, attempts, language) -> list[dict]:
    with translation.override(language):
        type_title = str(exercise_type(ENTRY).title)
    titles = ["Una entrada en Peñas Blancas", "Una entrada en Guasaule"]
    return [
        {
            "key": exercise_key(built.lessons[0].translation_key, block_id),
            "type": ENTRY,
            "type_title": type_title,
            "title": title,
            "score": attempt.best_score,
            "passed_on": timezone.localdate(attempt.passed_at).isoformat(),
            "attempts": attempt.number,
        }
        for block_id, title, attempt in zip(ids, titles, attempts, strict=True)
    ]


@pytest.fixture
def english_learner():
    return person(role=Role.LEARNER, preferred_language="en", full_name="Ana Lucía Pérez Núñez")


@pytest.fixture
def issued(english_learner, exercise_course, rule, task_calls, django_capture_on_commit_callbacks):
    """An English learner's certificate, issued when passing the course's exercises completed it."""
    built, ids = exercise_course
    attempts = pass_both(english_learner, built, ids, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(learner=english_learner)
    return certificate, expected_evidence(built, ids, attempts, "en")


# ---------------------------------------------------------------- frozen at issuance


def test_the_certificate_freezes_the_exercises_passed_as_the_attempts_state_them(issued):
    certificate, expected = issued
    assert certificate.is_issued
    assert [entry["attempts"] for entry in expected] == [1, 2]
    assert [entry["score"] for entry in expected] == [100, 100]
    assert certificate.evidence == expected


def test_the_payload_is_version_2_and_binds_the_digest_of_the_evidence(issued):
    certificate, expected = issued
    assert certificate.payload.startswith("OCAM2.")
    assert payload_verify(certificate.payload)["ev"] == evidence_digest(expected)


def test_the_pdf_lists_the_exercises_and_only_the_competencies_they_prove(issued):
    certificate, _expected = issued
    text = words(certificate.pdf.read())
    assert "Practical exercises passed in the training sandbox" in text
    for shown in ("Una entrada en Peñas Blancas", "Una entrada en Guasaule", "100%", "Attempts"):
        assert shown in text
    assert "Competencies shown: Registering an entry from the MRZ." in text
    assert "Adjudicating alert hits" not in text


def test_the_spanish_certificate_lists_them_in_spanish_dates(
    exercise_course, rule, task_calls, django_capture_on_commit_callbacks
):
    built, ids = exercise_course
    learner = person(role=Role.LEARNER, preferred_language="es")
    first, _second = pass_both(learner, built, ids, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(learner=learner)
    text = words(certificate.pdf.read())
    assert certificate.language == "es"
    assert "Registrar una entrada desde la zona MRZ" in text
    assert "Resolver coincidencias" not in text
    with translation.override("es"):
        from certificates.drawing.layout import date_in_full

        assert date_in_full(timezone.localdate(first.passed_at)) in text


def test_the_titles_are_those_of_the_course_in_the_certificates_language(
    english_learner, exercise_course, rule, task_calls, django_capture_on_commit_callbacks
):
    built, ids = exercise_course
    spanish_lesson = built.lessons[0]
    english = course_factories.course(
        modules=1,
        lessons_per_module=1,
        language="en",
        title="Registering entries",
        translation_key=built.page.translation_key,
    )
    english_body = [
        {
            **block,
            "value": {**block["value"], "title": block["value"]["title"].replace("Una entrada en", "An entry at")},
        }
        if block["type"] == "exercise"
        else block
        for block in spanish_lesson.body.raw_data
    ]
    LessonPage.objects.filter(pk=english.lessons[0].pk).update(
        translation_key=spanish_lesson.translation_key, body=stored(english_body)
    )

    pass_both(english_learner, built, ids, django_capture_on_commit_callbacks)

    certificate = Certificate.objects.get(learner=english_learner)
    assert certificate.course_title == "Registering entries"
    assert [entry["title"] for entry in certificate.evidence] == ["An entry at Peñas Blancas", "An entry at Guasaule"]
    assert "An entry at Guasaule" in words(certificate.pdf.read())


def test_drawing_the_pdf_again_keeps_the_frozen_evidence(issued, exercise_course):
    certificate, expected = issued
    built, _ids = exercise_course
    # Since issuance the exercise was renamed; the PDF file is then lost.
    lesson = built.lessons[0]
    body = [
        {**block, "value": {**block["value"], "title": "Otro título"}} if block["type"] == "exercise" else block
        for block in lesson.body.raw_data
    ]
    LessonPage.objects.filter(pk=lesson.pk).update(body=stored(body))
    private_storage.delete(certificate.pdf.name)

    redrawn = certificate_issue(certificate.pk)

    assert redrawn.evidence == expected
    assert redrawn.payload == certificate.payload
    text = words(redrawn.pdf.read())
    assert "Una entrada en Peñas Blancas" in text
    assert "Otro título" not in text


# ---------------------------------------------------------------- nothing claimed without evidence


def test_a_course_without_exercises_claims_no_exercise_and_no_competency(page, task_calls):
    template = factories.certificate_template(body=BODIES["es"])
    factories.certificate_template(language="en", translation_of=template, body=BODIES["en"])
    certification = CourseCertification.objects.create(course=page, template=template)
    CertificationCompetency.objects.create(
        rule=certification, exercise_type=ENTRY, text_es="Registrar una entrada", text_en="Registering an entry"
    )
    english = person(role=Role.LEARNER, preferred_language="en")

    certificate = factories.certificate_issued(learner=english, course=page)

    text = words(certificate.pdf.read())
    assert certificate.evidence == []
    assert payload_verify(certificate.payload)["ev"] == evidence_digest([])
    assert f"completed the course “{page.title}”" in text
    for claim in ("Competenc", "Registering an entry", "exercise", "sandbox"):
        assert claim not in text


def test_exercises_passed_before_the_enrolment_are_no_evidence(learner, exercise_course, rule, task_calls):
    """A pass from an earlier cycle is no evidence for this one (`exercise_evidence` reads this enrolment's)."""
    built, ids = exercise_course
    lesson_key = built.lessons[0].translation_key
    earlier = start(learner, ENTRY, key=exercise_key(lesson_key, ids[0]))
    correct_entry(learner, earlier)
    assert exercise_check(user=learner, token=earlier.token).check.is_passed

    certificate = factories.certificate_issued(learner=learner, course=built.page)

    assert certificate.evidence == []


# ---------------------------------------------------------------- the verification page and the badge


def test_the_verification_page_shows_the_exercises_and_the_record_the_digest_binds(issued):
    certificate, expected = issued

    response = verifier().get(url("verify", certificate.code, "en"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Practical exercises passed in the training sandbox" in html
    assert [row.title for row in response.context["exercises"]] == [entry["title"] for entry in expected]
    assert [row.attempts for row in response.context["exercises"]] == [1, 2]
    assert json.loads(response.context["evidence_json"]) == expected
    assert response.context["evidence_digest"] == payload_verify(certificate.payload)["ev"]
    assert response.context["evidence_digest"] in html


def test_a_certificate_without_exercises_shows_no_exercise_section(certificate):
    response = verifier().get(url("verify", certificate.code, "en"))
    assert response.status_code == 200
    assert "Practical exercises" not in response.content.decode()
    assert response.context["exercises"] == []


def test_the_badge_carries_the_exercises_as_results_and_evidence(issued):
    certificate, expected = issued

    response = client_for(certificate.learner).get(url("badge", certificate.code, "en"))

    credential = json.loads(response.content)
    assert badge_verify(credential) is True
    descriptions = credential["credentialSubject"]["achievement"]["resultDescription"]
    results = credential["credentialSubject"]["result"]
    assert [description["name"] for description in descriptions] == [entry["title"] for entry in expected]
    assert {description["resultType"] for description in descriptions} == {"Percent"}
    assert [result["resultDescription"] for result in results] == [description["id"] for description in descriptions]
    assert [result["value"] for result in results] == ["100", "100"]
    assert [item["name"] for item in credential["evidence"]] == [entry["title"] for entry in expected]
    assert all(item["type"] == ["Evidence"] for item in credential["evidence"])


# ---------------------------------------------------------------- a record changed after signing


def test_evidence_changed_after_signing_is_neither_shown_nor_vouched_for_nor_drawn(issued):
    certificate, expected = issued
    changed = [dict(expected[0], score=100, attempts=1), dict(expected[1], attempts=1)]
    Certificate.objects.filter(pk=certificate.pk).update(evidence=changed)

    page = verifier().get(url("verify", certificate.code, "en"))
    badge = client_for(certificate.learner).get(url("badge", certificate.code, "en"))
    private_storage.delete(certificate.pdf.name)

    assert page.status_code == 200
    assert page.context["evidence_mismatch"] is True
    assert page.context["exercises"] == []
    assert "does not match what this certificate signs" in page.content.decode()
    assert badge.status_code == 404
    with pytest.raises(IssueFailed, match="do not match its signature"):
        certificate_issue(certificate.pk)


# ---------------------------------------------------------------- certificates signed before (OCAM1)


def test_a_certificate_signed_before_evidence_was_bound_still_verifies_redraws_and_states_no_exercise(
    certificate, template
):
    claims = payload_verify(certificate.payload)
    del claims["ev"]
    Certificate.objects.filter(pk=certificate.pk).update(payload=payload_sign(claims, prefix=LEGACY_PREFIX))
    private_storage.delete(certificate.pdf.name)

    page = verifier().get(url("verify", certificate.code, "en"))
    redrawn = certificate_issue(certificate.pk)

    assert page.status_code == 200
    assert page.context["status"] == PublicStatus.VALID
    assert (page.context["evidence_mismatch"], page.context["exercises"]) == (False, [])
    assert redrawn.payload.startswith("OCAM1.")
    assert redrawn.events.filter(kind=EventKind.REDRAWN).exists()
    assert "exercise" not in words(redrawn.pdf.read())
