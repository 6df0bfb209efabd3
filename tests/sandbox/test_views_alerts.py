"""The alert manager's screens: the list and its filters, a new alert (hostile names, dates as
typed), the four-eyes rule on the screens, each change of the table through its form, a refused
or repeated change writing nothing, the job function's gate, a trainer's read-only view, and
both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from people.roles import Role
from sandbox.alerts import alert_create
from sandbox.models import Alert, AlertCategory, AlertChange, Sandbox
from sandbox.models.choices import AlertStatus
from sandbox.services import record_update, sandbox_get_or_create
from tests.conftest import client_for
from tests.people.factories import UserFactory, person
from tests.sandbox.baseline_rows import next_baseline_uid
from tests.sandbox.screens import main_text

pytestmark = pytest.mark.django_db

ALERTS = "/en/sandbox/alerts/"


def alert_manager(authority: str = "cr-dgme"):
    user = person(role=Role.LEARNER, authority_code=authority)
    user.staff_profile.job_function = "alert_manager"
    user.staff_profile.save()
    return user


@pytest.fixture
def manager():
    return alert_manager()


@pytest.fixture
def client(manager):
    return client_for(manager)


def fields(**changes):
    today = timezone.localdate()
    return {
        "category": AlertCategory.objects.get(code="EXIT_BAN"),
        "subject_name": "PÉREZ GÓMEZ, MARÍA JOSÉ",
        "subject_birth_date": dt.date(1990, 6, 15),
        "issuing_country_id": "CRI",
        "sharing_scope": "OCAM_ALL",
        "legal_reference": "Exp. 123-2026",
        "valid_from": today,
        **changes,
    }


def layer_alert(user, status: str = "DRAFT", *, author=None, **changes) -> Alert:
    """An alert of the user's sandbox at `status`; `author` (default: the user) created it."""
    sandbox = sandbox_get_or_create(user=user)
    alert = alert_create(sandbox=sandbox, actor=author or user, **fields(**changes.pop("create", {})))
    updates = {"status": status, **changes}
    if status != "DRAFT":
        updates |= {"approved_by": UserFactory(), "approved_at": timezone.now()}
    return record_update(sandbox=sandbox, record=alert, **updates)


def baseline_alert(**changes) -> Alert:
    values = {
        "category_id": "DOC_LOST_STOLEN",
        "subject_kind": "DOCUMENT",
        "document_number": "X1234567",
        "document_issuing_state_id": "PAN",
        "issuing_country_id": "PAN",
        "action": "SEIZE_DOCUMENT",
        "valid_from": dt.date(2025, 1, 1),
        "valid_until": dt.date(2034, 1, 1),
        "review_due": dt.date(2025, 4, 1),
        "status": "ACTIVE",
        "sharing_scope": "OCAM_ALL",
        "is_training_inflated": True,
    }
    alert = Alert(uid=next_baseline_uid(Alert)[0], **{**values, **changes})
    alert.save(force_insert=True)
    return alert


def changes_of(alert: Alert) -> list[str]:
    return list(AlertChange.objects.every_row().filter(alert_uid=alert.uid).values_list("kind", flat=True))


def status_of(user, alert: Alert) -> str:
    return Alert.objects.visible_to(Sandbox.objects.get(owner=user)).get(uid=alert.uid).status


def change(client, alert: Alert, kind: str, expected: str, **data):
    return client.post(
        f"{ALERTS}{alert.uid}/change/", {"kind": kind, "expected_status": expected, "justification": "", **data}
    )


# The gate


def test_a_border_officer_neither_sees_nor_creates_alerts_nor_has_the_link(learner):
    client = client_for(learner)
    assert client.get(ALERTS).status_code == 403
    assert client.get(f"{ALERTS}new/").status_code == 403
    assert client.post(f"{ALERTS}new/", {}).status_code == 403
    assert 'href="/en/sandbox/alerts/"' not in client.get("/en/sandbox/").content.decode()


def test_an_analyst_sees_alerts_but_changes_none(manager):
    manager.staff_profile.job_function = "analyst"
    manager.staff_profile.save()
    alert = layer_alert(manager, "ACTIVE", author=UserFactory())
    client = client_for(manager)
    assert client.get(ALERTS).status_code == 200
    page = client.get(f"{ALERTS}{alert.uid}/").content.decode()
    assert "/change/" not in page
    assert client.get(f"{ALERTS}new/").status_code == 403
    assert change(client, alert, "SUSPEND", "ACTIVE", justification="x").status_code == 403
    assert status_of(manager, alert) == "ACTIVE"


def test_the_sandbox_role_decides_over_the_staff_profile(learner):
    Sandbox.objects.create(owner=learner, role="alert_manager")
    client = client_for(learner)
    assert client.get(ALERTS).status_code == 200
    assert '<a href="/en/sandbox/alerts/" aria-current="true">Alerts</a>' in client.get(ALERTS).content.decode()


# The list


def test_the_list_filters_by_status_category_and_review(client, manager):
    today = timezone.localdate()
    overdue = layer_alert(manager, "ACTIVE", author=UserFactory(), review_due=today - dt.timedelta(days=1))
    soon = layer_alert(manager, "ACTIVE", author=UserFactory(), review_due=today + dt.timedelta(days=20))
    later = layer_alert(manager, "SUSPENDED", author=UserFactory(), review_due=today + dt.timedelta(days=80))
    document = baseline_alert(issuing_country_id="CRI", review_due=today + dt.timedelta(days=5))

    def shown(query: str) -> set[int]:
        html = client.get(f"{ALERTS}?{query}").content.decode()
        return {alert.uid for alert in (overdue, soon, later, document) if f'href="{ALERTS}{alert.uid}/"' in html}

    assert shown("") == {overdue.uid, soon.uid, later.uid, document.uid}
    assert shown("status=SUSPENDED") == {later.uid}
    assert shown("category=DOC_LOST_STOLEN") == {document.uid}
    assert shown("review=overdue") == {overdue.uid}
    assert shown("review=soon") == {soon.uid, document.uid}
    assert shown("review=soon&category=EXIT_BAN") == {soon.uid}
    assert shown("status=NOPE&review=whenever") == {overdue.uid, soon.uid, later.uid, document.uid}


def test_the_list_holds_the_countrys_own_alerts_not_those_others_share(client, manager):
    own = baseline_alert(issuing_country_id="CRI")
    shared = baseline_alert()  # Panama's, shared with every member: reached from a hit, not listed
    html = client.get(ALERTS).content.decode()
    assert f"{ALERTS}{own.uid}/" in html and f"{ALERTS}{shared.uid}/" not in html
    assert client.get(f"{ALERTS}{shared.uid}/").status_code == 200
    national = baseline_alert(issuing_country_id="PAN", sharing_scope="NATIONAL")
    assert client.get(f"{ALERTS}{national.uid}/").status_code == 404


def test_the_list_puts_the_most_pressing_review_first_and_labels_the_training_stock(client, manager):
    today = timezone.localdate()
    later = layer_alert(manager, "ACTIVE", review_due=today + dt.timedelta(days=80))
    overdue = layer_alert(manager, "ACTIVE", review_due=today - dt.timedelta(days=3))
    baseline_alert(issuing_country_id="CRI")
    html = client.get(ALERTS).content.decode()
    assert html.index(f"{ALERTS}{overdue.uid}/") < html.index(f"{ALERTS}{later.uid}/")
    assert "(overdue)" in html
    assert html.count("Inflated for training") == 1


def test_the_list_is_paginated(client, manager):
    for _ in range(27):
        layer_alert(manager)
    first = client.get(ALERTS).content.decode()
    assert "27 alerts." in first and "Results 1\u201325 of 27." in first
    assert 'href="?page=2"' in first
    second = client.get(f"{ALERTS}?page=2").content.decode()
    assert "Results 26\u201327 of 27." in second
    assert client.get(f"{ALERTS}?page=banana").status_code == 200


# Creating


def person_post(**changes):
    return {
        "category": "EXIT_BAN",
        "surnames": "Pérez Gómez",
        "given_names": "María José",
        "birth_date": "15/06/1990",
        "nationality": "CRI",
        "national_id": "1 0234 0567",
        "sharing_scope": "OCAM_ALL",
        "legal_reference": "Juzgado de Familia, exp. 23-000123",
        **changes,
    }


def test_a_person_alert_is_created_awaiting_approval(client, manager):
    response = client.post(f"{ALERTS}new/", person_post())
    alert = Alert.objects.layer_of(Sandbox.objects.get(owner=manager)).get()
    assert response.status_code == 302 and response["Location"] == f"{ALERTS}{alert.uid}/"
    assert alert.status == AlertStatus.DRAFT and alert.created_by == manager
    assert alert.subject_name == "PÉREZ GÓMEZ, MARÍA JOSÉ"
    assert alert.subject_birth_date == dt.date(1990, 6, 15)
    assert alert.subject_national_id == "102340567"
    assert (alert.issuing_country_id, alert.action, alert.sensitivity) == ("CRI", "PREVENT_EXIT", "NORMAL")
    page = client.get(response["Location"]).content.decode()
    assert "awaits a second user" in page
    assert "Ask a colleague to approve" in page
    assert "change-approve" not in page  # the author is offered no approval of their own


def test_a_document_alert_is_created_with_its_selected_countries(client, manager):
    response = client.post(
        f"{ALERTS}new/",
        {
            "category": "DOC_LOST_STOLEN",
            "document_number": "c 0123 4567",
            "document_issuing_state": "CRI",
            "sharing_scope": "SELECTED",
            "shared_with": ["GTM", "PAN"],
            "valid_until": "2030-01-31",
            "legal_reference": "Denuncia 55-2026",
        },
    )
    assert response.status_code == 302
    alert = Alert.objects.layer_of(Sandbox.objects.get(owner=manager)).get()
    assert (alert.subject_kind, alert.document_number, alert.document_issuing_state_id) == (
        "DOCUMENT",
        "C01234567",
        "CRI",
    )
    assert alert.shared_with == ["GTM", "PAN"] and alert.valid_until == dt.date(2030, 1, 31)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"surnames": "Pérez\u202e Gómez"}, "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ({"given_names": "Mar\u200bía"}, "U+200B ZERO WIDTH SPACE"),
        ({"legal_reference": "Exp.\x07 12"}, "invisible or control characters"),
        ({"birth_date": "31/02/1990"}, "Type a date as day/month/year"),
        ({"surnames": ""}, "type the surnames"),
        ({"legal_reference": ""}, "This field is required"),
        ({"valid_until": "01/01/2099"}, "valid for 730 days at most"),
        ({"sharing_scope": "SELECTED"}, "Choose the countries"),
        ({"document_number": "C0123"}, "names no document"),
        ({"category": "DOC_LOST_STOLEN"}, "type its number"),
        ({"person_uid": "987654"}, "No person on file has this number."),
    ],
)
def test_a_refused_alert_comes_back_with_its_errors_and_nothing_is_written(client, manager, changes, message):
    response = client.post(f"{ALERTS}new/", person_post(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Alert.objects.every_row().exists()


def test_an_alert_names_a_person_on_file(client, manager):
    from tests.sandbox.baseline_rows import baseline_person

    on_file = baseline_person(held_by_id="CRI")  # a record of Costa Rica, the manager's country
    assert client.post(f"{ALERTS}new/", person_post(person_uid=str(on_file.uid))).status_code == 302
    alert = Alert.objects.layer_of(Sandbox.objects.get(owner=manager)).get()
    assert alert.person_uid == on_file.uid
    assert f'href="/en/sandbox/people/{on_file.uid}/"' in client.get(f"{ALERTS}{alert.uid}/").content.decode()


def test_an_official_without_a_country_chooses_the_issuing_country():
    trainer = person(role=Role.TRAINER, authority_code=None)
    Sandbox.objects.create(owner=trainer, role="alert_manager")
    client = client_for(trainer)
    assert 'name="issuing_country"' in client.get(f"{ALERTS}new/").content.decode()
    response = client.post(f"{ALERTS}new/", person_post(issuing_country="HND"))
    assert response.status_code == 302
    assert Alert.objects.layer_of(Sandbox.objects.get(owner=trainer)).get().issuing_country_id == "HND"


# Four eyes on the screens


def test_the_author_cannot_approve_through_the_screen(client, manager):
    alert = layer_alert(manager)
    response = change(client, alert, "APPROVE", "DRAFT")
    assert response.status_code == 302
    assert "its author cannot approve their own" in main_text(client.get(response["Location"]))
    assert status_of(manager, alert) == "DRAFT" and changes_of(alert) == ["CREATE"]


def test_another_users_draft_is_approved_through_the_screen(client, manager):
    alert = layer_alert(manager, author=UserFactory())
    page = client.get(f"{ALERTS}{alert.uid}/").content.decode()
    assert 'id="change-approve"' in page and "Ask a colleague to approve" not in page
    response = change(client, alert, "APPROVE", "DRAFT")
    assert response.status_code == 302
    assert status_of(manager, alert) == "ACTIVE"


def test_a_colleague_approves_a_complete_draft_and_rejects_an_incomplete_one(client, manager):
    complete = layer_alert(manager)
    incomplete = layer_alert(manager, create={"subject_birth_date": None})
    client.post(f"{ALERTS}{complete.uid}/approval/")
    response = client.post(f"{ALERTS}{incomplete.uid}/approval/")
    assert status_of(manager, complete) == "ACTIVE"
    assert status_of(manager, incomplete) == "CANCELLED"
    page = main_text(client.get(response["Location"]))
    assert "rejected the alert as incomplete" in page and "date of birth" in page


def test_only_the_author_asks_a_colleague(client, manager):
    alert = layer_alert(manager, author=UserFactory())
    response = client.post(f"{ALERTS}{alert.uid}/approval/")
    assert "Only the author" in main_text(client.get(response["Location"]))
    assert status_of(manager, alert) == "DRAFT"


# Each change through its form

LEGAL = [
    ("DRAFT", "REJECT", "CANCELLED"),
    ("DRAFT", "CANCEL", "CANCELLED"),
    ("ACTIVE", "REVIEW", "ACTIVE"),
    ("ACTIVE", "EXTEND", "ACTIVE"),
    ("ACTIVE", "SUSPEND", "SUSPENDED"),
    ("SUSPENDED", "RESUME", "ACTIVE"),
    ("ACTIVE", "FULFIL", "FULFILLED"),
    ("ACTIVE", "CANCEL", "CANCELLED"),
    ("ACTIVE", "EXPIRE", "EXPIRED"),
    ("SUSPENDED", "FOLLOW_UP", "SUSPENDED"),
]


@pytest.mark.parametrize(("status", "kind", "target"), LEGAL)
def test_each_change_the_table_allows_is_made_through_its_form(client, manager, status, kind, target):
    today = timezone.localdate()
    valid_until = today - dt.timedelta(days=1) if kind == "EXPIRE" else today + dt.timedelta(days=60)
    alert = layer_alert(manager, status, author=UserFactory(), valid_until=valid_until)
    page = client.get(f"{ALERTS}{alert.uid}/").content.decode()
    assert f'id="change-{kind.lower()}"' in page
    data = {"justification": "Motivo del cambio."}
    if kind == "EXTEND":
        data["valid_until"] = (today + dt.timedelta(days=120)).strftime("%d/%m/%Y")
    response = change(client, alert, kind, status, **data)
    assert response.status_code == 302, main_text(response)
    assert status_of(manager, alert) == target
    assert changes_of(alert)[-1] == kind
    assert "the alert is now" in main_text(client.get(response["Location"]))


def test_the_page_offers_only_the_changes_of_the_alerts_status(client, manager):
    alert = layer_alert(manager, "SUSPENDED", author=UserFactory())
    page = client.get(f"{ALERTS}{alert.uid}/").content.decode()
    offered = {
        kind
        for kind in (
            "approve",
            "reject",
            "review",
            "extend",
            "suspend",
            "resume",
            "fulfil",
            "cancel",
            "expire",
            "follow_up",
        )
        if f'id="change-{kind}"' in page
    }
    assert offered == {"review", "resume", "fulfil", "cancel", "expire", "follow_up"}


def test_a_change_without_its_justification_comes_back_on_its_form(client, manager):
    alert = layer_alert(manager, "ACTIVE", author=UserFactory())
    response = change(client, alert, "SUSPEND", "ACTIVE")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<details class="alert-change" id="change-suspend" open>' in html
    assert "Give the reason for this change." in html or "This field is required." in html
    assert status_of(manager, alert) == "ACTIVE" and changes_of(alert) == ["CREATE"]


def test_an_extension_past_the_longest_validity_comes_back_with_the_date(client, manager):
    alert = layer_alert(manager, "ACTIVE", author=UserFactory())
    response = change(client, alert, "EXTEND", "ACTIVE", justification="Renovación.", valid_until="01/01/2099")
    assert response.status_code == 200
    assert "cannot be valid beyond" in response.content.decode()
    assert changes_of(alert) == ["CREATE"]


def test_an_illegal_change_is_refused_with_a_message_and_writes_nothing(client, manager):
    alert = layer_alert(manager, "EXPIRED", author=UserFactory())
    response = change(client, alert, "RESUME", "EXPIRED")
    assert "cannot be" in main_text(client.get(response["Location"]))
    assert status_of(manager, alert) == "EXPIRED" and changes_of(alert) == ["CREATE"]


def test_an_unknown_change_is_refused(client, manager):
    alert = layer_alert(manager, "ACTIVE", author=UserFactory())
    response = change(client, alert, "DELETE", "ACTIVE")
    assert response.status_code == 302 and changes_of(alert) == ["CREATE"]


def test_a_double_submit_applies_the_change_once(client, manager):
    alert = layer_alert(manager, "ACTIVE", author=UserFactory())
    first = change(client, alert, "SUSPEND", "ACTIVE", justification="Orden judicial.")
    second = change(client, alert, "SUSPEND", "ACTIVE", justification="Orden judicial.")
    assert first.status_code == second.status_code == 302
    assert changes_of(alert) == ["CREATE", "SUSPEND"]
    assert "changed while you were deciding" in main_text(client.get(second["Location"]))


def test_another_countrys_alert_is_followed_up_not_changed(client, manager):
    alert = baseline_alert()  # Panama's
    refused = change(client, alert, "SUSPEND", "ACTIVE", justification="No es nuestra.")
    assert "Only the country that issued the alert" in main_text(client.get(refused["Location"]))
    followed = change(client, alert, "FOLLOW_UP", "ACTIVE", justification="¿Sigue vigente?")
    assert followed.status_code == 302
    assert changes_of(alert) == ["FOLLOW_UP"]
    assert Alert.objects.baseline().get(uid=alert.uid).status == "ACTIVE"


def test_another_learners_alert_is_not_found(client):
    other = alert_manager()
    alert = layer_alert(other, "ACTIVE", author=UserFactory())
    assert client.get(f"{ALERTS}{alert.uid}/").status_code == 404
    assert change(client, alert, "SUSPEND", "ACTIVE", justification="x").status_code == 404
    assert client.post(f"{ALERTS}{alert.uid}/approval/").status_code == 404


# The page, a trainer's view, the languages


def test_the_page_shows_the_alert_its_history_and_its_hits(client, manager):
    from sandbox.models import AlertHit
    from sandbox.services import record_create

    alert = layer_alert(manager, "ACTIVE", author=UserFactory())
    record_create(
        sandbox=Sandbox.objects.get(owner=manager),
        model=AlertHit,
        alert_uid=alert.uid,
        crossing_point_id="CR-PBL",
        screened_at=timezone.now(),
        match_type="NAME_DOB_FUZZY",
        score=0.9,
    )
    text = main_text(client.get(f"{ALERTS}{alert.uid}/"))
    assert "PÉREZ GÓMEZ, MARÍA JOSÉ" in text and "Exp. 123-2026" in text
    assert "Created" in text and "Similar name and birth date" in text and "Peñas Blancas" in text


def test_a_trainer_sees_a_learners_alerts_read_only(manager):
    alert = layer_alert(manager, "ACTIVE", author=UserFactory())
    sandbox = Sandbox.objects.get(owner=manager)
    trainer = client_for(person(role=Role.TRAINER, authority_code="iom"))
    listing = trainer.get(f"/en/sandbox/learners/{sandbox.pk}/alerts/").content.decode()
    assert f'href="/en/sandbox/learners/{sandbox.pk}/alerts/{alert.uid}/"' in listing
    assert "Create an alert" not in listing
    page = trainer.get(f"/en/sandbox/learners/{sandbox.pk}/alerts/{alert.uid}/")
    assert page.status_code == 200
    assert "/change/" not in page.content.decode() and "/approval/" not in page.content.decode()


def test_the_list_in_spanish(client, manager):
    baseline_alert(issuing_country_id="CRI")
    html = client.get("/sandbox/alerts/").content.decode()
    assert "<h1>Alertas</h1>" in html
    assert "Documento extraviado o robado" in html
    assert "Aumentada para la capacitación" in html


def test_the_list_in_english(client, manager):
    baseline_alert(issuing_country_id="CRI")
    html = client.get(ALERTS).content.decode()
    assert "<h1>Alerts</h1>" in html and "Lost or stolen document" in html
