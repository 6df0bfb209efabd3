import pytest
from wagtail.models import Locale

from lms.shell.models import HomePage
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_home_page_exists_in_spanish_and_english_as_translations():
    spanish = HomePage.objects.get(locale__language_code="es")
    english = HomePage.objects.get(locale__language_code="en")
    assert spanish.translation_key == english.translation_key
    assert spanish.get_translation(Locale.objects.get(language_code="en")) == english
    assert spanish.url == "/"
    assert english.url == "/en/"


def test_trainers_can_open_the_home_page_in_the_editor_and_preview_it(trainer):
    home = HomePage.objects.get(locale__language_code="es")
    client = client_for(trainer)
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
    preview = client.get(f"/admin/pages/{home.pk}/edit/preview/")
    assert preview.status_code == 200


def test_learners_cannot_open_the_editor(learner):
    home = HomePage.objects.get(locale__language_code="es")
    response = client_for(learner).get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
