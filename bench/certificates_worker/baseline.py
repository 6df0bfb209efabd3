"""The baseline of the warm-worker row: a bare WeasyPrint render of an issued certificate's HTML,
the HTML rebuilt from the certificate and checked against its stored PDF first."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from bench.core import BenchmarkFailed


def certificate_html(certificate_id: int) -> tuple[str, str]:
    """The HTML an issued certificate was drawn from, and its name; checked against the stored PDF."""
    from certificates.drawing.facts_to_layout import layout_build
    from certificates.drawing.layout_to_html import layout_html
    from certificates.drawing.pipeline import certificate_pdf
    from certificates.models import Certificate
    from certificates.selectors import certification_for
    from certificates.services.issuance import facts_of_issued

    certificate = Certificate.objects.select_related("template").get(pk=certificate_id)
    facts = facts_of_issued(certificate, certification_for(course_key=certificate.course_key))
    pdf = certificate_pdf(certificate.template, facts, payload=certificate.payload)
    if hashlib.sha256(pdf).hexdigest() != certificate.sha256:
        raise BenchmarkFailed("the rebuilt HTML does not give the issued certificate's PDF")
    return layout_html(layout_build(certificate.template, facts, payload=certificate.payload)), facts.name


def bare_render(html: str) -> Callable[[], bytes]:
    """WeasyPrint with its defaults on `html`, the site's static and media URLs made file:// URLs."""
    from django.conf import settings
    from weasyprint import HTML

    static_files = Path(settings.STATIC_ROOT).resolve().as_uri() + "/"
    media_files = Path(settings.MEDIA_ROOT).resolve().as_uri() + "/"
    bare = html.replace(f'"{settings.STATIC_URL}', f'"{static_files}')
    bare = bare.replace(f'"{settings.MEDIA_URL}', f'"{media_files}')
    if f'"{settings.STATIC_URL}' not in html or f'"{settings.MEDIA_URL}' not in html:
        raise BenchmarkFailed("the certificate's HTML names no static or no media file")
    return lambda: HTML(string=bare, base_url=static_files).write_pdf()


def bare_pdf_check(data: bytes, reference: bytes, name: str) -> None:
    from pypdf import PdfReader

    from foundation.pdf.reading import page_count, pdf_text

    images = len(PdfReader(BytesIO(data)).pages[0].images)
    expected = len(PdfReader(BytesIO(reference)).pages[0].images)
    if page_count(data) != 1 or name not in pdf_text(data) or images != expected:
        raise BenchmarkFailed(f"bare render: {page_count(data)} page(s), {images} of {expected} images")
