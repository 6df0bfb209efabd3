"""The document-scan queue: scanned machine-readable zones waiting for the officer's triage.

The list shows the scans of the learner's view in queues (a queue is the scans of one exercise
scenario at one post), the newest queue first, each scan with its zone as scanned and what the
platform's reader finds wrong with it. A learner decides each scan with its own small form
(accept, correct, reject with a reason), which posts to `ScanDecideView`; a correction the reader
refuses comes back on the page with its errors on their fields, nothing saved. A trainer
inspecting a learner's sandbox sees the same queues and decisions, without the forms.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from foundation.forms import errors_onto_form
from sandbox import selectors, services_triage
from sandbox.forms import ScanDecisionForm
from sandbox.job_functions import TRIAGE_SCANS
from sandbox.models import CrossingPoint, DocumentScan, ScanRejection, ScanStatus
from sandbox.mrz import MrzData, mrz_read
from sandbox.views.access import SandboxMixin


@dataclass
class ScanRow:
    scan: DocumentScan
    scanned_at: dt.datetime  # at the post, in its local time
    data: MrzData | None  # what the zone says, when the reader reads it
    problems: list[str]  # what the reader finds wrong with it, in the reader's language
    form: ScanDecisionForm | None = None  # None while a trainer inspects


@dataclass
class ScanQueue:
    point: CrossingPoint
    rows: list[ScanRow] = field(default_factory=list)

    @property
    def latest(self) -> dt.datetime:
        return max(row.scan.scanned_at for row in self.rows)

    @property
    def first(self) -> dt.datetime:
        return min(row.scanned_at for row in self.rows)

    @property
    def pending(self) -> int:
        return sum(row.scan.status == ScanStatus.PENDING for row in self.rows)


def _row(scan: DocumentScan, form: ScanDecisionForm | None) -> ScanRow:
    try:
        data, problems = mrz_read(scan.raw_mrz), []
    except ValidationError as error:
        data, problems = None, error.messages
    local = scan.scanned_at.astimezone(zoneinfo.ZoneInfo(scan.crossing_point.time_zone or "UTC"))
    return ScanRow(scan=scan, scanned_at=local, data=data, problems=problems, form=form)


def scan_queues(scans: list[DocumentScan], *, forms: dict[int, ScanDecisionForm] | None) -> list[ScanQueue]:
    """The scans in queues, the newest queue first; `forms` by scan uid (None: no forms, read-only)."""
    queues: dict[tuple[Any, str], ScanQueue] = {}
    for scan in scans:
        queue = queues.setdefault((scan.scenario, scan.crossing_point_id), ScanQueue(point=scan.crossing_point))
        form = None if forms is None else forms[scan.uid] if scan.uid in forms else ScanDecisionForm(scan=scan)
        queue.rows.append(_row(scan, form))
    return sorted(queues.values(), key=lambda queue: queue.latest, reverse=True)


class ScanTriageView(SandboxMixin, View):
    section = "scan_triage"
    capability = TRIAGE_SCANS

    def get(self, request: HttpRequest) -> HttpResponse:
        return triage_page(self)


def triage_page(view: SandboxMixin, *, bound: ScanDecisionForm | None = None) -> HttpResponse:
    """The queues of the sandbox shown; `bound` a scan's form posted with errors, shown open."""
    scans = list(selectors.document_scans(sandbox=view.sandbox))
    forms = None if view.is_read_only else ({bound.scan.uid: bound} if bound is not None else {})
    return view.render(
        "sandbox/scan_triage.html",
        {"queues": scan_queues(scans, forms=forms), "bound_uid": bound.scan.uid if bound is not None else None},
    )


def decision_message(scan: DocumentScan, *, changed: bool) -> str:
    names = {"position": scan.position, "traveller": scan.traveller_name}
    if scan.status == ScanStatus.ACCEPTED:
        outcome = _("Scan %(position)s (%(traveller)s) accepted as read.") % names
    elif scan.status == ScanStatus.CORRECTED:
        outcome = _("Scan %(position)s (%(traveller)s) accepted with the corrected zone.") % names
    else:
        reason = ScanRejection(scan.rejection_reason).label
        outcome = _("Scan %(position)s (%(traveller)s) rejected. Reason: %(reason)s.") % {**names, "reason": reason}
    if changed:
        return _("You changed your decision on this scan: the new one replaces the earlier one.") + " " + outcome
    return outcome


class ScanDecideView(SandboxMixin, View):
    """POST: the learner's decision on one scan of their view (another learner's scan is not found)."""

    section = "scan_triage"
    capability = TRIAGE_SCANS

    def post(self, request: HttpRequest, uid: int) -> HttpResponse:
        try:
            scan = selectors.document_scan_get(sandbox=self.sandbox, uid=uid)
        except DocumentScan.DoesNotExist:
            raise Http404 from None
        form = ScanDecisionForm(data=request.POST, scan=scan)
        if form.is_valid():
            changed = scan.status != ScanStatus.PENDING
            try:
                decided = services_triage.scan_decide(
                    sandbox=self.own_sandbox(),
                    user=request.user,
                    scan=scan,
                    status=form.cleaned_data["status"],
                    corrected_mrz=form.cleaned_data["corrected_mrz"],
                    rejection_reason=form.cleaned_data["rejection_reason"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, decision_message(decided, changed=changed))
                return HttpResponseRedirect(f"{reverse('sandbox:scan_triage')}#scan-{uid}")
        return triage_page(self, bound=form)
