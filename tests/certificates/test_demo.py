"""The demo's certificate templates claim the completion only; competencies only with evidence (D11)."""

from __future__ import annotations

from datetime import date

import pytest

from certificates.codes import code_new
from certificates.demo.loader import LEGACY_BODIES, TEMPLATE_NAME, demo_certificates_load
from certificates.drawing.facts_to_layout import CertificateFacts, layout_build, sample_evidence
from certificates.models import CertificateTemplate

pytestmark = pytest.mark.django_db

COMPETENCY = {"es": "Registrar una entrada", "en": "Registering an entry"}


def facts(language: str, *, with_evidence: bool) -> CertificateFacts:
    day = date(2026, 12, 7)
    return CertificateFacts(
        code=code_new(),
        language=language,
        learner_name="Ana Lucía Pérez Núñez",
        course_title="Registro de entradas",
        completed_on=day,
        issued_on=day,
        expires_on=None,
        hours=12,
        competencies=(COMPETENCY[language],) if with_evidence else (),
        evidence=sample_evidence(language, day) if with_evidence else (),
    )


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_demo_certificate_without_evidence_says_only_that_the_course_was_completed(language):
    demo_certificates_load()
    template = CertificateTemplate.objects.get(name=TEMPLATE_NAME, locale__language_code=language)

    bare = layout_build(template, facts(language, with_evidence=False))
    proved = layout_build(template, facts(language, with_evidence=True))

    text = " ".join(bare.body_paragraphs)
    assert ("completó el curso" if language == "es" else "completed the course") in text
    for claim in ("Competenc", "aprobó", "passed", "práctic", "practical"):
        assert claim not in text
    assert bare.exercises == []
    assert COMPETENCY[language] in " ".join(proved.body_paragraphs)
    assert len(proved.exercises) == 3


def test_a_demo_template_still_holding_the_text_of_before_is_mended_and_others_are_left_alone():
    demo_certificates_load()
    spanish = CertificateTemplate.objects.get(name=TEMPLATE_NAME, locale__language_code="es")
    english = CertificateTemplate.objects.get(name=TEMPLATE_NAME, locale__language_code="en")
    CertificateTemplate.objects.filter(pk=spanish.pk).update(body=LEGACY_BODIES["es"])
    CertificateTemplate.objects.filter(pk=english.pk).update(body="A trainer's own text: {learner_name}.")

    demo_certificates_load()

    spanish.refresh_from_db()
    english.refresh_from_db()
    assert "aprobó" not in spanish.body
    assert english.body == "A trainer's own text: {learner_name}."
