"""Question banks become translatable (2/3): one bank per language, sharing a translation key.

Existing banks held the questions of every language. Each keeps the language of its first
question (else the default language); for every other language among its questions, a
translation of the bank is created (same title, same course) and those questions move into it.
"""

import uuid

from django.conf import settings
from django.db import migrations


def banks_per_language(apps, schema_editor):
    QuestionBank = apps.get_model("courses", "QuestionBank")
    Question = apps.get_model("courses", "Question")
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first() or Locale.objects.first()
    for bank in QuestionBank.objects.order_by("pk"):
        languages = list(
            dict.fromkeys(Question.objects.filter(bank=bank).order_by("pk").values_list("locale_id", flat=True))
        )
        bank.locale_id = languages[0] if languages else default.pk
        bank.translation_key = uuid.uuid4()
        bank.save(update_fields=["locale", "translation_key"])
        for locale_id in languages[1:]:
            translation = QuestionBank.objects.create(
                title=bank.title, course_id=bank.course_id, locale_id=locale_id, translation_key=bank.translation_key
            )
            Question.objects.filter(bank=bank, locale_id=locale_id).update(bank=translation)


def banks_merged(apps, schema_editor):
    QuestionBank = apps.get_model("courses", "QuestionBank")
    Question = apps.get_model("courses", "Question")
    first: dict = {}
    for bank in QuestionBank.objects.order_by("pk"):
        if bank.translation_key not in first:
            first[bank.translation_key] = bank
            continue
        Question.objects.filter(bank=bank).update(bank=first[bank.translation_key])
        bank.delete()


class Migration(migrations.Migration):
    dependencies = [("courses", "0005_questionbank_locale")]

    operations = [migrations.RunPython(banks_per_language, banks_merged)]
