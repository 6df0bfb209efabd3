"""Consultation between OCAM members (DOMAIN.md 0.9, 4.3): hit/no-hit queries, and the requests
for the data behind a hit.

Shared: the purposes a consultation may serve (`PURPOSES`), the member countries and their
consultation desks, and the checks of a purpose and a case reference.

Queries (`query_send`): a learner acting for a member country asks one or every other member
whether it holds a person (by document, or by name and date of birth). Invariants:
- a query without a valid purpose, a case reference, complete parameters or a country to ask is
  refused before anything is written: no query, no answer, no audit event;
- each asked country's node searches only the records it holds (`node_view`) and answers HIT or
  NO HIT with an opaque reference, the category and action of a shared alert, and its
  consultation desk: never a name, a date of birth, a document number or a movement. The record
  behind a hit (`QueryResult.record_uid`) is kept for the holder's answer to a follow-up request;
- every query is audited in the requesting country's log (who, purpose, case reference, countries
  asked, hits), and every answer in the answering country's own log (`AuditEvent.held_by`);
- the sandbox row is locked while a query is written: a double submit of the same query within
  `DOUBLE_SUBMIT_SECONDS` returns the first one instead of writing a second.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
import secrets
import unicodedata
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sandbox.matching import birth_key, person_match
from sandbox.models import (
    Alert,
    AuditEvent,
    CrossBorderQuery,
    Document,
    DocumentType,
    IcaoCountry,
    Person,
    QueryResult,
    Sandbox,
)
from sandbox.models.choices import AuditAction, PurposeCode, QueryOutcome, Sensitivity, Sex
from sandbox.screening import in_force, shared_with
from sandbox.services import audit_record, record_create, records_create

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from people.models import User

# ---------------------------------------------------------------- shared: purposes, members, checks


@dataclass(frozen=True)
class Purpose:
    """A purpose a consultation may serve, and what it covers (the form's help)."""

    code: str
    label: Promise
    help_text: Promise


PURPOSE_HELP: dict[str, Promise] = {
    PurposeCode.BORDER_CHECK: gettext_lazy(
        "A traveller in front of you at a border post: is the person or the document known to a partner?"
    ),
    PurposeCode.INVESTIGATION: gettext_lazy(
        "An open investigation (smuggling, trafficking, document fraud) with a file number."
    ),
    PurposeCode.RETURN_VERIFICATION: gettext_lazy("Checking the identity or nationality a returned person claims."),
    PurposeCode.CHILD_PROTECTION: gettext_lazy(
        "A child at risk: a missing minor, or a minor travelling without the required consent."
    ),
}

PURPOSES: dict[str, Purpose] = {
    code: Purpose(code=code, label=label, help_text=PURPOSE_HELP[code]) for code, label in PurposeCode.choices
}

# Each member's consultation desk, in its migration directorate (DOMAIN.md 2.1): where the
# country that asked follows up a hit.
CONTACT_POINTS: dict[str, Promise] = {
    "BLZ": gettext_lazy("Consultation desk, Department of Immigration and Nationality Services, Belmopan"),
    "CRI": gettext_lazy("Consultation desk, Dirección General de Migración y Extranjería (DGME), San José"),
    "SLV": gettext_lazy("Consultation desk, Dirección General de Migración y Extranjería (DGME), San Salvador"),
    "GTM": gettext_lazy("Consultation desk, Instituto Guatemalteco de Migración (IGM), Guatemala City"),
    "HND": gettext_lazy("Consultation desk, Instituto Nacional de Migración (INM), Tegucigalpa"),
    "NIC": gettext_lazy("Consultation desk, Dirección General de Migración y Extranjería (DGME), Managua"),
    "PAN": gettext_lazy("Consultation desk, Servicio Nacional de Migración (SNM), Panama City"),
    "DOM": gettext_lazy("Consultation desk, Dirección General de Migración (DGM), Santo Domingo"),
}

CASE_REFERENCE_MAX = 40  # `CrossBorderQuery.case_reference`; the message below says it


def member_countries() -> list[str]:
    """The ICAO codes of the OCAM members, in code order."""
    return list(IcaoCountry.objects.filter(is_ocam_member=True).order_by("code").values_list("code", flat=True))


def contact_point_label(country: str, stored: str = "") -> str:
    """A member's consultation desk in the reader's language (`stored`: as the answer recorded it)."""
    label = CONTACT_POINTS.get(country)
    return str(label) if label is not None else stored


def invisible_characters(value: str) -> list[str]:
    """The control and format characters of a text (bidirectional overrides, zero-width
    spaces, line breaks...), in order, once each."""
    found: list[str] = []
    for character in value:
        if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp") and character not in found:
            found.append(character)
    return found


def _described(characters: list[str]) -> str:
    return ", ".join(f"U+{ord(character):04X}" for character in characters)


def case_reference_clean(value: str | None) -> str:
    """A case reference trimmed, or a ValidationError: blank, too long, or with invisible characters."""
    reference = (value or "").strip()
    if not reference:
        raise ValidationError(
            _("Type the case reference: the file or case number this consultation is for."), code="required"
        )
    if characters := invisible_characters(reference):
        raise ValidationError(
            _("The case reference contains invisible or control characters (%(characters)s). Type it again."),
            code="invisible",
            params={"characters": _described(characters)},
        )
    if len(reference) > CASE_REFERENCE_MAX:
        raise ValidationError(_("The case reference is too long: 40 characters at most."), code="max_length")
    return reference


def purpose_clean(value: str | None) -> str:
    """A purpose code, or a ValidationError."""
    if not value:
        raise ValidationError(_("Choose the purpose of the consultation."), code="required")
    if value not in PURPOSES:
        raise ValidationError(_("Choose one of the purposes listed."), code="invalid")
    return value


# ---------------------------------------------------------------- queries: hit/no-hit

BY_DOCUMENT = "DOCUMENT"
BY_NAME = "NAME"
QUERY_KINDS: dict[str, Promise] = {
    BY_DOCUMENT: gettext_lazy("By document"),
    BY_NAME: gettext_lazy("By name and date of birth"),
}

# A second identical query of one user within this many seconds is a double submit.
DOUBLE_SUBMIT_SECONDS = 10
# At most this many people of one birth date are compared by a node (never a scan of all people).
CANDIDATES_READ = 200
DOCUMENT_NUMBER = re.compile(r"^[A-Z0-9]{1,20}$")


def document_number_normal(number: str) -> str:
    """A document number as the MRZ writes it: upper case, without spaces or dashes."""
    return "".join(character for character in (number or "").upper() if character.isalnum())


@dataclass(frozen=True)
class QueryParameters:
    """What a query searches: a document (number, issuing state, optionally its type), or a
    person by name and date of birth (optionally sex and nationality)."""

    kind: str
    document_number: str = ""
    issuing_state: str = ""
    document_type: str = ""
    given_names: str = ""
    surnames: str = ""
    birth_date: dt.date | None = None
    sex: str = ""
    nationality: str = ""

    def as_json(self) -> dict[str, str]:
        """The parameters the query records, only those of its kind."""
        values = asdict(self)
        values["birth_date"] = self.birth_date.isoformat() if self.birth_date else ""
        keep = (
            ("kind", "document_number", "issuing_state", "document_type")
            if self.kind == BY_DOCUMENT
            else ("kind", "given_names", "surnames", "birth_date", "sex", "nationality")
        )
        return {key: values[key] for key in keep if values[key]}

    def problems(self) -> dict[str, list[str]]:
        """What is missing or wrong, by field (empty: the parameters can be sent)."""
        problems: dict[str, list[str]] = {}

        def add(field: str, message: str) -> None:
            problems.setdefault(field, []).append(message)

        if self.kind == BY_DOCUMENT:
            number = document_number_normal(self.document_number)
            if not number:
                add("document_number", _("Type the document number."))
            elif not DOCUMENT_NUMBER.match(number):
                add("document_number", _("A document number has letters A to Z and digits only, 20 at most."))
            if not self.issuing_state:
                add("issuing_state", _("Choose the state that issued the document."))
            elif not IcaoCountry.objects.filter(code=self.issuing_state).exists():
                add("issuing_state", _("Choose one of the states listed."))
            if self.document_type and not DocumentType.objects.filter(code=self.document_type).exists():
                add("document_type", _("Choose one of the document types listed."))
        elif self.kind == BY_NAME:
            for field, message in (
                ("surnames", _("Type the surnames.")),
                ("given_names", _("Type the given names.")),
            ):
                value = getattr(self, field).strip()
                if not value:
                    add(field, message)
                elif invisible_characters(value):
                    add(field, _("The name contains invisible or control characters. Type it again without them."))
            if self.birth_date is None:
                add("birth_date", _("Type the date of birth."))
            elif self.birth_date > timezone.localdate():
                add("birth_date", _("A date of birth cannot be in the future."))
            if self.sex and self.sex not in Sex.values:
                add("sex", _("Choose one of the values listed."))
            if self.nationality and not IcaoCountry.objects.filter(code=self.nationality).exists():
                add("nationality", _("Choose one of the nationalities listed."))
        else:
            add("kind", _("Choose a query by document or by name and date of birth."))
        return problems


@dataclass(frozen=True)
class NodeAnswer:
    """One member node's answer to a query, before it is written."""

    outcome: str
    record_uid: int | None = None
    alert: Alert | None = None


def _alerts_in_force(sandbox: Sandbox, country: str, keys: list[Q], requesting: str, on: dt.date) -> list[Alert]:
    """The node's active alerts on these blocking keys that it shares with the requesting country."""
    if not keys:
        return []
    alerts = Alert.objects.node_view(sandbox, country).filter(functools.reduce(operator.or_, keys), status="ACTIVE")
    return [alert for alert in alerts.order_by("uid") if in_force(alert, on) and shared_with(alert, requesting)]


def _withheld(person: Person, requesting: str) -> bool:
    """An asylum seeker's or refugee's record never answers their country of nationality (DOMAIN.md 4.2)."""
    return person.sensitivity == Sensitivity.ASYLUM and requesting in (
        person.nationality_id,
        person.second_nationality_id,
    )


def _by_document(sandbox: Sandbox, country: str, requesting: str, parameters: QueryParameters, on: dt.date):
    number = document_number_normal(parameters.document_number)
    documents = Document.objects.node_view(sandbox, country).filter(
        number=number, issuing_state_id=parameters.issuing_state
    )
    if parameters.document_type:
        documents = documents.filter(document_type_id=parameters.document_type)
    holders = sorted(set(documents.values_list("person_uid", flat=True)))
    people = [
        person
        for person in Person.objects.node_view(sandbox, country).filter(uid__in=holders).order_by("uid")
        if not _withheld(person, requesting)
    ]
    keys = [Q(document_number=number, document_issuing_state_id=parameters.issuing_state)]
    if people:
        keys.append(Q(person_uid__in=[person.uid for person in people]))
    alerts = _alerts_in_force(sandbox, country, keys, requesting, on)
    return [person.uid for person in people], alerts


def _name_hit(parameters: QueryParameters, name: str, birth_date: dt.date | None) -> bool:
    match = person_match(
        given_names=parameters.given_names,
        surnames=parameters.surnames,
        birth_date=parameters.birth_date,
        subject_name=name,
        subject_birth_date=birth_date,
    )
    return match is not None and match.level == "HIT"


def _by_name(sandbox: Sandbox, country: str, requesting: str, parameters: QueryParameters, on: dt.date):
    """People of the node born on the date (day and month in either order, the indexed key),
    whose name matches as a whole (`person_match` HIT), within the optional sex and nationality."""
    birth_date = parameters.birth_date
    dates = {birth_date}
    if birth_date.day <= 12 and birth_date.day != birth_date.month:
        dates.add(birth_date.replace(month=birth_date.day, day=birth_date.month))
    people = Person.objects.node_view(sandbox, country).filter(birth_date__in=dates)
    if parameters.sex:
        people = people.filter(sex=parameters.sex)
    if parameters.nationality:
        people = people.filter(
            Q(nationality_id=parameters.nationality) | Q(second_nationality_id=parameters.nationality)
        )
    matched = [
        person.uid
        for person in people.order_by("uid")[:CANDIDATES_READ]
        if _name_hit(parameters, f"{person.surnames}, {person.given_names}", person.birth_date)
        and not _withheld(person, requesting)
    ]
    keys = [Q(birth_key=birth_key(birth_date), subject_kind="PERSON")]
    if matched:
        keys.append(Q(person_uid__in=matched))
    alerts = [
        alert
        for alert in _alerts_in_force(sandbox, country, keys, requesting, on)
        if alert.person_uid in matched or _name_hit(parameters, alert.subject_name, alert.subject_birth_date)
    ]
    return matched, alerts


def node_answer(*, sandbox: Sandbox, country: str, requesting: str, parameters: QueryParameters) -> NodeAnswer:
    """What a member node answers: HIT when it holds a matching person or document record, or
    an alert in force on them that it shares with the requesting country; NO HIT otherwise."""
    on = timezone.localdate()
    search = _by_document if parameters.kind == BY_DOCUMENT else _by_name
    people, alerts = search(sandbox, country, requesting, parameters, on)
    if not people and not alerts:
        return NodeAnswer(outcome=QueryOutcome.NO_HIT)
    alert = alerts[0] if alerts else None
    record_uid = people[0] if people else (alert.person_uid if alert is not None else None)
    return NodeAnswer(outcome=QueryOutcome.HIT, record_uid=record_uid, alert=alert)


def reference_token(country: str) -> str:
    """An opaque, unguessable reference of one answer, prefixed by the answering country."""
    return f"{country}-{secrets.token_urlsafe(12)}"


def query_countries_clean(countries: list[str] | None, *, requesting: str) -> list[str]:
    """The member countries asked, once each in code order, or a ValidationError."""
    members = member_countries()
    asked = sorted(set(countries or []))
    if not asked:
        raise ValidationError(_("Choose the member countries to ask, or all of them."), code="required")
    if requesting in asked:
        raise ValidationError(
            _("Your own country's records are searched in the person search, not consulted."), code="own"
        )
    if any(country not in members for country in asked):
        raise ValidationError(_("Choose member countries of OCAM only."), code="invalid")
    return asked


def _same_query(query: CrossBorderQuery, parameters: dict[str, str], countries: list[str]) -> bool:
    return query.parameters == parameters and sorted(query.target_countries or []) == countries


@transaction.atomic
def query_send(
    *,
    sandbox: Sandbox,
    user: User,
    parameters: QueryParameters,
    countries: list[str] | None,
    purpose_code: str | None,
    case_reference: str | None,
    scenario: int | None = None,
) -> CrossBorderQuery:
    """Send a hit/no-hit query to member countries; their answers are written with it.

    Refused with a ValidationError (by field: `purpose`, `case_reference`, `countries` and the
    parameters' fields), nothing written, when the sandbox acts for no country or anything is
    missing. The same query of the same user within `DOUBLE_SUBMIT_SECONDS` is the first one."""
    requesting = sandbox.country_id
    if not requesting:
        raise ValidationError(
            _(
                "Consultation is between member countries, and you act for none: an account of a "
                "member country's migration authority consults its partners."
            ),
            code="no_country",
        )
    errors: dict[str, list[Any]] = {}
    cleaned: dict[str, Any] = {}
    for field, clean, value in (
        ("purpose", purpose_clean, purpose_code),
        ("case_reference", case_reference_clean, case_reference),
        ("countries", functools.partial(query_countries_clean, requesting=requesting), countries),
    ):
        try:
            cleaned[field] = clean(value)
        except ValidationError as error:
            errors[field] = error.messages
    for field, messages in parameters.problems().items():
        errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)

    asked: list[str] = cleaned["countries"]
    recorded = parameters.as_json()
    # One query of a sandbox at a time: a double submit waits, then finds the first.
    list(Sandbox.objects.select_for_update().filter(pk=sandbox.pk).values_list("pk", flat=True))
    now = timezone.now()
    recent = CrossBorderQuery.objects.layer_of(sandbox).filter(
        is_deleted=False,
        requested_by=user,
        purpose_code=cleaned["purpose"],
        case_reference=cleaned["case_reference"],
        created_at__gte=now - dt.timedelta(seconds=DOUBLE_SUBMIT_SECONDS),
    )
    for query in recent.order_by("-created_at"):
        if _same_query(query, recorded, asked):
            return query

    query = record_create(
        sandbox=sandbox,
        model=CrossBorderQuery,
        scenario=scenario,
        requesting_country_id=requesting,
        requested_by=user,
        parameters=recorded,
        purpose_code=cleaned["purpose"],
        case_reference=cleaned["case_reference"],
        created_at=now,
        target_countries=asked,
    )
    rows = []
    for country in asked:
        answer = node_answer(sandbox=sandbox, country=country, requesting=requesting, parameters=parameters)
        with translation.override("en"):
            desk = contact_point_label(country)
        rows.append(
            {
                "query_uid": query.uid,
                "requesting_country_id": requesting,
                "country_id": country,
                "outcome": answer.outcome,
                "reference_token": reference_token(country),
                "alert_category_id": answer.alert.category_id if answer.alert is not None else None,
                "action": answer.alert.action if answer.alert is not None else "",
                "contact_point": desk,
                "answered_at": now,
                "record_uid": answer.record_uid,
            }
        )
    results: list[QueryResult] = records_create(sandbox=sandbox, model=QueryResult, rows=rows, scenario=scenario)
    hits = [result.country_id for result in results if result.outcome == QueryOutcome.HIT]
    audit_record(
        sandbox=sandbox,
        actor=user,
        action=AuditAction.QUERY,
        object_type="cross_border_query",
        object_uid=query.uid,
        parameters={**recorded, "countries": asked, "hits": hits},
        result_count=len(hits),
        scenario=scenario,
        purpose_code=cleaned["purpose"],
        case_reference=cleaned["case_reference"],
    )
    # Each answering country's own log of the query it received (no personal data of its record).
    records_create(
        sandbox=sandbox,
        model=AuditEvent,
        scenario=scenario,
        rows=[
            {
                "actor": user,
                "action": AuditAction.ANSWER,
                "object_type": "query_result",
                "object_uid": result.uid,
                "parameters": {
                    "query_uid": query.uid,
                    "kind": parameters.kind,
                    "requesting_country": requesting,
                    "outcome": result.outcome,
                    "reference": result.reference_token,
                },
                "result_count": 1 if result.outcome == QueryOutcome.HIT else 0,
                "purpose_code": cleaned["purpose"],
                "case_reference": cleaned["case_reference"],
                "occurred_at": timezone.now(),
                "held_by_id": result.country_id,
            }
            for result in results
        ],
    )
    return query
