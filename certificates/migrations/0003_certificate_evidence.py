# The exercises passed, frozen into each certificate when it is issued (issue 18).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_redrawn_event_and_archive_left_out"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="evidence",
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name="exercises passed"),
        ),
    ]
