"""The alert manager's screens: the list of alerts, a new alert, one alert with its history, its
hits and the changes its status allows, and the request to a colleague to approve a draft.

Invariants:
- the acting job function gates every screen: `VIEW_ALERTS` to see, `MANAGE_ALERTS` to create
  or change (a learner without a sandbox yet: their staff profile's function); a trainer
  inspecting a learner's sandbox sees the list and the alerts, without any form;
- every change goes through `sandbox.alerts` (one transition table, four eyes), with the
  learner's country as the actor's; a refused change comes back as a message or on its form,
  nothing written; each form carries the status the viewer saw, so a second submit of one
  change is refused instead of applied twice;
- the author of a draft is offered no approval of their own, only the simulated colleague's.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from foundation.forms import errors_onto_form
from sandbox import alerts, selectors, selectors_alerts, services
from sandbox.forms_alerts import AlertChangeForm, AlertCreateForm, AlertFilterForm
from sandbox.job_functions import ADJUDICATE_HITS, MANAGE_ALERTS, VIEW_ALERTS, acting_country
from sandbox.models import Alert, AlertCategory, IcaoCountry, Person
from sandbox.models.choices import AlertChangeKind
from sandbox.views.access import SandboxMixin

if TYPE_CHECKING:
    pass

# What each change's button says.
CHANGE_BUTTONS = {
    AlertChangeKind.APPROVE: gettext_lazy("Approve the alert"),
    AlertChangeKind.REJECT: gettext_lazy("Reject the alert"),
    AlertChangeKind.REVIEW: gettext_lazy("Record the review"),
    AlertChangeKind.EXTEND: gettext_lazy("Extend the validity"),
    AlertChangeKind.SUSPEND: gettext_lazy("Suspend the alert"),
    AlertChangeKind.RESUME: gettext_lazy("Resume the alert"),
    AlertChangeKind.FULFIL: gettext_lazy("Mark the alert as fulfilled"),
    AlertChangeKind.CANCEL: gettext_lazy("Cancel the alert"),
    AlertChangeKind.EXPIRE: gettext_lazy("Expire the alert"),
    AlertChangeKind.FOLLOW_UP: gettext_lazy("Ask the issuing country to follow it up"),
}


class AlertMixin(SandboxMixin):
    """The alert screens' gate: what the acting job function may do with alerts."""

    section = "alert_list"
    capability = VIEW_ALERTS

    def alert(self, uid: int) -> Alert:
        try:
            return selectors_alerts.alert_get(sandbox=self.sandbox, uid=uid)
        except Alert.DoesNotExist:
            raise Http404 from None

    def today(self) -> dt.date:
        return timezone.localdate()


class AlertListView(AlertMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = AlertFilterForm(
            data=request.GET if request.GET else None, categories=AlertCategory.objects.order_by("code")
        )
        filters = form.filters()
        page = selectors_alerts.alert_list_page(
            sandbox=self.sandbox, today=self.today(), **filters, page=request.GET.get("page")
        )
        return self.render(
            "sandbox/alerts/list.html",
            {
                "form": form,
                "page": page,
                "page_query": filters,
                "today": self.today(),
                "may_manage": not self.is_read_only and self.may(MANAGE_ALERTS),
                "show_alert_notice": True,
            },
        )


def _countries() -> list[IcaoCountry]:
    return list(IcaoCountry.objects.all())


class AlertCreateView(AlertMixin, View):
    capability = MANAGE_ALERTS

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render("sandbox/alerts/form.html", {"form": self._form()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(data=request.POST)
        if form.is_valid() and self._person_on_file(form):
            try:
                alert = alerts.alert_create(sandbox=self.own_sandbox(), actor=request.user, **form.alert_fields())
            except ValidationError as error:
                errors_onto_form(form, error, field_for=_create_field)
            else:
                messages.success(
                    request,
                    _("The alert was created. It awaits a second user's approval before it is active."),
                )
                return HttpResponseRedirect(reverse("sandbox:alert_detail", args=[alert.uid]))
        return self.render("sandbox/alerts/form.html", {"form": form})

    def _person_on_file(self, form: AlertCreateForm) -> bool:
        """Whether the person the alert names by record number is one of the learner's view."""
        uid = form.cleaned_data["person_uid"]
        if uid is None:
            return True
        try:
            selectors.person_get(sandbox=self.sandbox, uid=uid)
        except Person.DoesNotExist:
            form.add_error("person_uid", _("No person on file has this number."))
            return False
        return True

    def _form(self, data: Any = None) -> AlertCreateForm:
        return AlertCreateForm(
            data=data,
            categories=AlertCategory.objects.order_by("code"),
            countries=_countries(),
            issuing_country=acting_country(user=self.request.user, sandbox=self.sandbox),
        )


def _create_field(field: str, problem: ValidationError) -> str:
    """A service's field of the alert, as the form names it."""
    return {"subject_name": "surnames", "subject_birth_date": "birth_date"}.get(field, field)


class AlertDetailView(AlertMixin, View):
    def get(self, request: HttpRequest, uid: int) -> HttpResponse:
        alert = self.alert(uid)
        if not self.is_read_only:
            # The one write of this GET: the mirrored platform logs every consultation (ADR 0014).
            services.audit_record(
                sandbox=self.own_sandbox(), actor=request.user, action="VIEW", object_type="alert", object_uid=uid
            )
        return alert_page(self, alert)


def change_forms(view: AlertMixin, alert: Alert, *, bound: AlertChangeForm | None = None) -> list[AlertChangeForm]:
    """The forms of the changes the viewer may make on the alert: those the table allows from its
    status, without approval or rejection for the alert's author; for a viewer who does not
    manage alerts but works the secondary line's cases, the follow-up request only; `bound` in
    place of its kind's."""
    if view.is_read_only:
        return []
    manages = view.may(MANAGE_ALERTS)
    own = alert.created_by_id is not None and alert.created_by_id == view.request.user.pk
    forms = []
    for kind in alerts.allowed_changes(alert):
        if own and kind in (AlertChangeKind.APPROVE, AlertChangeKind.REJECT):
            continue
        if not manages and not (kind == AlertChangeKind.FOLLOW_UP and view.may(ADJUDICATE_HITS)):
            continue
        if bound is not None and bound.change_kind == kind:
            forms.append(bound)
        else:
            forms.append(AlertChangeForm(kind=kind, status=alert.status))
    for form in forms:
        form.button = CHANGE_BUTTONS[form.change_kind]
    return forms


def alert_page(view: AlertMixin, alert: Alert, *, bound: AlertChangeForm | None = None) -> HttpResponse:
    """The alert's page, with the forms of its changes (`bound`: one posted with errors)."""
    own = alert.created_by_id is not None and alert.created_by_id == view.request.user.pk
    return view.render(
        "sandbox/alerts/detail.html",
        {
            "alert": alert,
            "history": list(selectors_alerts.alert_history(sandbox=view.sandbox, alert_uid=alert.uid)),
            "hits": selectors_alerts.alert_hits(sandbox=view.sandbox, alert_uid=alert.uid),
            "change_forms": change_forms(view, alert, bound=bound),
            "bound_kind": bound.change_kind if bound is not None else "",
            "may_request_approval": (
                not view.is_read_only and view.may(MANAGE_ALERTS) and own and alert.status == "DRAFT"
            ),
            "is_own": own,
            "show_alert_notice": alert.is_training_inflated,
        },
    )


class AlertChangeView(AlertMixin, View):
    """POST: one change of an alert of the learner's view (a follow-up request: an alert manager or
    a secondary-line officer; every other change: an alert manager)."""

    capability = VIEW_ALERTS

    def post(self, request: HttpRequest, uid: int) -> HttpResponse:
        kind = request.POST.get("kind", "")
        if not self.may(MANAGE_ALERTS) and not (kind == AlertChangeKind.FOLLOW_UP and self.may(ADJUDICATE_HITS)):
            return self.capability_refused(MANAGE_ALERTS)
        alert = self.alert(uid)
        if kind not in alerts.TRANSITIONS:
            messages.error(request, _("Choose one of the changes the alert's page offers."))
            return HttpResponseRedirect(reverse("sandbox:alert_detail", args=[uid]))
        form = AlertChangeForm(data=request.POST, kind=kind, status=alert.status)
        if form.is_valid():
            try:
                changed = alerts.alert_transition(
                    sandbox=self.own_sandbox(),
                    alert=alert,
                    actor=request.user,
                    kind=kind,
                    justification=form.cleaned_data["justification"],
                    valid_until=form.cleaned_data.get("valid_until"),
                    actor_country=acting_country(user=request.user, sandbox=self.sandbox),
                    expected_status=form.cleaned_data["expected_status"],
                )
            except alerts.TransitionRefused as refusal:
                for message in refusal.messages:
                    messages.error(request, message)
                return HttpResponseRedirect(reverse("sandbox:alert_detail", args=[uid]))
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(
                    request,
                    _("%(change)s: the alert is now “%(status)s”.")
                    % {"change": AlertChangeKind(kind).label, "status": changed.get_status_display()},
                )
                return HttpResponseRedirect(reverse("sandbox:alert_detail", args=[uid]))
        return alert_page(self, alert, bound=form)


class AlertRequestApprovalView(AlertMixin, View):
    """POST: the learner asks the simulated colleague of the issuing country to approve their draft."""

    capability = MANAGE_ALERTS

    def post(self, request: HttpRequest, uid: int) -> HttpResponse:
        alert = self.alert(uid)
        if alert.created_by_id != request.user.pk:
            messages.error(request, _("Only the author of a draft asks a colleague to approve it."))
            return HttpResponseRedirect(reverse("sandbox:alert_detail", args=[uid]))
        try:
            answered = alerts.alert_request_approval(sandbox=self.own_sandbox(), alert=alert, actor=request.user)
        except ValidationError as refusal:
            for message in refusal.messages:
                messages.error(request, message)
        else:
            if answered.status == "ACTIVE":
                messages.success(request, _("Your colleague approved the alert: it is now active."))
            else:
                messages.warning(
                    request,
                    _("Your colleague rejected the alert as incomplete. The history says what is missing."),
                )
        return HttpResponseRedirect(reverse("sandbox:alert_detail", args=[uid]))
