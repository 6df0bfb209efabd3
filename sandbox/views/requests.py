"""The information-request screens: a request after a hit of one of the learner's consultations,
one request (outgoing or incoming) with its answer once it has arrived, and the focal point's
queue of other members' requests with the answer form.

Invariants:
- `CONSULT` gates a request and its page, `ANSWER_REQUESTS` the queue and the answers;
- a hit, a request or an incoming request outside the learner's view is a 404;
- every write goes through `sandbox.requests`; a refused request or answer comes back on its
  form, nothing written; the answer form carries the status the focal point saw, so a second
  submit is refused instead of applied twice;
- a simulated partner's answer is shown only once it has arrived (`selectors_requests`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from foundation.forms import errors_onto_form
from sandbox import requests, selectors_requests
from sandbox.forms_requests import IncomingAnswerForm, RequestForm
from sandbox.job_functions import ANSWER_REQUESTS, CONSULT
from sandbox.models import InformationRequest, QueryResult
from sandbox.views.access import SandboxMixin


class RequestCreateView(SandboxMixin, View):
    """A justified request for some fields of the record behind a hit."""

    section = "consultation_list"
    capability = CONSULT

    def hit(self, uid: int, result_uid: int) -> tuple[Any, QueryResult]:
        try:
            return selectors_requests.hit_get(sandbox=self.sandbox, query_uid=uid, result_uid=result_uid)
        except QueryResult.DoesNotExist:
            raise Http404 from None

    def get(self, request: HttpRequest, uid: int, result_uid: int) -> HttpResponse:
        query, result = self.hit(uid, result_uid)
        return self.page(query, result, self.form(query))

    def post(self, request: HttpRequest, uid: int, result_uid: int) -> HttpResponse:
        query, result = self.hit(uid, result_uid)
        form = self.form(query, data=request.POST)
        if form.is_valid():
            try:
                sent = requests.request_send(
                    sandbox=self.own_sandbox(),
                    user=request.user,
                    result=result,
                    fields=form.cleaned_data["fields"],
                    justification=form.cleaned_data["justification"],
                    # A request on an exercise's query belongs to its scenario.
                    scenario=query.scenario,
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(
                    request,
                    _("The request was sent to %(country)s. In the sandbox, its answer arrives after a short delay.")
                    % {"country": result.country.name},
                )
                return HttpResponseRedirect(reverse("sandbox:request_detail", args=[sent.uid]))
        return self.page(query, result, form)

    def form(self, query: Any, data: Any = None) -> RequestForm:
        offered, _others = selectors_requests.field_choices(query.purpose_code)
        return RequestForm(data=data, offered=offered)

    def page(self, query: Any, result: QueryResult, form: RequestForm) -> HttpResponse:
        _offered, not_allowed = selectors_requests.field_choices(query.purpose_code)
        return self.render(
            "sandbox/requests/form.html",
            {
                "query": query,
                "result": result,
                "form": form,
                "not_allowed": not_allowed,
                "earlier": [
                    selectors_requests.request_view(sandbox=self.sandbox, request=earlier, now=timezone.now())
                    for earlier in selectors_requests.requests_of_result(sandbox=self.sandbox, result_uid=result.uid)
                ],
            },
        )


class RequestDetailView(SandboxMixin, View):
    """One request: what was asked, why, and the answer once it has arrived."""

    section = "consultation_list"
    capability = CONSULT

    def get(self, request: HttpRequest, uid: int) -> HttpResponse:
        try:
            found = selectors_requests.request_get(sandbox=self.sandbox, uid=uid)
        except InformationRequest.DoesNotExist:
            raise Http404 from None
        view = selectors_requests.request_view(sandbox=self.sandbox, request=found, now=timezone.now())
        if view.is_incoming:
            self.section = "incoming_list"
        return self.render(
            "sandbox/requests/detail.html",
            {
                "shown": view,
                "item": found,
                "may_answer": view.is_incoming and found.status == "SENT" and self.may(ANSWER_REQUESTS),
            },
        )


class IncomingListView(SandboxMixin, View):
    """The focal point's queue: other members' requests to the learner's country."""

    section = "incoming_list"
    capability = ANSWER_REQUESTS

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(
            "sandbox/requests/incoming_list.html",
            {
                "queue": selectors_requests.incoming_queue(sandbox=self.sandbox),
                "answered": selectors_requests.incoming_answered(sandbox=self.sandbox),
            },
        )


class IncomingAnswerView(SandboxMixin, View):
    """Approve, approve in part or refuse another member's request."""

    section = "incoming_list"
    capability = ANSWER_REQUESTS

    def incoming(self, uid: int) -> InformationRequest:
        try:
            return selectors_requests.incoming_get(sandbox=self.sandbox, uid=uid)
        except InformationRequest.DoesNotExist:
            raise Http404 from None

    def get(self, request: HttpRequest, uid: int) -> HttpResponse:
        found = self.incoming(uid)
        if found.status != "SENT":
            return HttpResponseRedirect(reverse("sandbox:request_detail", args=[uid]))
        return self.page(found, self.form(found))

    def post(self, request: HttpRequest, uid: int) -> HttpResponse:
        found = self.incoming(uid)
        form = self.form(found, data=request.POST)
        if form.is_valid():
            try:
                answered = requests.incoming_answer(
                    sandbox=self.own_sandbox(),
                    user=request.user,
                    request=found,
                    decision=form.cleaned_data["decision"],
                    fields=form.cleaned_data["fields"],
                    reason=form.cleaned_data["reason"],
                    expected_status=form.cleaned_data["expected_status"],
                )
            except ValidationError as error:
                if getattr(error, "code", None) == "changed":
                    messages.error(request, error.messages[0])
                    return HttpResponseRedirect(reverse("sandbox:request_detail", args=[uid]))
                errors_onto_form(form, error)
            else:
                messages.success(
                    request,
                    _("Your answer was sent to %(country)s: “%(status)s”.")
                    % {"country": answered.requesting_country.name, "status": answered.get_status_display()},
                )
                return HttpResponseRedirect(reverse("sandbox:incoming_list"))
        return self.page(found, form)

    def offered(self, found: InformationRequest) -> list[tuple[str, str]]:
        allowed = set(requests.allowed_fields(found.purpose_code))
        return [
            (code, str(requests.REQUEST_FIELDS[code].label))
            for code in found.requested_fields
            if code in allowed and code in requests.REQUEST_FIELDS
        ]

    def form(self, found: InformationRequest, data: Any = None) -> IncomingAnswerForm:
        return IncomingAnswerForm(data=data, offered=self.offered(found))

    def page(self, found: InformationRequest, form: IncomingAnswerForm) -> HttpResponse:
        offered = {code for code, _label in self.offered(found)}
        return self.render(
            "sandbox/requests/answer.html",
            {
                "item": found,
                "shown": selectors_requests.request_view(sandbox=self.sandbox, request=found, now=timezone.now()),
                "form": form,
                "not_allowed": [
                    str(requests.REQUEST_FIELDS[code].label)
                    for code in found.requested_fields
                    if code not in offered and code in requests.REQUEST_FIELDS
                ],
                "allowed_for_purpose": [
                    str(requests.REQUEST_FIELDS[code].label) for code in requests.allowed_fields(found.purpose_code)
                ],
            },
        )
