"""The consultation journey of issue 20, in a browser without help from JavaScript: a Guatemalan
learner acting as an analyst searches people and does not find a person only Honduras holds
(only his Guatemalan namesake);
queries every other member by name and date of birth with a purpose and a case reference, and
gets a hit from Honduras and no hit from the others, none of them showing a name or a date of
birth; requests from Honduras only fields the purpose allows, with a justification, by keyboard;
sees the request sent and its answer expected, and once the simulated partner's short delay has
passed, the released fields. No page logs a console error.
"""

from __future__ import annotations

import re
import time

import pytest
from django.utils import timezone

from people.roles import Role
from sandbox.models import AuditAction, AuditEvent, CrossBorderQuery, InformationRequest, QueryResult, Sandbox
from tests.e2e.test_sandbox import log_in, sandbox_navigation, search
from tests.people.factories import person
from tests.sandbox.baseline_rows import baseline_person
from tests.sandbox.consultations import OTHERS, honduran_on_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASE_REFERENCE = "GT-RET-2026-0107"
JUSTIFICATION = "Verificación de la nacionalidad declarada por una persona retornada, expediente GT-RET-2026-0107."
# Honduras's hit and the six no hits, by the countries' Spanish names.
NO_HIT_COUNTRIES = ["Belice", "Costa Rica", "El Salvador", "Nicaragua", "Panamá", "República Dominicana"]


@pytest.fixture(autouse=True)
def _quick_partner(settings):
    """A simulated partner that answers within a few seconds (the setting, plus up to half as
    much again per country), so that the request is first seen waiting, then answered."""
    settings.SANDBOX_PARTNER_DELAY_SECONDS = 2


def guatemalan_analyst(email: str):
    """A learner of Guatemala's migration institute whose job function (analyst) consults."""
    user = person(email=email, full_name="Gabriela Analista", role=Role.LEARNER, authority_code="gt-igm")
    user.staff_profile.job_function = "analyst"
    user.staff_profile.save()
    return user


def console_errors(page) -> list[str]:
    """The page's console errors and uncaught exceptions, collected from now on."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def tab_to(page, selector: str, *, presses: int = 30) -> None:
    """Press Tab until the element matching `selector` has the focus (fails after `presses`)."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} is not reached by Tab")


def test_a_guatemalan_learner_finds_by_consultation_whom_her_search_does_not_and_requests_the_allowed_fields(page):
    honduran = honduran_on_file()
    baseline_person(given_names="Ana Lucía", surname_1="Muñoz", surname_2="Peña", held_by_id="GTM")
    user = guatemalan_analyst("analista.gt@example.org")
    errors = console_errors(page)

    log_in(page, "analista.gt@example.org")
    sandbox = Sandbox.objects.get(owner=user)
    assert sandbox.country_id == "GTM"

    # Guatemala's records do not hold him: her search finds only his Guatemalan namesake.
    assert search(page, "munoz pena") == "1 persona encontrada."
    assert page.get_by_role("link", name="Muñoz Peña, Ana Lucía").is_visible()
    assert page.get_by_role("link", name=re.compile("José Ángel")).count() == 0

    # A query by name and date of birth to every other member, with a purpose and a case reference.
    sandbox_navigation(page).get_by_role("link", name="Consultas").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Consultas"
    page.get_by_role("main").get_by_role("link", name="Nueva consulta").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Nueva consulta"
    page.get_by_label("Por nombre y fecha de nacimiento").check()
    page.get_by_label("Apellidos", exact=True).fill("Muñoz Peña")
    page.get_by_label("Nombres", exact=True).fill("José Ángel")
    page.get_by_label("Fecha de nacimiento", exact=True).fill("1988-03-09")
    assert page.get_by_label("Todos los países miembros").is_checked()
    page.get_by_label("Motivo", exact=True).select_option("RETURN_VERIFICATION")
    page.get_by_label("Referencia del caso").fill(CASE_REFERENCE)
    page.get_by_role("button", name="Enviar la consulta").click()

    assert page.get_by_role("heading", level=1).inner_text() == f"Consulta {CASE_REFERENCE}"
    assert page.get_by_text("La consulta se envió; cada país consultado ha respondido.").is_visible()
    answers = page.get_by_role("table")
    honduras = answers.get_by_role("row", name=re.compile("^Honduras"))
    assert honduras.get_by_role("cell").first.inner_text() == "Coincidencia"
    for country in NO_HIT_COUNTRIES:
        row = answers.get_by_role("row", name=re.compile(f"^{country}"))
        assert row.get_by_role("cell").first.inner_text() == "Sin coincidencia", country
    # Seven answers, each with a reference; none carries his name or date of birth.
    assert answers.locator("tbody tr").count() == len(OTHERS)
    shown = page.get_by_role("main").inner_text()
    for personal in ("Muñoz", "MUNOZ", "Ángel", "ANGEL", "1988", "09/03", "F98765432"):
        assert personal not in shown
    (query,) = CrossBorderQuery.objects.visible_to(sandbox)
    assert sorted(query.target_countries) == OTHERS
    answered = QueryResult.objects.visible_to(sandbox).filter(query_uid=query.uid)
    outcomes = dict(answered.values_list("country", "outcome"))
    assert outcomes == {code: "HIT" if code == "HND" else "NO_HIT" for code in OTHERS}

    # The request: only what return verification allows is offered; chosen and sent by keyboard.
    honduras.get_by_role("link", name=re.compile("Honduras")).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Solicitar información tras una coincidencia"
    offered = page.get_by_role("group", name="Campos que se solicitan").get_by_role("checkbox")
    assert "Fotografía (biométrico)" not in offered.all_inner_texts()
    page.get_by_label("Nombre completo", exact=True).focus()
    page.keyboard.press("Space")
    tab_to(page, "input[value=nationality]")
    page.keyboard.press("Space")
    tab_to(page, "#id_justification")
    page.keyboard.type(JUSTIFICATION)
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url("**/sandbox/requests/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Solicitud a Honduras"
    (sent,) = InformationRequest.objects.visible_to(sandbox)
    assert sent.requested_fields == ["full_name", "nationality"]
    assert sent.answering_country_id == "HND" and sent.record_uid == honduran.uid
    assert page.get_by_role("status").filter(has_text="La solicitud se envió a Honduras").is_visible()
    status = page.locator("p.request-status").inner_text()
    assert status.startswith("Enviada") and "la respuesta se espera" in status
    assert page.get_by_role("table", name="Campos entregados").count() == 0

    # The simulated partner's answer arrives after its delay.
    wait = (sent.answer_at - timezone.now()).total_seconds()
    time.sleep(max(wait, 0) + 0.5)
    page.reload()
    assert page.locator("p.request-status").inner_text().startswith("Aprobada")
    released = page.get_by_role("table", name="Campos entregados")
    assert released.get_by_role("row", name=re.compile("^Nacionalidad")).get_by_role("cell").inner_text() == "Honduras"
    assert "Muñoz Peña, José Ángel" in released.get_by_role("row", name=re.compile("^Nombre completo")).inner_text()
    assert released.get_by_role("row").count() == 3  # the header and the two fields asked for

    # Each step is in Guatemala's audit log.
    actions = set(AuditEvent.objects.layer_of(sandbox).filter(held_by="GTM").values_list("action", flat=True))
    assert {AuditAction.QUERY, AuditAction.REQUEST} <= actions
    assert errors == []
