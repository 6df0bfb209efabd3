"""The consultation screens: the learner's country's hit/no-hit queries, a new query, and one
query's answers (DOMAIN.md 4.3).

Invariants:
- the acting job function must hold `CONSULT`; a learner who acts for no member country (IOM
  staff) is told that consultation is between members, and nothing is written;
- a query goes through `sandbox.consultation.query_send`, which refuses it without a purpose, a
  case reference, complete parameters or a country to ask (the errors come back on the form,
  nothing written) and turns a double submit into the first query;
- opened with GET parameters (an exercise's link), the form is filled in with them, never sent:
  the learner reads and sends it; opened from an exercise (`?exercise=<attempt token>`), it
  carries the token in a hidden field, and a query sent with the token of an open attempt of the
  learner's own belongs to that attempt's scenario (any other token is ignored);
- an answer's page shows hit or no hit, a reference, an alert's category and action and the
  partner's desk: never the partner's record (`sandbox.selectors_consultation`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from foundation.forms import errors_onto_form
from sandbox import consultation, selectors_consultation
from sandbox.exercises.selectors import attempt_open_own
from sandbox.forms_consultation import PREFILLED, QueryForm
from sandbox.job_functions import CONSULT, user_country
from sandbox.models import CrossBorderQuery, DocumentType, IcaoCountry
from sandbox.views.access import SandboxMixin


class ConsultationMixin(SandboxMixin):
    section = "consultation_list"
    capability = CONSULT

    def acting_country(self) -> str | None:
        """The member country the learner consults for (None: IOM staff, bound to none)."""
        if self.sandbox is not None:
            return self.sandbox.country_id
        return user_country(self.request.user)


class ConsultationListView(ConsultationMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        page = selectors_consultation.query_list_page(sandbox=self.sandbox, page=request.GET.get("page"))
        return self.render(
            "sandbox/consultation/list.html",
            {"page": page, "page_query": {}, "may_query": self.acting_country() is not None},
        )


class ConsultationCreateView(ConsultationMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = self._form()
        filled = {name: request.GET[name][:100] for name in PREFILLED if request.GET.get(name)}
        form.initial.update(filled)
        if attempt_open_own(user=request.user, token=request.GET.get("exercise", "")) is not None:
            form.initial["exercise"] = request.GET["exercise"]
        return self._page(form)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(data=request.POST)
        if self.acting_country() is None:
            return self._page(form)
        if form.is_valid():
            attempt = attempt_open_own(user=request.user, token=form.cleaned_data["exercise"])
            try:
                query = consultation.query_send(
                    sandbox=self.own_sandbox(),
                    user=request.user,
                    parameters=form.query_parameters(),
                    countries=form.cleaned_data["countries"],
                    purpose_code=form.cleaned_data["purpose"],
                    case_reference=form.cleaned_data["case_reference"],
                    scenario=attempt.pk if attempt is not None else None,
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The query was sent; each country asked has answered."))
                return HttpResponseRedirect(reverse("sandbox:consultation_detail", args=[query.uid]))
        return self._page(form)

    def _form(self, data: object = None) -> QueryForm:
        return QueryForm(
            data=data,
            countries=IcaoCountry.objects.all(),
            document_types=DocumentType.objects.all(),
            own_country=self.acting_country(),
        )

    def _page(self, form: QueryForm) -> HttpResponse:
        return self.render(
            "sandbox/consultation/form.html",
            {"form": form, "may_query": self.acting_country() is not None},
        )


class ConsultationDetailView(ConsultationMixin, View):
    def get(self, request: HttpRequest, uid: int) -> HttpResponse:
        try:
            detail = selectors_consultation.query_get(sandbox=self.sandbox, uid=uid)
        except CrossBorderQuery.DoesNotExist:
            raise Http404 from None
        return self.render("sandbox/consultation/detail.html", {"detail": detail})
