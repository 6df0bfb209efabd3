"""Forms of the information-request screens: a request after a hit, and the focal point's answer
to another member's request.

The boxes offered are the fields the purpose allows (the others are listed apart, as not
allowed, and need no script); a field posted all the same is accepted by the form and refused by
the service, which names it. The rules (fields per purpose, justification, what may be released)
are `sandbox.requests`', whose errors the views put back on these fields.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sandbox.models import InformationRequestStatus
from sandbox.requests import JUSTIFICATION_MAX_LENGTH, REQUEST_FIELDS, AnswerDecision

ALL_FIELDS = [(code, field.label) for code, field in REQUEST_FIELDS.items()]


def _fields_field(label: str, offered: list[tuple[str, str]], help_text: str = "") -> forms.MultipleChoiceField:
    field = forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=ALL_FIELDS,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )
    field.widget.choices = offered  # what the boxes offer; any code of the catalogue is read
    return field


class RequestForm(forms.Form):
    """The fields asked for, among those the query's purpose allows, and why."""

    justification = forms.CharField(
        label=_("Justification"),
        max_length=JUSTIFICATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the case needs each field: the holding country reads it before it releases anything."),
        required=False,
    )

    def __init__(self, *args: Any, offered: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {
            "fields": _fields_field(_("Fields to ask for"), offered),
            **self.fields,
        }


class IncomingAnswerForm(forms.Form):
    """The focal point's decision on a request, the fields released in part, and the reason."""

    decision = forms.ChoiceField(label=_("Decision"), choices=AnswerDecision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=JUSTIFICATION_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed to approve in part or to refuse: the requesting country reads it."),
    )
    expected_status = forms.CharField(widget=forms.HiddenInput, initial=InformationRequestStatus.SENT)

    def __init__(self, *args: Any, offered: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {
            "decision": self.fields["decision"],
            "fields": _fields_field(
                _("Fields to release (approval in part)"),
                offered,
                help_text=_("Only the fields asked for that the purpose allows and the record may share."),
            ),
            "reason": self.fields["reason"],
            "expected_status": self.fields["expected_status"],
        }
