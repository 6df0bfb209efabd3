"""Reading a PDF back: its metadata, its pages and its text (pypdf)."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader


def metadata_from_pdf(data: bytes, key: str) -> str | None:
    """The text stored under `key` (e.g. "/OCAMCertificatePayload") in a PDF's information dictionary."""
    information = PdfReader(BytesIO(data)).metadata
    if information is None or key not in information:
        return None
    return str(information[key])


def page_count(data: bytes) -> int:
    """How many pages a PDF has."""
    return len(PdfReader(BytesIO(data)).pages)


def pdf_text(data: bytes) -> str:
    """The text of a PDF's pages, as pypdf extracts it (pages separated by a newline)."""
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
