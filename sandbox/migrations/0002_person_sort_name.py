"""A person's sort key (`sandbox.names.name_sort_key`), written for every stored person."""

from django.db import migrations, models

BATCH = 10_000


def sort_names_write(apps, schema_editor):
    from sandbox.names import name_sort_key

    Person = apps.get_model("sandbox", "Person")
    people = Person.objects.order_by("pk").values_list("pk", "surname_1", "surname_2", "given_names")
    last = 0
    # Batch by batch, by primary key: never writing to a table while a cursor still reads it.
    with schema_editor.connection.cursor() as cursor:
        while batch := list(people.filter(pk__gt=last)[:BATCH]):
            cursor.executemany(
                "UPDATE sandbox_person SET sort_name = %s WHERE id = %s",
                [
                    (name_sort_key(surname_1, surname_2, given_names), pk)
                    for pk, surname_1, surname_2, given_names in batch
                ],
            )
            last = batch[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("sandbox", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="sort_name",
            field=models.CharField(default="", editable=False, max_length=240),
            preserve_default=False,
        ),
        migrations.RunPython(sort_names_write, migrations.RunPython.noop, elidable=True),
    ]
