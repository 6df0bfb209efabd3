"""Applying a valid roster plan: people, their staff profiles and the learner role written all or
nothing, in bulk: no model `save()` and no `post_save` signals, so the caller refreshes derived data
(and sends the invitations, `tracking.services.roster_imports`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models.functions import Lower

from people.models import StaffProfile, User
from people.roles import Role, group_for
from tracking.roster.plans import CHUNK, CREATE, UNCHANGED, UPDATE, PlannedRow, RosterPlan, chunks

USER_FIELDS = {"email": "email", "full_name": "full_name", "language": "preferred_language"}
PROFILE_FIELDS = {"duty_post": "duty_post_id", "job_function": "job_function", "staff_number": "staff_number"}


@dataclass(frozen=True)
class RosterApplyResult:
    created_user_ids: list[int]
    updated: int
    unchanged: int


def roster_apply(*, plan: RosterPlan) -> RosterApplyResult:
    """Create and update the people of a valid plan, all or nothing, in bulk."""
    if not plan.is_valid:
        raise ValueError("Only a valid roster plan can be applied.")
    creates = [row for row in plan.rows if row.outcome == CREATE]
    updates = [row for row in plan.rows if row.outcome == UPDATE]
    with transaction.atomic():
        created_ids = _people_create(plan.country_id, creates)
        _people_update(updates)
    return RosterApplyResult(
        created_user_ids=created_ids,
        updated=len(updates),
        unchanged=sum(row.outcome == UNCHANGED for row in plan.rows),
    )


def _people_create(country_id: int, rows: list[PlannedRow]) -> list[int]:
    if not rows:
        return []
    User.objects.bulk_create(
        [
            User(
                email=row.email,
                full_name=row.full_name,
                preferred_language=row.language,
                password=make_password(None),
            )
            for row in rows
        ],
        batch_size=CHUNK,
    )
    # Read the ids back rather than trusting bulk_create to have set them on every backend.
    ids: dict[str, int] = {}
    for chunk in chunks([row.email.lower() for row in rows]):
        users = User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk)
        ids.update(users.values_list("email_lower", "id"))
    StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user_id=ids[row.email.lower()],
                country_id=country_id,
                authority_id=row.authority_id,
                duty_post_id=row.duty_post_id,
                job_function=row.job_function,
                staff_number=row.staff_number,
            )
            for row in rows
        ],
        batch_size=CHUNK,
    )
    learners = group_for(Role.LEARNER)
    membership = User.groups.through
    membership.objects.bulk_create(
        [membership(user_id=ids[row.email.lower()], group_id=learners.pk) for row in rows],
        batch_size=CHUNK,
        ignore_conflicts=True,
    )
    return [ids[row.email.lower()] for row in rows]


def _people_update(rows: list[PlannedRow]) -> None:
    user_rows = [row for row in rows if set(row.changes) & USER_FIELDS.keys()]
    User.objects.bulk_update(
        [
            User(pk=row.user_id, email=row.email, full_name=row.full_name, preferred_language=row.language)
            for row in user_rows
        ],
        list(USER_FIELDS.values()),
        batch_size=CHUNK,
    )
    profile_rows = {row.user_id: row for row in rows if set(row.changes) & PROFILE_FIELDS.keys()}
    profiles = []
    for chunk in chunks(list(profile_rows)):
        for profile in StaffProfile.objects.filter(user_id__in=chunk).only("id", "user_id"):
            row = profile_rows[profile.user_id]
            profile.duty_post_id = row.duty_post_id
            profile.job_function = row.job_function
            profile.staff_number = row.staff_number
            profiles.append(profile)
    StaffProfile.objects.bulk_update(profiles, list(PROFILE_FIELDS.values()), batch_size=CHUNK)
