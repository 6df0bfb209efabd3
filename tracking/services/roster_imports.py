"""Writes of roster imports: the dry run kept with its upload, the import of a checked file, the
invitations it sends to the people it creates, and the uploads forgotten after the retention period.
The file itself is read, checked, planned and applied by `tracking.roster`."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from foundation.background import send_task_on_commit
from people.languages import supported_language as language_or_default
from people.models import Country, User
from people.services import password_choice_link
from tracking.models import ImportStatus, Invitation, RosterImport
from tracking.roster.applying import RosterApplyResult, roster_apply
from tracking.roster.planning import roster_plan, roster_replan
from tracking.roster.plans import CREATE, UNCHANGED, UPDATE, RosterPlan, plan_from_json
from tracking.services.statuses import BATCH, statuses_refresh

# Roster imports -------------------------------------------------------------------------------


def _plan_keep(roster_import: RosterImport, plan: RosterPlan) -> None:
    """Record a dry run on its upload: the plan itself, its status and its counts."""
    counts = plan.counts
    roster_import.plan = plan.to_json()
    roster_import.status = ImportStatus.CHECKED if plan.is_valid else ImportStatus.INVALID
    roster_import.rows = len(plan.rows)
    roster_import.errors = len(plan.errors) + len(plan.file_errors)
    roster_import.created = counts[CREATE]
    roster_import.updated = counts[UPDATE]
    roster_import.unchanged = counts[UNCHANGED]


@transaction.atomic
def roster_import_check(*, country: Country, by: User, name: str, data: bytes) -> tuple[RosterImport, RosterPlan]:
    """The dry run: check an uploaded roster, and keep the file with its plan, so that the check page
    and the import read the plan instead of the file.

    A file refused before parsing (size, type, a workbook that unpacks too far) raises
    `uploads.RosterFileRefused` and is not kept.
    """
    plan = roster_plan(country=country, name=name, data=data)
    roster_import = RosterImport(
        country=country,
        uploaded_by=by,
        file_name=name[:200],
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    _plan_keep(roster_import, plan)
    roster_import.save()
    return roster_import, plan


def roster_import_plan(*, roster_import: RosterImport) -> RosterPlan:
    """The dry run kept with an upload (an upload kept before plans were stored is read again)."""
    plan = plan_from_json(roster_import.plan)
    if plan is None:
        plan = roster_plan(country=roster_import.country, name=roster_import.file_name, data=bytes(roster_import.data))
    return plan


def roster_import_apply(*, roster_import: RosterImport, by: User) -> RosterApplyResult:
    """Import a checked roster, all or nothing; invite the people it creates once it commits.

    The kept rows are planned again against the people as they are now (the file is not read
    again). If that plan differs from the one the focal point confirmed, nothing is imported:
    the new plan is kept, for them to check again.
    """
    with transaction.atomic():
        locked = RosterImport.objects.select_for_update().select_related("country").get(pk=roster_import.pk)
        if locked.status == ImportStatus.APPLIED:
            raise ValidationError(_("This file has already been imported."), code="applied")
        checked = roster_import_plan(roster_import=locked)
        if not checked.is_valid:
            raise ValidationError(
                _("This file has problems: nothing was imported. Correct them and upload the file again."),
                code="invalid",
            )
        plan = roster_replan(country=locked.country, plan=checked)
        is_stale = not plan.has_same_outcome(checked)
        if is_stale:
            _plan_keep(locked, plan)
            locked.save(update_fields=["plan", "status", "rows", "errors", "created", "updated", "unchanged"])
        else:
            result = _roster_import_write(locked, plan)
    if is_stale:
        raise ValidationError(
            _(
                "The staff changed since the file was checked, so nothing was imported. "
                "The check below is up to date: review it and import again."
            ),
            code="stale",
        )
    return result


def _roster_import_write(locked: RosterImport, plan: RosterPlan) -> RosterApplyResult:
    result = roster_apply(plan=plan)
    Invitation.objects.bulk_create(
        [Invitation(user_id=user_id, roster_import=locked) for user_id in result.created_user_ids],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    locked.status = ImportStatus.APPLIED
    locked.applied_at = timezone.now()
    locked.created = len(result.created_user_ids)
    locked.updated = result.updated
    locked.unchanged = result.unchanged
    locked.errors = 0
    locked.save(update_fields=["status", "applied_at", "created", "updated", "unchanged", "errors"])
    statuses_refresh(country=locked.country)
    if result.created_user_ids:
        from tracking.tasks import invitations_send_task

        send_task_on_commit(invitations_send_task, locked.pk)
    return result


def roster_imports_clean(*, now=None) -> int:
    """Forget uploads never imported after the retention period (they hold personal data)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TRACKING_IMPORT_RETENTION_DAYS)
    deleted, _by_model = (
        RosterImport.objects.filter(uploaded_at__lt=cutoff).exclude(status=ImportStatus.APPLIED).delete()
    )
    return deleted


def invitations_send(*, roster_import_id: int | None = None) -> int:
    """E-mail each invited person, once, a link to choose their password, in their language."""
    invitations = Invitation.objects.filter(sent_at__isnull=True).select_related("user")
    if roster_import_id is not None:
        invitations = invitations.filter(roster_import_id=roster_import_id)
    sent = 0
    with get_connection() as connection:
        for invitation in invitations:
            user = invitation.user
            with translation.override(language_or_default(user.preferred_language)):
                context = {"user": user, "link": password_choice_link(user=user), "site_url": settings.SITE_URL}
                subject = " ".join(render_to_string("tracking/email/invitation_subject.txt", context).split())
                body = render_to_string("tracking/email/invitation_body.txt", context)
            EmailMessage(subject, body, None, [user.email], connection=connection).send()
            Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
            sent += 1
    return sent
