"""The secondary line's services (`sandbox.screening`): a referred traveller's hits adjudicated
CONFIRMED or FALSE_POSITIVE with a reason; a confirmed hit applies its alert's action (refuse,
seize the document, notify the police or child protection, or admit) and notifies the issuing
country when it is another; the movement's decision waits for every hit of it; an admitted exit
ends the open entry; a hit is adjudicated once; every step is in the learner's audit trail.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from sandbox import services
from sandbox.models import AlertHit, AuditEvent, CrossingPoint, Document, HitNotification, Movement
from sandbox.screening import hit_adjudicate, screen
from tests.people.factories import UserFactory
from tests.sandbox.referrals import ARRIVAL, TRAVELLER, admitted_entry, alert_for, baseline_alert, referred

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]  # messages in English

CONFIRMED, FALSE_POSITIVE = "CONFIRMED", "FALSE_POSITIVE"
REASON = "Photo, birth date and passport match the alert."


@pytest.fixture
def user(sandbox):
    return sandbox.owner


def adjudicate(sandbox, hit, disposition=CONFIRMED, reason=REASON):
    return hit_adjudicate(sandbox=sandbox, actor=sandbox.owner, hit=hit, disposition=disposition, reason=reason)


def movement_now(sandbox, movement) -> Movement:
    return Movement.objects.visible_to(sandbox).get(uid=movement.uid)


def audited(sandbox, object_type: str, uid: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.layer_of(sandbox).filter(object_type=object_type, object_uid=uid))


# What a confirmed hit on an alert of each action does (at an entry; an exit ban at an exit).
CONSEQUENCES = [
    ("REFUSE_ENTRY", "ENTRY", ["REFUSE"], "REFUSED"),
    ("PREVENT_EXIT", "EXIT", ["REFUSE"], "REFUSED"),
    ("ARREST_NOTIFY", "ENTRY", ["REFUSE", "NOTIFY_POLICE"], "REFUSED"),
    ("PROTECT_MINOR", "ENTRY", ["REFUSE", "CHILD_PROTECTION"], "REFUSED"),
    ("SEIZE_DOCUMENT", "ENTRY", ["REFUSE", "SEIZE_DOCUMENT"], "REFUSED"),
    ("DISCREET_CHECK", "ENTRY", ["ADMIT"], "ADMITTED"),
    ("INFO_ONLY", "ENTRY", ["ADMIT"], "ADMITTED"),
]


@pytest.mark.parametrize(("action", "direction", "actions", "decision"), CONSEQUENCES)
def test_a_confirmed_hit_applies_its_alerts_action(sandbox, user, action, direction, actions, decision):
    alert_for(action, issuing_country="CRI")  # the post's own country: no notification
    referral = referred(sandbox, user, direction=direction)
    assert referral.movement.decision == "REFERRED"
    (hit,) = referral.hits
    adjudicated = adjudicate(sandbox, hit)
    assert (adjudicated.disposition, adjudicated.actions_taken) == (CONFIRMED, actions)
    assert adjudicated.disposed_by == user and adjudicated.disposed_at is not None
    assert adjudicated.disposition_reason == REASON
    movement = movement_now(sandbox, referral.movement)
    assert movement.decision == decision
    assert movement.refusal_code == ("ALERT_CONFIRMED" if decision == "REFUSED" else "")
    document = Document.objects.visible_to(sandbox).get(uid=referral.movement.document_uid)
    assert document.status == ("SEIZED" if "SEIZE_DOCUMENT" in actions else "VALID")
    assert not HitNotification.objects.visible_to(sandbox).exists()


def test_the_seized_document_is_seized_in_the_learners_layer_only(sandbox, user):
    alert_for("SEIZE_DOCUMENT")
    referral = referred(sandbox, user)
    adjudicate(sandbox, referral.hits[0])
    uid = referral.movement.document_uid
    assert Document.objects.layer_of(sandbox).get(uid=uid).status == "SEIZED"
    assert len(audited(sandbox, "document", uid)) == 1
    other = UserFactory()
    assert not Document.objects.visible_to(services.sandbox_get_or_create(user=other)).filter(uid=uid).exists()


def test_a_false_positive_admits_and_applies_nothing(sandbox, user):
    alert_for("REFUSE_ENTRY")
    referral = referred(sandbox, user)
    hit = adjudicate(sandbox, referral.hits[0], FALSE_POSITIVE, "Another man: born in 1961, other photo.")
    assert (hit.disposition, hit.actions_taken) == (FALSE_POSITIVE, [])
    movement = movement_now(sandbox, referral.movement)
    assert (movement.decision, movement.refusal_code, movement.refusal_reason) == ("ADMITTED", "", "")
    assert not HitNotification.objects.visible_to(sandbox).exists()


def test_a_movement_with_two_hits_waits_for_both(sandbox, user):
    alert_for("INFO_ONLY")
    alert_for("REFUSE_ENTRY")
    referral = referred(sandbox, user)
    assert len(referral.hits) == 2
    info, ban = sorted(referral.hits, key=lambda hit: hit.alert_uid)
    adjudicate(sandbox, info)
    assert movement_now(sandbox, referral.movement).decision == "REFERRED"
    adjudicate(sandbox, ban, FALSE_POSITIVE, "Namesake: the birth place differs.")
    assert movement_now(sandbox, referral.movement).decision == "ADMITTED"


def test_one_confirmed_refusal_among_two_hits_refuses(sandbox, user):
    alert_for("INFO_ONLY")
    alert_for("REFUSE_ENTRY")
    info, ban = sorted(referred(sandbox, user).hits, key=lambda hit: hit.alert_uid)
    adjudicate(sandbox, ban)
    adjudicate(sandbox, info, FALSE_POSITIVE, "Not him.")
    assert Movement.objects.visible_to(sandbox).get(uid=ban.movement_uid).decision == "REFUSED"


def test_a_confirmed_hit_on_another_countrys_alert_notifies_that_country(sandbox, user):
    alert = alert_for("ARREST_NOTIFY", issuing_country="NIC")
    (hit,) = referred(sandbox, user).hits  # at Peñas Blancas, Costa Rica
    hit = adjudicate(sandbox, hit)
    assert hit.actions_taken == ["REFUSE", "NOTIFY_POLICE", "NOTIFY_ISSUER"]
    notification = HitNotification.objects.layer_of(sandbox).get()
    assert (notification.hit_uid, notification.alert_uid) == (hit.uid, alert.uid)
    assert (notification.from_country_id, notification.to_country_id) == ("CRI", "NIC")
    assert notification.action_taken == "REFUSE"
    assert notification.sent_at is not None and notification.acknowledged_at is None
    assert len(audited(sandbox, "hit_notification", notification.uid)) == 1


def test_no_notification_for_a_false_positive_nor_for_the_posts_own_alert(sandbox, user):
    alert_for("REFUSE_ENTRY", issuing_country="NIC")
    alert_for("INFO_ONLY", issuing_country="CRI")
    foreign, own = sorted(referred(sandbox, user).hits, key=lambda hit: hit.alert_uid)
    adjudicate(sandbox, foreign, FALSE_POSITIVE, "Different person.")
    own = adjudicate(sandbox, own)
    assert "NOTIFY_ISSUER" not in own.actions_taken
    assert not HitNotification.objects.visible_to(sandbox).exists()


def test_a_discreet_check_of_another_country_admits_and_notifies(sandbox, user):
    alert_for("DISCREET_CHECK", issuing_country="GTM")
    referral = referred(sandbox, user)
    hit = adjudicate(sandbox, referral.hits[0])
    assert hit.actions_taken == ["ADMIT", "NOTIFY_ISSUER"]
    assert movement_now(sandbox, referral.movement).decision == "ADMITTED"
    assert HitNotification.objects.layer_of(sandbox).get().to_country_id == "GTM"


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_a_reason_is_required(sandbox, user, reason):
    alert_for("REFUSE_ENTRY")
    (hit,) = referred(sandbox, user).hits
    with pytest.raises(ValidationError) as error:
        adjudicate(sandbox, hit, CONFIRMED, reason)
    assert error.value.message_dict == {"reason": ["Say what the comparison showed."]}
    assert AlertHit.objects.visible_to(sandbox).get(uid=hit.uid).disposition == "PENDING"


@pytest.mark.parametrize("disposition", ["PENDING", "INCONCLUSIVE", "ADMIT", ""])
def test_only_confirmed_or_false_positive_are_dispositions(sandbox, user, disposition):
    alert_for("REFUSE_ENTRY")
    (hit,) = referred(sandbox, user).hits
    with pytest.raises(ValidationError) as error:
        adjudicate(sandbox, hit, disposition)
    assert "disposition" in error.value.message_dict
    assert movement_now(sandbox, Movement(uid=hit.movement_uid)).decision == "REFERRED"


def test_a_hit_is_adjudicated_once_even_from_a_stale_copy(sandbox, user):
    """A double submit: both requests read the hit PENDING; the second must not adjudicate again."""
    alert_for("REFUSE_ENTRY", issuing_country="NIC")
    (hit,) = referred(sandbox, user).hits
    stale = AlertHit.objects.visible_to(sandbox).get(uid=hit.uid)
    adjudicate(sandbox, hit)
    with pytest.raises(ValidationError, match="already been adjudicated"):
        adjudicate(sandbox, stale, FALSE_POSITIVE, "Changed my mind.")
    again = AlertHit.objects.visible_to(sandbox).get(uid=hit.uid)
    assert (again.disposition, again.disposition_reason) == (CONFIRMED, REASON)
    assert HitNotification.objects.layer_of(sandbox).count() == 1
    assert len(audited(sandbox, "alert_hit", hit.uid)) == 1


def test_another_learners_hit_cannot_be_adjudicated(sandbox, user, second):
    alert_for("REFUSE_ENTRY")
    (hit,) = referred(sandbox, user).hits
    with pytest.raises(AlertHit.DoesNotExist):
        hit_adjudicate(sandbox=second, actor=second.owner, hit=hit, disposition=CONFIRMED, reason="Mine now.")
    assert AlertHit.objects.visible_to(sandbox).get(uid=hit.uid).disposition == "PENDING"


def test_every_step_is_audited(sandbox, user):
    alert_for("SEIZE_DOCUMENT", issuing_country="NIC")
    referral = referred(sandbox, user)
    (hit,) = referral.hits
    adjudicate(sandbox, hit)
    screening = AuditEvent.objects.layer_of(sandbox).get(object_type="screening")
    assert (screening.action, screening.result_count, screening.parameters["result"]) == ("SEARCH", 1, "HIT")
    (disposition,) = audited(sandbox, "alert_hit", hit.uid)
    assert (disposition.action, disposition.actor) == ("UPDATE", user)
    assert disposition.parameters == {
        "disposition": CONFIRMED,
        "actions": ["REFUSE", "SEIZE_DOCUMENT", "NOTIFY_ISSUER"],
    }
    assert [event.action for event in audited(sandbox, "document", referral.movement.document_uid)] == ["UPDATE"]
    notification = HitNotification.objects.layer_of(sandbox).get()
    assert [event.action for event in audited(sandbox, "hit_notification", notification.uid)] == ["CREATE"]
    movement_events = audited(sandbox, "movement", referral.movement.uid)
    assert [event.action for event in movement_events] == ["CREATE", "UPDATE"]
    assert movement_events[1].parameters["decision"] == "REFUSED"


def test_an_admitted_referred_exit_closes_the_open_entry(sandbox, user):
    entry = admitted_entry(sandbox, user)
    alert_for("INFO_ONLY")
    referral = referred(sandbox, user, direction="EXIT", local_time=ARRIVAL + dt.timedelta(days=10))
    assert referral.movement.closes_entry_uid is None  # a referred exit leaves the stay open
    adjudicate(sandbox, referral.hits[0], FALSE_POSITIVE, "Namesake.")
    movement = movement_now(sandbox, referral.movement)
    assert (movement.decision, movement.closes_entry_uid) == ("ADMITTED", entry.uid)


def test_a_refused_referred_exit_leaves_the_entry_open(sandbox, user):
    admitted_entry(sandbox, user)
    alert_for("PREVENT_EXIT")
    referral = referred(sandbox, user, direction="EXIT", local_time=ARRIVAL + dt.timedelta(days=10))
    adjudicate(sandbox, referral.hits[0])
    movement = movement_now(sandbox, referral.movement)
    assert (movement.decision, movement.closes_entry_uid) == ("REFUSED", None)


def test_a_movement_decided_at_the_primary_line_keeps_its_decision(sandbox, user):
    """A hit adjudicated after the officer refused at the primary line changes no decision."""
    alert_for("REFUSE_ENTRY")
    referral = referred(sandbox, user)
    services.record_update(sandbox=sandbox, record=referral.movement, decision="REFUSED", refusal_code="SCREENING_HIT")
    adjudicate(sandbox, referral.hits[0], FALSE_POSITIVE, "Not him.")
    assert movement_now(sandbox, referral.movement).decision == "REFUSED"


def test_an_unlinked_hit_is_adjudicated_without_a_movement(sandbox, user):
    """A hit screened but never linked (the officer left the form) has no movement to decide."""
    baseline_alert(category="ENTRY_BAN")
    point = CrossingPoint.objects.select_related("country").get(code="CR-PBL")
    (hit,) = screen(
        sandbox=sandbox, actor=user, crossing_point=point, direction="ENTRY", traveller=TRAVELLER, on=ARRIVAL.date()
    ).hits
    assert adjudicate(sandbox, hit).disposition == CONFIRMED
    assert not Movement.objects.layer_of(sandbox).exists()
