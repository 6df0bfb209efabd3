"""A service's ValidationError lands on the form that called it, nothing lost."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from foundation.forms import errors_onto_form


class NameForm(forms.Form):
    name = forms.CharField()
    number = forms.CharField(required=False)


def _bound() -> NameForm:
    form = NameForm(data={"name": "Ana"})
    assert form.is_valid()
    return form


def test_each_error_goes_on_the_field_it_names_and_the_rest_above_the_form():
    form = _bound()
    errors_onto_form(form, ValidationError({"name": "Too short.", "country": "Unknown country."}))
    assert form.errors["name"] == ["Too short."]
    assert form.non_field_errors() == ["Unknown country."]


def test_an_error_that_names_no_field_goes_above_the_form():
    form = _bound()
    errors_onto_form(form, ValidationError(["First.", "Second."]))
    assert form.non_field_errors() == ["First.", "Second."]


def test_a_problem_can_be_sent_to_another_field():
    form = _bound()
    taken = ValidationError("Already taken.", code="taken")
    errors_onto_form(
        form,
        ValidationError({"name": [taken, ValidationError("Too long.")]}),
        field_for=lambda field, problem: "number" if problem.code == "taken" else field,
    )
    assert form.errors["number"] == ["Already taken."]
    assert form.errors["name"] == ["Too long."]
