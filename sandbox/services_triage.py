"""The officer's triage of scanned machine-readable zones (the document-scan queue of exercise #2).

Each scan is accepted as read, accepted with the characters the reader misread corrected, or
rejected with a reason. A decision is an edit of the scan in the learner's layer
(`sandbox.services.record_update`): it keeps the scan's scenario, so restarting the exercise
removes it with the queue. A scan already decided may be decided again (the officer changes
their mind): the last decision stands.

A correction must be a zone `mrz_read` reads, and not the zone as scanned: otherwise nothing is
saved and the ValidationError names the field `corrected_mrz`. Accepting a zone as read is
never refused, whatever is wrong with it: that is the officer's call, which the exercise grades.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sandbox.models import DocumentScan, Sandbox, ScanRejection, ScanStatus
from sandbox.mrz import mrz_lines, mrz_read
from sandbox.services import audit_record, record_update

if TYPE_CHECKING:
    from people.models import User


def _correction(text: str, scan: DocumentScan, errors: dict[str, list[str]]) -> str:
    """The corrected zone as stored (its lines, upper case, without spaces), with what is wrong in `errors`."""
    zone = "\n".join(mrz_lines(text))
    if not zone:
        errors.setdefault("corrected_mrz", []).append(_("Type the corrected zone."))
        return ""
    if zone == "\n".join(mrz_lines(scan.raw_mrz)):
        errors.setdefault("corrected_mrz", []).append(
            _(
                "This is the zone as scanned: nothing was corrected. "
                "Accept it as read, or correct the misread characters."
            )
        )
        return ""
    try:
        mrz_read(zone)
    except ValidationError as error:
        errors.setdefault("corrected_mrz", []).extend(error.messages)
    return zone


@transaction.atomic
def scan_decide(
    *,
    sandbox: Sandbox,
    user: User,
    scan: DocumentScan,
    status: str,
    corrected_mrz: str = "",
    rejection_reason: str = "",
    now: dt.datetime | None = None,
) -> DocumentScan:
    """Record the officer's decision on a scan of their view; a ValidationError keyed by field when
    the decision is incomplete or the correction is not a valid zone (nothing saved)."""
    errors: dict[str, list[str]] = {}
    corrected, reason = "", ""
    if status == ScanStatus.CORRECTED:
        corrected = _correction(corrected_mrz, scan, errors)
    elif status == ScanStatus.REJECTED:
        reason = rejection_reason
        if reason not in ScanRejection.values:
            errors.setdefault("rejection_reason", []).append(_("Choose the reason for the rejection."))
    elif status != ScanStatus.ACCEPTED:
        errors.setdefault("status", []).append(_("Choose whether to accept, correct or reject the scan."))
    if errors:
        raise ValidationError(errors)
    decided = record_update(
        sandbox=sandbox,
        record=scan,
        status=status,
        corrected_mrz=corrected,
        rejection_reason=reason,
        decided_at=now or timezone.now(),
        decided_by=user,
    )
    audit_record(
        sandbox=sandbox,
        actor=user,
        action="UPDATE",
        object_type="document_scan",
        object_uid=scan.uid,
        parameters={"status": status, "rejection_reason": reason},
        scenario=decided.scenario,
    )
    return decided
