"""Writes to the mirrored platform. Every write lands in the learner's own layer:

- `record_create` adds a record with a fresh uid;
- `record_update` edits the learner's row in place, or supersedes a baseline row with a copy
  carrying the same uid;
- `record_delete` removes a record the learner added, or hides a baseline record behind a
  tombstone;
- `sandbox_reset` deletes the layer: its cost is the learner's own rows, whatever the baseline.

The baseline is written only by the generator (`sandbox.generation`).
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sandbox import selectors
from sandbox.matching import birth_key
from sandbox.models import (
    LAYERED_MODELS,
    STAND_IN_SANDBOX_ID,
    AgeGroup,
    Alert,
    AlertHit,
    AuditEvent,
    CrossingPoint,
    Document,
    DocumentType,
    IcaoCountry,
    LayeredModel,
    Movement,
    Person,
    RefusalCode,
    Sandbox,
    TravelPurpose,
    rebind,
)
from sandbox.mrz import MrzData, mrz_lines, mrz_read
from sandbox.names import name_search_key, name_sort_key

if TYPE_CHECKING:
    from people.models import User
    from sandbox.screening import Traveller

Record = TypeVar("Record", bound=LayeredModel)


def sandbox_get_or_create(*, user: User) -> Sandbox:
    """The learner's sandbox, created at their first write."""
    sandbox, _created = Sandbox.objects.get_or_create(owner=user)
    return sandbox


def _prepare(record: LayeredModel) -> None:
    if isinstance(record, Alert):
        record.birth_key = birth_key(record.subject_birth_date) if record.subject_kind == "PERSON" else ""
    if isinstance(record, Person):
        record.search_name = name_search_key(record.given_names, record.surname_1, record.surname_2)
        record.sort_name = name_sort_key(record.surname_1, record.surname_2, record.given_names)
    # Uniqueness of (sandbox, uid) is the database's: the layer's own queries are scoped.
    record.full_clean(validate_unique=False, validate_constraints=False)


@transaction.atomic
def record_create(*, sandbox: Sandbox, model: type[Record], scenario: int | None = None, **fields: Any) -> Record:
    """Add a record to the learner's layer; `scenario`, the exercise scenario it belongs to, if any."""
    record = model(**fields)
    record.sandbox = sandbox
    record.scenario = scenario
    record.uid = sandbox.uid_allocate()[0]
    record.is_deleted = False
    _prepare(record)
    record.save(force_insert=True)
    return record


def _own_row(sandbox: Sandbox, record: LayeredModel) -> bool:
    if record.sandbox_id is None:
        return False
    if record.sandbox_id != sandbox.pk:
        raise PermissionDenied("A record of another learner's sandbox.")
    return True


def _own_version(sandbox: Sandbox, record: Record) -> Record | None:
    """The learner's row for the record's uid: the record itself, or the copy shadowing a baseline row."""
    if _own_row(sandbox, record):
        return record
    return type(record).objects.layer_of(sandbox).filter(uid=record.uid).first()


@transaction.atomic
def record_update(*, sandbox: Sandbox, record: Record, **changes: Any) -> Record:
    """Edit a record of the learner's view; a baseline record is superseded, never written."""
    own = _own_version(sandbox, record)
    if own is not None and own.is_deleted:
        raise ValueError("A deleted record cannot be edited.")
    if own is None:
        own = type(record).objects.baseline().get(uid=record.uid)
        own.pk = None
        own.sandbox = sandbox
    for field, value in changes.items():
        setattr(own, field, value)
    _prepare(own)
    own.save(force_insert=own.pk is None)
    return own


@transaction.atomic
def record_delete(*, sandbox: Sandbox, record: LayeredModel) -> None:
    """Remove a record from the learner's view."""
    model = type(record)
    own = _own_version(sandbox, record)
    in_baseline = model.objects.baseline().filter(uid=record.uid).exists()
    if own is not None and not in_baseline:
        model.objects.layer_of(sandbox).filter(pk=own.pk).delete()
    elif own is not None:
        model.objects.layer_of(sandbox).filter(pk=own.pk).update(is_deleted=True)
    else:
        tombstone = model.objects.baseline().get(uid=record.uid)
        tombstone.pk = None
        tombstone.sandbox = sandbox
        tombstone.is_deleted = True
        tombstone.save(force_insert=True)


def sandbox_reset(*, sandbox: Sandbox) -> int:
    """Return the sandbox to the baseline: delete the learner's layer. Returns the rows deleted.

    On PostgreSQL the deletions and the sandbox's bookkeeping are one statement (data-modifying
    CTEs), atomic by itself: one round trip whatever the number of layered tables. Elsewhere
    they are one DELETE per table in a transaction.
    """
    reset_at = timezone.now()
    if connection.vendor == "postgresql":
        deleted, sandbox.reset_at, sandbox.reset_count = _layer_delete_at_once(sandbox, reset_at)
        return deleted
    with transaction.atomic():
        deleted = 0
        for model in LAYERED_MODELS:
            deleted += model.objects.layer_of(sandbox)._raw_delete(model.objects.db)
        # F(): a second reset from a stale copy of the sandbox (a double submit) still counts.
        Sandbox.objects.filter(pk=sandbox.pk).update(reset_at=reset_at, reset_count=F("reset_count") + 1)
    sandbox.refresh_from_db(fields=["reset_at", "reset_count"])
    return deleted


@functools.cache
def _reset_statement() -> tuple[str, list[Any]]:
    """The reset's one statement on PostgreSQL, compiled once from the layer scopes for the
    stand-in sandbox, and the parameters of its deletions; the reset time and the sandbox id follow."""
    stand_in = Sandbox(pk=STAND_IN_SANDBOX_ID)
    deletes, delete_params = [], []
    for index, model in enumerate(LAYERED_MODELS):
        sql, params = model.objects.layer_of(stand_in).delete_sql()
        if tuple(params) != (STAND_IN_SANDBOX_ID,):
            raise RuntimeError(f"The layer of {model.__name__} is not scoped by the sandbox id alone: {params}")
        deletes.append(f"deleted_{index} AS ({sql} RETURNING 1)")
        delete_params.extend(params)
    counted = " + ".join(f"(SELECT count(*) FROM deleted_{index})" for index in range(len(LAYERED_MODELS)))  # noqa: S608 - CTE names
    table = connection.ops.quote_name(Sandbox._meta.db_table)
    sql = (
        f"WITH {', '.join(deletes)} UPDATE {table} SET reset_at = %s, reset_count = reset_count + 1"  # noqa: S608 - names from the models
        f" WHERE id = %s RETURNING {counted}, reset_at, reset_count"
    )
    return sql, delete_params


def _layer_delete_at_once(sandbox: Sandbox, reset_at: dt.datetime) -> tuple[int, dt.datetime, int]:
    sql, delete_params = _reset_statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [*rebind(delete_params, {STAND_IN_SANDBOX_ID: sandbox.pk}), reset_at, sandbox.pk])
        row = cursor.fetchone()
    if row is None:
        raise Sandbox.DoesNotExist(f"Sandbox {sandbox.pk} no longer exists.")
    return row


def audit_record(
    *,
    sandbox: Sandbox,
    actor: User,
    action: str,
    object_type: str = "",
    object_uid: int | None = None,
    parameters: dict[str, Any] | None = None,
    result_count: int | None = None,
    scenario: int | None = None,
) -> AuditEvent:
    """Log a consultation or change in the learner's platform audit trail."""
    return record_create(
        sandbox=sandbox,
        model=AuditEvent,
        scenario=scenario,
        actor=actor,
        action=action,
        object_type=object_type,
        object_uid=object_uid,
        parameters=parameters or {},
        result_count=result_count,
        occurred_at=timezone.now(),
    )


def age_group(*, birth_date: dt.date, on: dt.date) -> str:
    age = on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    for limit, group in (
        (12, AgeGroup.UNDER_12),
        (18, AgeGroup.FROM_12_TO_17),
        (30, AgeGroup.FROM_18_TO_29),
        (45, AgeGroup.FROM_30_TO_44),
        (60, AgeGroup.FROM_45_TO_59),
    ):
        if age < limit:
            return group
    return AgeGroup.FROM_60


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
    alerts = Alert.objects.visible_to(sandbox).filter(uid__in={hit.alert_uid for hit in hits})
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
