"""Question banks become translatable (3/3): every bank has a language and a translation key;
titles are unique per language."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("courses", "0006_questionbank_per_language")]

    operations = [
        migrations.AlterField(
            model_name="questionbank",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="questionbank",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="questionbank",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AddConstraint(
            model_name="questionbank",
            constraint=models.UniqueConstraint(
                fields=("title", "locale"), name="courses_questionbank_title_unique_per_locale"
            ),
        ),
    ]
