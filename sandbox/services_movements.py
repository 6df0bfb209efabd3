"""The primary line's writes: the document read at the post, and the decision on what the
screening showed (`movement_register`), in the learner's layer.

`document_read` reads a document from its machine-readable zone (validated whole) or from the
fields the officer typed for a document without one (`ManualDocument`); `movement_register`
writes the decision with the screening's result and hit records (`sandbox.screening`). The
movement form (`sandbox.views.movements`) screens between the two; other callers (the exercises'
reference solutions, the benchmarks) let `movement_register` screen.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sandbox import selectors
from sandbox.models import (
    AgeGroup,
    Alert,
    AlertHit,
    AuditEvent,
    CrossingPoint,
    Document,
    DocumentType,
    IcaoCountry,
    Movement,
    Person,
    RefusalCode,
    Sandbox,
    TravelPurpose,
)
from sandbox.mrz import MrzData, mrz_lines, mrz_read
from sandbox.services import age_group, audit_record, record_create

if TYPE_CHECKING:
    from people.models import User
    from sandbox.screening import Traveller


def _document_type_for(data: MrzData) -> DocumentType:
    by_code = {doc_type.mrz_code: doc_type for doc_type in DocumentType.objects.exclude(mrz_code="")}
    for candidate in (data.document_code, data.document_code[:1] + ("D" if data.document_code[:1] == "I" else "")):
        if candidate in by_code and by_code[candidate].mrz_format == data.format:
            return by_code[candidate]
    fallback = {"TD3": "P", "TD1": "ID"}[data.format]
    return by_code[fallback]


def _split_surnames(surnames: str) -> tuple[str, str]:
    first, _space, rest = surnames.partition(" ")
    return first, rest


def is_minor(*, birth_date: dt.date, on: dt.date) -> bool:
    """Whether a traveller born on `birth_date` is under 18 on `on`."""
    return age_group(birth_date=birth_date, on=on) in (AgeGroup.UNDER_12, AgeGroup.FROM_12_TO_17)


@dataclass(frozen=True)
class ManualDocument:
    """A document typed by hand: one without a machine-readable zone (an emergency travel
    document, a border pass) or one whose zone cannot be read. `document_type` is a code of
    `DocumentType`; the countries are ICAO codes."""

    document_type: str
    number: str
    issuing_state: str
    nationality: str
    surnames: str
    given_names: str
    birth_date: dt.date
    sex: str
    expiry_date: dt.date
    national_id_number: str = ""


@dataclass(frozen=True)
class DocumentRead:
    """A document as the officer read it at the post: from its zone (`mrz`, its lines) or typed by hand."""

    document_type: DocumentType
    number: str
    issuing_state: str
    nationality: str
    surnames: str
    given_names: str
    birth_date: dt.date
    sex: str
    expiry_date: dt.date
    mrz: str = ""
    national_id_number: str = ""

    @property
    def capture_source(self) -> str:
        return "MRZ_SCAN" if self.mrz else "MANUAL"

    def traveller(self) -> Traveller:
        from sandbox.screening import Traveller

        return Traveller(
            given_names=self.given_names,
            surnames=self.surnames,
            birth_date=self.birth_date,
            nationality=self.nationality,
            document_number=self.number,
            issuing_state=self.issuing_state,
            sex=self.sex,
            national_id_number=self.national_id_number,
        )


@dataclass(frozen=True)
class ScreeningOutcome:
    """What the screening before the decision found, as the decision step carries it: `ref`
    names that screening (a second submit of the same decision writes nothing), `hit_uids` its
    PENDING hit records, which the movement takes."""

    ref: str
    result: str
    hit_uids: tuple[int, ...] = ()


def document_read(*, mrz: str = "", manual: ManualDocument | None = None) -> DocumentRead:
    """The document the officer read: its zone validated whole (length, every check digit), or
    the fields typed by hand; the countries must be ICAO state codes. Raises ValidationError
    naming the fields (`mrz` for anything of a zone)."""
    errors: dict[str, list[str]] = {}
    if manual is None:
        data = mrz_read(mrz)
        read = DocumentRead(
            document_type=_document_type_for(data),
            number=data.number,
            issuing_state=data.issuing_state,
            nationality=data.nationality,
            surnames=data.surnames,
            given_names=data.given_names,
            birth_date=data.birth_date,
            sex=data.sex,
            expiry_date=data.expiry_date,
            mrz="\n".join(mrz_lines(mrz)),
        )
        fields = {"issuing_state": "mrz", "nationality": "mrz"}
    else:
        document_type = DocumentType.objects.filter(code=manual.document_type).first()
        if document_type is None:
            raise ValidationError({"document_type": [_("Choose a document type of the list.")]})
        read = DocumentRead(
            document_type=document_type,
            number="".join(manual.number.split()).upper(),
            issuing_state=manual.issuing_state.strip().upper(),
            nationality=manual.nationality.strip().upper(),
            surnames=" ".join(manual.surnames.upper().split()),
            given_names=" ".join(manual.given_names.upper().split()),
            birth_date=manual.birth_date,
            sex=manual.sex,
            expiry_date=manual.expiry_date,
            national_id_number="".join(manual.national_id_number.split()).upper(),
        )
        fields = {"issuing_state": "issuing_state", "nationality": "nationality"}
    codes = {"issuing_state": read.issuing_state, "nationality": read.nationality}
    states = set(IcaoCountry.objects.filter(code__in=codes.values()).values_list("code", flat=True))
    for name, label in (("issuing_state", _("issuing state")), ("nationality", _("nationality"))):
        if codes[name] not in states:
            errors.setdefault(fields[name], []).append(
                _("The %(field)s code %(code)s is not an ICAO state code.") % {"field": label, "code": codes[name]}
            )
    if errors:
        raise ValidationError(errors)
    return read


def _screening_hits(sandbox: Sandbox, outcome: ScreeningOutcome) -> tuple[list[AlertHit], dict[int, Alert]]:
    """The screening's hit records, which must still be pending and unattached in the learner's
    layer, and their alerts."""
    hits = list(
        AlertHit.objects.layer_of(sandbox).filter(
            uid__in=outcome.hit_uids, movement_uid__isnull=True, disposition="PENDING", is_deleted=False
        )
    )
    if len(hits) != len(set(outcome.hit_uids)):
        raise ValidationError(_("This screening is no longer valid: read the document again."))
    from sandbox.screening import alerts_named

    alerts = alerts_named(sandbox=sandbox, uids={hit.alert_uid for hit in hits})
    return hits, {alert.uid: alert for alert in alerts}


def movement_registered(*, sandbox: Sandbox, ref: str) -> Movement | None:
    """The movement the decision on a screening (`ScreeningOutcome.ref`) already wrote, if any."""
    if not ref:
        return None
    event = (
        AuditEvent.objects.layer_of(sandbox)
        .filter(action="CREATE", object_type="movement", parameters__screening=ref)
        .first()
    )
    if event is None:
        return None
    return Movement.objects.visible_to(sandbox).filter(uid=event.object_uid).first()


@transaction.atomic
def movement_register(
    *,
    sandbox: Sandbox,
    user: User,
    direction: str,
    crossing_point: CrossingPoint,
    local_time: dt.datetime,
    mrz: str = "",
    manual: ManualDocument | None = None,
    manual_entry_reason: str = "",
    purpose: TravelPurpose | None = None,
    carrier: str = "",
    flight_or_vehicle: str = "",
    authorised_stay_days: int | None = None,
    decision: str = "ADMITTED",
    refusal_reason: str = "",
    refusal_code: str = "",
    closes_entry_uid: int | None = None,
    is_overstay: bool = False,
    person_uid: int | None = None,
    accompanying_adult_uid: int | None = None,
    minor_exit_permit: str = "",
    screening: ScreeningOutcome | None = None,
    scenario: int | None = None,
) -> Movement:
    """Register an entry or exit, in the learner's layer, after the screening.

    The document is read from its MRZ (validated whole first: length and every check digit) or
    typed by hand (`manual`, with the officer's reason). An unknown document becomes a new
    document of the person the officer recognised (`person_uid`) or of a new person. Nothing is
    saved if anything is wrong.

    `screening` is the screening the officer saw before deciding (`sandbox.screening.screen`);
    without it (a caller that does not show one) the traveller is screened here. The movement
    takes its result and its hit records. A pending hit whose alert forbids the crossing
    (`BLOCKING_ACTIONS`) cannot be admitted: the officer refers the traveller (SCREENING_HIT is
    the referral's code when none is given). A second decision on the same screening writes
    nothing and returns the movement of the first.

    An admitted exit closes the entry the officer chose (`closes_entry_uid`: an open admitted
    entry of the same traveller) or else the traveller's latest open entry; `is_overstay` is the
    officer's flag that the traveller leaves after their authorised stay ran out. A minor's
    admitted exit needs the accompanying adult (`accompanying_adult_uid`, a person of the view)
    or the exit permit of a minor travelling without both parents (`minor_exit_permit`).

    A refusal needs its reason: a code of `RefusalCode` (OTHER with the officer's words), or the
    words alone; a referral may give one; an admission has none.

    `scenario` is the exercise scenario the officer works on (from the exercise's page), if any;
    otherwise a movement of a scenario's traveller belongs to that scenario: restarting the
    exercise removes it with the scenario.
    """
    from sandbox.screening import BLOCKING_ACTIONS, hits_attach, screen

    read = document_read(mrz=mrz, manual=manual)
    if screening is not None and screening.ref:
        # One decision per screening: a double submit waits for the first and gets its movement.
        Sandbox.objects.select_for_update().filter(pk=sandbox.pk).first()
        done = movement_registered(sandbox=sandbox, ref=screening.ref)
        if done is not None:
            return done
    errors: dict[str, list[str]] = {}
    manual_entry_reason = manual_entry_reason.strip()
    if manual is not None and not manual_entry_reason:
        errors.setdefault("manual_entry_reason", []).append(_("Say why the document was typed by hand."))
    zone = zoneinfo.ZoneInfo(crossing_point.country.time_zone)
    local = local_time.replace(tzinfo=zone) if timezone.is_naive(local_time) else local_time.astimezone(zone)
    document_type = read.document_type
    admitted = decision == "ADMITTED"
    minor = is_minor(birth_date=read.birth_date, on=local.date())
    if admitted and read.expiry_date < local.date():
        errors.setdefault("mrz" if read.mrz else "expiry_date", []).append(
            _("The document expired on %(date)s: it cannot be admitted.")
            % {"date": formats.date_format(read.expiry_date, "DATE_FORMAT")}
        )
    is_ca4_simplified = document_type.mrz_format == "TD1"
    if admitted and is_ca4_simplified:
        if not crossing_point.is_ca4_internal:
            errors.setdefault("crossing_point", []).append(
                _("An identity card is accepted only at crossings between CA-4 states; ask for a passport.")
            )
        if minor:
            errors.setdefault("mrz", []).append(_("Minors need a passport, even within CA-4."))
    if refusal_code and refusal_code not in RefusalCode.values:
        errors.setdefault("refusal_code", []).append(_("Choose a reason of the list."))
    elif refusal_code and admitted:
        errors.setdefault("refusal_code", []).append(
            _("An admitted traveller has no reason for refusal: leave it empty.")
        )
    elif refusal_code == RefusalCode.OTHER and not refusal_reason.strip():
        errors.setdefault("refusal_reason", []).append(_("Describe the other reason."))
    elif decision == "REFUSED" and not refusal_code and not refusal_reason.strip():
        errors.setdefault("refusal_reason", []).append(_("Give the reason for the refusal."))
    if direction != "EXIT" and (closes_entry_uid is not None or is_overstay):
        errors.setdefault("direction", []).append(_("Only an exit closes an entry or is an overstay."))
    minor_exit_permit = minor_exit_permit.strip()
    if accompanying_adult_uid is not None:
        adult = Person.objects.visible_to(sandbox).filter(uid=accompanying_adult_uid).first()
        if adult is None or is_minor(birth_date=adult.birth_date, on=local.date()):
            errors.setdefault("accompanying_adult", []).append(
                _("The accompanying adult must be an adult of the platform's records.")
            )
    if direction == "EXIT" and admitted and minor and accompanying_adult_uid is None and not minor_exit_permit:
        errors.setdefault("accompanying_adult", []).append(
            _(
                "A minor leaves with the accompanying adult or with the exit permit a minor travelling without "
                "both parents needs. Without either, refer the traveller (minor without consent)."
            )
        )
    if errors:
        raise ValidationError(errors)

    document = selectors.document_find(sandbox=sandbox, number=read.number, issuing_state=read.issuing_state)
    if document is not None and scenario is None:
        scenario = document.scenario
    if screening is None:
        found = screen(
            sandbox=sandbox,
            actor=user,
            crossing_point=crossing_point,
            direction=direction,
            traveller=read.traveller(),
            on=local.date(),
            person_uid=document.person_uid if document is not None else None,
            document_uid=document.uid if document is not None else None,
            scenario=scenario,
        )
        screening = ScreeningOutcome(ref="", result=found.result, hit_uids=tuple(hit.uid for hit in found.hits))
    hits, alerts = _screening_hits(sandbox, screening)
    blocking = [alerts[hit.alert_uid] for hit in hits if alerts[hit.alert_uid].action in BLOCKING_ACTIONS]
    if admitted and blocking:
        raise ValidationError(
            {
                "decision": [
                    _(
                        "The screening found an alert that forbids the crossing until the secondary line has "
                        "ruled (%(action)s): refer the traveller to secondary inspection."
                    )
                    % {"action": blocking[0].get_action_display()}
                ]
            }
        )
    if decision == "REFERRED" and hits and not refusal_code:
        refusal_code = RefusalCode.SCREENING_HIT

    if document is None:
        person = None
        if person_uid is not None:
            person = Person.objects.visible_to(sandbox).filter(uid=person_uid).first()
            if person is None:
                raise ValidationError({"existing_person": [_("Choose one of the people offered, or a new person.")]})
        if person is None:
            surname_1, surname_2 = _split_surnames(read.surnames)
            person = record_create(
                sandbox=sandbox,
                model=Person,
                scenario=scenario,
                given_names=read.given_names,
                surname_1=surname_1,
                surname_2=surname_2,
                sex=read.sex,
                birth_date=read.birth_date,
                nationality_id=read.nationality,
                national_id_number=read.national_id_number,
                sensitivity="MINOR" if minor else "NORMAL",
            )
        document = record_create(
            sandbox=sandbox,
            model=Document,
            scenario=scenario,
            person_uid=person.uid,
            document_type=document_type,
            number=read.number,
            issuing_state_id=read.issuing_state,
            expires_on=read.expiry_date,
            mrz=read.mrz,
        )
    # Only a traveller who leaves ends their stay: a prevented (refused) or referred exit leaves it open.
    closes = None
    if direction == "EXIT" and admitted and closes_entry_uid is not None:
        closes = (
            selectors.open_entries_of(sandbox=sandbox, person_uid=document.person_uid)
            .filter(uid=closes_entry_uid)
            .first()
        )
        if closes is None:
            raise ValidationError(
                {
                    "closes_entry": [
                        _("That entry is not an open entry of this traveller: choose one of their open entries.")
                    ]
                }
            )
    elif direction == "EXIT" and admitted:
        closes = selectors.open_entry_for(sandbox=sandbox, person_uid=document.person_uid)
    movement = record_create(
        sandbox=sandbox,
        model=Movement,
        scenario=scenario,
        person_uid=document.person_uid,
        document_uid=document.uid,
        direction=direction,
        crossing_point=crossing_point,
        occurred_at=local.astimezone(dt.UTC),
        local_date=local.date(),
        transport_mode=crossing_point.kind,
        carrier=carrier,
        flight_or_vehicle=flight_or_vehicle,
        purpose=purpose,
        authorised_stay_days=authorised_stay_days if direction == "ENTRY" else None,
        decision=decision,
        refusal_reason=refusal_reason,
        refusal_code=refusal_code,
        screening_result=screening.result,
        capture_source=read.capture_source,
        manual_entry_reason=manual_entry_reason if read.capture_source == "MANUAL" else "",
        is_ca4_simplified=is_ca4_simplified,
        closes_entry_uid=closes.uid if closes else None,
        is_overstay=is_overstay and direction == "EXIT",
        accompanying_adult_uid=accompanying_adult_uid,
        minor_exit_permit=minor_exit_permit,
        nationality_id=read.nationality,
        sex=read.sex,
        age_group=age_group(birth_date=read.birth_date, on=local.date()),
        recorded_by=user,
    )
    hits_attach(sandbox=sandbox, hit_uids=[hit.uid for hit in hits], movement=movement)
    audit_record(
        sandbox=sandbox,
        actor=user,
        action="CREATE",
        object_type="movement",
        object_uid=movement.uid,
        parameters={"screening": screening.ref, "hits": [hit.uid for hit in hits]} if screening.ref or hits else None,
        scenario=scenario,
    )
    return movement
