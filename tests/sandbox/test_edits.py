"""Writes to the mirrored platform other than registering a movement (`test_registration.py`):
editing and deleting, always in the learner's own layer, resetting that layer, the learner's one
sandbox, age groups and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sandbox import services
from sandbox.models import LAYERED_MODELS, AuditEvent, CrossingPoint, Person, Sandbox
from tests.people.factories import UserFactory
from tests.sandbox.baseline_rows import baseline_person
from tests.sandbox.factories import layer_person, learner_sandbox
from tests.sandbox.screens import PASSPORT_MRZ

pytestmark = pytest.mark.django_db

# Editing and deleting


def test_editing_a_baseline_record_supersedes_it_with_a_copy(officer):
    _user, sandbox = officer
    base = baseline_person(given_names="Ana", surname_1="García")
    copy = services.record_update(sandbox=sandbox, record=base, surname_1="Peña")
    assert (copy.uid, copy.sandbox, copy.surname_1) == (base.uid, sandbox, "Peña")
    assert copy.pk != base.pk
    assert copy.search_name == " ANA PENA LOPEZ "
    base.refresh_from_db()
    assert (base.surname_1, base.search_name) == ("García", " ANA GARCIA LOPEZ ")
    # A second edit, even through the baseline object, changes the same copy.
    again = services.record_update(sandbox=sandbox, record=base, given_names="Ana María")
    assert again.pk == copy.pk
    assert Person.objects.layer_of(sandbox).count() == 1
    assert Person.objects.visible_to(sandbox).get(uid=base.uid).given_names == "Ana María"


def test_editing_an_own_record_changes_it_in_place(officer):
    _user, sandbox = officer
    mine = layer_person(sandbox, given_names="Luz")
    edited = services.record_update(sandbox=sandbox, record=mine, given_names="Lucía")
    assert (edited.pk, edited.uid, edited.search_name) == (mine.pk, mine.uid, " LUCIA PERSONA ")
    assert Person.objects.layer_of(sandbox).count() == 1


def test_an_edit_is_validated(officer):
    _user, sandbox = officer
    base = baseline_person()
    with pytest.raises(ValidationError) as refused:
        services.record_update(sandbox=sandbox, record=base, sex="Q")
    assert "sex" in refused.value.message_dict
    assert not Person.objects.layer_of(sandbox).exists()


def test_deleting_a_baseline_record_leaves_a_tombstone(officer):
    _user, sandbox = officer
    base = baseline_person()
    services.record_delete(sandbox=sandbox, record=base)
    assert list(Person.objects.layer_of(sandbox).values_list("uid", "is_deleted")) == [(base.uid, True)]
    assert not Person.objects.visible_to(sandbox).exists()
    assert Person.objects.baseline().get() == base
    with pytest.raises(ValueError, match="deleted"):
        services.record_update(sandbox=sandbox, record=base, given_names="Back")


def test_deleting_an_edited_baseline_record_turns_the_copy_into_a_tombstone(officer):
    _user, sandbox = officer
    base = baseline_person()
    copy = services.record_update(sandbox=sandbox, record=base, given_names="Edited")
    services.record_delete(sandbox=sandbox, record=copy)
    assert list(Person.objects.layer_of(sandbox).values_list("pk", "is_deleted")) == [(copy.pk, True)]


def test_deleting_an_own_record_removes_the_row(officer):
    _user, sandbox = officer
    mine = layer_person(sandbox)
    services.record_delete(sandbox=sandbox, record=mine)
    assert not Person.objects.layer_of(sandbox).exists()


def test_another_learners_record_cannot_be_edited_or_deleted(officer):
    _user, sandbox = officer
    other = learner_sandbox()
    theirs = layer_person(other, given_names="Suya")
    with pytest.raises(PermissionDenied):
        services.record_update(sandbox=sandbox, record=theirs, given_names="Mía")
    with pytest.raises(PermissionDenied):
        services.record_delete(sandbox=sandbox, record=theirs)
    assert Person.objects.layer_of(other).get().given_names == "Suya"
    assert not Person.objects.layer_of(sandbox).exists()


# Reset


def test_reset_deletes_the_learners_layer_and_nothing_else(officer):
    user, sandbox = officer
    base = baseline_person()
    services.movement_register(  # a person, a document, a movement and two audit events (screening, movement)
        sandbox=sandbox,
        user=user,
        mrz=PASSPORT_MRZ,
        direction="ENTRY",
        crossing_point=CrossingPoint.objects.select_related("country").get(code="CR-PBL"),
        local_time=dt.datetime(2026, 11, 28, 10, 30),
    )
    services.record_update(sandbox=sandbox, record=base, given_names="Edited")
    other = learner_sandbox()
    theirs = layer_person(other)
    assert services.sandbox_reset(sandbox=sandbox) == 6
    assert not any(model.objects.layer_of(sandbox).exists() for model in LAYERED_MODELS)
    assert Person.objects.visible_to(sandbox).get() == base
    assert Person.objects.layer_of(other).get() == theirs
    assert (sandbox.reset_count, sandbox.reset_at is not None) == (1, True)
    assert services.sandbox_reset(sandbox=sandbox) == 0
    assert sandbox.reset_count == 2
    stale = Sandbox.objects.get(pk=sandbox.pk)
    services.sandbox_reset(sandbox=sandbox)
    services.sandbox_reset(sandbox=stale)  # a double submit from an older copy still counts
    assert stale.reset_count == 4


# Small helpers


def test_a_learner_has_one_sandbox():
    user = UserFactory()
    assert services.sandbox_get_or_create(user=user) == services.sandbox_get_or_create(user=user)
    assert Sandbox.objects.filter(owner=user).count() == 1


@pytest.mark.parametrize(
    ("on", "group"),
    [
        (dt.date(2022, 5, 9), "Y_LT12"),
        (dt.date(2022, 5, 10), "Y12T17"),
        (dt.date(2028, 5, 9), "Y12T17"),
        (dt.date(2028, 5, 10), "Y18T29"),
        (dt.date(2040, 5, 10), "Y30T44"),
        (dt.date(2055, 5, 10), "Y45T59"),
        (dt.date(2070, 5, 9), "Y45T59"),
        (dt.date(2070, 5, 10), "Y_GE60"),
    ],
)
def test_age_groups_change_on_the_birthday(on, group):
    assert services.age_group(birth_date=dt.date(2010, 5, 10), on=on) == group


def test_the_audit_trail_is_the_learners(officer):
    user, sandbox = officer
    event = services.audit_record(
        sandbox=sandbox, actor=user, action="SEARCH", parameters={"name": "pena"}, result_count=2
    )
    assert event.sandbox == sandbox
    assert event.uid >= 1 << 32
    assert (event.action, event.parameters, event.result_count) == ("SEARCH", {"name": "pena"}, 2)
    assert not AuditEvent.objects.visible_to(learner_sandbox()).exists()
