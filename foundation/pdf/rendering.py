"""HTML to PDF for every PDF the platform draws (certificates, country reports, and the sandbox's
statistics reports to come): the only module of the project that imports WeasyPrint.

Invariants:

- One FontConfiguration per process, created on first use and shared by every render (fonts
  declared with @font-face are fetched and decoded once per process, not once per PDF).
  Renders are serialised by a lock: Fontconfig and Pango state is shared between them.
- Resources come only from the project: static files (staticfiles finders, then STATIC_ROOT),
  media files inside MEDIA_ROOT, both as site-relative URLs or under SITE_URL, and `data:`
  URIs. Anything else raises ResourceRefused and the render fails: a document is never
  drawn without its logo, font or signature. So does an error WeasyPrint only logs (an image it
  cannot decode, a font face it cannot load).
- The output carries no creation date and no random identifier: the same HTML and metadata
  give the same bytes.
- Metadata go into the PDF's information dictionary under PDF name keys (`reading.metadata_from_pdf`
  reads them back).
"""

from __future__ import annotations

import logging
import mimetypes
import os
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pydyf
from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.logger import LOGGER as WEASYPRINT_LOGGER
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

# PDF name objects in the document information dictionary: letters and digits only, which is
# also what pypdf and every viewer read back unchanged.
METADATA_KEY_RE = re.compile(r"^/?[A-Za-z][A-Za-z0-9]*$")

_font_configuration_lock = threading.Lock()
_render_lock = threading.Lock()
_font_configuration: tuple[int, FontConfiguration] | None = None


class RenderFailed(ValueError):
    """WeasyPrint could not draw part of the document (an undecodable image, an unloadable font)."""


class ResourceRefused(RenderFailed):
    """A resource the document refers to is not a static file, a media file or a data: URI."""


def font_configuration() -> FontConfiguration:
    """The process's shared FontConfiguration (a forked child makes its own)."""
    global _font_configuration
    with _font_configuration_lock:
        if _font_configuration is None or _font_configuration[0] != os.getpid():
            _font_configuration = (os.getpid(), FontConfiguration())
        return _font_configuration[1]


class ProjectURLFetcher(URLFetcher):
    """Serves the project's static and media files and data: URIs; refuses everything else.

    It runs in WeasyPrint's strict mode (`fail_on_errors`), and also records each refusal,
    because WeasyPrint swallows every exception while it draws an SVG image.
    """

    def __init__(self) -> None:
        super().__init__(fail_on_errors=True)
        self.refusals: list[ResourceRefused] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        try:
            if url.lower().startswith("data:"):
                return super().fetch(url, headers)
            path = resource_path(url)
        except ResourceRefused as refusal:
            self.refusals.append(refusal)
            raise
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def resource_path(url: str) -> Path:
    """The file a static or media URL names; ResourceRefused for any other URL."""
    location = _site_location(url)
    if location is None:
        raise ResourceRefused(f"Only the site's static and media files may be used, not {url!r}.")
    static_prefix, media_prefix = _site_location(settings.STATIC_URL), _site_location(settings.MEDIA_URL)
    if static_prefix and location.startswith(static_prefix):
        return _static_path(url, _relative_name(url, location.removeprefix(static_prefix)))
    if media_prefix and location.startswith(media_prefix):
        return _inside(Path(settings.MEDIA_ROOT), _relative_name(url, location.removeprefix(media_prefix)), url)
    raise ResourceRefused(f"Only the site's static and media files may be used, not {url!r}.")


def _site_location(url: str) -> str | None:
    """The path of a URL on this site (absolute under SITE_URL, or site-relative), else None."""
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return parts.path if parts.path.startswith("/") else None
    site = urlsplit(settings.SITE_URL + "/")
    if (parts.scheme.lower(), parts.netloc.lower()) != (site.scheme.lower(), site.netloc.lower()):
        return None
    return parts.path


def _relative_name(url: str, quoted: str) -> str:
    name = unquote(quoted)
    segments = name.split("/")
    if not name or "\\" in name or "\x00" in name or any(segment in ("", ".", "..") for segment in segments):
        raise ResourceRefused(f"The path of {url!r} is not a plain file path.")
    return name


def _static_path(url: str, name: str) -> Path:
    found = finders.find(name)
    if found:
        return _inside_any(Path(found).resolve(), _static_roots(), url)
    if settings.STATIC_ROOT:
        return _inside(Path(settings.STATIC_ROOT), name, url)
    raise ResourceRefused(f"No static file is named {name!r} ({url!r}).")


def _static_roots() -> list[Path]:
    roots = [Path(settings.STATIC_ROOT).resolve()] if settings.STATIC_ROOT else []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            roots.append(Path(storage.location).resolve())
    return roots


def _inside(root: Path, name: str, url: str) -> Path:
    return _inside_any((root / name).resolve(), [root.resolve()], url)


def _inside_any(path: Path, roots: list[Path], url: str) -> Path:
    """`path` (already resolved, so symlinks followed) if it is a file under one of `roots`."""
    if not any(path.is_relative_to(root) for root in roots):
        raise ResourceRefused(f"{url!r} leads outside the static and media folders.")
    if not path.is_file():
        raise ResourceRefused(f"{url!r} names no file.")
    return path


class _ErrorCollector(logging.Handler):
    """Keeps what WeasyPrint reports and then carries on without: errors, and font faces it dropped."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or str(record.msg).startswith("Font-face"):
            self.messages.append(record.getMessage())


def render_pdf(html: str, *, metadata: dict[str, str] | None = None) -> bytes:
    """The PDF of `html`, with `metadata` (keys are PDF names, e.g. "/OCAMReport") in its information dictionary."""
    entries = _metadata_entries(metadata or {})
    fetcher = ProjectURLFetcher()
    errors = _ErrorCollector()

    def finisher(_document, pdf: pydyf.PDF) -> None:
        for key, value in entries.items():
            pdf.info[key] = pydyf.String(value)

    with _render_lock:
        WEASYPRINT_LOGGER.addHandler(errors)
        try:
            document = HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=fetcher)
            data = document.write_pdf(font_config=font_configuration(), finisher=finisher)
        except FatalURLFetchingError as error:
            cause = error.__cause__
            if isinstance(cause, ResourceRefused):
                raise cause from None
            raise ResourceRefused(f"{error}: {cause}") from cause
        finally:
            WEASYPRINT_LOGGER.removeHandler(errors)
    if fetcher.refusals:
        raise fetcher.refusals[0]
    if errors.messages:
        raise RenderFailed("; ".join(errors.messages))
    return data


def _metadata_entries(metadata: dict[str, str]) -> dict[str, str]:
    entries = {}
    for key, value in metadata.items():
        if not METADATA_KEY_RE.match(key):
            raise ValueError(f"{key!r} is not a PDF metadata key (letters and digits, optionally after '/').")
        entries[key.removeprefix("/")] = str(value)
    return entries
