"""The platform's languages: which codes are supported, and a URL's address in another language."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def supported_language(code: str | None) -> str:
    """The code if the platform offers that language, otherwise the default (Spanish)."""
    codes = {language for language, _name in settings.LANGUAGES}
    code = (code or "").split("-")[0].lower()
    return code if code in codes else settings.LANGUAGE_CODE


def url_in_language(url: str, language: str) -> str:
    """The same page in `language`: /account/ <-> /en/account/, whatever language is active now."""
    path = urlsplit(url).path
    current = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(current):
        return translate_url(url, language)
