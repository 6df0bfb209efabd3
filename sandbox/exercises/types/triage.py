"""#2 MRZ triage: a queue of scanned machine-readable zones at a post (DOMAIN.md 5c).

The builder writes the queue into the learner's layer, every scan waiting for triage: most are
valid passport zones (or identity-card zones at a post between CA-4 states, where cards are
travel documents); three were misread by the reader (a digit read as its lookalike letter, O for
0, I for 1, S for 5, B for 8, or the reverse, in the document number or a date, or a check digit
read wrong), so a check digit fails and the true zone is one whose every check digit passes; one
document expired before the day at the post (its zone is valid). At the hard difficulty one zone
is cut short by the reader and cannot be read or corrected.

A correct triage accepts the valid zones as read, corrects each misread zone into the document's
zone (a correction is right when `mrz_read` reads it and it says what the document says), and
rejects the expired document (reason EXPIRED) and the cut zone (UNREADABLE). Each scan is one
criterion; its finding names the scan by its position and the traveller's name. Accepting the
expired document or the unreadable zone is critical: the traveller's document is not one the
post may accept.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sandbox.exercises.base import (
    DIFFICULTIES,
    BuildContext,
    CheckContext,
    CheckResult,
    ExerciseType,
    Finding,
    ScenarioPlan,
    coded,
    score_from,
)
from sandbox.exercises.people import card_mrz, card_number, passport_mrz, passport_number, traveller_draw
from sandbox.exercises.registry import register
from sandbox.exercises.types.common import crossing_point_check, crossing_point_get, local_now, visitor_nationality
from sandbox.models import DocumentScan, ScanRejection, ScanStatus
from sandbox.mrz import MrzData, MrzField, mrz_check_failures, mrz_read

SCANS_DEFAULT, SCANS_MIN, SCANS_MAX = 10, 6, 20
MISREADS = 3
# The characters a reader confuses: a digit read as its lookalike letter, the passport number's
# letter read as its lookalike digit (O and I never start one), a check digit read as another.
DIGIT_AS_LETTER = {"0": "O", "1": "I", "5": "S", "8": "B"}
LETTER_AS_DIGIT = {"B": "8", "S": "5"}
CHECK_DIGIT_MISREADS = {
    "0": "O",
    "1": "I",
    "2": "7",
    "3": "8",
    "4": "1",
    "5": "S",
    "6": "8",
    "7": "1",
    "8": "B",
    "9": "8",
}
# Where each checked field lies in a zone: (line, first character, end); its check digit is at the end.
FIELD_SPANS = {
    "TD3": {MrzField.NUMBER: (1, 0, 9), MrzField.BIRTH_DATE: (1, 13, 19), MrzField.EXPIRY_DATE: (1, 21, 27)},
    "TD1": {MrzField.NUMBER: (0, 5, 14), MrzField.BIRTH_DATE: (1, 0, 6), MrzField.EXPIRY_DATE: (1, 8, 14)},
}
# A misread: in a checked field's characters, or in the document number's check digit.
FLAWS = (MrzField.NUMBER, MrzField.BIRTH_DATE, MrzField.EXPIRY_DATE, "check")
# The fields compared, in this order, to say where a correction differs from the document.
COMPARED_FIELDS = (
    MrzField.NUMBER,
    MrzField.BIRTH_DATE,
    MrzField.EXPIRY_DATE,
    MrzField.DOCUMENT_CODE,
    MrzField.ISSUING_STATE,
    MrzField.SURNAMES,
    MrzField.GIVEN_NAMES,
    MrzField.NATIONALITY,
    MrzField.SEX,
    MrzField.OPTIONAL,
)
VALID, MISREAD, EXPIRED, UNREADABLE = "valid", "misread", "expired", "unreadable"


def misread(rng: random.Random, zone: str, zone_format: str, flaw: str) -> tuple[str, str] | None:
    """The zone as a reader misread it and the field whose check digit now fails; None when the
    field has no character the reader confuses."""
    lines = zone.split("\n")
    field = MrzField.NUMBER if flaw == "check" else flaw
    line, start, end = FIELD_SPANS[zone_format][field]
    if flaw == "check":
        positions, table = [end], CHECK_DIGIT_MISREADS
    else:
        table = {**DIGIT_AS_LETTER, **LETTER_AS_DIGIT}
        positions = [index for index in range(start, end) if lines[line][index] in table]
    if not positions:
        return None
    index = rng.choice(positions)
    lines[line] = lines[line][:index] + table[lines[line][index]] + lines[line][index + 1 :]
    return "\n".join(lines), str(field)


def cut_short(rng: random.Random, zone: str) -> str:
    """The zone with its second line cut where the reader lost it: no check digit can be read."""
    lines = zone.split("\n")
    lines[1] = lines[1][: rng.randint(12, len(lines[1]) - 12)]
    return "\n".join(lines)


def _who(entry: dict[str, Any]) -> dict[str, Any]:
    return {"position": entry["position"], "traveller": entry["traveller"]}


def _value(field: str, data: MrzData) -> Any:
    value = getattr(data, field)
    return coded("date", value.isoformat()) if isinstance(value, dt.date) else value


def correction_finding(entry: dict[str, Any], corrected: str) -> Finding | None:
    """None when the corrected zone says what the document's zone says; else what is wrong with it."""
    who = _who(entry)
    failures = mrz_check_failures(corrected)
    if failures:
        return Finding("triage.correction_fails", {**who, "field": coded("mrz_field", failures[0])})
    try:
        data = mrz_read(corrected)
    except ValidationError:
        return Finding("triage.correction_unreadable", who)
    document = mrz_read(entry["zone"])
    if data == document:
        return None
    field = next((field for field in COMPARED_FIELDS if getattr(data, field) != getattr(document, field)), None)
    if field is None:  # the same fields in another format: a card's zone typed as a passport's
        field = MrzField.DOCUMENT_CODE
    return Finding(
        "triage.correction_differs",
        {
            **who,
            "field": coded("mrz_field", str(field)),
            "found": _value(field, data),
            "expected": _value(field, document),
        },
    )


def scan_finding(entry: dict[str, Any], scan: DocumentScan | None) -> Finding | None:
    """None when the scan was triaged as it must be; else the finding that names the mistake."""
    who = _who(entry)
    status = scan.status if scan is not None else ScanStatus.PENDING
    if status == ScanStatus.PENDING:
        return Finding("triage.undecided", who)
    accepted = status in (ScanStatus.ACCEPTED, ScanStatus.CORRECTED)
    reason = scan.rejection_reason
    kind = entry["kind"]
    if kind == VALID:
        if status == ScanStatus.REJECTED:
            return Finding("triage.valid_rejected", who)
        return Finding("triage.valid_corrected", who) if status == ScanStatus.CORRECTED else None
    if kind == MISREAD:
        field = coded("mrz_field", entry["field"])
        if status == ScanStatus.ACCEPTED:
            return Finding("triage.misread_accepted", {**who, "field": field})
        if status == ScanStatus.REJECTED:
            return Finding("triage.misread_rejected", {**who, "field": field})
        return correction_finding(entry, scan.corrected_mrz)
    if accepted and kind == EXPIRED:
        return Finding(
            "triage.expired_accepted", {**who, "expired_on": coded("date", entry["expired_on"])}, critical=True
        )
    if accepted:
        return Finding("triage.unreadable_accepted", who, critical=True)
    if reason != entry["reason"]:
        return Finding(
            "triage.wrong_reason",
            {**who, "found": coded("rejection", reason), "expected": coded("rejection", entry["reason"])},
        )
    return None


@register
class MrzTriage(ExerciseType):
    slug = "mrz_triage"
    domain_number = 2
    role = "border_officer"
    title = _("Triage scanned machine-readable zones")
    summary = _(
        "A queue of scanned documents waits at a crossing point: accept each zone read correctly, correct "
        "the characters the reader misread, and reject a document that cannot be accepted, with the reason."
    )
    parameters = ("crossing_point", "travellers", "difficulty")
    brief_template = "sandbox/exercises/brief_mrz_triage.html"
    workspace_url_name = "sandbox:scan_triage"
    messages = {
        "triage.undecided": (
            _("Scan left undecided"),
            _("Scan %(position)s (%(traveller)s) is still waiting: every scan of the queue needs a decision."),
        ),
        "triage.valid_rejected": (
            _("Valid zone rejected"),
            _("Scan %(position)s (%(traveller)s): rejected, but the zone was valid: accept it."),
        ),
        "triage.valid_corrected": (
            _("Valid zone corrected"),
            _("Scan %(position)s (%(traveller)s): corrected, but the zone was read correctly: accept it as read."),
        ),
        "triage.misread_accepted": (
            _("Misread zone accepted as read"),
            _(
                "Scan %(position)s (%(traveller)s): accepted as read, but its %(field)s fails its check digit: "
                "correct it."
            ),
        ),
        "triage.misread_rejected": (
            _("Misread zone rejected"),
            _(
                "Scan %(position)s (%(traveller)s): rejected, but the zone can be corrected: the reader misread "
                "its %(field)s. Correct the misread characters."
            ),
        ),
        "triage.correction_fails": (
            _("Correction fails a check digit"),
            _("Scan %(position)s (%(traveller)s): the corrected zone still fails the check digit of the %(field)s."),
        ),
        "triage.correction_unreadable": (
            _("Correction cannot be read"),
            _(
                "Scan %(position)s (%(traveller)s): the corrected zone cannot be read: its lines, lengths, dates "
                "or sex are not those of a passport's or an identity card's zone."
            ),
        ),
        "triage.correction_differs": (
            _("Correction differs from the document"),
            _(
                "Scan %(position)s (%(traveller)s): the corrected zone passes its check digits, but its %(field)s "
                "reads %(found)s where the document has %(expected)s. Correct the misread characters, not the "
                "check digits."
            ),
        ),
        "triage.expired_accepted": (
            _("Expired document accepted"),
            _(
                "Scan %(position)s (%(traveller)s): accepted, but the document expired on %(expired_on)s: "
                "reject it as expired."
            ),
        ),
        "triage.unreadable_accepted": (
            _("Unreadable zone accepted"),
            _(
                "Scan %(position)s (%(traveller)s): accepted, but the zone cannot be read or corrected: "
                "reject it as unreadable."
            ),
        ),
        "triage.wrong_reason": (
            _("Wrong reason for a rejection"),
            _(
                "Scan %(position)s (%(traveller)s): rejected for the wrong reason. The reason given: %(found)s. "
                "The right reason: %(expected)s."
            ),
        ),
    }

    def parameter_defaults(self) -> dict[str, Any]:
        return {"crossing_point": "GT-GUA", "travellers": SCANS_DEFAULT, "difficulty": "standard"}

    def parameters_validate(self, values: dict[str, Any], errors: dict[str, list[str]]) -> None:
        crossing_point_check(values.get("crossing_point"), errors, kinds=("LAND", "AIR"))
        try:
            scans = int(values.get("travellers"))
        except (TypeError, ValueError):
            scans = None
        if scans is None or not SCANS_MIN <= scans <= SCANS_MAX:
            errors.setdefault("travellers", []).append(
                str(
                    _("This exercise needs between %(min)d and %(max)d scanned documents.")
                    % {"min": SCANS_MIN, "max": SCANS_MAX}
                )
            )
        else:
            values["travellers"] = scans
        if values.get("difficulty") not in dict(DIFFICULTIES):
            errors.setdefault("difficulty", []).append(str(_("Choose a difficulty of the list.")))

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        point = crossing_point_get(context.parameters["crossing_point"])
        now = local_now(point, context.anchor).replace(second=0, microsecond=0)
        today = now.date()
        count = context.parameters["travellers"]
        kinds = [MISREAD] * MISREADS + [EXPIRED]
        if context.parameters.get("difficulty") == "hard":
            kinds.append(UNREADABLE)
        kinds += [VALID] * (count - len(kinds))
        rng.shuffle(kinds)
        flaws = iter(rng.sample(FLAWS, MISREADS))
        # Early enough that the last scan (at most five minutes after the one before) is not in the future.
        scanned_at = now - dt.timedelta(minutes=5 * count + rng.randint(5, 20))
        plan = ScenarioPlan()
        entries = []
        for position, kind in enumerate(kinds, start=1):
            traveller = traveller_draw(rng, nationality=visitor_nationality(rng, point), on=today)
            # An identity card is a travel document only between CA-4 states.
            is_card = point.is_ca4_internal and rng.random() < 0.4
            if kind == EXPIRED:
                expires = today - dt.timedelta(days=rng.randint(3, 400))
            else:
                expires = today + dt.timedelta(days=rng.randint(60, 9 * 365))
            number = card_number(rng) if is_card else passport_number(rng)
            zone = (card_mrz if is_card else passport_mrz)(traveller, number=number, expires_on=expires)
            entry: dict[str, Any] = {"position": position, "traveller": traveller.full_name, "kind": kind}
            raw = zone
            if kind == MISREAD:
                flaw = next(flaws)
                read = misread(rng, zone, "TD1" if is_card else "TD3", flaw) or misread(
                    rng, zone, "TD1" if is_card else "TD3", MrzField.BIRTH_DATE
                )
                raw, entry["field"] = read
                entry.update(outcome=ScanStatus.CORRECTED, zone=zone)
            elif kind == EXPIRED:
                entry.update(outcome=ScanStatus.REJECTED, reason=ScanRejection.EXPIRED, expired_on=expires.isoformat())
            elif kind == UNREADABLE:
                raw = cut_short(rng, zone)
                entry.update(outcome=ScanStatus.REJECTED, reason=ScanRejection.UNREADABLE)
            else:
                entry.update(outcome=ScanStatus.ACCEPTED)
            scanned_at += dt.timedelta(minutes=rng.randint(1, 4), seconds=rng.randint(0, 59))
            entry["scan"] = plan.add(
                f"scan_{position}",
                DocumentScan,
                crossing_point_id=point.code,
                scanned_at=scanned_at.astimezone(dt.UTC),
                position=position,
                traveller_name=traveller.full_name,
                raw_mrz=raw,
                status=ScanStatus.PENDING,
            )
            entries.append(entry)
        plan.brief = {"crossing_point": point.code, "scans": count, "today": today.isoformat()}
        plan.expected = {"scans": entries}
        return plan

    def check(self, context: CheckContext) -> CheckResult:
        entries = context.expected["scans"]
        scans = {
            scan.uid: scan
            for scan in DocumentScan.objects.visible_to(context.sandbox).filter(
                uid__in=[entry["scan"] for entry in entries]
            )
        }
        return score_from([(1, scan_finding(entry, scans.get(entry["scan"]))) for entry in entries])

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        return {"point": crossing_point_get(brief["crossing_point"]), "today": dt.date.fromisoformat(brief["today"])}
