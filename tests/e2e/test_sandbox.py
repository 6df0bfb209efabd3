"""The sandbox journey of issue 3's "Done when", in a browser without help from JavaScript:
a learner searches, opens a person, registers an entry with a valid MRZ, sees it in their
statistics, resets and finds the baseline as it was; another learner never sees the entry."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from people.roles import Role
from tests.people.factories import TEST_PASSWORD, person
from tests.sandbox.baseline_rows import baseline_person
from tests.sandbox.screens import PASSPORT_MRZ, baseline_movement_of, baseline_passport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def make_baseline() -> None:
    maria = baseline_person(uid=1, given_names="María José", surname_1="Pérez", surname_2="Gómez")
    jose = baseline_person(
        uid=2, given_names="José Ángel", surname_1="Muñoz", surname_2="Peña", sex="M", nationality_id="HND"
    )
    baseline_passport(11, maria, "G12345678")
    passport = baseline_passport(12, jose, "F98765432")
    baseline_movement_of(21, jose, passport, dt.datetime(2025, 3, 14, 20, 5, tzinfo=dt.UTC))


def log_in(page, email: str) -> None:
    page.goto("/account/login/?next=/sandbox/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(TEST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url("**/sandbox/")


def sandbox_navigation(page):
    return page.get_by_role("navigation", name="Entorno de práctica")


def search(page, name: str) -> str:
    sandbox_navigation(page).get_by_role("link", name="Buscar personas").click()
    page.get_by_label("Nombre", exact=True).fill(name)
    page.get_by_role("main").get_by_role("button", name="Buscar").click()
    return page.get_by_role("status").inner_text()


def entries_admitted(page) -> str:
    sandbox_navigation(page).get_by_role("link", name="Estadísticas").click()
    # The month's form (the page's other form, for one post's month day by day, has a month too).
    monthly = page.locator("form:has(#id_month)")
    monthly.get_by_label("Mes").select_option(timezone.localdate().strftime("%Y-%m"))
    monthly.get_by_role("button", name="Mostrar").click()
    totals = page.get_by_role("table", name="Totales")
    return totals.get_by_role("row", name=re.compile("Entradas admitidas")).get_by_role("cell").inner_text()


def test_learner_practises_resets_and_another_learner_never_sees_it(page, browser, live_server):
    make_baseline()
    person(email="aprendiz@example.org", full_name="Ana Aprendiz", role=Role.LEARNER)
    person(email="otra@example.org", full_name="Otra Aprendiz", role=Role.LEARNER, authority_code="hn-inm")

    log_in(page, "aprendiz@example.org")
    assert page.get_by_role("note").first.inner_text().startswith("Datos de práctica.")

    # Search by part of a name without accents, and open the person.
    assert search(page, "munoz pe") == "1 persona encontrada."
    page.get_by_role("link", name="Muñoz Peña, José Ángel").click()
    assert page.get_by_role("heading", level=1).inner_text() == "José Ángel Muñoz Peña"
    movements = page.get_by_role("region", name="Movimientos")
    assert movements.get_by_text("14/03/2025 14:05").is_visible()  # 20:05 UTC at La Aurora, written as in Spanish

    # Register an entry at La Aurora (the learner's country's posts only), now, from a passport's MRZ.
    page.get_by_role("link", name="Registrar una entrada o salida").first.click()
    page.get_by_label("Zona de lectura mecánica (MRZ)").fill(PASSPORT_MRZ)
    page.get_by_label("Entrada", exact=True).check()
    page.get_by_label("Puesto fronterizo", exact=True).select_option("GT-GUA")
    page.get_by_label("Motivo del viaje").select_option("TOURISM")
    local_time = page.get_by_label("Hora en el puesto fronterizo").input_value()
    page.get_by_role("button", name="Verificar al viajero").click()
    screening = page.get_by_role("region", name=re.compile("Resultado de la verificación"))
    assert "SIN COINCIDENCIA" in screening.inner_text()  # the screening, before the decision
    page.get_by_label("Permanencia autorizada (días)").fill("30")
    page.get_by_role("button", name="Registrar la decisión").click()
    assert page.get_by_text("La entrada ha quedado registrada.").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "JOSE LUIS PENA LOPEZ"
    movements = page.get_by_role("region", name="Movimientos")
    assert movements.get_by_text(re.compile(rf"\d\d/\d\d/\d{{4}} {local_time}")).is_visible()
    assert movements.get_by_text("America/Guatemala").is_visible()

    # Their statistics count it.
    assert entries_admitted(page) == "1"

    # Another learner sees neither the person nor the entry.
    other_context = browser.new_context(base_url=live_server.url, locale="es-ES")
    other = other_context.new_page()
    log_in(other, "otra@example.org")
    assert search(other, "pena lopez").startswith("Nadie coincide con esta búsqueda.")
    assert entries_admitted(other) == "0"
    other_context.close()

    # Reset, after a confirmation that says what goes.
    sandbox_navigation(page).get_by_role("link", name="Mi entorno de práctica").click()
    page.get_by_role("link", name="Restablecer mi entorno de práctica").click()
    assert page.get_by_text("Esta acción no se puede deshacer.").is_visible()
    page.get_by_role("button", name="Borrar mis cambios y restablecer").click()
    page.wait_for_url("**/sandbox/")
    assert page.get_by_text("Su entorno de práctica ha vuelto a los datos de práctica").is_visible()

    # The baseline is as it was: the new traveller is gone, the baseline person unchanged.
    assert search(page, "pena lopez").startswith("Nadie coincide con esta búsqueda.")
    assert search(page, "munoz") == "1 persona encontrada."
    page.get_by_role("link", name="Muñoz Peña, José Ángel").click()
    assert page.get_by_role("table").nth(1).get_by_role("row").count() == 2  # the heading and one movement
    assert entries_admitted(page) == "0"


def test_a_wrong_mrz_is_explained_and_keyboard_users_reach_the_field(page):
    make_baseline()
    person(email="aprendiz@example.org", role=Role.LEARNER)
    log_in(page, "aprendiz@example.org")
    page.goto("/sandbox/movements/new/")
    page.get_by_label("Zona de lectura mecánica (MRZ)").fill(PASSPORT_MRZ.replace("C01234567", "C01234568"))
    page.get_by_role("button", name="Verificar al viajero").click()
    alert = page.get_by_role("alert")
    assert "número de documento" in alert.inner_text()
    alert.get_by_role("link").first.click()
    assert page.evaluate("location.hash") == "#id_mrz"
    field = page.get_by_label("Zona de lectura mecánica (MRZ)")
    assert field.get_attribute("aria-invalid") == "true"
    assert "C01234568" in field.input_value()  # what was typed is kept


def test_search_results_are_paged_with_the_keyboard_alone(page):
    make_baseline()
    for uid in range(100, 160):
        baseline_person(uid=uid, given_names=f"Persona {uid}", surname_1="Pérez", surname_2="")
    person(email="aprendiz@example.org", role=Role.LEARNER)
    log_in(page, "aprendiz@example.org")
    assert search(page, "perez") == "61 personas encontradas. Resultados 1\u201350 de 61."

    # Tab from the search button to "next page", past the 50 results, then follow it with Enter.
    page.get_by_role("main").get_by_role("button", name="Buscar").focus()
    for _press in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Página siguiente":
            break
    pages = page.get_by_role("navigation", name="Páginas de resultados")
    assert pages.get_by_role("link", name="Página siguiente").evaluate("link => link === document.activeElement")
    assert pages.get_by_role("link", name="Página 1", exact=True).get_attribute("aria-current") == "page"
    page.keyboard.press("Enter")
    page.wait_for_url("**/sandbox/people/?name=perez&document=&page=2")

    assert page.get_by_role("status").inner_text() == "61 personas encontradas. Resultados 51\u201361 de 61."
    assert page.title().startswith("Buscar personas y documentos · Página 2 de 2")
    pages = page.get_by_role("navigation", name="Páginas de resultados")
    assert pages.get_by_text("Página 2 de 2").is_visible()
    assert pages.get_by_role("link", name="Página 2", exact=True).get_attribute("aria-current") == "page"
    assert page.get_by_label("Nombre", exact=True).input_value() == "perez"  # the search is kept
    # Back to the first page by keyboard: "previous page" is the navigation's first link.
    pages.get_by_role("link", name="Página 2", exact=True).focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Página anterior"
    page.keyboard.press("Enter")
    page.wait_for_url("**/sandbox/people/?name=perez&document=&page=1")
    assert page.get_by_role("table").get_by_role("row").count() == 51  # the heading and 50 people
