"""Replace Wagtail's welcome page by the platform's home page, in Spanish and in English."""

import uuid

from django.db import migrations

CONTENT = {
    "es": {
        "title": "Plataforma de capacitación OCAM",
        "lead": (
            "Cursos, práctica en un entorno seguro y certificados verificables para el personal de las "
            "autoridades migratorias de Centroamérica y la República Dominicana."
        ),
        "slug": "inicio",
    },
    "en": {
        "title": "OCAM training platform",
        "lead": (
            "Courses, safe hands-on practice and verifiable certificates for the staff of the migration "
            "authorities of Central America and the Dominican Republic."
        ),
        "slug": "home",
    },
}


def create_home_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("core.HomePage")

    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, depth=2).delete()
    home_type, _created = ContentType.objects.get_or_create(app_label="core", model="homepage")

    translation_key = uuid.uuid4()
    root = Page.objects.get(depth=1)
    homes = {}
    for position, language in enumerate(("es", "en"), start=1):
        locale, _created = Locale.objects.get_or_create(language_code=language)
        content = CONTENT[language]
        homes[language] = HomePage.objects.create(
            title=content["title"],
            draft_title=content["title"],
            lead=content["lead"],
            slug=content["slug"],
            content_type=home_type,
            path=f"{root.path}{position:04d}",
            depth=2,
            numchild=0,
            url_path=f"/{content['slug']}/",
            locale=locale,
            translation_key=translation_key,
            live=True,
        )
    root.numchild = len(homes)
    root.save(update_fields=["numchild"])

    # Wagtail's sample groups; the platform's roles are created by people.roles.
    apps.get_model("auth.Group").objects.filter(name__in=["Moderators", "Editors"]).delete()

    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=homes["es"], is_default_site=True)


def remove_home_pages(apps, schema_editor):
    apps.get_model("core.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_pages, remove_home_pages)]
