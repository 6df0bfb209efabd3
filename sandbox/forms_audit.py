"""The audit viewer's filters (`sandbox.views.audit`): who, what, when (dates as people type
them, local hours or outside working hours), why, with or without a case reference, which
record type, how many results. A filter typed wrong is reported on its field and narrows nothing.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sandbox.forms_alerts import date_field, visible_text
from sandbox.models.choices import AuditAction, PurposeCode
from sandbox.selectors_audit import AuditFilters

# The record types the log names, as the reviewer picks them.
OBJECT_TYPES = {
    "person": _("Person"),
    "document": _("Document"),
    "movement": _("Movement"),
    "alert": _("Alert"),
    "document_scan": _("Document scan"),
    "query": _("Cross-border query"),
    "request": _("Information request"),
    "audit_event": _("Audit log"),
}
HOURS = [("", _("Any hour"))] + [(str(hour), f"{hour:02d}:00") for hour in range(24)]


class AuditFilterForm(forms.Form):
    user = forms.CharField(
        label=_("User"),
        required=False,
        max_length=120,
        help_text=_("Part of the user's name, with or without accents."),
    )
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = date_field(_("From"))
    date_to = date_field(_("To"))
    hour_from = forms.TypedChoiceField(
        label=_("From hour (local time)"), required=False, choices=HOURS, coerce=int, empty_value=None
    )
    hour_to = forms.TypedChoiceField(
        label=_("Until hour (local time)"),
        required=False,
        choices=HOURS,
        coerce=int,
        empty_value=None,
        help_text=_("Included. From 22 until 5 reads across midnight."),
    )
    outside_working_hours = forms.BooleanField(
        label=_("Outside working hours only"),
        required=False,
        # WORKING_HOURS, as the reviewer reads them.
        help_text=_("Before 07:00 or from 19:00, local time."),
    )
    purpose = forms.ChoiceField(label=_("Purpose"), required=False)
    without_case_reference = forms.BooleanField(label=_("Without a case reference only"), required=False)
    object_type = forms.ChoiceField(label=_("Record type"), required=False)
    min_results = forms.IntegerField(
        label=_("At least this many results"), required=False, min_value=0, max_value=10_000_000
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", pgettext_lazy("audit filter", "Any action")), *AuditAction.choices]
        self.fields["purpose"].choices = [("", _("Any purpose")), *PurposeCode.choices]
        self.fields["object_type"].choices = [("", _("Any record type")), *OBJECT_TYPES.items()]

    def clean_user(self) -> str:
        return visible_text(self.cleaned_data["user"])

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", ValidationError(_("The end date is before the start date.")))
        return cleaned

    def filters(self) -> AuditFilters:
        """The valid filters typed; a field with an error narrows nothing."""
        if not self.is_bound:
            return AuditFilters()
        self.is_valid()
        values = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        # Hour 0 is a filter: only empty values and unticked boxes are left out.
        return AuditFilters(
            **{name: value for name, value in values.items() if value not in ("", None) and value is not False}
        )

    def query(self) -> dict[str, str]:
        """The filters as typed, for the links of the next page and of the export."""
        if not self.is_bound:
            return {}
        return {name: self.data[name] for name in self.fields if self.data.get(name)}


class EventUidsField(forms.Field):
    """The uids of the events ticked in the log's table (one checkbox per row)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Choose at least one event of the log."),
        "invalid": _("The chosen events are not events of the log."),
    }

    def to_python(self, value):
        values = [str(item).strip() for item in (value or []) if str(item).strip()]
        if any(not item.isdigit() or len(item) > 18 for item in values):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return [int(item) for item in values]


class AuditFlagForm(forms.Form):
    """Flag the ticked events for review (with a note), or remove their flags."""

    events = EventUidsField(label=_("Events"))
    flag = forms.TypedChoiceField(
        label=_("Flag or remove the flag"),
        choices=(("1", _("Flag for review")), ("0", _("Remove the flag"))),
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(
        label=_("Note for the flag (optional)"),
        required=False,
        max_length=200,
        help_text=_("Why these events do not fit the work: it is kept with the flag."),
    )
