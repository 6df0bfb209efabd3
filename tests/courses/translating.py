"""What a trainer does to translate in the course tests: submit a page with its subpages to English,
and give every string of a translation an English text."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation


def english() -> Locale:
    return Locale.objects.get(language_code="en")


def submit_with_subtree(client, page: Page):
    """What a trainer does: Translate this page, English, with its subpages."""
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [english().pk], "include_subtree": "on"},
    )
    assert response.status_code == 302
    return response


def translate_everything(translation: Translation, suffix: str = " (EN)") -> None:
    """Give every string of a translation an English text, as a translator would in the editor."""
    for segment in translation.source.stringsegment_set.select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": segment.string.data + suffix},
        )
