"""Forms of the sandbox's screens: person search, movement registration, a scan's triage, a hit's
disposition at the secondary line, the statistics month and the daily view's crossing point and month.

Forms parse and check what a person typed; the rules of the mirrored platform (a valid MRZ,
an identity card only at CA-4 internal borders, ...) are the services', whose errors the
views put back on these fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from sandbox.models import (
    AlertHit,
    CrossingPoint,
    Decision,
    Direction,
    DocumentScan,
    DocumentType,
    Movement,
    Person,
    RefusalCode,
    ScanRejection,
    ScanStatus,
    Sex,
    TravelPurpose,
)
from sandbox.models.choices import HitDisposition
from sandbox.services_movements import ManualDocument

MONTH_FORMAT = "%Y-%m"

# Typed or scanned codes: the browser must not correct, complete or capitalise them.
CODE_INPUT = {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}


class PersonSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_(
            "Any of the given names or surnames, whole or their beginning, in any order. "
            "Accents and capitals do not matter."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    document = forms.CharField(
        label=_("Document number"),
        required=False,
        max_length=20,
        help_text=_("The whole number or its beginning, as printed on the document."),
        widget=forms.TextInput(attrs=CODE_INPUT),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )
    national_id = forms.CharField(
        label=_("National ID number"),
        required=False,
        max_length=24,
        help_text=_("The whole number, as printed on the identity card."),
        widget=forms.TextInput(attrs=CODE_INPUT),
    )

    @classmethod
    def from_query(cls, query: Any) -> PersonSearchForm:
        """A bound form when the query string holds a search, an unbound one otherwise."""
        submitted = any(key in query for key in ("name", "document", "birth_date", "national_id"))
        return cls(data=query if submitted else None)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        terms = [cleaned.get(name, "").strip() for name in ("name", "document", "national_id")]
        if not self.errors and not any(terms) and cleaned.get("birth_date") is None:
            self.add_error("name", _("Enter a name, a document number, a date of birth or a national ID number."))
        return cleaned


def crossing_point_choices(points: Iterable[CrossingPoint]) -> list[tuple[str, Any]]:
    """Crossing points grouped by country (in the current language), for a select with optgroups."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for point in points:
        groups.setdefault(point.country.name, []).append(
            (point.code, f"{point.name} ({point.get_kind_display().lower()})")
        )
    return [("", _("Choose a crossing point")), *((country, groups[country]) for country in sorted(groups))]


# How the officer reads the document: its machine-readable zone, or by hand for a document
# without one (an emergency travel document, a border pass) or whose zone cannot be read.
CAPTURE_CHOICES = [("MRZ", _("Read the machine-readable zone")), ("MANUAL", _("Type the document by hand"))]
MANUAL_FIELDS = (
    "document_type",
    "document_number",
    "issuing_state",
    "nationality",
    "surnames",
    "given_names",
    "birth_date",
    "sex",
    "expiry_date",
    "manual_entry_reason",
)
# The fields of the decision, accepted only once the officer has seen the screening (step 2).
DECISION_FIELDS = (
    "authorised_stay_days",
    "closes_entry",
    "is_overstay",
    "existing_person",
    "accompanying_adult",
    "minor_exit_permit",
    "decision",
    "refusal_code",
    "refusal_reason",
)
DATE_INPUT = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), "input_formats": ["%Y-%m-%d"]}


class MovementForm(forms.Form):
    """Registering an entry or exit at a border post, in two steps on one page.

    Step "read": the document (its machine-readable zone, or typed by hand with the reason), the
    post, direction, time and the trip; the view screens the traveller. Step "decide": the same
    reading (carried by the view, signed) and the decision fields (`DECISION_FIELDS`), which the
    read step does not have."""

    capture = forms.ChoiceField(
        label=_("How the document is read"),
        choices=CAPTURE_CHOICES,
        initial="MRZ",
        required=False,
        widget=forms.RadioSelect,
    )
    mrz = forms.CharField(
        label=_("Machine-readable zone (MRZ)"),
        required=False,
        help_text=_(
            "Type or scan the lines at the bottom of the document's data page: 2 lines of 44 characters "
            "for a passport, 3 lines of 30 for an identity card. Use < for the filler."
        ),
        max_length=200,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 46, "class": "mrz-input", "wrap": "off", **CODE_INPUT}),
    )
    document_type = forms.ChoiceField(label=_("Document type"), required=False)
    document_number = forms.CharField(
        label=_("Document number"), required=False, max_length=20, widget=forms.TextInput(CODE_INPUT)
    )
    issuing_state = forms.CharField(
        label=_("Issuing state"),
        required=False,
        max_length=3,
        help_text=_("Its three-letter ICAO code, such as CRI or NIC."),
        widget=forms.TextInput(CODE_INPUT),
    )
    nationality = forms.CharField(
        label=_("Nationality"),
        required=False,
        max_length=3,
        help_text=_("Its three-letter ICAO code."),
        widget=forms.TextInput(CODE_INPUT),
    )
    surnames = forms.CharField(label=_("Surnames"), required=False, max_length=120)
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=100)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, **DATE_INPUT)
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", _("Choose")), *Sex.choices])
    expiry_date = forms.DateField(label=_("Date of expiry"), required=False, **DATE_INPUT)
    national_id_number = forms.CharField(
        label=_("National ID number"), required=False, max_length=24, widget=forms.TextInput(CODE_INPUT)
    )
    manual_entry_reason = forms.CharField(
        label=_("Why the document is typed by hand"),
        required=False,
        max_length=120,
        help_text=_("For example: emergency travel document without a zone, or a zone that cannot be read."),
    )
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, initial=Direction.ENTRY, widget=forms.RadioSelect
    )
    crossing_point = forms.ChoiceField(label=_("Border crossing point"))
    local_date = forms.DateField(
        label=_("Date at the crossing point"),
        help_text=_("The date at the post, in its local time."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
    )
    local_time = forms.TimeField(
        label=_("Time at the crossing point"),
        help_text=_("Local time at the post, on the 24-hour clock."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M", "%H:%M:%S"],
    )
    purpose = forms.ChoiceField(label=_("Purpose of travel"), required=False)
    carrier = forms.CharField(
        label=_("Carrier"),
        required=False,
        max_length=40,
        help_text=_("Airline, shipping line or bus company, if any."),
    )
    flight_or_vehicle = forms.CharField(
        label=_("Flight, vessel or vehicle plate"), required=False, max_length=20, widget=forms.TextInput(CODE_INPUT)
    )
    authorised_stay_days = forms.IntegerField(
        label=_("Authorised stay (days)"),
        required=False,
        min_value=1,
        max_value=365,
        help_text=_("Entries only: how many days the traveller may stay."),
    )
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, initial=Decision.ADMITTED, widget=forms.RadioSelect
    )
    refusal_code = forms.ChoiceField(
        label=_("Reason for refusal or referral"),
        required=False,
        choices=[("", _("None")), *RefusalCode.choices],
        help_text=_("Refusals and referrals only: the reason, as the platform counts it."),
    )
    refusal_reason = forms.CharField(
        label=_("Reason for refusal"),
        required=False,
        max_length=120,
        help_text=_(
            "In your own words. Required when entry or exit is refused without a reason of the list, or for Other."
        ),
    )
    # Exits only. The entry is among the traveller's open entries, offered when the form is
    # opened for a known person (`person`); without a choice the platform closes their latest.
    person = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    closes_entry = forms.TypedChoiceField(
        label=_("Entry this exit closes"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_("The traveller's open entries, latest first."),
    )
    is_overstay = forms.BooleanField(
        label=_("The authorised stay has run out: overstay"),
        required=False,
        help_text=_("Exits only: the traveller leaves after the authorised stay of their entry ended."),
    )
    existing_person = forms.TypedChoiceField(
        label=_("Whose document is it?"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text=_(
            "The platform does not know this document. These people may be its holder: choose one, or a new person."
        ),
    )
    accompanying_adult = forms.CharField(
        label=_("Document number of the accompanying adult"),
        required=False,
        max_length=20,
        help_text=_("A minor's exit: the adult travelling with them, by the number of the adult's document."),
        widget=forms.TextInput(CODE_INPUT),
    )
    minor_exit_permit = forms.CharField(
        label=_("Exit permit reference"),
        required=False,
        max_length=40,
        help_text=_("A minor's exit without both parents: the reference of the permit they present."),
        widget=forms.TextInput(CODE_INPUT),
    )
    # The exercise the learner works on, when they came from its page: opaque here, the view checks it.
    exercise = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        crossing_points: Iterable[CrossingPoint],
        purposes: Iterable[TravelPurpose],
        document_types: Iterable[DocumentType] = (),
        open_entries: Iterable[Movement] = (),
        people_offered: Iterable[Person] = (),
        step: str = "read",
        country_name: str = "",
        **kwargs: Any,
    ) -> None:
        """`crossing_points`: the posts whose crossings the learner records (their country's, and
        an exercise scenario's); `country_name`, their country's, to say so when another is posted."""
        super().__init__(*args, **kwargs)
        self.step = step
        self.open_entries = list(open_entries)
        self.fields["closes_entry"].choices = [
            ("", _("The traveller's latest open entry")),
            *((entry.uid, entry_label(entry)) for entry in self.open_entries),
        ]
        self.people_offered = list(people_offered)
        self.fields["existing_person"].choices = [
            *((person.uid, person_label(person)) for person in self.people_offered),
            ("", _("None of them: a new person")),
        ]
        self.crossing_points = {point.code: point for point in crossing_points}
        self.fields["crossing_point"].choices = crossing_point_choices(self.crossing_points.values())
        if country_name:
            self.fields["crossing_point"].error_messages["invalid_choice"] = _(
                "%%(value)s is not one of the crossing points listed: you register the crossings at the "
                "posts of %(country)s, your country, and at the post of an exercise you are doing."
            ) % {"country": country_name}
        self.purposes = {purpose.code: purpose for purpose in purposes}
        self.fields["purpose"].choices = [
            ("", _("Not recorded")),
            *sorted(((code, purpose.name) for code, purpose in self.purposes.items()), key=lambda choice: choice[1]),
        ]
        self.fields["document_type"].choices = [
            ("", _("Choose a document type")),
            *((doc_type.code, doc_type.name) for doc_type in document_types),
        ]
        if step == "read":
            # Step 1 has none of the decision's fields, except the entry an exit closes when the
            # form is opened for a person's entry (it is the decision step's initial choice).
            for name in DECISION_FIELDS:
                if name != "closes_entry":
                    del self.fields[name]

    def clean_capture(self) -> str:
        """The zone unless the officer chose to type the document (a scanner posts no choice)."""
        return self.cleaned_data["capture"] or "MRZ"

    def clean_crossing_point(self) -> CrossingPoint:
        return self.crossing_points[self.cleaned_data["crossing_point"]]

    def clean_purpose(self) -> TravelPurpose | None:
        code = self.cleaned_data["purpose"]
        return self.purposes[code] if code else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("capture") == "MANUAL":
            for name in MANUAL_FIELDS:
                if name in cleaned and not cleaned[name] and name not in self.errors:
                    self.add_error(name, _("This field is required when the document is typed by hand."))
        elif cleaned.get("capture") == "MRZ" and not cleaned.get("mrz") and "mrz" not in self.errors:
            self.add_error("mrz", _("Type or scan the machine-readable zone."))
        if self.step == "decide":
            decision, code = cleaned.get("decision"), cleaned.get("refusal_code")
            reason = cleaned.get("refusal_reason", "").strip()
            if code and decision == Decision.ADMITTED:
                self.add_error("refusal_code", _("An admitted traveller has no reason for refusal: leave it empty."))
            elif code == RefusalCode.OTHER and not reason:
                self.add_error("refusal_reason", _("Describe the other reason."))
            elif decision == Decision.REFUSED and not code and not reason:
                self.add_error("refusal_reason", _("Give the reason for the refusal."))
        if cleaned.get("direction") == Direction.ENTRY:
            for name in ("closes_entry", "is_overstay"):
                if cleaned.get(name):
                    self.add_error(name, _("Only an exit closes an entry or is an overstay."))
        return cleaned

    def manual(self) -> ManualDocument | None:
        """The document as typed by hand, or None when its zone was read."""
        data = self.cleaned_data
        if data["capture"] != "MANUAL":
            return None
        return ManualDocument(
            document_type=data["document_type"],
            number=data["document_number"],
            issuing_state=data["issuing_state"],
            nationality=data["nationality"],
            surnames=data["surnames"],
            given_names=data["given_names"],
            birth_date=data["birth_date"],
            sex=data["sex"],
            expiry_date=data["expiry_date"],
            national_id_number=data["national_id_number"],
        )

    def local_datetime(self) -> dt.datetime:
        """The date and time typed, naive: the service reads them in the post's time zone."""
        return dt.datetime.combine(self.cleaned_data["local_date"], self.cleaned_data["local_time"])


def person_label(person: Person) -> str:
    """A person the officer may recognise: name, date of birth, nationality, national ID."""
    values = {
        "name": f"{person.surnames}, {person.given_names}",
        "birth_date": date_format(person.birth_date, "DATE_FORMAT"),
        "nationality": person.nationality_id,
    }
    if person.national_id_number:
        return gettext("%(name)s, born %(birth_date)s, %(nationality)s, national ID %(national_id)s") % {
            **values,
            "national_id": person.national_id_number,
        }
    return gettext("%(name)s, born %(birth_date)s, %(nationality)s") % values


def entry_label(entry: Movement) -> str:
    """An open entry as an officer chooses it: its date and post, and the stay it granted."""
    values = {
        "date": date_format(entry.local_date, "DATE_FORMAT"),
        "post": f"{entry.crossing_point.name} ({entry.crossing_point.country.name})",
    }
    if entry.authorised_stay_days:
        return ngettext(
            "Entry of %(date)s at %(post)s, authorised stay %(days)s day",
            "Entry of %(date)s at %(post)s, authorised stay %(days)s days",
            entry.authorised_stay_days,
        ) % {**values, "days": entry.authorised_stay_days}
    return gettext("Entry of %(date)s at %(post)s") % values


class ScanDecisionForm(forms.Form):
    """The officer's decision on one scanned zone: accept it as read, correct it, or reject it.

    Each scan of the queue has its own form: `auto_id` gives its fields ids of their own
    (`scan-<uid>-status`), while the names the browser posts stay the same."""

    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ScanStatus.ACCEPTED, _("Accept the zone as read")),
            (ScanStatus.CORRECTED, _("Correct the misread characters and accept the zone")),
            (ScanStatus.REJECTED, _("Reject the document")),
        ],
        widget=forms.RadioSelect,
    )
    corrected_mrz = forms.CharField(
        label=_("Corrected zone"),
        required=False,
        max_length=200,
        help_text=_("Only when you correct it: the zone with the misread characters put right, line by line."),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 46, "class": "mrz-input", "wrap": "off", **CODE_INPUT}),
    )
    rejection_reason = forms.ChoiceField(
        label=_("Reason for rejection"),
        required=False,
        choices=[("", _("Choose a reason")), *ScanRejection.choices],
        help_text=_("Only when you reject the document."),
    )

    def __init__(self, *args: Any, scan: DocumentScan, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"scan-{scan.uid}-%s")
        kwargs.setdefault(
            "initial",
            {
                "status": "" if scan.status == ScanStatus.PENDING else scan.status,
                "corrected_mrz": scan.corrected_mrz or scan.raw_mrz,
                "rejection_reason": scan.rejection_reason,
            },
        )
        super().__init__(*args, **kwargs)
        self.scan = scan

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("status") == ScanStatus.REJECTED and not cleaned.get("rejection_reason"):
            self.add_error("rejection_reason", _("Choose the reason for the rejection."))
        if cleaned.get("status") == ScanStatus.CORRECTED and not cleaned.get("corrected_mrz", "").strip():
            self.add_error("corrected_mrz", _("Type the corrected zone."))
        return cleaned


class HitAdjudicationForm(forms.Form):
    """The secondary officer's disposition of one pending hit, with what the comparison showed.

    Each hit of a case has its own form: `auto_id` gives its fields ids of their own
    (`hit-<uid>-reason`), while the names the browser posts stay the same."""

    disposition = forms.ChoiceField(
        label=_("Disposition"),
        choices=[
            (HitDisposition.CONFIRMED, _("Confirmed: the traveller is the alert's subject")),
            (HitDisposition.FALSE_POSITIVE, _("False positive: another person or another document")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose confirmed or false positive.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        help_text=_("What the comparison of the person, the document and the alert showed."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the comparison showed.")},
    )

    def __init__(self, *args: Any, hit: AlertHit, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"hit-{hit.uid}-%s")
        super().__init__(*args, **kwargs)
        self.hit = hit


def month_label(month: dt.date) -> str:
    return capfirst(date_format(month, "YEAR_MONTH_FORMAT"))


def month_in_sentence(month: dt.date) -> str:
    """A month as written inside a sentence ("enero de 2025", "January 2025")."""
    return date_format(month, "YEAR_MONTH_FORMAT")


def month_parse(value: str) -> dt.date | None:
    """The first day of a `YYYY-MM` month, or None when the text is not one."""
    try:
        return dt.datetime.strptime(value, MONTH_FORMAT).date()
    except ValueError:
        return None


class MonthForm(forms.Form):
    month = forms.ChoiceField(label=_("Month"))

    def __init__(self, *args: Any, months: Iterable[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.months = sorted(set(months), reverse=True)
        self.fields["month"].choices = [(month.strftime(MONTH_FORMAT), month_label(month)) for month in self.months]

    def clean_month(self) -> dt.date:
        return dt.datetime.strptime(self.cleaned_data["month"], MONTH_FORMAT).date()


class DailyForm(forms.Form):
    """The daily view of the statistics: a crossing point (grouped by country) and a month."""

    crossing_point = forms.ChoiceField(label=_("Border crossing point"))
    month = forms.ChoiceField(label=_("Month"))

    def __init__(
        self, *args: Any, crossing_points: Iterable[CrossingPoint], months: Iterable[dt.date], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.crossing_points = {point.code: point for point in crossing_points}
        self.fields["crossing_point"].choices = crossing_point_choices(self.crossing_points.values())
        self.months = sorted(set(months), reverse=True)
        self.fields["month"].choices = [(month.strftime(MONTH_FORMAT), month_label(month)) for month in self.months]

    def clean_crossing_point(self) -> CrossingPoint:
        return self.crossing_points[self.cleaned_data["crossing_point"]]

    def clean_month(self) -> dt.date:
        return dt.datetime.strptime(self.cleaned_data["month"], MONTH_FORMAT).date()
