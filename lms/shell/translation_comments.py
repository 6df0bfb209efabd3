"""The translation editor's note under each translated string, with the date in the reader's language.

wagtail-localize 1.14 writes it as `_("Translated manually on {date}").format(date=updated_at.strftime("%-d %B %Y"))`:
strftime names the month in the server's C locale, so the Spanish editor read "Traducido
manualmente el 7 December 2026", and the date was the UTC one. `install()` (from
`CoreConfig.ready`) replaces `StringTranslation.get_comment`, which the editor's serializer
calls, with `string_translation_comment`: the same messages, the date formatted by Django in the
active language and the platform's time zone ("7 de diciembre de 2026", "Dec. 7, 2026").
"""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def string_translation_comment(translation) -> str | None:
    """How and when a `wagtail_localize.models.StringTranslation` was translated, or None."""
    date = formats.date_format(timezone.localtime(translation.updated_at), "DATE_FORMAT")
    if translation.tool_name:
        return _("Translated with {tool_name} on {date}").format(tool_name=translation.tool_name, date=date)
    if translation.translation_type == translation.TRANSLATION_TYPE_MANUAL:
        return _("Translated manually on {date}").format(date=date)
    if translation.translation_type == translation.TRANSLATION_TYPE_MACHINE:
        return _("Machine translated on {date}").format(date=date)
    return None


def install() -> None:
    from wagtail_localize.models import StringTranslation

    StringTranslation.get_comment = string_translation_comment
