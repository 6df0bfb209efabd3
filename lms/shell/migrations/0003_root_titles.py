"""Name the root of the page tree and of the collections "OCAM" instead of Wagtail's English "Root".

The admin shows the root's title as it is stored ("Explorando: Root", in breadcrumbs and
choosers), and one title serves every language: the platform's name reads the same in both.
"""

from django.db import migrations

WAGTAIL_ROOT_NAME = "Root"
ROOT_NAME = "OCAM"


def name_roots(apps, schema_editor, *, old: str = WAGTAIL_ROOT_NAME, new: str = ROOT_NAME):
    apps.get_model("wagtailcore.Page").objects.filter(depth=1, title=old).update(title=new, draft_title=new)
    apps.get_model("wagtailcore.Collection").objects.filter(depth=1, name=old).update(name=new)


def restore_wagtail_names(apps, schema_editor):
    name_roots(apps, schema_editor, old=ROOT_NAME, new=WAGTAIL_ROOT_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_create_home_pages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_roots, restore_wagtail_names)]
