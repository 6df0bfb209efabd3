"""A country's roster imports (and what its roster accepts) and its PDF reports."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from people.models import Country
from people.selectors import Viewer
from tracking.models import CountryReport, RosterImport
from tracking.roster.checking import AcceptedValues, accepted_values
from tracking.selectors.scope import in_scope


def roster_import_for(*, viewer: Viewer, country: Country, token: uuid.UUID) -> RosterImport:
    in_scope(viewer, country)
    found = RosterImport.objects.filter(country=country, token=token).select_related("country").defer("data").first()
    if found is None:
        raise Http404
    return found


def roster_accepted_values(*, viewer: Viewer, country: Country) -> list[AcceptedValues]:
    """What the country's roster accepts in its coded columns: its own authority and duty posts only."""
    in_scope(viewer, country)
    return accepted_values(country=country)


def roster_imports(*, viewer: Viewer, country: Country) -> QuerySet[RosterImport]:
    in_scope(viewer, country)
    return RosterImport.objects.filter(country=country).select_related("uploaded_by").defer("data", "plan")[:10]


def reports_for(*, viewer: Viewer, country: Country) -> QuerySet[CountryReport]:
    in_scope(viewer, country)
    return CountryReport.objects.filter(country=country)[:12]


def report_for(*, viewer: Viewer, country: Country, token: uuid.UUID) -> CountryReport:
    in_scope(viewer, country)
    report = CountryReport.objects.filter(country=country, token=token).first()
    if report is None:
        raise Http404
    return report
