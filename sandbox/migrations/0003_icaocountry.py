"""sandbox.Country becomes sandbox.IcaoCountry (issue 17: two `Country` models read alike).

Only the model's name changes: the table stays `sandbox_country`, the foreign keys' columns
stay as they are, so no row and no index is touched, however large the baseline. The content
type follows the name, so the permissions attached to it stay attached.
"""

from django.db import migrations


def content_type_rename(old: str, new: str):
    def rename(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType")
        if not content_types.objects.filter(app_label="sandbox", model=new).exists():
            content_types.objects.filter(app_label="sandbox", model=old).update(model=new)

    return rename


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("sandbox", "0002_person_sort_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameModel("Country", "IcaoCountry"),
                migrations.AlterModelTable("IcaoCountry", "sandbox_country"),
            ],
        ),
        migrations.RunPython(
            content_type_rename("country", "icaocountry"), content_type_rename("icaocountry", "country")
        ),
    ]
