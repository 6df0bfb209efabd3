"""The secondary line's screens: the queue of referred travellers (oldest first, one post's on
request, the learner's own only, in a fixed number of queries), a referral's case (the person on
file, the document, each hit's alert beside the traveller as read, a form per pending hit), a
disposition posted and its outcome shown, a double submit adjudicating once, the screens gated by
the learner's job function, a trainer's read-only inspection, in Spanish and English.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from sandbox import services
from sandbox.models import AlertHit, AuditEvent, Document, HitNotification, Movement, Sandbox
from sandbox.models.choices import SandboxRole
from tests.conftest import client_for
from tests.sandbox.referrals import ARRIVAL, alert_for, referred
from tests.sandbox.screens import main_text, other_learner

pytestmark = pytest.mark.django_db

QUEUE = "/en/sandbox/secondary/"


def as_secondary_officer(user) -> Sandbox:
    """The user's sandbox, acting as a secondary-line officer."""
    sandbox = services.sandbox_get_or_create(user=user)
    sandbox.role = SandboxRole.SECONDARY_OFFICER
    sandbox.save(update_fields=["role"])
    return sandbox


@pytest.fixture
def officer_sandbox(learner) -> Sandbox:
    return as_secondary_officer(learner)


@pytest.fixture
def referral(officer_sandbox, learner):
    """José Luis Peña López, referred at Peñas Blancas on Nicaragua's arrest warrant."""
    alert_for("ARREST_NOTIFY", issuing_country="NIC", legal_reference="Orden de captura 44-2024")
    return referred(officer_sandbox, learner)


def case_url(movement, language: str = "en") -> str:
    prefix = "/en" if language == "en" else ""
    return f"{prefix}/sandbox/secondary/{movement.uid}/"


def adjudicate(client, hit, **data):
    return client.post(
        f"/en/sandbox/secondary/hits/{hit.uid}/adjudicate/",
        {"disposition": "CONFIRMED", "reason": "Same face, same birth date, same passport.", **data},
    )


def test_the_queue_lists_referred_travellers_with_their_pending_hits(learner_client, referral):
    response = learner_client.get(QUEUE)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<a href="{QUEUE}" aria-current="true">Secondary inspection</a>' in html
    text = main_text(response)
    assert "1 referred traveller waits, oldest first." in text
    assert f'<a href="{case_url(referral.movement)}">JOSE LUIS PENA LOPEZ</a>' in html  # as the zone reads
    assert "Wanted person, issued by Nicaragua: Detain and notify the police" in text
    assert "Peñas Blancas" in text


def test_the_queue_is_oldest_first_and_keeps_one_posts_referrals_on_request(learner_client, officer_sandbox, learner):
    alert_for("REFUSE_ENTRY", issuing_country="CRI")
    later = referred(officer_sandbox, learner, local_time=ARRIVAL + dt.timedelta(hours=3))
    earlier = referred(officer_sandbox, learner, crossing_point="CR-SJO", local_time=ARRIVAL)
    html = learner_client.get(QUEUE).content.decode()
    assert html.index(f"referral-{earlier.movement.uid}") < html.index(f"referral-{later.movement.uid}")
    assert '<option value="CR-SJO">' in html
    only = learner_client.get(QUEUE, {"crossing_point": "CR-PBL"}).content.decode()
    assert f"referral-{later.movement.uid}" in only
    assert f"referral-{earlier.movement.uid}" not in only
    assert '<option value="CR-PBL" selected>' in only
    unknown = learner_client.get(QUEUE, {"crossing_point": "XX-NONE"}).content.decode()
    assert "2 referred travellers wait, oldest first." in unknown


def test_a_decided_referral_leaves_the_queue(learner_client, referral):
    adjudicate(learner_client, referral.hits[0])
    assert "No referred traveller waits." in main_text(learner_client.get(QUEUE))


def test_another_learners_referrals_are_never_shown_nor_found(learner_client, referral):
    other = other_learner()
    theirs = as_secondary_officer(other)
    intruder = client_for(other)
    mine_too = referred(theirs, other)  # the same traveller, referred in their own sandbox
    html = intruder.get(QUEUE).content.decode()
    assert f"referral-{mine_too.movement.uid}" in html
    assert f"referral-{referral.movement.uid}" not in html
    assert intruder.get(case_url(referral.movement)).status_code == 404
    assert adjudicate(intruder, referral.hits[0]).status_code == 404
    hit = AlertHit.objects.visible_to(referral.movement.sandbox).get(uid=referral.hits[0].uid)
    assert hit.disposition == "PENDING"
    assert f"referral-{referral.movement.uid}" in learner_client.get(QUEUE).content.decode()


def sandbox_queries(client, url: str) -> int:
    """The queries of the sandbox's tables a GET makes (the site's header and session aside)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum('"sandbox_' in query["sql"] for query in queries.captured_queries)


def test_the_queue_and_the_case_read_a_fixed_number_of_queries(learner_client, officer_sandbox, learner):
    alert_for("REFUSE_ENTRY", issuing_country="CRI")
    alert_for("INFO_ONLY", issuing_country="NIC")
    first = referred(officer_sandbox, learner)
    one = sandbox_queries(learner_client, QUEUE)
    one_case = sandbox_queries(learner_client, case_url(first.movement))
    alert_for("DISCREET_CHECK", issuing_country="GTM")
    for hours in (1, 2, 3):
        last = referred(officer_sandbox, learner, local_time=ARRIVAL + dt.timedelta(hours=hours))
    assert len(last.hits) == 3
    assert "4 referred travellers wait" in main_text(learner_client.get(QUEUE))
    assert sandbox_queries(learner_client, QUEUE) == one
    assert sandbox_queries(learner_client, case_url(last.movement)) == one_case


def test_the_case_shows_the_person_the_document_and_each_alert_beside_the_traveller(learner_client, referral):
    response = learner_client.get(case_url(referral.movement))
    assert response.status_code == 200
    html = response.content.decode()
    text = main_text(response)
    document = Document.objects.visible_to(referral.movement.sandbox).get(uid=referral.movement.document_uid)
    assert "Case of JOSE LUIS PENA LOPEZ" in text
    assert "The traveller waits at the secondary line: 1 hit waits for your disposition." in text
    assert "C01234567" in text and "Valid" in text
    assert f'<pre class="mrz" aria-labelledby="document-mrz" tabindex="0">{escape(document.mrz)}</pre>' in html
    assert "Hit 1: Wanted person, issued by Nicaragua" in text
    for fact in ("Detain and notify the police", "Orden de captura 44-2024", "PEÑA LOPEZ, JOSE LUIS", "March 9, 1988"):
        assert fact in text
    comparison = html[html.index('<table class="data-table comparison">') : html.index("</table>")]
    rows = [main_text_of(row) for row in re.findall(r"<tr>(.*?)</tr>", comparison, flags=re.S)]
    assert "Surnames Peña López PEÑA LOPEZ Same" in rows
    assert "Date of birth March 9, 1988 March 9, 1988 Same" in rows
    assert "Document number C01234567 — —" in rows  # a person alert names no document
    hit = referral.hits[0]
    assert f'action="/en/sandbox/secondary/hits/{hit.uid}/adjudicate/"' in html
    assert f'<label for="hit-{hit.uid}-reason">Reason</label>' in html
    radio = rf'<input type="radio" name="disposition" value="FALSE_POSITIVE"[^>]*id="hit-{hit.uid}-disposition_1"'
    assert re.search(radio, html)


def main_text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


def test_confirming_the_hit_refuses_the_traveller_and_notifies_the_issuing_country(learner_client, learner, referral):
    hit = referral.hits[0]
    response = adjudicate(learner_client, hit)
    assert response.status_code == 302
    assert response["Location"] == f"{case_url(referral.movement)}#hit-{hit.uid}"
    sandbox = referral.movement.sandbox
    assert Movement.objects.visible_to(sandbox).get(uid=referral.movement.uid).decision == "REFUSED"
    assert HitNotification.objects.layer_of(sandbox).get().to_country_id == "NIC"
    text = main_text(learner_client.get(response["Location"]))
    assert "The hit has been confirmed. No hit is pending: the traveller is refused." in text
    assert "Decision Refused : Alert confirmed at secondary inspection" in text
    for action in ("Refused entry or exit", "Police notified", "Issuing country notified"):
        assert action in text
    assert "Notification sent to Nicaragua on" in text
    assert "Same face, same birth date, same passport." in text
    assert 'name="disposition"' not in learner_client.get(case_url(referral.movement)).content.decode()


def test_a_false_positive_admits_the_traveller(learner_client, referral):
    response = adjudicate(learner_client, referral.hits[0], disposition="FALSE_POSITIVE", reason="Another man.")
    text = main_text(learner_client.get(response["Location"]))
    assert "The hit has been recorded as a false positive. No hit is pending: the traveller is admitted." in text
    assert "Admitted" in text
    assert "Notification sent" not in text


def test_with_two_hits_the_message_counts_the_pending_one(learner_client, officer_sandbox, learner):
    alert_for("REFUSE_ENTRY", issuing_country="CRI")
    alert_for("INFO_ONLY", issuing_country="CRI")
    first, _second = referred(officer_sandbox, learner).hits
    response = adjudicate(learner_client, first, disposition="FALSE_POSITIVE", reason="Not him.")
    assert "1 hit of this traveller is still pending." in main_text(learner_client.get(response["Location"]))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"reason": "  "}, "reason", "Say what the comparison showed."),
        ({"disposition": ""}, "disposition", "Choose confirmed or false positive."),
        ({"disposition": "INCONCLUSIVE"}, "disposition", "Select a valid choice."),
    ],
)
def test_a_disposition_without_its_parts_comes_back_with_the_error(learner_client, referral, data, field, message):
    hit = referral.hits[0]
    response = adjudicate(learner_client, hit, **data)
    assert response.status_code == 200
    assert f'id="hit-{hit.uid}-{field}_error">{message}' in response.content.decode()
    assert AlertHit.objects.visible_to(referral.movement.sandbox).get(uid=hit.uid).disposition == "PENDING"


def test_a_double_submit_adjudicates_once(learner_client, referral):
    hit = referral.hits[0]
    adjudicate(learner_client, hit)
    response = adjudicate(learner_client, hit, disposition="FALSE_POSITIVE", reason="Second click.")
    assert response.status_code == 302
    assert response["Location"] == case_url(referral.movement)
    assert "This hit has already been adjudicated." in main_text(learner_client.get(response["Location"]))
    sandbox = referral.movement.sandbox
    assert AlertHit.objects.visible_to(sandbox).get(uid=hit.uid).disposition == "CONFIRMED"
    assert AuditEvent.objects.layer_of(sandbox).filter(object_type="alert_hit").count() == 1
    assert HitNotification.objects.layer_of(sandbox).count() == 1


def test_a_border_officer_neither_sees_nor_opens_the_secondary_line(learner, referral):
    referral.movement.sandbox.role = SandboxRole.BORDER_OFFICER
    referral.movement.sandbox.save(update_fields=["role"])
    client = client_for(learner)
    assert "Secondary inspection" not in client.get("/en/sandbox/").content.decode()
    assert client.get(QUEUE).status_code == 403
    assert client.get(case_url(referral.movement)).status_code == 403
    assert adjudicate(client, referral.hits[0]).status_code == 403
    assert AlertHit.objects.visible_to(referral.movement.sandbox).get(uid=referral.hits[0].uid).disposition == "PENDING"


def test_before_their_first_write_a_learner_acts_in_their_staff_profiles_function(learner_client):
    """No sandbox yet: the border officer of the staff profile, not every screen."""
    assert not Sandbox.objects.exists()
    assert learner_client.get(QUEUE).status_code == 403
    assert "Secondary inspection" not in learner_client.get("/en/sandbox/").content.decode()
    assert not Sandbox.objects.exists()


def test_a_secondary_officer_sees_the_link(learner_client, officer_sandbox):
    html = learner_client.get("/en/sandbox/").content.decode()
    assert f'<a href="{QUEUE}">Secondary inspection</a>' in html


def test_a_trainer_inspects_the_queue_read_only(trainer, learner_client, referral):
    sandbox = referral.movement.sandbox
    sandbox.role = SandboxRole.BORDER_OFFICER  # whatever the learner's function
    sandbox.save(update_fields=["role"])
    rows_before = (AuditEvent.objects.layer_of(sandbox).count(), AlertHit.objects.layer_of(sandbox).count())
    client = client_for(trainer)
    url = f"/en/sandbox/learners/{sandbox.pk}/secondary/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<a href="{url}" aria-current="true">Secondary inspection</a>' in html
    assert f'id="referral-{referral.movement.uid}"' in html
    assert "Wanted person, issued by Nicaragua" in main_text(response)
    assert "/adjudicate/" not in html and f"/sandbox/secondary/{referral.movement.uid}/" not in html
    assert client.post(url).status_code == 405
    assert (AuditEvent.objects.layer_of(sandbox).count(), AlertHit.objects.layer_of(sandbox).count()) == rows_before


def test_the_screens_speak_spanish(learner_client, referral):
    queue = main_text(learner_client.get("/sandbox/secondary/"))
    assert "Segunda línea" in queue
    assert "1 persona remitida espera; primero la más antigua." in queue
    assert "Orden de captura, emitida por Nicaragua: Retener y avisar a la policía" in queue
    case = main_text(learner_client.get(case_url(referral.movement, "es")))
    assert "Caso de JOSE LUIS PENA LOPEZ" in case
    assert "La persona viajera espera en segunda línea: 1 coincidencia espera su resolución." in case
    assert "Fecha de nacimiento 9 de marzo de 1988 9 de marzo de 1988 Igual" in case
    assert "Registrar la resolución de la coincidencia 1" in case
    response = learner_client.post(
        f"/sandbox/secondary/hits/{referral.hits[0].uid}/adjudicate/",
        {"disposition": "CONFIRMED", "reason": "Misma persona."},
    )
    outcome = main_text(learner_client.get(response["Location"]))
    assert "La coincidencia ha quedado confirmada. No queda ninguna coincidencia pendiente" in outcome
    assert "Rechazada : Alerta confirmada en segunda línea" in outcome
    assert "Notificación enviada a Nicaragua el" in outcome
