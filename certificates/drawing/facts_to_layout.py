"""Step 1 of 3: from a template and a certificate's facts to the layout the PDF is drawn from.

`CertificateFacts` is what a certificate states (fixed at issue time); `layout_build` fills a
template's title and body with them, in the certificate's language, and adds the QR code
(the verification URL, then '#' and the signed payload, so one scan opens the page and an
offline verifier reads the signature). Next: `layout_to_html` writes the layout as HTML.

Nothing is claimed without evidence (D11): the exercises passed are listed only when the
certificate's evidence holds some, and a paragraph that uses {competencies} is left out when
the evidence proves none (`OPTIONAL_PLACEHOLDERS`), so a course without exercises says only
that it was completed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from certificates.codes import code_display, code_new
from certificates.drawing.layout import CertificateLayout, ExerciseRow, date_in_full, qr_svg_data_uri
from certificates.models import CertificateTemplate
from certificates.models.design import placeholders_fill, placeholders_used

# Placeholders that stand for claims needing evidence: a paragraph using one that is empty is left out.
OPTIONAL_PLACEHOLDERS = frozenset({"competencies"})


@dataclass(frozen=True)
class CertificateFacts:
    code: str
    language: str
    learner_name: str
    course_title: str
    completed_on: date
    issued_on: date
    expires_on: date | None
    hours: Decimal | int | None = None
    # Only those the evidence proves (`certificates.selectors.competencies_proved`).
    competencies: tuple[str, ...] = field(default_factory=tuple)
    # The exercises passed, as frozen in the certificate (`certificates.signing.evidence`).
    evidence: tuple[dict, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return unicodedata.normalize("NFC", " ".join(self.learner_name.split()))


def verification_url(code: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("certificates:verify", args=[code])


def _date(value: date | None, language: str) -> str:
    if value is None:
        return ""
    with translation.override(language):
        return date_in_full(value)


def template_in_language(template: CertificateTemplate, language: str) -> CertificateTemplate:
    """The template's translation in a language, or the template itself."""
    translation_ = CertificateTemplate.objects.filter(
        translation_key=template.translation_key, locale__language_code=language
    ).first()
    return translation_ or template


def _image_url(image) -> str | None:
    return image.file.url if image is not None else None


def _paragraphs(body: str, values: dict[str, str]) -> list[str]:
    """The body's paragraphs filled in, less those whose optional placeholders have nothing to say."""
    paragraphs = []
    for part in (body or "").split("\n\n"):
        if any(name in OPTIONAL_PLACEHOLDERS and not values.get(name) for name in placeholders_used(part)):
            continue
        paragraph = placeholders_fill(part.strip(), values)
        if paragraph:
            paragraphs.append(paragraph)
    return paragraphs


def exercise_rows(evidence: tuple[dict, ...] | list[dict], language: str) -> list[ExerciseRow]:
    """The exercises passed as the certificate lists them, formatted in its language."""
    with translation.override(language):
        return [
            ExerciseRow(
                title=entry["title"],
                type_title=entry["type_title"],
                score=_("%(score)s%%") % {"score": entry["score"]},
                passed_on=date_in_full(date.fromisoformat(entry["passed_on"])),
                attempts=str(entry["attempts"]),
            )
            for entry in evidence
        ]


def layout_build(template: CertificateTemplate, facts: CertificateFacts, *, payload: str = "") -> CertificateLayout:
    language = facts.language
    with translation.override(language):
        hours = "" if facts.hours is None else formats.number_format(facts.hours, decimal_pos=None)
        values = {
            "learner_name": facts.name,
            "course": facts.course_title,
            "completion_date": _date(facts.completed_on, language),
            "hours": hours,
            "competencies": ", ".join(facts.competencies),
            "expiry_date": _date(facts.expires_on, language) or _("no expiry"),
            "code": code_display(facts.code),
            "issuer": settings.CERTIFICATES_ISSUER_NAME,
        }
        url = verification_url(facts.code, language)
        paragraphs = _paragraphs(template.body, values)
        logos = [(_image_url(logo.image), logo.alt) for logo in template.logos.all()] if template.pk else []
        signatories = [
            SimpleNamespace(name=person.name, title=person.title, signature_url=_image_url(person.signature))
            for person in (template.signatories.all() if template.pk else [])
        ]
        return CertificateLayout(
            page_size=template.page_size,
            orientation=template.orientation,
            language=language,
            background_url=_image_url(template.background),
            logos=logos,
            title=placeholders_fill(template.title, values),
            body_paragraphs=paragraphs,
            exercises=exercise_rows(facts.evidence, language),
            learner_name=facts.name,
            course_title=facts.course_title,
            signatories=signatories,
            primary_colour=template.primary_colour,
            text_colour=template.text_colour,
            font_family=template.font_family,
            code_display=code_display(facts.code),
            verification_url=url,
            qr_data_uri=qr_svg_data_uri(f"{url}#{payload}" if payload else url),
            issued_label=_date(facts.issued_on, language),
            expiry_label=_date(facts.expires_on, language),
            issuer_name=settings.CERTIFICATES_ISSUER_NAME,
            labels={
                "code": _("Verification code"),
                "verify": _("Verify at"),
                "issued": _("Issued on"),
                "expires": _("Valid until"),
                "no_expiry": _("No expiry"),
            },
        )


def sample_evidence(language: str, today: date) -> tuple[dict, ...]:
    """Three exercises passed, as a certificate's evidence holds them, for previews."""
    with translation.override(language):
        exercises = (
            (
                "entry_registration",
                _("Register an entry from the traveller's MRZ"),
                _("An entry at Peñas Blancas"),
                100,
                1,
            ),
            (
                "mrz_triage",
                _("Triage scanned machine-readable zones"),
                _("The scanned documents of a morning flight"),
                90,
                2,
            ),
            ("hit_adjudication", _("Adjudicate alert hits"), _("Possible hits at Tocumen airport"), 100, 3),
        )
        return tuple(
            {
                "key": f"sample:{number}",
                "type": slug,
                "type_title": str(type_title),
                "title": str(title),
                "score": score,
                "passed_on": (today - relativedelta(days=7 - 2 * number)).isoformat(),
                "attempts": attempts,
            }
            for number, (slug, type_title, title, score, attempts) in enumerate(exercises)
        )


def sample_facts(language: str) -> CertificateFacts:
    """Sample data for previews: a long two-surname name with accents, and three exercises passed, so
    that overflow shows."""
    today = timezone.localdate()
    with translation.override(language):
        return CertificateFacts(
            code=code_new(),
            language=language,
            learner_name="María José Hernández Núñez de la Peña",
            course_title=_("Registering entries and exits at the border"),
            completed_on=today,
            issued_on=today,
            expires_on=today + relativedelta(years=2),
            hours=Decimal("12.5"),
            competencies=(_("Registering an entry"), _("Checking a migratory alert")),
            evidence=sample_evidence(language, today),
        )
