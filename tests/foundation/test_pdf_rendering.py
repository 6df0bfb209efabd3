"""foundation.pdf: HTML drawn as PDF from the project's own files only, with metadata read back.

Every PDF of the platform (certificates, country reports) is drawn here; the certificate's own
drawing is tested in tests/certificates/test_pdf.py.
"""

from __future__ import annotations

import ast
import base64
from io import BytesIO

import pytest
from django.conf import settings
from PIL import Image
from weasyprint.text.fonts import FontConfiguration

from foundation.pdf import rendering
from foundation.pdf.reading import metadata_from_pdf, page_count, pdf_text
from foundation.pdf.rendering import RenderFailed, ResourceRefused, render_pdf, resource_path
from tests.foundation.pdfs import font_names, html_page, image_count, write_png
from tests.layout import PROJECT_PACKAGES, ROOT

VENDORED_FONT = "/static/fonts/noto-sans/noto-sans-latin-400-normal.woff2"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/logo.png",
        "file:///etc/passwd",
        "/static/../../etc/passwd",
        "/media/../secret",
        "gopher://example.org/logo.png",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "http://127.0.0.1:8000.example.org/static/img/favicon.svg",
        "/elsewhere/logo.png",
    ],
)
def test_render_pdf_refuses_resources_outside_static_and_media(url):
    with pytest.raises(ResourceRefused):
        render_pdf(html_page(f'<img src="{url}" alt="logo">'))


@pytest.mark.parametrize("url", ["/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/media/../secret"])
def test_resource_path_refuses_dot_segments_before_any_url_normalisation(url):
    with pytest.raises(ResourceRefused, match="not a plain file path"):
        resource_path(url)


def test_render_pdf_refuses_a_font_from_another_host():
    style = (
        '@font-face { font-family: "Remote"; src: url("http://example.org/font.woff2"); } '
        'body { font-family: "Remote"; }'
    )
    with pytest.raises(ResourceRefused):
        render_pdf(html_page("<p>Texto</p>", style))


def test_render_pdf_refuses_a_resource_an_svg_image_refers_to():
    # WeasyPrint swallows every exception while drawing an SVG image: the refusal must still fail the render.
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        '<image href="file:///etc/passwd" width="10" height="10"/></svg>'
    )
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    with pytest.raises(ResourceRefused):
        render_pdf(html_page(f'<img src="{uri}" alt="logo">'))


def test_render_pdf_refuses_a_media_symlink_leading_outside_media_root(tmp_path):
    outside = tmp_path / "outside.png"
    write_png(outside)
    link = settings.MEDIA_ROOT / "logos" / "logo.png"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    with pytest.raises(ResourceRefused, match="outside"):
        render_pdf(html_page('<img src="/media/logos/logo.png" alt="logo">'))


def test_render_pdf_refuses_a_missing_media_file():
    with pytest.raises(ResourceRefused, match="names no file"):
        render_pdf(html_page('<img src="/media/logos/missing.png" alt="logo">'))


def test_render_pdf_fails_on_a_media_image_it_cannot_decode():
    broken = settings.MEDIA_ROOT / "logos" / "broken.png"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"not an image")
    with pytest.raises(RenderFailed):
        render_pdf(html_page('<img src="/media/logos/broken.png" alt="logo">'))


def test_render_pdf_embeds_a_vendored_static_font():
    style = (
        f'@font-face {{ font-family: "Vendored"; src: url("{VENDORED_FONT}"); }} body {{ font-family: "Vendored"; }}'
    )
    data = render_pdf(html_page("<p>Certificado</p>", style))
    # Embedded under the @font-face family's name; a fallback system font would keep its own name.
    assert [name.partition("+")[2] for name in font_names(data)] == ["Vendored"]


@pytest.mark.parametrize("prefix", ["", "site"])
def test_render_pdf_draws_a_media_file_from_media_root(prefix):
    write_png(settings.MEDIA_ROOT / "logos" / "logo ocam.png")
    url = (settings.SITE_URL if prefix else "") + "/media/logos/logo%20ocam.png"
    data = render_pdf(html_page(f'<img src="{url}" alt="logo">'))
    assert image_count(data) == 1


def test_render_pdf_draws_a_data_uri():
    buffer = BytesIO()
    Image.new("RGB", (8, 8), (0, 0, 0)).save(buffer, format="PNG")
    uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    assert image_count(render_pdf(html_page(f'<img src="{uri}" alt="dot">'))) == 1


def test_render_pdf_rejects_a_metadata_key_that_is_not_a_pdf_name():
    with pytest.raises(ValueError, match="metadata key"):
        render_pdf(html_page("<p>x</p>"), metadata={"/OCAM Payload": "x"})


def test_renders_share_one_font_configuration(monkeypatch):
    used = []

    class RecordingHTML(rendering.HTML):
        def write_pdf(self, *args, **kwargs):
            used.append(kwargs["font_config"])
            return super().write_pdf(*args, **kwargs)

    monkeypatch.setattr(rendering, "HTML", RecordingHTML)
    render_pdf(html_page("<p>Uno</p>"))
    render_pdf(html_page("<p>Dos</p>"))
    assert isinstance(used[0], FontConfiguration)
    assert used[0] is used[1]


def test_metadata_round_trips_and_pages_and_text_read_back():
    value = "v1.eyJjb2RlIjoiN0syTTlRWFA0VE5IIn0.c2lnbmF0dXJl(a)\\b"
    data = render_pdf(html_page("<p>Informe mensual</p>"), metadata={"/OCAMReport": value})
    assert metadata_from_pdf(data, "/OCAMReport") == value
    assert metadata_from_pdf(data, "/Missing") is None
    assert page_count(data) == 1
    assert "Informe mensual" in pdf_text(data)


def test_the_same_html_renders_to_the_same_bytes():
    html = html_page("<p>Informe</p>")
    assert render_pdf(html, metadata={"/Key": "v"}) == render_pdf(html, metadata={"/Key": "v"})


def test_no_other_module_of_the_project_imports_weasyprint():
    # One place decides what a PDF may load (the project's files only): a second WeasyPrint
    # caller would bring its own URL fetcher and font configuration.
    importers = set()
    for package in PROJECT_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = (
                    [alias.name for alias in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else []
                )
                if any(name.partition(".")[0] == "weasyprint" for name in names):
                    importers.add(path.relative_to(ROOT).as_posix())
    assert importers == {"foundation/pdf/rendering.py"}
