"""Reference data every installation needs: the eight OCAM countries, their authorities, IOM, duty posts.

`reference_data_sync()` is idempotent (it updates rows in place by their codes) and runs
after every `migrate`. Duty posts come from the project's copy of the crossing-points
data in `data/border_crossing_points.csv`, plus one headquarters office per authority.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"
CROSSING_POINTS_CSV = DATA_DIR / "border_crossing_points.csv"


class CountryRow(NamedTuple):
    iso2: str
    iso3: str
    name_es: str
    name_en: str
    time_zone: str
    is_ca4: bool


class AuthorityRow(NamedTuple):
    code: str
    country_iso3: str | None
    name: str
    name_en: str
    acronym: str
    headquarters: str


COUNTRIES: tuple[CountryRow, ...] = (
    CountryRow("BZ", "BLZ", "Belice", "Belize", "America/Belize", False),
    CountryRow("CR", "CRI", "Costa Rica", "Costa Rica", "America/Costa_Rica", False),
    CountryRow("SV", "SLV", "El Salvador", "El Salvador", "America/El_Salvador", True),
    CountryRow("GT", "GTM", "Guatemala", "Guatemala", "America/Guatemala", True),
    CountryRow("HN", "HND", "Honduras", "Honduras", "America/Tegucigalpa", True),
    CountryRow("NI", "NIC", "Nicaragua", "Nicaragua", "America/Managua", True),
    CountryRow("PA", "PAN", "Panamá", "Panama", "America/Panama", False),
    CountryRow("DO", "DOM", "República Dominicana", "Dominican Republic", "America/Santo_Domingo", False),
)

# Official names per ../shared/domain/DOMAIN.md section 2.1.
AUTHORITIES: tuple[AuthorityRow, ...] = (
    AuthorityRow(
        "bz-ins",
        "BLZ",
        "Department of Immigration and Nationality Services",
        "Department of Immigration and Nationality Services",
        "",
        "Belmopan",
    ),
    AuthorityRow(
        "cr-dgme",
        "CRI",
        "Dirección General de Migración y Extranjería",
        "General Directorate of Migration and Foreigners",
        "DGME",
        "San José",
    ),
    AuthorityRow(
        "sv-dgme",
        "SLV",
        "Dirección General de Migración y Extranjería",
        "General Directorate of Migration and Foreigners",
        "DGME",
        "San Salvador",
    ),
    AuthorityRow(
        "gt-igm",
        "GTM",
        "Instituto Guatemalteco de Migración",
        "Guatemalan Migration Institute",
        "IGM",
        "Ciudad de Guatemala",
    ),
    AuthorityRow(
        "hn-inm",
        "HND",
        "Instituto Nacional de Migración",
        "National Migration Institute",
        "INM",
        "Tegucigalpa",
    ),
    AuthorityRow(
        "ni-dgme",
        "NIC",
        "Dirección General de Migración y Extranjería",
        "General Directorate of Migration and Foreigners",
        "DGME",
        "Managua",
    ),
    AuthorityRow(
        "pa-snm",
        "PAN",
        "Servicio Nacional de Migración",
        "National Migration Service",
        "SNM",
        "Ciudad de Panamá",
    ),
    AuthorityRow(
        "do-dgm",
        "DOM",
        "Dirección General de Migración",
        "General Directorate of Migration",
        "DGM",
        "Santo Domingo",
    ),
    AuthorityRow(
        "iom",
        None,
        "Organización Internacional para las Migraciones",
        "International Organization for Migration",
        "OIM",
        "",
    ),
)


def crossing_point_rows() -> list[dict[str, str]]:
    with CROSSING_POINTS_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def reference_data_sync() -> None:
    """Create or update countries, authorities and duty posts from the lists above."""
    from lms.people.models import Authority, Country, DutyPost, DutyPostKind, SourceStatus

    countries = {}
    for row in COUNTRIES:
        country, _created = Country.objects.update_or_create(
            iso3=row.iso3,
            defaults={
                "iso2": row.iso2,
                "name_es": row.name_es,
                "name_en": row.name_en,
                "time_zone": row.time_zone,
                "is_ca4": row.is_ca4,
            },
        )
        countries[row.iso3] = country

    for row in AUTHORITIES:
        country = countries[row.country_iso3] if row.country_iso3 else None
        Authority.objects.update_or_create(
            code=row.code,
            defaults={
                "country": country,
                "name": row.name,
                "name_en": row.name_en,
                "acronym": row.acronym,
                "is_iom": country is None,
            },
        )
        if country is not None:
            DutyPost.objects.update_or_create(
                code=f"{country.iso2}-HQ",
                defaults={
                    "country": country,
                    "name": f"{row.acronym or row.name_en}, {row.headquarters}",
                    "kind": DutyPostKind.OFFICE,
                    "source_status": SourceStatus.VERIFIED,
                },
            )

    for row in crossing_point_rows():
        DutyPost.objects.update_or_create(
            code=row["code"],
            defaults={
                "country": countries[row["country"]],
                "name": row["name"],
                "kind": row["kind"],
                "neighbour_iso3": row["neighbour"],
                "counterpart_code": row["counterpart"],
                "iata": row["iata"],
                "volume_share": Decimal(row["volume_share"]) if row["volume_share"] else None,
                "source_status": row["verified"],
            },
        )
