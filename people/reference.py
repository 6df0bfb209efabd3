"""Reference data every installation needs: the eight OCAM countries, their authorities, IOM, duty posts.

`reference_data_sync()` is idempotent and cheap when nothing changed (it reads each table
once and writes only differences); it runs after every `migrate`. Duty posts come from the
project's copy of the crossing-points data in `data/border_crossing_points.csv`, plus one
headquarters office per authority.
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


def _upsert(model: type, key: str, rows: dict[str, dict]) -> dict[str, object]:
    """Create missing rows and update rows whose fields differ; return every row by its key."""
    existing = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": rows})}
    for value, fields in rows.items():
        obj = existing.get(value)
        if obj is None:
            existing[value] = model.objects.create(**{key: value}, **fields)
        elif changed := [name for name, new in fields.items() if getattr(obj, name) != new]:
            for name in changed:
                setattr(obj, name, fields[name])
            obj.save(update_fields=changed)
    return existing


@transaction.atomic
def reference_data_sync() -> None:
    """Bring countries and authorities in line with the lists above; add missing duty posts.

    Countries and authorities are maintained here (read-only in the admin). Duty posts are
    only added: once a post exists, administrators maintain it (name, kind, whether active),
    and a later correction of the crossing-points file ships as a data migration.
    """
    from people.models import Authority, Country, DutyPost, DutyPostKind, SourceStatus

    countries = _upsert(
        Country,
        "iso3",
        {
            row.iso3: {
                "iso2": row.iso2,
                "name_es": row.name_es,
                "name_en": row.name_en,
                "time_zone": row.time_zone,
                "is_ca4": row.is_ca4,
            }
            for row in COUNTRIES
        },
    )
    _upsert(
        Authority,
        "code",
        {
            row.code: {
                "country": countries[row.country_iso3] if row.country_iso3 else None,
                "name": row.name,
                "name_en": row.name_en,
                "acronym": row.acronym,
                "is_iom": row.country_iso3 is None,
            }
            for row in AUTHORITIES
        },
    )

    posts = [
        DutyPost(
            code=f"{countries[row.country_iso3].iso2}-HQ",
            country=countries[row.country_iso3],
            name=f"{row.acronym or row.name_en}, {row.headquarters}",
            kind=DutyPostKind.OFFICE,
            source_status=SourceStatus.VERIFIED,
        )
        for row in AUTHORITIES
        if row.country_iso3
    ]
    posts += [
        DutyPost(
            code=row["code"],
            country=countries[row["country"]],
            name=row["name"],
            kind=row["kind"],
            neighbour_iso3=row["neighbour"],
            counterpart_code=row["counterpart"],
            iata=row["iata"],
            volume_share=Decimal(row["volume_share"]) if row["volume_share"] else None,
            source_status=row["verified"],
        )
        for row in crossing_point_rows()
    ]
    existing = set(DutyPost.objects.values_list("code", flat=True))
    DutyPost.objects.bulk_create([post for post in posts if post.code not in existing])
