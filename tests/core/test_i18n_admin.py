"""The Wagtail admin in Spanish and English (issue 16): every message of the installed Wagtail apps
and of their JavaScript catalogues reads in Spanish, each message lms/shell/admin_translations/
supplies is still one of Wagtail's, and the admin pages a trainer opens have no English left in
Spanish nor Spanish left in English, call locales languages, and load no avatar from another site.
"""

import re
from pathlib import Path

import pytest

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


LOCALE = Path(__file__).resolve().parents[2] / "lms" / "locale"


# The Wagtail admin in Spanish and English (issue 16): Wagtail's and wagtail-localize's own
# catalogues lack messages, or get them wrong; lms/shell/admin_translations/ supplies them.

WAGTAIL_PACKAGES = ("wagtail", "wagtail_localize")
# Messages that read the same in Spanish: nothing to translate.
SAME_IN_SPANISH = {
    "%(range_start)s - %(range_end)s",
    "%(field_label)s:",
    "%(status_display)s %(task_name)s %(started_at)s",
    "%(related_model_name)s %(field_label)s",
    "%(time_zone_option)s: %(localized_time_zone_label)s",
    "Alias",
    "Error",
    "Error 404",
    "ID",
    "Manual",
    "No",
    "Roles",
    "Token",
    "URL",
    "Wagtail API v3",
}


def _wagtail_catalogues(domain: str) -> list[tuple[str, Path]]:
    """The message lists (English catalogues) of the installed Wagtail and wagtail-localize apps."""
    from django.apps import apps

    found = []
    for app in apps.get_app_configs():
        path = Path(app.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if app.name.split(".")[0] in WAGTAIL_PACKAGES and path.exists():
            found.append((app.name, path))
    return found


def _still_english(entry) -> bool:
    from django.utils.translation import gettext, ngettext, npgettext, pgettext

    if entry.msgid_plural:
        forms = {
            npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
            if entry.msgctxt
            else ngettext(entry.msgid, entry.msgid_plural, n)
            for n in (1, 2)
        }
        return bool(forms & {entry.msgid, entry.msgid_plural})
    spanish = pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else gettext(entry.msgid)
    return spanish == entry.msgid


def test_every_message_of_the_installed_wagtail_apps_reads_in_spanish():
    """After an upgrade of Wagtail or wagtail-localize, this lists the new messages to add to
    lms/shell/admin_translations/ and translate."""
    import polib
    from django.utils import translation

    english = []
    with translation.override("es"):
        for app, path in _wagtail_catalogues("django"):
            english += [
                f"{app}: {entry.msgid}"
                for entry in polib.pofile(str(path))
                if not entry.obsolete and entry.msgid not in SAME_IN_SPANISH and _still_english(entry)
            ]
    assert english == []


def _javascript_catalogue(client, url: str) -> dict:
    import json

    script = client.get(url).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.DOTALL).group(1))


def test_the_admins_javascript_messages_read_in_spanish(trainer):
    """Wagtail's and wagtail-localize's JavaScript catalogues, as the admin loads them, with the
    project's lms/locale/es/LC_MESSAGES/djangojs.po merged over them."""
    import polib
    from django.urls import reverse

    client = client_for(trainer)
    english = []
    for app, url in (
        ("wagtail.admin", "wagtailadmin_javascript_catalog"),
        ("wagtail_localize", "wagtail_localize:javascript_catalog"),
    ):
        catalogue = _javascript_catalogue(client, reverse(url))
        path = dict(_wagtail_catalogues("djangojs"))[app]
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.msgid in SAME_IN_SPANISH:
                continue
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            spanish = catalogue.get(key)
            if not spanish or spanish in (entry.msgid, [entry.msgid, entry.msgid_plural]):
                english.append(f"{app}: {entry.msgid}")
        if app == "wagtail_localize":
            # It appends the language's name: "Publicar en" + "Inglés" read "Publicar enInglés".
            assert catalogue["Publish in "] == "Publicar en "
    assert english == []


def test_every_message_supplied_for_wagtail_is_still_one_of_its_messages():
    """A msgid that differs from Wagtail's by one character translates nothing: each must be Wagtail's own."""
    import ast
    import importlib

    import polib

    from lms.shell import admin_translations

    def msgids(domain: str) -> set[str]:
        return {entry.msgid for _app, path in _wagtail_catalogues(domain) for entry in polib.pofile(str(path))}

    modules = [
        importlib.import_module(f"{admin_translations.__name__}.{path.stem}")
        for path in sorted(Path(admin_translations.__file__).parent.glob("*.py"))
        if path.stem != "__init__"
    ]
    assert len(modules) == 3
    supplied = {
        node.args[0].value
        for module in modules
        for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"gettext_noop", "ngettext_lazy"}
    }
    assert len(supplied) > 300
    assert sorted(supplied - msgids("django")) == []
    javascript = {entry.msgid for entry in polib.pofile(str(LOCALE / "es" / "LC_MESSAGES" / "djangojs.po"))}
    assert javascript
    assert sorted(javascript - msgids("djangojs")) == []
    assert all(entry.translated() for entry in polib.pofile(str(LOCALE / "es" / "LC_MESSAGES" / "djangojs.po")))


@pytest.fixture
def admin_content(trainer, settings):
    """What a trainer works on: a course with a question, a cohort, and a glossary term translated
    into English with wagtail-localize, one of its strings translated on 7 December (Guatemala)."""
    settings.TIME_ZONE = "America/Guatemala"
    import datetime as dt
    from types import SimpleNamespace

    from django.urls import reverse
    from wagtail.models import Locale
    from wagtail_localize.models import StringSegment, StringTranslation

    from courses.models import Cohort, GlossaryTerm
    from tests.courses import factories

    built = factories.course(modules=1, lessons_per_module=1, questions=1)
    Cohort.objects.create(
        name="Ola 1", course=built.page, starts_on="2026-12-01", ends_on="2026-12-31", due_on="2026-12-20"
    )
    spanish, english = Locale.objects.get(language_code="es"), Locale.objects.get(language_code="en")
    term = GlossaryTerm.objects.create(term="Alerta migratoria", definition="Un aviso.", locale=spanish)
    untranslated = GlossaryTerm.objects.create(term="Coincidencia", definition="Un hit.", locale=spanish)
    client_for(trainer).post(
        reverse("wagtail_localize:submit_snippet_translation", args=["courses", "glossaryterm", term.pk]),
        {"locales": [english.pk]},
    )
    segment = StringSegment.objects.filter(source__object_id=term.translation_key).first()
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=english,
        context=segment.context,
        data="Migratory alert",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    StringTranslation.objects.update(updated_at=dt.datetime(2026, 12, 8, 3, 0, tzinfo=dt.UTC))
    return SimpleNamespace(
        course=built.page,
        lesson=built.lessons[0],
        bank=built.bank,
        question=built.bank.questions.get(),
        translated=GlossaryTerm.objects.get(locale=english, translation_key=term.translation_key),
        untranslated=untranslated,
    )


def _admin_pages(user, content) -> dict[str, str]:
    """The admin pages a trainer opens, as unescaped HTML: lists, forms (blank, with errors, saved), editors."""
    from html import unescape

    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from tests.courses import factories

    client = client_for(user)
    urls = {
        "dashboard": reverse("wagtailadmin_home"),
        "page explorer": reverse("wagtailadmin_explore", args=[content.course.pk]),
        "page tree": reverse("wagtailadmin_explore_root"),
        "course editor": reverse("wagtailadmin_pages:edit", args=[content.course.pk]),
        "lesson editor": reverse("wagtailadmin_pages:edit", args=[content.lesson.pk]),
        "page search": reverse("wagtailadmin_pages:search") + "?q=Curso",
        "questions": reverse("wagtailsnippets_courses_question:list"),
        "new question": reverse("wagtailsnippets_courses_question:add"),
        "question editor": reverse("wagtailsnippets_courses_question:edit", args=[content.question.pk]),
        "question banks": reverse("wagtailsnippets_courses_questionbank:list"),
        "glossary": reverse("wagtailsnippets_courses_glossaryterm:list"),
        "cohorts": reverse("wagtailsnippets_courses_cohort:list"),
        "translation form": reverse(
            "wagtail_localize:submit_snippet_translation", args=["courses", "glossaryterm", content.untranslated.pk]
        ),
        "translation editor": reverse("wagtailsnippets_courses_glossaryterm:edit", args=[content.translated.pk]),
        "site history": reverse("wagtailadmin_reports:site_history"),
        "translations report": reverse("wagtail_localize:translations_report"),
        "course reports": reverse("courses_reports"),
        "course report": reverse("courses_report", args=[content.course.pk]),
        "enrolment": reverse("courses_enrol"),
        "account": reverse("wagtailadmin_account"),
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, f"{name}: {response.status_code}"
        pages[name] = unescape(response.content.decode())
    add = reverse("wagtailsnippets_courses_question:add")
    pages["question form with errors"] = unescape(
        client.post(add, nested_form_data({"body": streamfield([])})).content.decode()
    )
    question = {
        "bank": content.bank.pk,
        "prompt": "¿Qué documento acepta?",
        "body": streamfield([("true_false", {"answer": "on", "feedback_true": "", "feedback_false": ""})]),
        "explanation": rich_text(""),
        "points": "1",
        "tags": "",
    }
    saved = client.post(add, nested_form_data(question), follow=True)
    assert saved.redirect_chain, "the question was not saved"
    pages["question saved"] = unescape(saved.content.decode())
    factories.question(content.bank)
    return pages


# English that Spanish pages showed (issue 16), each checked where it used to appear.
LEFT_IN_ENGLISH = (
    "Search all pages",  # dashboard
    "created in",  # dashboard: "102 Pages created in …"
    "Exploring",  # page explorer
    "Go to the first error",  # a form with errors
    "Translated manually on",  # translation editor
    "December",  # the date in the translation editor
    "Regiones",  # "locales" translated as regions: the translation form's "Regiones*"
    "' creado.",  # "Pregunta '…' creado.": a masculine ending for any model
    "Moderators approval",  # page editors: "Enviar a Moderators approval", Wagtail's sample workflow
)
# The title of the root of the page tree, which the page tree and breadcrumbs showed ("Explorando: Root").
ROOT_TITLE = re.compile(r"\bRoot\b")


def test_the_admin_a_trainer_opens_in_spanish_has_no_english_left(trainer, admin_content):
    pages = _admin_pages(trainer, admin_content)
    found = {name: [text for text in LEFT_IN_ENGLISH if text in html] for name, html in pages.items()}
    assert found == {name: [] for name in pages}
    assert {name: ROOT_TITLE.findall(html) for name, html in pages.items()} == {name: [] for name in pages}
    # ... and says it in Spanish, so that the test cannot pass on a page that says nothing.
    assert "Buscar en todas las páginas…" in pages["dashboard"]
    assert "Explorando" in pages["page explorer"]
    assert re.search(r"<h1[^>]*>.*?Explorando.*?OCAM", pages["page tree"], re.S)
    assert "Publicar" in pages["course editor"]
    assert "Ir al primer error" in pages["question form with errors"]
    assert "Traducido manualmente el 7 de diciembre de 2026" in pages["translation editor"]
    assert "Idiomas" in pages["translation form"]
    assert "Se creó: Pregunta «¿Qué documento acepta?»." in pages["question saved"]


# Spanish that the English admin showed or could show (page titles and course content are Spanish in their own right).
LEFT_IN_SPANISH = (
    "Traducido",
    "Idiomas",
    "Se creó",
    "Páginas",
    "Buscar",
    "Guardar",
    "Inscribir",
)


def test_the_admin_a_trainer_opens_in_english_has_no_spanish_left(trainer, admin_content):
    from people.services import user_language_set

    user_language_set(user=trainer, language="en")
    pages = _admin_pages(trainer, admin_content)
    found = {name: [text for text in LEFT_IN_SPANISH if text in html] for name, html in pages.items()}
    assert found == {name: [] for name in pages}
    assert "OCAM training platform" in pages["dashboard"]
    assert "Plataforma de capacitación" not in pages["dashboard"]  # the site's name was Spanish only
    assert "Translated manually on December 7, 2026" in pages["translation editor"]
    assert "Moderators approval" not in pages["course editor"]
    assert {name: ROOT_TITLE.findall(html) for name, html in pages.items()} == {name: [] for name in pages}
    assert re.search(r"<h1[^>]*>.*?Exploring.*?OCAM", pages["page tree"], re.S)


def test_locales_are_languages_in_the_spanish_admin(administrator):
    from django.urls import reverse

    html = client_for(administrator).get(reverse("wagtaillocales:index")).content.decode()
    assert "Idiomas" in html
    assert "Regiones" not in html
    assert "Locales" not in html


def test_no_admin_page_loads_an_avatar_from_another_site(trainer, admin_content):
    """The content security policy would block it and leave a broken image on every page."""
    pages = _admin_pages(trainer, admin_content)
    assert {name: "gravatar.com" in html for name, html in pages.items()} == dict.fromkeys(pages, False)
