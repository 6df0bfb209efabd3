"""What a certificate's PDF is drawn from: `CertificateLayout`, and sample data for previews.

Step 1 (`facts_to_layout`) makes a layout; step 2 (`layout_to_html`) writes it as HTML.

The layout holds plain values only (no models): text already filled in and translated, URLs of
static or media files, colours. It checks every value that reaches the template's CSS
(colours, page size, orientation, font), normalises the learner's name to NFC so that it is
drawn and extracted exactly as typed, and chooses font sizes from the text's length so that
a long name stays on one line where it can and the certificate on one page.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils import formats, translation
from django.utils.translation import gettext as _

HEX_COLOUR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Portrait width and height of each page size, in millimetres.
PAGE_SIZES_MM = {"A4": (210.0, 297.0), "letter": (215.9, 279.4)}
ORIENTATIONS = ("landscape", "portrait")
# From the page's edge to the frame, and from the frame to the text, in millimetres.
PAGE_MARGIN_MM = 8.0
FRAME_WIDTH_PT = 1.5
FRAME_PADDING_MM = 10.0
POINTS_PER_MM = 72 / 25.4
# The room for the footer's verification block (code, address, dates, issuer, QR code), which the
# signatures stand beside in landscape and above in portrait (SIGNATURES_HEIGHT_MM more).
FOOTER_HEIGHT_MM = 46.0
SIGNATURES_HEIGHT_MM = 32.0
VERIFICATION_WIDTH_MM = 95.0
SIGNATORY_MAX_WIDTH_MM = 58.0
SIGNATORY_GAP_MM = 4.0
# How many characters of body text an exercise's row counts as, when the body's size is chosen.
EXERCISE_ROW_WEIGHT = 90
# From this many exercises on, the certificate tightens its spacing (smaller logos, closer
# headings) so that a dozen of them stay on the page.
DENSE_EXERCISES = 5
# ...and from this many characters of body and exercise rows on (a long body above a few exercises).
DENSE_TEXT = 600


@dataclass(frozen=True)
class FontFace:
    """One @font-face of a vendored font: a static file, its weight and style."""

    static_path: str
    weight: int
    style: str


# The vendored fonts (lms/static/fonts/), by the name a template chooses. Each face is one whole
# font file, never subsets split by unicode-range: WeasyPrint embeds the faces of one family,
# weight and style as a single PDF font, so a second file's glyphs would be drawn with the first
# file's outlines (a stray glyph for "Ł"). Noto Sans covers Latin with its extensions (Vietnamese
# too), Greek and Cyrillic; it lacks the Coptic letters of the Greek block (U+03E2-03EF), which
# FALLBACK_FONTS supplies as a family of its own.
FONTS: dict[str, tuple[FontFace, ...]] = {
    "Noto Sans": (
        FontFace("fonts/noto-sans/noto-sans-all-400-normal.woff2", 400, "normal"),
        FontFace("fonts/noto-sans/noto-sans-all-400-italic.woff2", 400, "italic"),
        FontFace("fonts/noto-sans/noto-sans-all-700-normal.woff2", 700, "normal"),
    ),
}
FALLBACK_FONTS: dict[str, tuple[FontFace, ...]] = {
    "Noto Sans Coptic": (FontFace("fonts/noto-sans-coptic/noto-sans-coptic-400-normal.woff2", 400, "normal"),),
}
# The certificate declares its fonts under family names no other document uses: every render of
# the process shares one Fontconfig configuration (foundation.pdf.rendering), where WeasyPrint registers
# a face under its CSS family and under the family named inside the file. A report declaring
# "Noto Sans" with the Latin-only files would otherwise answer for the certificate's "Noto Sans"
# as well, and bring back the mixed-up glyphs above.
CSS_FAMILY_PREFIX = "OCAM certificate "

# The learner's name: as large as NAME_MAX_PT, smaller as it grows so that it fits one line, never
# below NAME_MIN_PT (a longer name then wraps); NAME_FIT leaves room for kerning and rounding.
NAME_MAX_PT = 32.0
NAME_MIN_PT = 14.0
NAME_FIT = 0.94
# An em fraction for characters the name's font does not cover (a fallback font draws them).
FALLBACK_ADVANCE_EM = 0.65


class Signatory(Protocol):
    name: str
    title: str
    signature_url: str | None


@dataclass(frozen=True)
class SampleSignatory:
    name: str
    title: str
    signature_url: str | None = None


@dataclass(frozen=True)
class ExerciseRow:
    """One exercise passed, as the certificate lists it: every value already formatted."""

    title: str
    type_title: str
    score: str
    passed_on: str
    attempts: str


@dataclass(frozen=True)
class CertificateLayout:
    """Everything the certificate's template shows; texts already filled in, translated and formatted."""

    page_size: str  # "A4" or "letter"
    orientation: str  # "landscape" or "portrait"
    language: str  # "es" or "en"
    title: str
    learner_name: str
    course_title: str
    code_display: str
    verification_url: str
    qr_data_uri: str
    issued_label: str
    expiry_label: str  # "" when the certificate does not expire
    issuer_name: str
    background_url: str | None = None
    logos: list[tuple[str, str]] = field(default_factory=list)  # (url, alternative text)
    body_paragraphs: list[str] = field(default_factory=list)  # plain text, escaped by the template
    signatories: list[Signatory] = field(default_factory=list)
    # The exercises passed (the certificate's evidence); none: the section is not drawn.
    exercises: list[ExerciseRow] = field(default_factory=list)
    primary_colour: str = "#1F4E79"
    text_colour: str = "#1A1A1A"
    font_family: str = "Noto Sans"
    # Small translated labels: "code", "verify", "issued", "expires", "no_expiry" and the exercises
    # section's (default_labels() fills gaps).
    labels: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.page_size not in PAGE_SIZES_MM:
            raise ValueError(f"Unknown page size {self.page_size!r}.")
        if self.orientation not in ORIENTATIONS:
            raise ValueError(f"Unknown orientation {self.orientation!r}.")
        if self.language not in dict(settings.LANGUAGES):
            raise ValueError(f"Unknown language {self.language!r}.")
        if self.font_family not in FONTS:
            raise ValueError(f"{self.font_family!r} is not a vendored font.")
        for colour in (self.primary_colour, self.text_colour):
            if not HEX_COLOUR_RE.match(colour or ""):
                raise ValueError(f"{colour!r} is not a colour written #RRGGBB.")
        object.__setattr__(self, "learner_name", unicodedata.normalize("NFC", self.learner_name.strip()))

    @property
    def page_width_mm(self) -> float:
        short, long = PAGE_SIZES_MM[self.page_size]
        return long if self.orientation == "landscape" else short

    @property
    def page_height_mm(self) -> float:
        short, long = PAGE_SIZES_MM[self.page_size]
        return short if self.orientation == "landscape" else long

    @property
    def text_width_pt(self) -> float:
        """The width of the text inside the frame."""
        return (self.page_width_mm - 2 * self.inset_mm) * POINTS_PER_MM

    @property
    def footer_height_mm(self) -> float:
        """The room kept under the text for the footer: signatures beside the verification block, or above it."""
        return FOOTER_HEIGHT_MM if self.orientation == "landscape" else FOOTER_HEIGHT_MM + SIGNATURES_HEIGHT_MM

    @property
    def inset_mm(self) -> float:
        """From the page's edge to the text: margin, frame and padding."""
        return round(PAGE_MARGIN_MM + FRAME_WIDTH_PT / POINTS_PER_MM + FRAME_PADDING_MM, 3)

    @property
    def inset_bottom_mm(self) -> float:
        return round(self.inset_mm + self.footer_height_mm, 3)

    @property
    def frame_offset_mm(self) -> float:
        """From the frame's outer edge to the text."""
        return round(FRAME_WIDTH_PT / POINTS_PER_MM + FRAME_PADDING_MM, 3)

    @property
    def frame_offset_bottom_mm(self) -> float:
        return round(self.frame_offset_mm + self.footer_height_mm, 3)

    @property
    def signatories_bottom_mm(self) -> float:
        return 0 if self.orientation == "landscape" else FOOTER_HEIGHT_MM

    @property
    def signatory_width_mm(self) -> float:
        """Each signatory's width: they share the footer's width (left of the verification block in landscape)."""
        width_mm = self.text_width_pt / POINTS_PER_MM
        if self.orientation == "landscape":
            width_mm -= VERIFICATION_WIDTH_MM + 6
        # Less 2 mm each for the space between inline blocks, so that they stay on one row.
        share = width_mm / max(1, len(self.signatories)) - SIGNATORY_GAP_MM - 2
        return round(min(SIGNATORY_MAX_WIDTH_MM, share), 1)

    @property
    def font_families(self) -> list[tuple[str, tuple[FontFace, ...]]]:
        """The CSS family names and faces of the template's font, then of the fallbacks for the letters it lacks."""
        families = [(self.font_family, FONTS[self.font_family]), *FALLBACK_FONTS.items()]
        return [(CSS_FAMILY_PREFIX + name, faces) for name, faces in families]

    @property
    def name_size(self) -> float:
        """The name's size in points: the largest up to NAME_MAX_PT at which it fits one line, at least NAME_MIN_PT."""
        width_em = name_width_em(self.learner_name, self.font_family)
        if width_em == 0:
            return NAME_MAX_PT
        fitting = self.text_width_pt * NAME_FIT / width_em
        return round(max(NAME_MIN_PT, min(NAME_MAX_PT, fitting)), 1)

    @property
    def title_size(self) -> float:
        return _size_for_length(len(self.title), ((40, 30), (80, 22)), 17)

    @property
    def course_size(self) -> float:
        return _size_for_length(len(self.course_title), ((60, 18), (120, 15)), 13)

    @property
    def body_size(self) -> float:
        # Each exercise listed takes about a line of the body's room.
        return _size_for_length(self.text_length, ((300, 13), (600, 12), (900, 11)), 10)

    @property
    def text_length(self) -> int:
        """The body's characters and, for each exercise listed, about a line's."""
        return sum(len(paragraph) for paragraph in self.body_paragraphs) + EXERCISE_ROW_WEIGHT * len(self.exercises)

    @property
    def exercises_size(self) -> float:
        """The exercises table's size in points: smaller as the list grows, so that it stays on the page."""
        if self.is_dense:
            return _size_for_length(len(self.exercises), ((DENSE_EXERCISES - 1, 7.5),), 6.5)
        return _size_for_length(len(self.exercises), ((3, 8.5), (DENSE_EXERCISES - 1, 7.5)), 6.5)

    @property
    def is_dense(self) -> bool:
        """Whether the text is long enough for the tighter spacing: many exercises, or a few under a
        long body (the competencies they prove are printed above them)."""
        return len(self.exercises) >= DENSE_EXERCISES or (bool(self.exercises) and self.text_length > DENSE_TEXT)


def _size_for_length(length: int, steps: tuple[tuple[int, float], ...], smallest: float) -> float:
    for longest, size in steps:
        if length <= longest:
            return size
    return smallest


@functools.cache
def _advances(static_path: str) -> tuple[dict[int, float], float]:
    """A vendored font's advance width per character, in em, and its mean advance."""
    from fontTools.ttLib import TTFont

    found = finders.find(static_path)
    if not found:
        raise ValueError(f"The vendored font {static_path!r} is missing.")
    font = TTFont(Path(found))
    units = font["head"].unitsPerEm
    metrics = font["hmtx"]
    advances = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    return advances, sum(advances.values()) / len(advances)


def name_width_em(name: str, font_family: str) -> float:
    """The width of `name` set in the bold faces of `font_family` (or the fallbacks'), in em (no kerning)."""
    faces = [face.static_path for face in FONTS[font_family] if face.weight == 700 and face.style == "normal"]
    faces += [face.static_path for fallback in FALLBACK_FONTS.values() for face in fallback if face.style == "normal"]
    tables = [_advances(path)[0] for path in faces]
    width = 0.0
    for character in name:
        code = ord(character)
        if unicodedata.combining(character):
            continue
        advance = next((table[code] for table in tables if code in table), FALLBACK_ADVANCE_EM)
        width += advance
    return width


# A credential writes its dates in full ("December 7, 2026", "7 de diciembre de 2026"), never
# abbreviated as Django's English DATE_FORMAT does ("Dec. 7, 2026").
FULL_DATE_FORMATS = {"en": "F j, Y", "es": r"j \d\e F \d\e Y"}


def date_in_full(value: date) -> str:
    """The date written in full in the active language."""
    return formats.date_format(value, FULL_DATE_FORMATS.get(translation.get_language(), "DATE_FORMAT"))


def sample_layout(
    language: str,
    *,
    learner_name: str | None = None,
    body_paragraphs: list[str] | None = None,
    exercises: list[ExerciseRow] | None = None,
) -> CertificateLayout:
    """A layout with sample data, for previews, tests and the benchmark (no database).

    Its body claims only the completion: practical exercises are claimed by `exercises`, when given.
    """
    today = date(2026, 11, 30)
    with translation.override(language):
        name = learner_name if learner_name is not None else "María José Hernández Núñez de la Peña"
        course = _("Registering entries and exits at the border")
        url = f"{settings.SITE_URL}/certificates/verify/7K2M9QXP4TNH/"
        paragraphs = (
            body_paragraphs
            if body_paragraphs is not None
            else [
                _("%(name)s completed the course %(course)s on %(date)s, with 12.5 hours of training.")
                % {"name": name, "course": course, "date": date_in_full(today)},
            ]
        )
        return CertificateLayout(
            page_size="A4",
            orientation="landscape",
            language=language,
            title=_("Certificate of completion"),
            learner_name=name,
            course_title=course,
            code_display="7K2M-9QXP-4TNH",
            verification_url=url,
            qr_data_uri=qr_svg_data_uri(url),
            issued_label=date_in_full(today),
            expiry_label=date_in_full(today.replace(year=today.year + 2)),
            issuer_name=getattr(settings, "CERTIFICATES_ISSUER_NAME", "OCAM"),
            logos=[(static("img/favicon.svg"), "OCAM")],
            body_paragraphs=paragraphs,
            exercises=exercises or [],
            signatories=[
                SampleSignatory(name="Ana Lucía Rodríguez", title=_("Training coordinator")),
                SampleSignatory(name="Óscar Muñoz Ibáñez", title=_("Director of migration")),
            ],
            labels=default_labels(),
        )


def default_labels() -> dict[str, str]:
    """The template's small labels in the active language (a layout's own labels take precedence)."""
    return {
        "code": _("Verification code"),
        "verify": _("Verify at"),
        "issued": _("Issued on"),
        "expires": _("Valid until"),
        "no_expiry": _("No expiry"),
        "exercises": _("Practical exercises passed in the training sandbox"),
        "exercise": _("Exercise"),
        "exercise_type": _("Type"),
        "score": _("Score"),
        "passed_on": _("Passed on"),
        "attempts": _("Attempts"),
    }


def qr_svg_data_uri(text: str) -> str:
    """A QR code of `text` (error correction M) as an SVG data: URI that scales to its box."""
    return segno.make(text, error="m", boost_error=False).svg_data_uri(omitsize=True)
