"""The mandatory training rules of a country: list, add, change and delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from foundation.forms import errors_onto_form
from people.models import Country
from tracking.forms import RuleForm
from tracking.selectors.rules import rule_for, rules_for
from tracking.services.statuses import rule_delete, rule_save
from tracking.views.base import TrackingView, private_page


class RulesView(TrackingView):
    def get(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.country(iso2)
        return self.show(country, RuleForm())

    def show(self, country: Country, form: RuleForm, status: int = 200) -> HttpResponse:
        rules = rules_for(viewer=self.request.user, country=country)
        return private_page(self.request, "tracking/rules.html", self.base(country, rules=rules, form=form), status)

    def post(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.manageable(iso2)
        form = RuleForm(request.POST)
        if form.is_valid() and _rule_saved(request, form, country, rule=None):
            messages.success(request, _("The rule is saved; the statuses of the people it covers are up to date."))
            return redirect("tracking:rules", iso2=country.iso2)
        return self.show(country, form, status=400)


def _rule_saved(request: HttpRequest, form: RuleForm, country: Country, rule) -> bool:
    try:
        rule_save(
            country=country,
            job_function=form.cleaned_data["job_function"],
            course=form.course_page(),
            due_days=form.cleaned_data["due_days"],
            is_active=form.cleaned_data["is_active"],
            by=request.user,
            rule=rule,
        )
    except ValidationError as error:
        errors_onto_form(form, error)
        return False
    return True


class RuleEditView(TrackingView):
    def get(self, request: HttpRequest, iso2: str, pk: int) -> HttpResponse:
        country = self.manageable(iso2)
        rule = rule_for(viewer=request.user, country=country, pk=pk)
        return private_page(request, "tracking/rule_form.html", self.base(country, rule=rule, form=RuleForm(rule=rule)))

    def post(self, request: HttpRequest, iso2: str, pk: int) -> HttpResponse:
        country = self.manageable(iso2)
        rule = rule_for(viewer=request.user, country=country, pk=pk)
        form = RuleForm(request.POST, rule=rule)
        if form.is_valid() and _rule_saved(request, form, country, rule=rule):
            messages.success(request, _("The rule is saved; the statuses of the people it covers are up to date."))
            return redirect("tracking:rules", iso2=country.iso2)
        return private_page(request, "tracking/rule_form.html", self.base(country, rule=rule, form=form), status=400)


class RuleDeleteView(TrackingView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, iso2: str, pk: int) -> HttpResponse:
        country = self.manageable(iso2)
        rule_delete(rule=rule_for(viewer=request.user, country=country, pk=pk))
        messages.success(request, _("The rule is deleted."))
        return redirect("tracking:rules", iso2=country.iso2)
