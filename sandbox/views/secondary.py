"""The secondary line: the travellers referred at the posts, one referral's case, and a hit's
disposition.

The queue lists the referred movements of the learner's view, oldest first, each with its
pending hits, and can keep one crossing point's. A case shows the person on file, the document,
and per hit the traveller as read beside the alert's subject, field by field, with how each
field matched; each pending hit has its own form (CONFIRMED or FALSE POSITIVE, and the reason),
which posts to `HitAdjudicateView`; an adjudicated hit shows the actions applied and the
notification sent, and the case the movement's decision once no hit pends.

Only a learner whose job function adjudicates hits (`job_functions.ADJUDICATE_HITS`) opens
these screens; a trainer inspects a learner's queue read-only, whatever the learner's function.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from foundation.forms import errors_onto_form
from sandbox import selectors_secondary
from sandbox.forms import HitAdjudicationForm
from sandbox.job_functions import ADJUDICATE_HITS
from sandbox.matching import split_subject_name
from sandbox.models import AlertHit
from sandbox.models.choices import Decision, HitAction, HitDisposition
from sandbox.screening import hit_adjudicate
from sandbox.selectors_secondary import Case, HitView
from sandbox.views.access import SandboxMixin

# How a field of the traveller agreed with the alert's (`AlertHit.matched_fields`).
AGREEMENT = {
    "exact": gettext_lazy("Same"),
    "similar": gettext_lazy("Similar"),
    "swapped": gettext_lazy("Day and month swapped"),
    "one_surname": gettext_lazy("One surname missing"),
    "different": gettext_lazy("Different"),
}


@dataclass(frozen=True)
class Comparison:
    """One row of a hit's comparison: a field as read at the post, as the alert has it, and how they matched."""

    label: str
    traveller: str
    alert: str
    agreement: str  # "" when the screening did not compare this field


def _date(value: dt.date | str | None) -> str:
    """A date for the comparison, as the language writes it; text that is no ISO date, as it is."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return date_format(value, "DATE_FORMAT") if value else ""


def comparison(view: HitView) -> list[Comparison]:
    """The traveller as read beside the alert's subject, field by field (codes as ICAO writes them)."""
    read, matched = view.hit.traveller or {}, view.hit.matched_fields or {}
    alert = view.alert
    given, surnames = split_subject_name(alert.subject_name) if alert is not None else ("", "")

    def how(key: str) -> str:
        return str(AGREEMENT.get(matched.get(key, ""), matched.get(key, "")))

    def row(label: str, key: str, theirs: Any, agreement: str = "") -> Comparison:
        return Comparison(label, str(read.get(key) or ""), str(theirs or ""), agreement)

    rows = [
        row(_("Surnames"), "surnames", surnames, how("surnames")),
        row(_("Given names"), "given_names", given, how("given_names")),
        Comparison(
            _("Date of birth"),
            _date(read.get("birth_date")),
            _date(alert.subject_birth_date if alert is not None else None),
            how("birth_date"),
        ),
        row(_("Nationality"), "nationality", alert.subject_nationality_id if alert is not None else ""),
        row(
            _("National ID number"),
            "national_id_number",
            alert.subject_national_id if alert is not None else "",
            how("national_id"),
        ),
        row(
            _("Document number"),
            "document_number",
            alert.document_number if alert is not None else "",
            how("document_number"),
        ),
        row(
            _("Issuing state"),
            "issuing_state",
            alert.document_issuing_state_id if alert is not None else "",
            how("issuing_state"),
        ),
    ]
    if "person" in matched:
        rows.append(Comparison(_("Person on file"), _("This traveller"), _("The alert's subject"), how("person")))
    return [each for each in rows if each.traveller or each.alert]


class SecondaryMixin(SandboxMixin, View):
    section = "secondary_queue"
    capability = ADJUDICATE_HITS


class SecondaryQueueView(SecondaryMixin):
    def get(self, request: HttpRequest) -> HttpResponse:
        posts = selectors_secondary.referral_posts(sandbox=self.sandbox)
        chosen = request.GET.get("crossing_point", "")
        if chosen not in {post.code for post in posts}:
            chosen = ""
        referrals = selectors_secondary.referrals_waiting(sandbox=self.sandbox, crossing_point=chosen)
        return self.render("sandbox/secondary/queue.html", {"referrals": referrals, "posts": posts, "chosen": chosen})


class SecondaryCaseView(SecondaryMixin):
    def get(self, request: HttpRequest, movement_uid: int) -> HttpResponse:
        return case_page(self, movement_uid=movement_uid)


def case_page(view: SandboxMixin, *, movement_uid: int, bound: HitAdjudicationForm | None = None) -> HttpResponse:
    """A referral's case; `bound` a hit's form posted with errors, shown with them."""
    case = selectors_secondary.referral_case(sandbox=view.sandbox, movement_uid=movement_uid)
    if case is None:
        raise Http404
    rows = []
    for hit_view in case.hits:
        form = None
        if hit_view.is_pending and not view.is_read_only:
            form = (
                bound
                if bound is not None and bound.hit.uid == hit_view.hit.uid
                else HitAdjudicationForm(hit=hit_view.hit)
            )
        actions = [HitAction(action).label for action in hit_view.hit.actions_taken or [] if action in HitAction.values]
        rows.append({"view": hit_view, "comparison": comparison(hit_view), "form": form, "actions": actions})
    return view.render(
        "sandbox/secondary/case.html",
        {"case": case, "hit_rows": rows, "pending": sum(hit.is_pending for hit in case.hits)},
    )


def outcome_message(hit: AlertHit, case: Case | None) -> str:
    said = (
        _("The hit has been confirmed.")
        if hit.disposition == HitDisposition.CONFIRMED
        else _("The hit has been recorded as a false positive.")
    )
    if case is None:
        return said
    pending = sum(view.is_pending for view in case.hits)
    if pending:
        return f"{said} " + ngettext(
            "%(count)s hit of this traveller is still pending.",
            "%(count)s hits of this traveller are still pending.",
            pending,
        ) % {"count": pending}
    if case.movement.decision == Decision.REFUSED:
        return f"{said} " + _("No hit is pending: the traveller is refused.")
    if case.movement.decision == Decision.ADMITTED:
        return f"{said} " + _("No hit is pending: the traveller is admitted.")
    return said


class HitAdjudicateView(SecondaryMixin):
    """POST: the disposition of one hit of the learner's view (another learner's hit is not found)."""

    def post(self, request: HttpRequest, uid: int) -> HttpResponse:
        try:
            hit = selectors_secondary.hit_get(sandbox=self.sandbox, uid=uid)
        except AlertHit.DoesNotExist:
            raise Http404 from None
        case_url = (
            reverse("sandbox:secondary_case", args=[hit.movement_uid])
            if hit.movement_uid is not None
            else reverse("sandbox:secondary_queue")
        )
        form = HitAdjudicationForm(data=request.POST, hit=hit)
        if form.is_valid():
            try:
                decided = hit_adjudicate(
                    sandbox=self.own_sandbox(),
                    actor=request.user,
                    hit=hit,
                    disposition=form.cleaned_data["disposition"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    # Adjudicated already (a double submit, another tab): the case shows the disposition.
                    messages.error(request, " ".join(error.messages))
                    return HttpResponseRedirect(case_url)
                errors_onto_form(form, error)
            else:
                case = (
                    selectors_secondary.referral_case(sandbox=self.sandbox, movement_uid=decided.movement_uid)
                    if decided.movement_uid is not None
                    else None
                )
                messages.success(request, outcome_message(decided, case))
                return HttpResponseRedirect(f"{case_url}#hit-{uid}" if case is not None else case_url)
        if hit.movement_uid is None:
            return HttpResponseRedirect(case_url)
        return case_page(self, movement_uid=hit.movement_uid, bound=form)
