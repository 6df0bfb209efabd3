# Competencies become rows that each name the exercise type proving them (D11). The free text of
# the rules made before (one competency a line, in Spanish and in English) becomes competencies
# without a type, paired line by line: they are never printed, and keep their wording for the
# trainer, who chooses each one's type (or deletes it) when next saving the rule.

from itertools import zip_longest

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

import sandbox.exercises.registry

TEXT_LENGTH = 200


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def competency_texts(spanish: str, english: str) -> list[tuple[str, str]]:
    """(Spanish, English) of each competency the two texts list, one a line, paired in order."""
    pairs = zip_longest(_lines(spanish), _lines(english), fillvalue="")
    return [((es or en)[:TEXT_LENGTH], en[:TEXT_LENGTH]) for es, en in pairs]


def competencies_unmapped(apps, schema_editor):
    CourseCertification = apps.get_model("certificates", "CourseCertification")
    CertificationCompetency = apps.get_model("certificates", "CertificationCompetency")
    for rule in CourseCertification.objects.all():
        CertificationCompetency.objects.bulk_create(
            CertificationCompetency(rule=rule, sort_order=order, exercise_type="", text_es=es, text_en=en)
            for order, (es, en) in enumerate(competency_texts(rule.competencies_es, rule.competencies_en))
        )


def competencies_as_text(apps, schema_editor):
    CertificationCompetency = apps.get_model("certificates", "CertificationCompetency")
    rules: dict = {}
    for competency in CertificationCompetency.objects.select_related("rule").order_by("rule_id", "sort_order"):
        spanish, english = rules.setdefault(competency.rule, ([], []))
        spanish.append(competency.text_es)
        english.append(competency.text_en or competency.text_es)
    for rule, (spanish, english) in rules.items():
        rule.competencies_es, rule.competencies_en = "\n".join(spanish), "\n".join(english)
        rule.save(update_fields=["competencies_es", "competencies_en"])


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_certificate_evidence"),
    ]

    operations = [
        migrations.CreateModel(
            name="CertificationCompetency",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "exercise_type",
                    models.CharField(
                        choices=sandbox.exercises.registry.exercise_type_choices,
                        help_text="Printed only on certificates whose learner passed an exercise of this type.",
                        max_length=40,
                        verbose_name="proved by exercises of type",
                    ),
                ),
                ("text_es", models.CharField(max_length=200, verbose_name="competency (Spanish)")),
                ("text_en", models.CharField(blank=True, max_length=200, verbose_name="competency (English)")),
                (
                    "rule",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="competencies",
                        to="certificates.coursecertification",
                    ),
                ),
            ],
            options={
                "verbose_name": "competency",
                "verbose_name_plural": "competencies",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.RunPython(competencies_unmapped, competencies_as_text),
        migrations.RemoveField(model_name="coursecertification", name="competencies_en"),
        migrations.RemoveField(model_name="coursecertification", name="competencies_es"),
        migrations.AlterField(
            model_name="certificatetemplate",
            name="body",
            field=models.TextField(
                help_text=(
                    "Placeholders: {learner_name}, {course}, {completion_date}, {hours}, {competencies}, "
                    "{expiry_date}, {code}, {issuer}. A blank line starts a new paragraph. A paragraph using "
                    "{competencies} is printed only on certificates whose exercises prove some; the exercises "
                    "passed are listed below the text."
                ),
                max_length=1200,
                verbose_name="body text",
            ),
        ),
    ]
