"""certificates.drawing (layout, HTML and PDF): the fetcher's limits, metadata, names, the shared font configuration."""

from __future__ import annotations

import base64
import dataclasses
import unicodedata
from collections import Counter
from datetime import date
from urllib.parse import unquote

import pytest
from defusedxml import ElementTree
from django.conf import settings

from certificates.codes import code_new
from certificates.drawing.facts_to_layout import CertificateFacts
from certificates.drawing.html_to_pdf import signed_pdf
from certificates.drawing.layout import NAME_MAX_PT, ExerciseRow, SampleSignatory, qr_svg_data_uri, sample_layout
from certificates.drawing.layout_to_html import layout_html
from certificates.drawing.pdf_reading import payload_from_pdf
from certificates.drawing.pipeline import certificate_pdf as template_pdf
from foundation.pdf.reading import page_count, pdf_text
from foundation.pdf.rendering import render_pdf
from tests.certificates import factories
from tests.certificates.pdf_glyphs import glyph_report
from tests.foundation.pdfs import html_page, image_count, write_png

# 120 characters: given names, two surnames with particles, accents and ñ.
LONG_NAME = (
    "María de los Ángeles Guadalupe Concepción Fernanda Begoña Ximena del Rosario "
    "Núñez de la Peña y Castañeda Ibáñez de Olmo"
)
BODY_600 = ("Completó el curso de registro de entradas y salidas en la frontera, con sus ejercicios prácticos. " * 7)[
    :600
]


# The certificate's Noto Sans as the PDF names it (WeasyPrint names a font after its CSS family).
CERTIFICATE_FONT = "OCAM-certificate-Noto-Sans"
# The blocks whose letters (and marks) must print with a font that has them (issue 16, item 8).
SCRIPT_BLOCKS = {
    "latin-extended-a-b": (0x0100, 0x024F),
    "latin-extended-additional": (0x1E00, 0x1EFF),
    "greek": (0x0370, 0x03FF),
    "cyrillic": (0x0400, 0x04FF),
}
# Names of the region's staff and of others they meet: Polish, Vietnamese, Turkish, Czech, Hungarian, Greek, Russian.
STAFF_NAMES = (
    "Łukasz Wójcik",
    "Đặng Thị Hương",
    "Şükrü Çelik",
    "Antonín Dvořák",
    "Őrs Gábor",
    "Γεώργιος Παπαδόπουλος",
    "Юлия Щербакова",
)


def letters_of(first: int, last: int) -> str:
    """Every letter and mark of a block, one apart (a mark after a space stands alone)."""
    return " ".join(chr(code) for code in range(first, last + 1) if unicodedata.category(chr(code))[0] in "LM")


def certificate_pdf(layout) -> bytes:
    return render_pdf(layout_html(layout))


def test_payload_round_trips_through_the_pdf_metadata():
    payload = "v1.eyJjb2RlIjoiN0syTTlRWFA0VE5IIn0.c2lnbmF0dXJl(a)\\b"
    data = signed_pdf(html_page("<p>Certificado</p>"), payload=payload)
    assert payload_from_pdf(data) == payload


def test_payload_from_pdf_is_none_without_a_payload():
    assert payload_from_pdf(render_pdf(html_page("<p>Certificado</p>"))) is None


@pytest.mark.parametrize(
    "given, expected",
    [
        ("José María Núñez Peña", "José María Núñez Peña"),
        (unicodedata.normalize("NFD", "José María Núñez Peña"), "José María Núñez Peña"),
        ("Ñandú Muñoz", "Ñandú Muñoz"),
    ],
)
def test_a_name_renders_exactly_on_one_page(given, expected):
    data = certificate_pdf(sample_layout("es", learner_name=given))
    assert page_count(data) == 1
    assert expected in pdf_text(data)


def test_a_name_that_can_fit_one_line_is_shrunk_onto_one_line():
    name = "Francisco Javier Hernández de la Santísima Trinidad Muñoz"
    layout = sample_layout("es", learner_name=name)
    assert layout.name_size < NAME_MAX_PT
    assert name in pdf_text(certificate_pdf(layout)).splitlines()


@pytest.mark.parametrize("page_size", ["A4", "letter"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_a_120_character_name_and_a_600_character_body_fit_one_page(page_size, orientation):
    assert len(LONG_NAME) == 120
    layout = dataclasses.replace(
        sample_layout("es", learner_name=LONG_NAME, body_paragraphs=[BODY_600[:300], BODY_600[300:]]),
        page_size=page_size,
        orientation=orientation,
    )
    data = certificate_pdf(layout)
    assert page_count(data) == 1
    # The name may wrap onto a second line at the smallest size: compare it word by word.
    assert LONG_NAME in " ".join(pdf_text(data).split())


@pytest.mark.parametrize("page_size", ["A4", "letter"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_twelve_exercises_passed_and_a_120_character_name_fit_one_page(page_size, orientation):
    row = ExerciseRow(
        title="Los documentos escaneados de un vuelo de la mañana en Tocumen",
        type_title="Registrar una entrada a partir de la zona MRZ del viajero",
        score="100 %",
        passed_on="30 de noviembre de 2026",
        attempts="3",
    )
    layout = dataclasses.replace(
        sample_layout("es", learner_name=LONG_NAME, exercises=[row] * 12), page_size=page_size, orientation=orientation
    )
    data = certificate_pdf(layout)
    assert page_count(data) == 1
    assert " ".join(pdf_text(data).split()).count("Los documentos escaneados de un vuelo de la mañana en Tocumen") == 12


@pytest.mark.parametrize("page_size", ["A4", "letter"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_four_exercises_under_a_600_character_body_fit_one_page(page_size, orientation):
    """The demo's border course: four exercises below a body that prints the four competencies
    they prove. The table used to spill onto a second page (the density counted exercises only)."""
    row = ExerciseRow(
        title="Práctica: registrar una entrada en Peñas Blancas",
        type_title="Registrar una salida: cerrar la entrada correcta, señalar una permanencia excedida",
        score="100 %",
        passed_on="7 de diciembre de 2026",
        attempts="2",
    )
    layout = dataclasses.replace(
        sample_layout(
            "es", learner_name=LONG_NAME, body_paragraphs=[BODY_600[:300], BODY_600[300:]], exercises=[row] * 4
        ),
        page_size=page_size,
        orientation=orientation,
    )
    assert page_count(certificate_pdf(layout)) == 1


def test_a_body_too_long_for_the_page_takes_a_second_page():
    layout = sample_layout("es", learner_name=LONG_NAME, body_paragraphs=[BODY_600] * 5)
    assert page_count(certificate_pdf(layout)) == 2


def test_the_certificate_draws_its_background_logo_and_signature_from_media():
    folder = settings.MEDIA_ROOT / "certificates"
    write_png(folder / "background.png", (245, 240, 225))
    write_png(folder / "logo.png", (200, 30, 30))
    write_png(folder / "signature.png", (20, 20, 20))
    layout = dataclasses.replace(
        sample_layout("en"),
        background_url="/media/certificates/background.png",
        logos=[("/media/certificates/logo.png", "IOM")],
        signatories=[SampleSignatory("Ana Lucía Rodríguez", "Coordinator", "/media/certificates/signature.png")],
    )
    data = certificate_pdf(layout)
    assert page_count(data) == 1
    assert image_count(data) == 3


def test_the_same_certificate_renders_to_the_same_bytes():
    html = layout_html(sample_layout("en"))
    assert signed_pdf(html, payload="p") == signed_pdf(html, payload="p")


def test_qr_svg_data_uri_decodes_to_svg():
    uri = qr_svg_data_uri("https://lms.example.org/certificates/verify/7K2M9QXP4TNH/#v1.payload")
    header, _, content = uri.partition(",")
    assert header.startswith("data:image/svg+xml")
    text = base64.b64decode(content).decode() if header.endswith(";base64") else unquote(content)
    assert ElementTree.fromstring(text).tag == "{http://www.w3.org/2000/svg}svg"


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("block", SCRIPT_BLOCKS)
def test_every_letter_of_the_block_is_drawn_by_an_embedded_font_that_has_it(block, language):
    letters = letters_of(*SCRIPT_BLOCKS[block])
    # The name in bold, and again in the body's sentence in the regular face.
    data = certificate_pdf(sample_layout(language, learner_name=letters))

    report = glyph_report(data)

    assert report.problems == []
    # The name is normalised to NFC, the sentence is not: U+0374 is drawn once as itself and once as U+02B9.
    drawn = Counter()
    for character, times in report.drawn.items():
        drawn[unicodedata.normalize("NFC", character)] += times
    expected = set(unicodedata.normalize("NFC", letters)) - {" "}
    assert {character for character in expected if drawn[character] < 2} == set()
    assert all(name.startswith(CERTIFICATE_FONT) for name in report.fonts), report.fonts


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "en"])
def test_staff_names_print_with_their_own_letters_in_the_name_and_the_body(language):
    template = factories.certificate_template(language=language)
    names = " · ".join(STAFF_NAMES)
    facts = CertificateFacts(
        code=code_new(),
        language=language,
        learner_name=names,
        course_title="Consulta entre países",
        completed_on=date(2026, 11, 30),
        issued_on=date(2026, 11, 30),
        expires_on=date(2028, 11, 30),
    )

    data = template_pdf(template, facts, payload="p")

    report = glyph_report(data)
    text = " ".join(pdf_text(data).split())
    assert report.problems == []
    assert {name: text.count(name) for name in STAFF_NAMES} == dict.fromkeys(STAFF_NAMES, 2)
    assert {CERTIFICATE_FONT, f"{CERTIFICATE_FONT}-Bold"} <= report.fonts


def test_a_document_declaring_other_noto_sans_files_leaves_the_certificates_glyphs_alone():
    # Another document (a tracking report) declares "Noto Sans" with the Latin-only subset files,
    # in the process's one font configuration, before the certificate is drawn.
    faces = "".join(
        f'@font-face {{ font-family: "Noto Sans"; font-weight: {weight}; src: url("/static/fonts/noto-sans/{name}"); }}'
        for weight, name in ((400, "noto-sans-latin-400-normal.woff2"), (700, "noto-sans-latin-700-normal.woff2"))
    )
    render_pdf(html_page("<p>Informe <b>Łukasz</b></p>", faces + 'body { font-family: "Noto Sans"; }'))

    report = glyph_report(certificate_pdf(sample_layout("es", learner_name="Łukasz Wójcik")))

    assert report.problems == []
    assert report.drawn["Ł"] == 2
    assert report.fonts == {CERTIFICATE_FONT, f"{CERTIFICATE_FONT}-Bold"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "issued", "expires"),
    [("en", "December 7, 2026", "December 7, 2028"), ("es", "7 de diciembre de 2026", "7 de diciembre de 2028")],
)
def test_the_certificate_writes_its_dates_in_full(language, issued, expires):
    template = factories.certificate_template(language=language)
    facts = CertificateFacts(
        code=code_new(),
        language=language,
        learner_name="Ana Lucía Pérez Núñez",
        course_title="Consulta entre países",
        completed_on=date(2026, 12, 7),
        issued_on=date(2026, 12, 7),
        expires_on=date(2028, 12, 7),
    )

    text = " ".join(pdf_text(template_pdf(template, facts, payload="p")).split())

    # The completion date and the expiry date in the body, the issue and expiry dates in the footer.
    assert (text.count(issued), text.count(expires)) == (2, 2), text
    assert "Dec." not in text
