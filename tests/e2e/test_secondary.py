"""The secondary line's journey, in a browser without help from JavaScript: a secondary-line
officer opens the queue of referred travellers, opens the case of a traveller referred on an
arrest warrant of another country, compares the person, the document and the alert, confirms the
hit with a reason, and sees the traveller refused and the issuing country notified; the queue,
the case and the case with a form's errors meet WCAG 2.1 AA.

The primary line (reading the alerted MRZ, seeing the hit before deciding, referring) is set up
through the services in `refer_at_the_primary_line`, until its screen is rebuilt: that step of
the journey is the one function to replace by the primary officer's steps in the browser.
"""

from __future__ import annotations

import re

import pytest

from people.roles import Role
from sandbox import services
from sandbox.models import Movement, Sandbox
from sandbox.models.choices import SandboxRole
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_sandbox import log_in, sandbox_navigation
from tests.people.factories import person
from tests.sandbox.referrals import Referral, alert_for, referred

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
