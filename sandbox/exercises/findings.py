"""Findings as a reader reads them: each code's message, in the current language, with the
values it names shown by their names (a crossing point's name and country, a purpose, a month...)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from sandbox.exercises.registry import finding_messages
from sandbox.models import (
    AlertCategory,
    CrossingPoint,
    Decision,
    Direction,
    IcaoCountry,
    RefusalCode,
    ScanRejection,
    ScanStatus,
    TransportMode,
    TravelPurpose,
)
from sandbox.models.choices import (
    AlertAction,
    AlertChangeKind,
    AlertStatus,
    HitDisposition,
    InformationRequestStatus,
    PurposeCode,
    SharingScope,
)
from sandbox.mrz import MrzField

_CHOICES = {
    "decision": Decision,
    "direction": Direction,
    "mode": TransportMode,
    "scan_status": ScanStatus,
    "rejection": ScanRejection,
    "refusal_code": RefusalCode,
    "mrz_field": MrzField,
    "alert_action": AlertAction,
    "alert_status": AlertStatus,
    "alert_change": AlertChangeKind,
    "sharing_scope": SharingScope,
    "disposition": HitDisposition,
    "consultation_purpose": PurposeCode,
}
# Kinds named by a row of the reference data: (model, field of the code).
_NAMED = ("crossing_point", "purpose", "country", "alert_category")


def _shown(value: Any, names: dict[tuple[str, str], str]) -> str:
    if isinstance(value, dict) and "kind" in value:
        kind, code = value["kind"], value.get("value")
        if code in (None, ""):
            return _("nothing")
        if kind == "request_fields":
            from sandbox.requests import field_labels

            return field_labels(code)
        if kind == "request_status":
            return str(dict(InformationRequestStatus.choices).get(code, code))
        if kind in _CHOICES:
            return str(dict(_CHOICES[kind].choices).get(code, code))
        if kind == "request_fields":
            from sandbox.requests import field_labels

            return field_labels(code) if code else _("nothing")
        if kind == "date":
            return formats.date_format(dt.date.fromisoformat(code), "DATE_FORMAT")
        if kind == "month":
            return formats.date_format(dt.date.fromisoformat(f"{code}-01"), "YEAR_MONTH_FORMAT")
        if kind == "number":
            return formats.number_format(code, use_l10n=True, force_grouping=True)
        return names.get((kind, str(code)), str(code))
    if isinstance(value, float):
        return formats.number_format(value, 1, use_l10n=True)
    if isinstance(value, int):
        return value  # a count: the message's plural form is chosen by it
    return str(value)


def _names_of(findings: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    wanted: dict[str, set[str]] = {}
    for finding in findings:
        for value in finding.get("params", {}).values():
            if isinstance(value, dict) and value.get("kind") in _NAMED:
                wanted.setdefault(value["kind"], set()).add(str(value.get("value")))
    names: dict[tuple[str, str], str] = {}
    if wanted.get("crossing_point"):
        for point in CrossingPoint.objects.filter(code__in=wanted["crossing_point"]).select_related("country"):
            names[("crossing_point", point.code)] = f"{point.name} ({point.country.name})"
    if wanted.get("purpose"):
        for purpose in TravelPurpose.objects.filter(code__in=wanted["purpose"]):
            names[("purpose", purpose.code)] = str(purpose.name)
    if wanted.get("country"):
        for country in IcaoCountry.objects.filter(code__in=wanted["country"]):
            names[("country", country.code)] = str(country.name)
    if wanted.get("alert_category"):
        for category in AlertCategory.objects.filter(code__in=wanted["alert_category"]):
            names[("alert_category", category.code)] = str(category.name)
    return names


def finding_texts(findings: list[dict[str, Any]]) -> list[str]:
    """The findings of a check, as sentences in the current language."""
    messages = finding_messages()
    names = _names_of(findings)
    texts = []
    for finding in findings:
        if finding["code"] not in messages:
            texts.append(finding["code"])
            continue
        message = messages[finding["code"]][1]
        params = {key: _shown(value, names) for key, value in finding.get("params", {}).items()}
        texts.append(str(message % params) if params else str(message))
    return texts


def finding_label(code: str) -> str:
    """A finding's kind without its values, for counting across learners (a trainer's report)."""
    messages = finding_messages()
    return str(messages[code][0]) if code in messages else code
