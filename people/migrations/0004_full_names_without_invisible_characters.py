"""Remove invisible and control characters from the full names stored before they were refused.

Certificates keep the name they were issued with (Certificate.learner_name is evidence and is
not touched); only the user's current name is cleaned, so the next certificate is right.
"""

from django.db import migrations

from people.names import name_invisible_characters, name_without_invisible_characters

BATCH = 1000


def full_names_clean(apps, schema_editor) -> int:
    """Strip refused characters from every stored full name, in batches; the number of names changed."""
    User = apps.get_model("people", "User")
    changed = 0
    last_pk = 0
    while True:
        batch = list(User.objects.filter(pk__gt=last_pk).order_by("pk").only("pk", "full_name")[:BATCH])
        if not batch:
            return changed
        last_pk = batch[-1].pk
        dirty = [user for user in batch if name_invisible_characters(user.full_name)]
        for user in dirty:
            user.full_name = name_without_invisible_characters(user.full_name)
        User.objects.bulk_update(dirty, ["full_name"])
        changed += len(dirty)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_full_name_without_invisible_characters"),
    ]

    operations = [
        migrations.RunPython(full_names_clean, migrations.RunPython.noop, elidable=True),
    ]
