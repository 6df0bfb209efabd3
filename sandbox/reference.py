"""The sandbox's reference data: every state (ISO 3166 via pycountry, plus the ICAO codes that
ISO lacks), the OCAM crossing points from the project's copy of the crossing-points data,
document types, travel purposes and alert categories.

`sandbox_reference_sync()` is idempotent: it upserts by code and never deletes, because records
of the baseline and of learners' layers refer to these rows.
"""

from __future__ import annotations

import datetime as dt
import gettext
from typing import NamedTuple

import pycountry
from django.db import transaction

from people.reference import COUNTRIES as OCAM_COUNTRIES
from people.reference import crossing_point_rows

# ICAO 9303 part 3 codes that are not ISO 3166 alpha-3 (DOMAIN.md 3.1).
ICAO_SPECIAL_CODES: tuple[tuple[str, str, str], ...] = (
    ("GBD", "Territorios británicos de ultramar (ciudadano)", "British Overseas Territories citizen"),
    ("GBN", "Británico (nacional de ultramar)", "British National (Overseas)"),
    ("GBO", "Británico (ciudadano de ultramar)", "British Overseas citizen"),
    ("GBP", "Británico (persona protegida)", "British protected person"),
    ("GBS", "Británico (súbdito)", "British subject"),
    ("UNO", "Naciones Unidas (funcionario)", "United Nations official"),
    ("UNA", "Organismo especializado de las Naciones Unidas", "United Nations specialized agency"),
    ("UNK", "Kosovo (UNMIK)", "Kosovo (UNMIK)"),
    ("XOM", "Soberana Orden de Malta", "Sovereign Military Order of Malta"),
    ("XPO", "INTERPOL", "INTERPOL"),
    ("XXA", "Apátrida", "Stateless person"),
    ("XXB", "Refugiado (Convención de 1951)", "Refugee (1951 Convention)"),
    ("XXC", "Refugiado (otro)", "Refugee (other)"),
    ("XXX", "Nacionalidad no especificada", "Unspecified nationality"),
)

# ISO 3166 codes that ICAO writes differently on documents.
ICAO_CODE_FOR_ISO3 = {"DEU": "D"}


class Named(NamedTuple):
    code: str
    name_es: str
    name_en: str


DOCUMENT_TYPES: tuple[tuple[str, str, str, str, str, bool], ...] = (
    # code, MRZ code, MRZ format, Spanish, English, accepted at CA-4 internal borders
    ("P", "P", "TD3", "Pasaporte ordinario", "Ordinary passport", True),
    ("PD", "PD", "TD3", "Pasaporte diplomático", "Diplomatic passport", True),
    ("PS", "PS", "TD3", "Pasaporte de servicio", "Service passport", True),
    ("ID", "ID", "TD1", "Documento nacional de identidad", "National identity card", True),
    ("IR", "IR", "TD1", "Tarjeta de residencia", "Residence card", False),
    ("AC", "AC", "TD1", "Certificado de tripulante", "Crew member certificate", False),
    ("ETD", "", "NONE", "Documento de viaje de emergencia / salvoconducto", "Emergency travel document", False),
    ("BP", "", "NONE", "Pase fronterizo", "Border pass", False),
)

TRAVEL_PURPOSES: tuple[Named, ...] = (
    Named("TOURISM", "Turismo", "Tourism"),
    Named("BUSINESS", "Negocios", "Business"),
    Named("WORK", "Trabajo", "Work"),
    Named("STUDY", "Estudios", "Study"),
    Named("RESIDENCE", "Residencia", "Residence"),
    Named("TRANSIT", "Tránsito", "Transit"),
    Named("FAMILY", "Visita familiar", "Family visit"),
    Named("RETURN", "Retorno (retornado o deportado)", "Return (returnee or deportee)"),
    Named("CREW", "Tripulación", "Crew"),
    Named("DIPLOMATIC", "Misión oficial o diplomática", "Official or diplomatic"),
    Named("OTHER", "Otro", "Other"),
)


class AlertCategoryRow(NamedTuple):
    code: str
    name_es: str
    name_en: str
    subject_kind: str
    default_action: str
    default_validity_days: int
    sensitivity: str
    # No extension takes an alert further from its start (a review renews it within this).
    max_validity_days: int = 0

    def row(self) -> dict[str, object]:
        return {**self._asdict(), "max_validity_days": self.max_validity_days or 2 * self.default_validity_days}


# DOMAIN.md appendix A3.
ALERT_CATEGORIES: tuple[AlertCategoryRow, ...] = (
    AlertCategoryRow(
        "DOC_LOST_STOLEN",
        "Documento extraviado o robado",
        "Lost or stolen document",
        "DOCUMENT",
        "SEIZE_DOCUMENT",
        3650,
        "NORMAL",
        3650,
    ),
    AlertCategoryRow(
        "DOC_REVOKED", "Documento anulado", "Revoked document", "DOCUMENT", "SEIZE_DOCUMENT", 3650, "NORMAL", 3650
    ),
    AlertCategoryRow(
        "EXIT_BAN", "Impedimento de salida (arraigo)", "Exit ban", "PERSON", "PREVENT_EXIT", 365, "NORMAL"
    ),
    AlertCategoryRow(
        "ENTRY_BAN", "Prohibición de ingreso", "Entry ban", "PERSON", "REFUSE_ENTRY", 1825, "NORMAL", 3650
    ),
    AlertCategoryRow("WANTED", "Orden de captura", "Wanted person", "PERSON", "ARREST_NOTIFY", 730, "NORMAL"),
    AlertCategoryRow(
        "MISSING_MINOR",
        "Niña, niño o adolescente desaparecido",
        "Missing minor",
        "PERSON",
        "PROTECT_MINOR",
        365,
        "MINOR",
    ),
    AlertCategoryRow("DISCREET_CHECK", "Control discreto", "Discreet check", "PERSON", "DISCREET_CHECK", 365, "NORMAL"),
    AlertCategoryRow("INFO", "Información", "Information only", "PERSON", "INFO_ONLY", 365, "NORMAL"),
)

# Crossing points whose posts close at night (DOMAIN.md 5b: land posts 06:00-22:00 unless 24/7).
NIGHT_CLOSED_HOURS = (dt.time(6, 0), dt.time(22, 0))
OPEN_24H_LAND = {"SV-EAM", "HN-EAM", "HN-MAP", "SV-EPO", "HN-EPO", "CR-PBL", "NI-PBL"}


def country_rows() -> list[dict[str, object]]:
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    ocam = {row.iso3: row for row in OCAM_COUNTRIES}
    rows = []
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        member = ocam.get(country.alpha_3)
        rows.append(
            {
                "code": ICAO_CODE_FOR_ISO3.get(country.alpha_3, country.alpha_3),
                "iso2": country.alpha_2,
                "iso3": country.alpha_3,
                "numeric": country.numeric,
                "name_es": member.name_es if member else spanish.gettext(country.name),
                "name_en": member.name_en if member else english,
                "is_ocam_member": member is not None,
                "is_ca4": bool(member and member.is_ca4),
                "time_zone": member.time_zone if member else "",
            }
        )
    rows += [
        {
            "code": code,
            "iso2": "",
            "iso3": "",
            "numeric": "",
            "name_es": es,
            "name_en": en,
            "is_ocam_member": False,
            "is_ca4": False,
            "time_zone": "",
        }
        for code, es, en in ICAO_SPECIAL_CODES
    ]
    return rows


def crossing_points() -> list[dict[str, object]]:
    ca4 = {row.iso3 for row in OCAM_COUNTRIES if row.is_ca4}
    rows = []
    for row in crossing_point_rows():
        country = ICAO_CODE_FOR_ISO3.get(row["country"], row["country"])
        neighbour = row["neighbour"] or None
        open_24h = row["kind"] != "LAND" or row["code"] in OPEN_24H_LAND
        rows.append(
            {
                "code": row["code"],
                "name": row["name"],
                "country_id": country,
                "kind": row["kind"],
                "neighbour_id": neighbour,
                "counterpart_code": row["counterpart"],
                "iata": row["iata"],
                "volume_share": float(row["volume_share"]) if row["volume_share"] else None,
                "is_ca4_internal": row["kind"] == "LAND" and country in ca4 and neighbour in ca4,
                "is_open_24h": open_24h,
                "opens_at": None if open_24h else NIGHT_CLOSED_HOURS[0],
                "closes_at": None if open_24h else NIGHT_CLOSED_HOURS[1],
            }
        )
    return rows


def _upsert(model: type, rows: list[dict[str, object]]) -> None:
    existing = {obj.pk: obj for obj in model.objects.all()}
    fields = [key for key in rows[0] if key != "code"]
    created, changed = [], []
    for row in rows:
        obj = existing.get(row["code"])
        if obj is None:
            created.append(model(**row))
        elif any(getattr(obj, field) != row[field] for field in fields):
            for field in fields:
                setattr(obj, field, row[field])
            changed.append(obj)
    model.objects.bulk_create(created)
    if changed:
        model.objects.bulk_update(changed, fields)


@transaction.atomic
def sandbox_reference_sync() -> None:
    """Create or update the sandbox's reference rows; cheap when nothing changed."""
    from people.models import DutyPost
    from sandbox.models import AlertCategory, CrossingPoint, DocumentType, IcaoCountry, TravelPurpose

    _upsert(IcaoCountry, country_rows())
    posts = {post.code: post.pk for post in DutyPost.objects.only("pk", "code")}
    _upsert(CrossingPoint, [{**row, "duty_post_id": posts.get(row["code"])} for row in crossing_points()])
    _upsert(
        DocumentType,
        [
            {
                "code": code,
                "mrz_code": mrz_code,
                "mrz_format": mrz_format,
                "name_es": es,
                "name_en": en,
                "is_accepted_ca4": ca4,
            }
            for code, mrz_code, mrz_format, es, en, ca4 in DOCUMENT_TYPES
        ],
    )
    _upsert(TravelPurpose, [row._asdict() for row in TRAVEL_PURPOSES])
    _upsert(AlertCategory, [row.row() for row in ALERT_CATEGORIES])
    from sandbox.exercises.types.common import crossing_points_forget

    crossing_points_forget()  # the exercises' copy of the catalogue is read again
