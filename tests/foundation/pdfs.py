"""Helpers for tests that draw PDFs: a bare HTML page, and what a drawn page holds."""

from __future__ import annotations

from io import BytesIO

from PIL import Image
from pypdf import PdfReader


def html_page(body: str, style: str = "") -> str:
    return f'<!DOCTYPE html><html lang="es"><head><style>{style}</style></head><body>{body}</body></html>'


def font_names(data: bytes) -> set[str]:
    fonts = PdfReader(BytesIO(data)).pages[0]["/Resources"]["/Font"]
    return {str(font.get_object()["/BaseFont"]) for font in fonts.values()}


def image_count(data: bytes) -> int:
    return len(PdfReader(BytesIO(data)).pages[0].images)


def write_png(path, colour=(31, 78, 121)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (24, 12), colour).save(path, format="PNG")
