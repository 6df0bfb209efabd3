"""Repair the child counts of course pages damaged by translating a course with its subpages.

Before this release, submitting a course for translation "with subpages" published each English
copy on commit through a stale instance, which wrote `numchild = 0` over courses and modules that
had children (wagtail-localize#773; see courses.models.pages.TreePositionFromDatabaseMixin). Their
lessons answered 404 and `Page.find_problems()` listed them. This recounts the children of every
catalogue, course, module and lesson page; other pages are left to `manage.py fixtree`.
"""

from django.db import migrations

COURSE_PAGE_MODELS = ("cataloguepage", "coursepage", "modulepage", "lessonpage")


def recount_children(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.filter(app_label="courses", model__in=COURSE_PAGE_MODELS)
    for page in Page.objects.filter(content_type__in=types).only("pk", "path", "depth", "numchild"):
        count = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
        if count != page.numchild:
            Page.objects.filter(pk=page.pk).update(numchild=count)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_enrolment_source_mandatory"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(recount_children, migrations.RunPython.noop, elidable=True)]
