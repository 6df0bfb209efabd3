"""Country tracking objects for the authorization matrix: the same set in Guatemala (the focal
point's own country) and in Costa Rica (another country), built once per test."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from people.models import Country, User
from tests.tracking.factories import certified_course, rule, staff
from tests.tracking.roster_files import csv_bytes, roster_row
from tracking.models import CountryReport, ReportStatus, RosterImport, TrainingRule
from tracking.services.roster_imports import roster_import_check


@dataclass(frozen=True)
class CountryObjects:
    iso2: str
    person_pk: int
    rule_pk: int
    import_token: str
    report_token: str


def country_objects(iso2: str) -> CountryObjects:
    """A staff member, a rule, a checked roster upload and a ready report of the country."""
    country = Country.objects.get(iso2=iso2)
    existing = TrainingRule.objects.filter(country=country).first()
    if existing is None:
        course = certified_course(title=f"Seguimiento {iso2}")
        existing = rule(iso2=iso2, course=course)
        staff(iso2=iso2, email=f"matrix-staff-{iso2.lower()}@example.org", full_name="Persona Matriz")
        row = roster_row(1, email=f"matrix-roster-{iso2.lower()}@example.org")
        if iso2 != "GT":
            row |= {"authority": "cr-dgme", "duty_post": "CR-PBL"}
        roster_import_check(country=country, by=None, name="roster.csv", data=csv_bytes([row]))
        report = CountryReport(country=country, status=ReportStatus.READY, ready_at=timezone.now())
        report.pdf.save("report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        report.save()
    person = User.objects.get(email=f"matrix-staff-{iso2.lower()}@example.org")
    return CountryObjects(
        iso2=iso2,
        person_pk=person.pk,
        rule_pk=existing.pk,
        import_token=str(RosterImport.objects.filter(country=country).values_list("token", flat=True).first()),
        report_token=str(CountryReport.objects.filter(country=country).values_list("token", flat=True).first()),
    )


def tracking_path(name: str, iso2: str, *, of: str | None = None):
    """The URL of `tracking:<name>` in country `iso2`, naming the objects of country `of`."""

    def path() -> str:
        objects = country_objects(of or iso2)
        country_objects(iso2)
        extra = {
            "person": [objects.person_pk],
            "rule_edit": [objects.rule_pk],
            "rule_delete": [objects.rule_pk],
            "roster_check": [objects.import_token],
            "roster_apply": [objects.import_token],
            "report_download": [objects.report_token],
        }.get(name, [])
        return reverse(f"tracking:{name}", args=[iso2, *extra])

    return path
