"""Alert management (`sandbox.alerts`): creation awaiting approval, the four-eyes rule, and every
change of the transition table, legal and illegal, with what each writes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from sandbox.alerts import (
    REVIEW_INTERVAL_DAYS,
    TRANSITIONS,
    TransitionRefused,
    alert_create,
    alert_request_approval,
    alert_transition,
    allowed_changes,
    colleague_for,
)
from sandbox.models import Alert, AlertCategory, AlertChange, AuditEvent
from sandbox.models.choices import AlertChangeKind, AlertStatus
from sandbox.services import record_update
from tests.people.factories import UserFactory
from tests.sandbox.factories import learner_sandbox

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)
STATUSES = list(AlertStatus.values)
CHANGES = [kind for kind in AlertChangeKind.values if kind != AlertChangeKind.CREATE]
LEGAL = {
    AlertChangeKind.APPROVE: {"DRAFT": "ACTIVE"},
    AlertChangeKind.REJECT: {"DRAFT": "CANCELLED"},
    AlertChangeKind.REVIEW: {"ACTIVE": "ACTIVE", "SUSPENDED": "SUSPENDED"},
    AlertChangeKind.EXTEND: {"ACTIVE": "ACTIVE"},
    AlertChangeKind.SUSPEND: {"ACTIVE": "SUSPENDED"},
    AlertChangeKind.RESUME: {"SUSPENDED": "ACTIVE"},
    AlertChangeKind.FULFIL: {"ACTIVE": "FULFILLED", "SUSPENDED": "FULFILLED"},
    AlertChangeKind.CANCEL: {"DRAFT": "CANCELLED", "ACTIVE": "CANCELLED", "SUSPENDED": "CANCELLED"},
    AlertChangeKind.EXPIRE: {"ACTIVE": "EXPIRED", "SUSPENDED": "EXPIRED"},
    AlertChangeKind.FOLLOW_UP: {"ACTIVE": "ACTIVE", "SUSPENDED": "SUSPENDED"},
}
NEEDS_JUSTIFICATION = {"REJECT", "EXTEND", "SUSPEND", "FULFIL", "CANCEL", "FOLLOW_UP"}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("sandbox.alerts._today", lambda: TODAY)


@pytest.fixture
def sandbox():
    return learner_sandbox()


@pytest.fixture
def author(sandbox):
    return sandbox.owner


def person_fields(**changes):
    return {
        "category": AlertCategory.objects.get(code="EXIT_BAN"),
        "subject_name": "PÉREZ GÓMEZ, MARÍA JOSÉ",
        "subject_birth_date": dt.date(1990, 6, 15),
        "issuing_country_id": "CRI",
        "sharing_scope": "OCAM_ALL",
        "legal_reference": "Exp. 123-2026",
        "valid_from": TODAY,
        **changes,
    }


def document_fields(**changes):
    return {
        "category": AlertCategory.objects.get(code="DOC_LOST_STOLEN"),
        "document_number": "C01234567",
        "document_issuing_state_id": "CRI",
        "issuing_country_id": "CRI",
        "sharing_scope": "OCAM_ALL",
        "legal_reference": "Denuncia 55-2026",
        "valid_from": TODAY,
        **changes,
    }


def alert_in(sandbox, status: str, *, valid_until: dt.date | None = None, **fields) -> Alert:
    """A person alert of the learner's layer standing at `status` (written as the data would hold it)."""
    alert = alert_create(sandbox=sandbox, actor=sandbox.owner, **person_fields(**fields))
    changes = {"status": status}
    if valid_until is not None:
        changes["valid_until"] = valid_until
    if status != "DRAFT":
        changes |= {"approved_by": UserFactory(), "approved_at": timezone.now()}
    return record_update(sandbox=sandbox, record=alert, **changes)


def change_arguments(kind: str, alert: Alert) -> dict:
    arguments = {"justification": "Motivo registrado." if kind in NEEDS_JUSTIFICATION else ""}
    if kind == AlertChangeKind.EXTEND:
        arguments["valid_until"] = alert.valid_until + dt.timedelta(days=30)
    return arguments


def written(sandbox) -> tuple[int, int]:
    return (AlertChange.objects.layer_of(sandbox).count(), AuditEvent.objects.layer_of(sandbox).count())


# Creation


def test_alert_create_writes_a_draft_with_the_categorys_defaults_and_its_history(sandbox, author):
    alert = alert_create(sandbox=sandbox, actor=author, **person_fields())
    assert alert.status == AlertStatus.DRAFT
    assert (alert.action, alert.subject_kind) == ("PREVENT_EXIT", "PERSON")
    assert alert.valid_until == TODAY + dt.timedelta(days=365)
    assert alert.review_due == TODAY + dt.timedelta(days=REVIEW_INTERVAL_DAYS)
    assert alert.created_by == author and alert.approved_by is None
    assert alert.birth_key and not alert.is_training_inflated
    change = AlertChange.objects.layer_of(sandbox).get(alert_uid=alert.uid)
    assert (change.kind, change.from_status, change.to_status) == ("CREATE", "", "DRAFT")
    assert change.valid_until_before is None and change.valid_until_after == alert.valid_until
    assert AuditEvent.objects.layer_of(sandbox).filter(action="CREATE", object_uid=alert.uid).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"legal_reference": "  "}, "legal_reference"),
        ({"valid_until": TODAY - dt.timedelta(days=1)}, "valid_until"),
        ({"valid_until": TODAY + dt.timedelta(days=731)}, "valid_until"),  # EXIT_BAN: 730 days at most
        ({"sharing_scope": "SELECTED"}, "shared_with"),
        ({"sharing_scope": "NATIONAL", "shared_with": ["GTM"]}, "shared_with"),
    ],
)
def test_alert_create_refuses_an_incomplete_or_invalid_alert_and_writes_nothing(sandbox, author, changes, field):
    with pytest.raises(ValidationError) as error:
        alert_create(sandbox=sandbox, actor=author, **person_fields(**changes))
    assert field in error.value.error_dict
    assert not Alert.objects.layer_of(sandbox).exists()
    assert written(sandbox) == (0, 0)


def test_alert_create_accepts_the_longest_validity_of_the_category(sandbox, author):
    alert = alert_create(sandbox=sandbox, actor=author, **person_fields(valid_until=TODAY + dt.timedelta(days=730)))
    assert alert.valid_until == TODAY + dt.timedelta(days=730)


# Four eyes


def test_the_author_cannot_approve_or_reject_their_own_alert(sandbox, author):
    alert = alert_create(sandbox=sandbox, actor=author, **document_fields())
    for kind in (AlertChangeKind.APPROVE, AlertChangeKind.REJECT):
        with translation.override("en"), pytest.raises(TransitionRefused, match="second user"):
            alert_transition(sandbox=sandbox, alert=alert, actor=author, kind=kind, justification="Yo mismo.")
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DRAFT and alert.approved_by is None
    assert written(sandbox) == (1, 1)  # the creation only


def test_a_second_user_approves_and_the_alert_becomes_active(sandbox, author):
    alert = alert_create(sandbox=sandbox, actor=author, **document_fields())
    second = UserFactory()
    approved = alert_transition(sandbox=sandbox, alert=alert, actor=second, kind=AlertChangeKind.APPROVE)
    assert approved.status == AlertStatus.ACTIVE
    assert approved.approved_by == second and approved.approved_at is not None
    change = AlertChange.objects.layer_of(sandbox).get(alert_uid=alert.uid, kind="APPROVE")
    assert (change.from_status, change.to_status, change.actor) == ("DRAFT", "ACTIVE", second)


def test_the_database_refuses_an_alert_approved_by_its_author(sandbox, author):
    alert = alert_create(sandbox=sandbox, actor=author, **document_fields())
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.layer_of(sandbox).filter(pk=alert.pk).update(approved_by=author, approved_at=timezone.now())


def test_a_colleague_approves_a_complete_draft(sandbox, author):
    alert = alert_create(sandbox=sandbox, actor=author, **document_fields())
    approved = alert_request_approval(sandbox=sandbox, alert=alert, actor=author)
    colleague = colleague_for("CRI")
    assert approved.status == AlertStatus.ACTIVE and approved.approved_by == colleague
    assert not colleague.is_active and not colleague.has_usable_password()
    assert colleague_for("CRI") == colleague  # one colleague per country


def test_a_colleague_rejects_an_incomplete_draft_naming_what_is_missing(sandbox, author):
    alert = alert_create(sandbox=sandbox, actor=author, **person_fields(subject_birth_date=None))
    rejected = alert_request_approval(sandbox=sandbox, alert=alert, actor=author)
    assert rejected.status == AlertStatus.CANCELLED
    change = AlertChange.objects.layer_of(sandbox).get(alert_uid=alert.uid, kind="REJECT")
    assert "date of birth" in change.justification or "fecha de nacimiento" in change.justification
    assert change.actor == colleague_for("CRI")


def test_only_a_draft_is_sent_for_approval(sandbox, author):
    alert = alert_in(sandbox, "ACTIVE")
    with pytest.raises(TransitionRefused):
        alert_request_approval(sandbox=sandbox, alert=alert, actor=author)
    assert written(sandbox) == (1, 1)


# The transition table, every (status, change) pair


def test_the_table_is_the_one_the_tests_expect():
    assert {kind: set(transition.sources) for kind, transition in TRANSITIONS.items()} == {
        kind: set(sources) for kind, sources in LEGAL.items()
    }
    assert {kind for kind, transition in TRANSITIONS.items() if transition.needs_justification} == NEEDS_JUSTIFICATION


@pytest.mark.parametrize("status", STATUSES)
def test_allowed_changes_are_the_tables(sandbox, status):
    alert = alert_in(sandbox, status)
    assert set(allowed_changes(alert)) == {kind for kind, sources in LEGAL.items() if status in sources}


PAIRS = [(status, kind) for status in STATUSES for kind in CHANGES]


@pytest.mark.parametrize(("status", "kind"), PAIRS, ids=[f"{status}-{kind}" for status, kind in PAIRS])
def test_every_change_from_every_status(sandbox, status, kind):
    # An expiry is legal only once the validity has run out; every other change on a valid alert.
    valid_until = TODAY - dt.timedelta(days=1) if kind == AlertChangeKind.EXPIRE else TODAY + dt.timedelta(days=100)
    alert = alert_in(sandbox, status, valid_until=valid_until)
    actor = UserFactory()  # not the author: the four-eyes rule is tested on its own
    before = written(sandbox)
    arguments = change_arguments(kind, alert)
    if status not in LEGAL[kind]:
        with pytest.raises(TransitionRefused):
            alert_transition(sandbox=sandbox, alert=alert, actor=actor, kind=kind, **arguments)
        assert written(sandbox) == before
        assert Alert.objects.visible_to(sandbox).get(uid=alert.uid).status == status
        return
    updated = alert_transition(sandbox=sandbox, alert=alert, actor=actor, kind=kind, **arguments)
    assert updated.status == LEGAL[kind][status]
    assert Alert.objects.visible_to(sandbox).get(uid=alert.uid).status == LEGAL[kind][status]
    assert written(sandbox) == (before[0] + 1, before[1] + 1)
    change = AlertChange.objects.layer_of(sandbox).filter(alert_uid=alert.uid).latest("pk")
    assert (change.kind, change.from_status, change.to_status) == (kind, status, LEGAL[kind][status])
    assert change.actor == actor and change.justification == arguments["justification"]
    assert (change.valid_until_before, change.valid_until_after) == (valid_until, updated.valid_until)
    audit = AuditEvent.objects.layer_of(sandbox).latest("pk")
    assert (audit.action, audit.object_uid, audit.parameters) == ("UPDATE", alert.uid, {"change": kind})


@pytest.mark.parametrize("kind", sorted(NEEDS_JUSTIFICATION))
def test_a_change_that_needs_a_justification_is_refused_without_one(sandbox, kind):
    status = next(iter(LEGAL[kind]))
    alert = alert_in(sandbox, status)
    before = written(sandbox)
    arguments = {**change_arguments(kind, alert), "justification": "   "}
    with pytest.raises(ValidationError) as error:
        alert_transition(sandbox=sandbox, alert=alert, actor=UserFactory(), kind=kind, **arguments)
    assert "justification" in error.value.error_dict
    assert written(sandbox) == before


def test_a_change_of_a_baseline_alert_writes_the_learners_copy_and_records_the_old_status(sandbox):
    alert = alert_in(sandbox, "ACTIVE")
    alert.pk, alert.sandbox = None, None
    Alert.objects.layer_of(sandbox).delete()
    alert.save(force_insert=True)  # now a baseline row
    updated = alert_transition(
        sandbox=sandbox, alert=alert, actor=UserFactory(), kind=AlertChangeKind.SUSPEND, justification="Orden."
    )
    assert updated.sandbox_id == sandbox.pk and updated.status == AlertStatus.SUSPENDED
    assert Alert.objects.baseline().get(uid=alert.uid).status == AlertStatus.ACTIVE
    change = AlertChange.objects.layer_of(sandbox).get(kind="SUSPEND")
    assert (change.from_status, change.to_status) == ("ACTIVE", "SUSPENDED")


# Extension, expiry, review


def test_an_extension_moves_the_end_and_the_review_and_records_both_ends(sandbox):
    alert = alert_in(sandbox, "ACTIVE", valid_until=TODAY + dt.timedelta(days=10))
    new_end = TODAY + dt.timedelta(days=400)
    extended = alert_transition(
        sandbox=sandbox,
        alert=alert,
        actor=UserFactory(),
        kind=AlertChangeKind.EXTEND,
        justification="Renovación de la orden.",
        valid_until=new_end,
    )
    assert extended.valid_until == new_end
    assert extended.review_due == TODAY + dt.timedelta(days=REVIEW_INTERVAL_DAYS)
    change = AlertChange.objects.layer_of(sandbox).get(kind="EXTEND")
    assert (change.valid_until_before, change.valid_until_after) == (TODAY + dt.timedelta(days=10), new_end)


@pytest.mark.parametrize(
    ("current_end", "new_end"),
    [
        (TODAY + dt.timedelta(days=10), TODAY + dt.timedelta(days=10)),  # not later than it ends now
        (TODAY + dt.timedelta(days=10), TODAY + dt.timedelta(days=5)),
        (TODAY - dt.timedelta(days=20), TODAY - dt.timedelta(days=2)),  # later, but already past
        (TODAY + dt.timedelta(days=10), TODAY + dt.timedelta(days=731)),  # past valid_from + 730 days
        (TODAY + dt.timedelta(days=10), None),
    ],
)
def test_an_extension_is_refused_unless_later_than_now_and_within_the_longest_validity(sandbox, current_end, new_end):
    alert = alert_in(sandbox, "ACTIVE", valid_until=current_end)
    before = written(sandbox)
    with pytest.raises(ValidationError) as error:
        alert_transition(
            sandbox=sandbox,
            alert=alert,
            actor=UserFactory(),
            kind=AlertChangeKind.EXTEND,
            justification="Renovación.",
            valid_until=new_end,
        )
    assert "valid_until" in error.value.error_dict
    assert written(sandbox) == before
    assert Alert.objects.visible_to(sandbox).get(uid=alert.uid).valid_until == current_end


def test_an_extension_to_the_longest_validity_is_accepted(sandbox):
    alert = alert_in(sandbox, "ACTIVE")
    longest = TODAY + dt.timedelta(days=730)
    extended = alert_transition(
        sandbox=sandbox,
        alert=alert,
        actor=UserFactory(),
        kind=AlertChangeKind.EXTEND,
        justification="Hasta el máximo.",
        valid_until=longest,
    )
    assert extended.valid_until == longest


@pytest.mark.parametrize("days_left", [0, 30])
def test_an_alert_still_valid_is_not_expired(sandbox, days_left):
    alert = alert_in(sandbox, "ACTIVE", valid_until=TODAY + dt.timedelta(days=days_left))
    with translation.override("en"), pytest.raises(TransitionRefused, match="cancel"):
        alert_transition(sandbox=sandbox, alert=alert, actor=UserFactory(), kind=AlertChangeKind.EXPIRE)
    assert Alert.objects.visible_to(sandbox).get(uid=alert.uid).status == AlertStatus.ACTIVE


def test_a_review_sets_the_next_review_within_the_validity(sandbox):
    alert = alert_in(sandbox, "ACTIVE", valid_until=TODAY + dt.timedelta(days=30), review_due=TODAY)
    reviewed = alert_transition(sandbox=sandbox, alert=alert, actor=UserFactory(), kind=AlertChangeKind.REVIEW)
    assert reviewed.review_due == TODAY + dt.timedelta(days=30)


# Who changes the status


def test_only_the_issuing_country_changes_the_status(sandbox):
    alert = alert_in(sandbox, "ACTIVE")
    before = written(sandbox)
    with translation.override("en"), pytest.raises(TransitionRefused, match="issued"):
        alert_transition(
            sandbox=sandbox,
            alert=alert,
            actor=UserFactory(),
            kind=AlertChangeKind.CANCEL,
            justification="No es nuestra.",
            actor_country="GTM",
        )
    assert written(sandbox) == before
    cancelled = alert_transition(
        sandbox=sandbox,
        alert=alert,
        actor=UserFactory(),
        kind=AlertChangeKind.CANCEL,
        justification="Orden revocada.",
        actor_country="CRI",
    )
    assert cancelled.status == AlertStatus.CANCELLED


def test_another_country_asks_for_a_follow_up(sandbox):
    alert = alert_in(sandbox, "ACTIVE")
    followed = alert_transition(
        sandbox=sandbox,
        alert=alert,
        actor=UserFactory(),
        kind=AlertChangeKind.FOLLOW_UP,
        justification="La menor fue localizada; ¿sigue vigente?",
        actor_country="GTM",
    )
    assert followed.status == AlertStatus.ACTIVE
    assert AlertChange.objects.layer_of(sandbox).filter(kind="FOLLOW_UP").count() == 1


# Two submits of one change


def test_a_second_submit_of_the_same_change_is_refused_and_writes_nothing(sandbox):
    alert = alert_in(sandbox, "ACTIVE")
    stale = Alert.objects.visible_to(sandbox).get(uid=alert.uid)
    arguments = {"kind": AlertChangeKind.SUSPEND, "justification": "Orden.", "expected_status": "ACTIVE"}
    alert_transition(sandbox=sandbox, alert=stale, actor=UserFactory(), **arguments)
    before = written(sandbox)
    with translation.override("en"), pytest.raises(TransitionRefused, match="changed"):
        alert_transition(sandbox=sandbox, alert=stale, actor=UserFactory(), **arguments)
    assert written(sandbox) == before


def test_a_stale_copy_is_read_again_before_the_change(sandbox):
    alert = alert_in(sandbox, "ACTIVE")
    stale = Alert.objects.visible_to(sandbox).get(uid=alert.uid)
    alert_transition(
        sandbox=sandbox, alert=alert, actor=UserFactory(), kind=AlertChangeKind.CANCEL, justification="Fin."
    )
    with pytest.raises(TransitionRefused):
        alert_transition(
            sandbox=sandbox, alert=stale, actor=UserFactory(), kind=AlertChangeKind.SUSPEND, justification="Orden."
        )
    assert Alert.objects.visible_to(sandbox).get(uid=alert.uid).status == AlertStatus.CANCELLED
