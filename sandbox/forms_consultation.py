"""Forms of the consultation screens: a hit/no-hit query.

The query form works without JavaScript: both kinds' fieldsets are shown, and only the chosen
kind's fields are checked. Dates are read as people type them (`forms_alerts.date_field`);
names and the case reference are refused with invisible or control characters. The rules of a
query (a purpose, a case reference, member countries other than one's own) are checked again by
`sandbox.consultation.query_send`, whose errors the view puts back on these fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from people.names import normalize_name, validate_name_characters
from sandbox.consultation import (
    BY_DOCUMENT,
    BY_NAME,
    CASE_REFERENCE_MAX,
    DOCUMENT_NUMBER,
    PURPOSES,
    QUERY_KINDS,
    QueryParameters,
    case_reference_clean,
    document_number_normal,
)
from sandbox.forms import CODE_INPUT
from sandbox.forms_alerts import date_field
from sandbox.models import DocumentType, IcaoCountry
from sandbox.models.choices import Sex

# What a link may fill in on the form (an exercise's, say): the learner still reads and sends it.
PREFILLED = (
    "kind",
    "document_number",
    "issuing_state",
    "document_type",
    "surnames",
    "given_names",
    "birth_date",
    "sex",
    "nationality",
    "purpose",
    "case_reference",
)

# The fields each kind of query needs; the other kind's are left out of the parameters.
KIND_FIELDS = {
    BY_DOCUMENT: ("document_number", "issuing_state", "document_type"),
    BY_NAME: ("surnames", "given_names", "birth_date", "sex", "nationality"),
}


class QueryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Search by"),
        choices=list(QUERY_KINDS.items()),
        initial=BY_DOCUMENT,
        widget=forms.RadioSelect,
        help_text=_("Fill in the fields of the kind you choose; the other kind's fields are ignored."),
    )
    # By document
    document_number = forms.CharField(
        label=_("Document number"), required=False, max_length=30, widget=forms.TextInput(CODE_INPUT)
    )
    issuing_state = forms.ChoiceField(label=_("Issuing state"), required=False)
    document_type = forms.ChoiceField(label=_("Document type"), required=False)
    # By name and date of birth
    surnames = forms.CharField(label=_("Surnames"), required=False, max_length=100)
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=100)
    birth_date = date_field(_("Date of birth"))
    sex = forms.ChoiceField(label=_("Sex"), required=False)
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    # Whom to ask, why
    all_countries = forms.BooleanField(
        label=_("All member countries"),
        required=False,
        initial=True,
        help_text=_("Every OCAM member but your own country. Untick it to choose countries below."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries to ask"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when “All member countries” is not ticked."),
    )
    purpose = forms.ChoiceField(label=_("Purpose"))
    case_reference = forms.CharField(
        label=_("Case reference"),
        max_length=CASE_REFERENCE_MAX,
        strip=False,
        help_text=_("The file or case number this consultation is for, 40 characters at most."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    # The exercise the learner works on, when they came from its page: opaque here, the view checks it.
    exercise = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        countries: Iterable[IcaoCountry],
        document_types: Iterable[DocumentType],
        own_country: str | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        by_name = sorted(countries, key=lambda country: country.name)
        every = [(country.code, f"{country.name} ({country.code})") for country in by_name]
        self.members = [country.code for country in by_name if country.is_ocam_member and country.code != own_country]
        self.fields["issuing_state"].choices = [("", _("Choose a state")), *every]
        self.fields["nationality"].choices = [("", _("Not known")), *every]
        self.fields["document_type"].choices = [
            ("", _("Any type")),
            *((kind.code, kind.name) for kind in sorted(document_types, key=lambda kind: kind.code)),
        ]
        self.fields["sex"].choices = [("", _("Not known")), *Sex.choices]
        self.fields["countries"].choices = [
            (country.code, country.name) for country in by_name if country.code in self.members
        ]
        # Each purpose and what it covers, in the language of the request.
        self.fields["purpose"].help_text = " ".join(
            f"{purpose.label}: {purpose.help_text}" for purpose in PURPOSES.values()
        )
        self.fields["purpose"].choices = [
            ("", _("Choose a purpose")),
            *((code, purpose.label) for code, purpose in PURPOSES.items()),
        ]

    def clean_case_reference(self) -> str:
        return case_reference_clean(self.cleaned_data["case_reference"])

    def _name(self, field: str) -> str:
        value = normalize_name(self.cleaned_data[field])
        validate_name_characters(value)
        return value

    def clean_surnames(self) -> str:
        return self._name("surnames")

    def clean_given_names(self) -> str:
        return self._name("given_names")

    def clean_document_number(self) -> str:
        number = document_number_normal(self.cleaned_data["document_number"])
        if number and not DOCUMENT_NUMBER.match(number):
            raise ValidationError(_("A document number has letters A to Z and digits only, 20 at most."))
        return number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        required = {
            BY_DOCUMENT: {
                "document_number": _("Type the document number."),
                "issuing_state": _("Choose the state that issued the document."),
            },
            BY_NAME: {
                "surnames": _("Type the surnames."),
                "given_names": _("Type the given names."),
                "birth_date": _("Type the date of birth."),
            },
        }.get(kind, {})
        for field, message in required.items():
            if field not in self.errors and not cleaned.get(field):
                self.add_error(field, message)
        # The other kind's fields may hold anything typed before the choice: never checked.
        if kind in KIND_FIELDS:
            for other_kind, fields in KIND_FIELDS.items():
                if other_kind != kind:
                    for field in fields:
                        self.errors.pop(field, None)
        if cleaned.get("all_countries"):
            cleaned["countries"] = list(self.members)
        elif not cleaned.get("countries") and "countries" not in self.errors:
            self.add_error("countries", _("Choose the member countries to ask, or tick “All member countries”."))
        return cleaned

    def query_parameters(self) -> QueryParameters:
        """What the query searches: the chosen kind's fields only."""
        data = self.cleaned_data
        kind = data["kind"]
        values: dict[str, Any] = {field: data.get(field) or "" for field in KIND_FIELDS[kind]}
        if kind == BY_NAME:
            values["birth_date"] = data.get("birth_date")
        return QueryParameters(kind=kind, **values)
