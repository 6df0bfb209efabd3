"""Smoke journey: a learner logs in, switches to English and back, and logs out."""

import pytest

from people.roles import Role
from tests.people.factories import TEST_PASSWORD, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_learner_logs_in_switches_language_and_logs_out(page):
    person(email="aprendiz@example.org", full_name="José Ángel Muñoz Pérez", role=Role.LEARNER)

    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_role("link", name="Iniciar sesión").first.click()

    page.get_by_label("Correo electrónico").fill("aprendiz@example.org")
    page.get_by_label("Contraseña").fill(TEST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url("**/")
    assert page.get_by_text("José Ángel Muñoz Pérez").first.is_visible()

    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "OCAM training platform"
    assert page.get_by_role("button", name="Log out").is_visible()

    page.get_by_role("button", name="Español").click()
    page.wait_for_url(lambda url: not url.endswith("/en/"))
    assert page.locator("html").get_attribute("lang") == "es"

    page.get_by_role("button", name="Cerrar sesión").click()
    page.wait_for_load_state()
    assert page.get_by_text("Ha cerrado la sesión.").is_visible()
    assert page.get_by_role("link", name="Iniciar sesión").first.is_visible()


def test_skip_link_is_the_first_focus_and_moves_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Saltar al contenido principal"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
