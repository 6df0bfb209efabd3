"""Demo certificate templates (Spanish and English) and the demo courses' certification rules.

Idempotent: `demo_certificates_load()` creates what is missing and leaves what exists.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.models import Locale

from certificates.models import CertificateTemplate, CourseCertification, TemplateLogo, TemplateSignatory
from courses.demo.loader import demo_course_key
from courses.models import CoursePage
from media.models import CustomImage

IMAGES = Path(__file__).parent
TEMPLATE_NAME = "OCAM · certificado de aprobación"

TEXTS = {
    "es": {
        "title": "Certificado de aprobación",
        "body": (
            "Se certifica que {learner_name} completó y aprobó el curso «{course}» "
            "({hours} horas) el {completion_date}.\n\n"
            "Competencias demostradas: {competencies}.\n\n"
            "Válido hasta el {expiry_date}. Código de verificación: {code}."
        ),
        "signatory_title": "Coordinación regional de formación, OCAM",
        "logo_alt": "Sello de la OCAM",
    },
    "en": {
        "title": "Certificate of completion",
        "body": (
            "This certifies that {learner_name} completed and passed the course “{course}” "
            "({hours} hours) on {completion_date}.\n\n"
            "Competencies shown: {competencies}.\n\n"
            "Valid until {expiry_date}. Verification code: {code}."
        ),
        "signatory_title": "Regional training coordination, OCAM",
        "logo_alt": "OCAM seal",
    },
}

COMPETENCIES = {  # (Spanish, English)
    "border-entries": (
        "Registrar una entrada y una salida\nVerificar la zona MRZ de un pasaporte",
        "Registering an entry and an exit\nChecking a passport's MRZ",
    ),
    "migratory-alerts": ("Consultar y atender una alerta migratoria", "Checking and handling a migratory alert"),
    "cross-country-consultation": (
        "Consultar registros de otro país con justificación",
        "Consulting another country's records with a justification",
    ),
    "migration-statistics": (
        "Revisar la calidad de las estadísticas mensuales",
        "Reviewing the quality of monthly statistics",
    ),
}


def _image(name: str, title: str) -> CustomImage:
    image = CustomImage.objects.filter(title=title).first()
    if image is None:
        with (IMAGES / name).open("rb") as handle:
            image = CustomImage(title=title, credit="OCAM demo")
            image.file = ImageFile(handle, name=name)
            image.save()
    return image


def _template(language: str, translation_of: CertificateTemplate | None) -> CertificateTemplate:
    locale = Locale.objects.get(language_code=language)
    if translation_of is not None:
        existing = translation_of.get_translation_or_none(locale)
        if existing is not None:
            return existing
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
    ).first() or _template(settings.LANGUAGE_CODE, None)
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
        CourseCertification.objects.create(
            course=course, template=original, competencies_es=competencies[0], competencies_en=competencies[1]
        )
        created += 1
    return created
