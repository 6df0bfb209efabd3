"""Demo certificate templates (Spanish and English) and the demo courses' certification rules.

Idempotent: `demo_certificates_load()` creates what is missing and leaves what exists, except a
demo template still holding the text of before issue 18, which claimed that every holder had
passed the course's assessments and printed competencies proved by nothing: its text is
replaced. The texts say only that the course was completed; the paragraph of competencies is
printed only when the learner's exercises prove some (D11), and the exercises passed are listed
by the certificate itself.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.models import Locale

from certificates.models import (
    CertificateTemplate,
    CertificationCompetency,
    CourseCertification,
    TemplateLogo,
    TemplateSignatory,
)
from courses.demo.loader import demo_course_key
from courses.models import CoursePage
from media.models import CustomImage

IMAGES = Path(__file__).parent
TEMPLATE_NAME = "OCAM · certificado de aprobación"

TEXTS = {
    "es": {
        "title": "Certificado de aprobación",
        "body": (
            "Se certifica que {learner_name} completó el curso «{course}» "
            "({hours} horas) el {completion_date}.\n\n"
            "Competencias demostradas en sus ejercicios prácticos: {competencies}.\n\n"
            "Válido hasta el {expiry_date}. Código de verificación: {code}."
        ),
        "signatory_title": "Coordinación regional de formación, OCAM",
        "logo_alt": "Sello de la OCAM",
    },
    "en": {
        "title": "Certificate of completion",
        "body": (
            "This certifies that {learner_name} completed the course “{course}” "
            "({hours} hours) on {completion_date}.\n\n"
            "Competencies shown in its practical exercises: {competencies}.\n\n"
            "Valid until {expiry_date}. Verification code: {code}."
        ),
        "signatory_title": "Regional training coordination, OCAM",
        "logo_alt": "OCAM seal",
    },
}

# The demo templates' bodies before issue 18, replaced where a demo database still holds them.
LEGACY_BODIES = {
    "es": (
        "Se certifica que {learner_name} completó y aprobó el curso «{course}» "
        "({hours} horas) el {completion_date}.\n\n"
        "Competencias demostradas: {competencies}.\n\n"
        "Válido hasta el {expiry_date}. Código de verificación: {code}."
    ),
    "en": (
        "This certifies that {learner_name} completed and passed the course “{course}” "
        "({hours} hours) on {completion_date}.\n\n"
        "Competencies shown: {competencies}.\n\n"
        "Valid until {expiry_date}. Verification code: {code}."
    ),
}

# Each demo course's rule, with its competencies: (exercise type that proves it, Spanish, English).
# A course whose exercise types the engine does not offer yet claims no competency.
COMPETENCIES: dict[str, list[tuple[str, str, str]]] = {
    "border-entries": [
        (
            "mrz_triage",
            "Revisar zonas MRZ escaneadas: aceptar, corregir o rechazar cada una",
            "Triaging scanned MRZs: accepting, correcting or rejecting each",
        ),
        (
            "ca4_decisions",
            "Aplicar las reglas del CA-4 a documentos de identidad y personas menores de edad",
            "Applying the CA-4 rules to identity cards and minors",
        ),
        (
            "entry_registration",
            "Registrar una entrada a partir de la zona MRZ del pasaporte",
            "Registering an entry from the passport's MRZ",
        ),
        (
            "exit_closure",
            "Registrar una salida que cierra la entrada correcta y señalar una permanencia excedida",
            "Registering a departure that closes the right entry, and flagging an overstay",
        ),
    ],
    "migratory-alerts": [],
    "cross-country-consultation": [],
    "migration-statistics": [
        (
            "peak_planning",
            "Calcular el promedio y el pico diario de salidas de un puesto a partir de las estadísticas",
            "Working out a post's average and peak daily exits from the statistics",
        ),
    ],
}


def _image(name: str, title: str) -> CustomImage:
    image = CustomImage.objects.filter(title=title).first()
    if image is None:
        with (IMAGES / name).open("rb") as handle:
            image = CustomImage(title=title, credit="OCAM demo")
            image.file = ImageFile(handle, name=name)
            image.save()
    return image


def _text_mended(template: CertificateTemplate, language: str) -> CertificateTemplate:
    """The template, its body replaced if it is still the demo's text of before issue 18."""
    if template.body == LEGACY_BODIES[language]:
        template.body = TEXTS[language]["body"]
        template.save(update_fields=["body"])
    return template


def _template(language: str, translation_of: CertificateTemplate | None) -> CertificateTemplate:
    locale = Locale.objects.get(language_code=language)
    if translation_of is not None:
        existing = translation_of.get_translation_or_none(locale)
        if existing is not None:
            return _text_mended(existing, language)
    texts = TEXTS[language]
    template = CertificateTemplate(
        name=TEMPLATE_NAME,
        locale=locale,
        title=texts["title"],
        body=texts["body"],
        is_default=True,
    )
    if translation_of is not None:
        template.translation_key = translation_of.translation_key
    template.save()
    TemplateLogo.objects.create(
        template=template, image=_image("ocam-seal.svg", "demo/ocam-seal.svg"), alt=texts["logo_alt"]
    )
    TemplateSignatory.objects.create(
        template=template,
        name="Ana Lucía Rodríguez",
        title=texts["signatory_title"],
        signature=_image("signature.svg", "demo/signature.svg"),
    )
    return template


@transaction.atomic
def demo_certificates_load() -> int:
    """The bilingual default template and a certification rule for each demo course; returns rules created."""
    original = CertificateTemplate.objects.filter(
        name=TEMPLATE_NAME, locale__language_code=settings.LANGUAGE_CODE
    ).first()
    original = _text_mended(original, settings.LANGUAGE_CODE) if original else _template(settings.LANGUAGE_CODE, None)
    for language, _name in settings.LANGUAGES:
        if language != settings.LANGUAGE_CODE:
            _template(language, original)
    created = 0
    for key, competencies in COMPETENCIES.items():
        course = CoursePage.objects.filter(
            translation_key=demo_course_key(key), locale__language_code=settings.LANGUAGE_CODE
        ).first()
        if course is None or CourseCertification.objects.filter(course=course).exists():
            continue
        rule = CourseCertification.objects.create(course=course, template=original)
        CertificationCompetency.objects.bulk_create(
            CertificationCompetency(rule=rule, sort_order=order, exercise_type=slug, text_es=spanish, text_en=english)
            for order, (slug, spanish, english) in enumerate(competencies)
        )
        created += 1
    return created
