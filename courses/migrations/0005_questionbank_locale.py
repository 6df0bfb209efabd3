"""Question banks become translatable (1/3): a language and a translation key, empty for now.

Schema, data and constraints are three migrations: PostgreSQL refuses to alter a table in the
transaction that changed its rows.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_course_tree_numchild"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="questionbank",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="questionbank",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AlterField(
            model_name="questionbank",
            name="title",
            field=models.CharField(max_length=200, verbose_name="title"),
        ),
    ]
