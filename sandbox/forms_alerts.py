"""Forms of the alert manager's screens: the list's filters, a new alert, and one change of an
alert's status (`sandbox.alerts.TRANSITIONS`).

Names are kept as typed (one Unicode form) and refused with invisible or control characters
(`people.names`); dates are read as people type them (day/month/year, or the calendar's ISO
date). The rules of alerts (validity, sharing, four eyes, the transition table) are the
services', whose errors the views put back on these fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from people.names import describe_characters, name_invisible_characters, normalize_name, validate_name_characters
from sandbox.alerts import TRANSITIONS
from sandbox.forms import CODE_INPUT
from sandbox.models import AlertCategory, IcaoCountry
from sandbox.models.choices import AlertAction, AlertChangeKind, AlertStatus, Sensitivity, SharingScope
from sandbox.selectors_alerts import REVIEW_OVERDUE, REVIEW_SOON

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"]
DATE_HELP = _("Day/month/year, for example 05/12/2025, or pick it in the calendar.")
DATE_INVALID = _("Type a date as day/month/year, for example 05/12/2025.")
DOCUMENT_NUMBER = re.compile(r"^[A-Z0-9]{1,20}$")


def date_field(label: str, *, required: bool = False, help_text: str = DATE_HELP) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
        error_messages={"invalid": DATE_INVALID},
    )


def visible_text(value: str) -> str:
    """A free text without invisible or control characters (line breaks kept), or a ValidationError."""
    characters = name_invisible_characters(value.replace("\r", " ").replace("\n", " "))
    if characters:
        raise ValidationError(
            _("The text contains invisible or control characters (%(characters)s). Type it again without them."),
            params={"characters": describe_characters(characters)},
        )
    return value.strip()


class AlertFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    review = forms.ChoiceField(
        label=_("Review"),
        required=False,
        choices=[
            ("", _("Any review date")),
            (REVIEW_OVERDUE, _("Review overdue")),
            (REVIEW_SOON, _("Review due within 30 days")),
        ],
    )

    def __init__(self, *args: Any, categories: Iterable[AlertCategory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any status")), *AlertStatus.choices]
        self.fields["category"].choices = [("", _("Any category")), *((c.code, c.name) for c in categories)]

    def filters(self) -> dict[str, str]:
        """The valid filters typed (a value that is not a choice is left out)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


class AlertCreateForm(forms.Form):
    """A new alert on a person or a document; the category says which."""

    category = forms.ChoiceField(label=_("Category"))
    # The person
    surnames = forms.CharField(
        label=_("Surnames"), required=False, max_length=100, help_text=_("Person alerts: as the order writes them.")
    )
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=100)
    birth_date = date_field(_("Date of birth"))
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    national_id = forms.CharField(
        label=_("National ID number"), required=False, max_length=24, widget=forms.TextInput(CODE_INPUT)
    )
    person_uid = forms.IntegerField(
        label=_("Person on file (number)"),
        required=False,
        min_value=1,
        max_value=2**63 - 1,
        help_text=_("Optional: the number of the person's record, when the subject is on file."),
    )
    # The document
    document_number = forms.CharField(
        label=_("Document number"), required=False, max_length=20, widget=forms.TextInput(CODE_INPUT)
    )
    document_issuing_state = forms.ChoiceField(label=_("Issuing state"), required=False)
    # What to do, for how long, shared with whom
    action = forms.ChoiceField(label=_("Action to take"), required=False)
    issuing_country = forms.ChoiceField(
        label=_("Issuing country"),
        help_text=_("The country whose authority issues the alert."),
    )
    valid_from = date_field(_("Valid from"), help_text=_("Empty: today. Day/month/year, or pick it in the calendar."))
    valid_until = date_field(
        _("Valid until"),
        help_text=_("Empty: the category's usual validity. Day/month/year, or pick it in the calendar."),
    )
    sharing_scope = forms.ChoiceField(
        label=_("Shared with"), choices=SharingScope.choices, initial=SharingScope.OCAM_ALL, widget=forms.RadioSelect
    )
    shared_with = forms.MultipleChoiceField(
        label=_("Selected countries"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for an alert shared with selected countries."),
    )
    sensitivity = forms.ChoiceField(label=_("Sensitivity"), required=False)
    legal_reference = forms.CharField(
        label=_("Legal basis"),
        max_length=80,
        help_text=_("The court order, resolution or file number the alert rests on."),
    )

    def __init__(
        self,
        *args: Any,
        categories: Iterable[AlertCategory],
        countries: Iterable[IcaoCountry],
        issuing_country: str | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.categories = {category.code: category for category in categories}
        self.countries = {country.code: country for country in countries}
        self.fields["category"].choices = [
            ("", _("Choose a category")),
            *(
                (code, f"{category.name} ({category.get_subject_kind_display().lower()})")
                for code, category in self.categories.items()
            ),
        ]
        by_name = sorted(self.countries.values(), key=lambda country: country.name)
        every = [(country.code, f"{country.name} ({country.code})") for country in by_name]
        self.fields["nationality"].choices = [("", _("Not known")), *every]
        self.fields["document_issuing_state"].choices = [("", _("Choose a state")), *every]
        members = [(country.code, country.name) for country in by_name if country.is_ocam_member]
        self.fields["shared_with"].choices = members
        self.fields["action"].choices = [("", _("The category's usual action")), *AlertAction.choices]
        self.fields["sensitivity"].choices = [("", _("The category's usual sensitivity")), *Sensitivity.choices]
        # An official issues their own country's alerts; someone bound to none chooses a member.
        self.fields["issuing_country"].choices = [("", _("Choose a country")), *members]
        self.fixed_issuing_country = issuing_country
        if issuing_country is not None:
            self.fields["issuing_country"].required = False
            self.fields["issuing_country"].widget = forms.HiddenInput()
            self.initial["issuing_country"] = issuing_country

    def clean_category(self) -> AlertCategory:
        return self.categories[self.cleaned_data["category"]]

    def _name(self, field: str) -> str:
        value = normalize_name(self.cleaned_data[field])
        validate_name_characters(value)
        return value

    def clean_surnames(self) -> str:
        return self._name("surnames")

    def clean_given_names(self) -> str:
        return self._name("given_names")

    def clean_national_id(self) -> str:
        return visible_text("".join(self.cleaned_data["national_id"].split()).upper())

    def clean_document_number(self) -> str:
        number = "".join(self.cleaned_data["document_number"].split()).upper()
        if number and not DOCUMENT_NUMBER.match(number):
            raise ValidationError(_("A document number has letters A to Z and digits only."))
        return number

    def clean_legal_reference(self) -> str:
        return visible_text(self.cleaned_data["legal_reference"])

    def clean_issuing_country(self) -> str:
        return self.fixed_issuing_country or self.cleaned_data["issuing_country"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        category: AlertCategory | None = cleaned.get("category")
        if category is None:
            return cleaned
        if category.subject_kind == "PERSON":
            if not cleaned.get("surnames"):
                self.add_error("surnames", _("A person alert names its subject: type the surnames."))
            if cleaned.get("document_number"):
                self.add_error("document_number", _("A person alert names no document: leave it empty."))
        else:
            if not cleaned.get("document_number"):
                self.add_error("document_number", _("A document alert names the document: type its number."))
            if not cleaned.get("document_issuing_state"):
                self.add_error("document_issuing_state", _("Choose the state that issued the document."))
            for field in ("surnames", "given_names", "birth_date", "person_uid"):
                if cleaned.get(field):
                    self.add_error(field, _("A document alert names no person: leave it empty."))
        return cleaned

    def alert_fields(self) -> dict[str, Any]:
        """The alert as `sandbox.alerts.alert_create` takes it; the category's defaults where left empty."""
        data = self.cleaned_data
        category: AlertCategory = data["category"]
        name = ", ".join(part for part in (data["surnames"].upper(), data["given_names"].upper()) if part)
        fields: dict[str, Any] = {
            "category": category,
            "subject_kind": category.subject_kind,
            "person_uid": data["person_uid"],
            "subject_name": name,
            "subject_birth_date": data["birth_date"],
            "subject_nationality_id": data["nationality"] or None,
            "subject_national_id": data["national_id"],
            "document_number": data["document_number"],
            "document_issuing_state_id": data["document_issuing_state"] or None,
            "issuing_country_id": data["issuing_country"],
            "action": data["action"] or category.default_action,
            "sensitivity": data["sensitivity"] or category.sensitivity,
            "valid_from": data["valid_from"],
            "valid_until": data["valid_until"],
            "sharing_scope": data["sharing_scope"],
            "shared_with": list(data["shared_with"]),
            "legal_reference": data["legal_reference"],
        }
        return fields


class AlertChangeForm(forms.Form):
    """One change of an alert's status. Each change of the detail page has its own form
    (`auto_id` `change-<kind>-<field>`); each carries the status the viewer saw, so a second
    submit after the alert has moved on is refused, not applied twice."""

    kind = forms.ChoiceField(choices=AlertChangeKind.choices, widget=forms.HiddenInput)
    expected_status = forms.ChoiceField(choices=AlertStatus.choices, widget=forms.HiddenInput)
    valid_until = date_field(_("New end of validity"))
    justification = forms.CharField(
        label=_("Justification"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, kind: str, status: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"change-{kind.lower()}-%s")
        kwargs.setdefault("initial", {"kind": kind, "expected_status": status})
        super().__init__(*args, **kwargs)
        self.change_kind = kind
        transition = TRANSITIONS.get(kind)
        self.needs_justification = transition is not None and transition.needs_justification
        self.fields["justification"].required = self.needs_justification
        if kind == AlertChangeKind.EXTEND:
            self.fields["valid_until"].required = True
        else:
            del self.fields["valid_until"]

    def clean_justification(self) -> str:
        return visible_text(self.cleaned_data["justification"])

    @property
    def label(self) -> str:
        return AlertChangeKind(self.change_kind).label
