"""The secondary line's journey, in a browser without help from JavaScript: a secondary-line
officer opens the queue of referred travellers, opens the case of a traveller referred on an
arrest warrant of another country, compares the person, the document and the alert, confirms the
hit with a reason, and sees the traveller refused and the issuing country notified; the queue,
the case and the case with a form's errors meet WCAG 2.1 AA.

The first test sets the primary line up through the services (`refer_at_the_primary_line`); the
last walks the whole journey in the browser: the primary officer reads the alerted MRZ, sees the
hit before deciding and refers; the secondary officer confirms.
"""

from __future__ import annotations

import re

import pytest

from people.roles import Role
from sandbox import services
from sandbox.models import AlertHit, Movement, Sandbox
from sandbox.models.choices import SandboxRole
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_sandbox import log_in, sandbox_navigation
from tests.people.factories import person
from tests.sandbox.referrals import Referral, alert_for, referred
from tests.sandbox.screens import PASSPORT_MRZ

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def secondary_officer(email: str) -> Sandbox:
    """A learner whose sandbox acts as a secondary-line officer."""
    user = person(email=email, full_name="Sofía Segura", role=Role.LEARNER, authority_code="cr-dgme")
    sandbox = services.sandbox_get_or_create(user=user)
    sandbox.role = SandboxRole.SECONDARY_OFFICER
    sandbox.save(update_fields=["role"])
    return sandbox


def refer_at_the_primary_line(sandbox: Sandbox) -> Referral:
    """José Luis Peña López, wanted by Nicaragua, screened at Peñas Blancas (Costa Rica) and
    referred to the secondary line: the primary line's part of the journey, through the services
    (screen, register the referral, link the hits)."""
    alert_for("ARREST_NOTIFY", issuing_country="NIC", legal_reference="Orden de captura 44-2024")
    return referred(sandbox, sandbox.owner)


def test_the_secondary_officer_confirms_the_hit_and_the_traveller_is_refused(page):
    sandbox = secondary_officer("segunda@example.org")
    referral = refer_at_the_primary_line(sandbox)
    problems = {}

    log_in(page, "segunda@example.org")
    sandbox_navigation(page).get_by_role("link", name="Segunda línea").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Segunda línea"
    assert page.get_by_role("status").inner_text() == "1 persona remitida espera; primero la más antigua."
    assert page.get_by_text("Orden de captura, emitida por Nicaragua: Retener y avisar a la policía").is_visible()
    problems["queue"] = _violations(page)

    page.get_by_role("link", name="JOSE LUIS PENA LOPEZ").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Caso de JOSE LUIS PENA LOPEZ"
    document = page.get_by_role("region", name="Documento")
    assert document.get_by_text("C01234567", exact=True).is_visible()
    hit = page.get_by_role("region", name="Coincidencia 1: Orden de captura, emitida por Nicaragua")
    assert hit.get_by_text("Orden de captura 44-2024").is_visible()
    comparison = hit.get_by_role("table")
    surnames = comparison.get_by_role("row", name=re.compile("^Apellidos"))
    assert surnames.get_by_role("cell").all_inner_texts() == ["Peña López", "PEÑA LOPEZ", "Igual"]
    problems["case"] = _violations(page)

    # Confirming without a reason is refused on the field, nothing recorded.
    hit.get_by_label("Confirmada: la persona viajera es el sujeto de la alerta").check()
    hit.get_by_role("button", name="Registrar la resolución de la coincidencia 1").click()
    assert page.get_by_role("alert").is_visible()
    problems["case with a form's errors"] = _violations(page)
    assert Movement.objects.visible_to(sandbox).get(uid=referral.movement.uid).decision == "REFERRED"

    hit = page.get_by_role("region", name="Coincidencia 1: Orden de captura, emitida por Nicaragua")
    hit.get_by_label("Confirmada: la persona viajera es el sujeto de la alerta").check()
    hit.get_by_label("Motivo").fill("Misma persona: nombre, fecha de nacimiento, pasaporte y fotografía.")
    hit.get_by_role("button", name="Registrar la resolución de la coincidencia 1").click()
    said = "La coincidencia ha quedado confirmada. No queda ninguna coincidencia pendiente: se rechaza a la persona viajera."  # noqa: E501
    assert page.get_by_text(said).is_visible()
    decision = page.get_by_role("region", name="Decisión")
    assert decision.inner_text().split("\n")[-1].startswith("Rechazada")
    hit = page.get_by_role("region", name="Coincidencia 1: Orden de captura, emitida por Nicaragua")
    assert hit.get_by_text("Retener y avisar a la policía").is_visible()
    assert hit.get_by_text(re.compile("^Notificación enviada a Nicaragua el ")).is_visible()
    assert hit.get_by_role("button").count() == 0
    assert Movement.objects.visible_to(sandbox).get(uid=referral.movement.uid).decision == "REFUSED"

    # The traveller has left the queue.
    page.get_by_role("link", name="Volver a las personas remitidas").click()
    assert page.get_by_role("status").inner_text() == "0 personas remitidas esperan; primero la más antigua."
    assert problems == {key: [] for key in problems}


def test_the_primary_officer_sees_the_hit_before_deciding_refers_and_the_secondary_officer_confirms(page):
    """The issue's journey whole: a Costa Rican primary-line officer reads the MRZ of a traveller
    wanted by Nicaragua, sees the hit before any movement exists, refers him; the same learner,
    set to the secondary line (as an exercise for that function would), confirms the hit."""
    user = person(email="primera@example.org", full_name="Pablo Primera", role=Role.LEARNER, authority_code="cr-dgme")
    alert_for("ARREST_NOTIFY", issuing_country="NIC", legal_reference="Orden de captura 44-2024")

    log_in(page, "primera@example.org")
    page.get_by_role("link", name="Registrar una entrada o salida").first.click()
    page.get_by_label("Zona de lectura mecánica (MRZ)").fill(PASSPORT_MRZ)
    page.get_by_label("Entrada", exact=True).check()
    page.get_by_label("Puesto fronterizo", exact=True).select_option("CR-PBL")
    page.get_by_label("Motivo del viaje").select_option("TOURISM")
    page.get_by_role("button", name="Verificar al viajero").click()

    # The screening's result, before any decision: the hit, its category, issuer and action.
    screening = page.get_by_role("region", name=re.compile("Resultado de la verificación"))
    shown = screening.inner_text()
    assert "COINCIDENCIA" in shown and "SIN COINCIDENCIA" not in shown
    assert "Orden de captura" in shown and "Nicaragua" in shown
    assert "Retener y avisar a la policía" in shown
    sandbox = Sandbox.objects.get(owner=user)
    assert not Movement.objects.layer_of(sandbox).exists()
    assert AlertHit.objects.layer_of(sandbox).filter(movement_uid__isnull=True, disposition="PENDING").count() == 1

    # The blocking hit leaves the referral as the decision the officer records.
    page.get_by_role("button", name="Registrar la decisión").click()
    movement = Movement.objects.layer_of(sandbox).get()
    assert movement.decision == "REFERRED"
    assert AlertHit.objects.visible_to(sandbox).get().movement_uid == movement.uid

    # The secondary line.
    sandbox.role = SandboxRole.SECONDARY_OFFICER
    sandbox.save(update_fields=["role"])
    page.goto("/sandbox/")
    sandbox_navigation(page).get_by_role("link", name="Segunda línea").click()
    page.get_by_role("link", name="JOSE LUIS PENA LOPEZ").click()
    hit = page.get_by_role("region", name="Coincidencia 1: Orden de captura, emitida por Nicaragua")
    hit.get_by_label("Confirmada: la persona viajera es el sujeto de la alerta").check()
    hit.get_by_label("Motivo").fill("Misma persona: nombre, fecha de nacimiento, pasaporte y fotografía.")
    hit.get_by_role("button", name="Registrar la resolución de la coincidencia 1").click()
    decision = page.get_by_role("region", name="Decisión")
    assert decision.inner_text().split("\n")[-1].startswith("Rechazada")
    assert Movement.objects.visible_to(sandbox).get(uid=movement.uid).decision == "REFUSED"
