"""#5 Adjudicate possible hits at the secondary line (DOMAIN.md 5c).

Six travellers arrived by air at the exercise's post (`crossing_point`, Tocumen by default) and
were referred: each one's screening found a POSSIBLE hit on a person alert whose subject's name
and birth date resemble theirs (the alert wrote the name otherwise: without accents, one
surname, surnames swapped; or the birth date with day and month swapped). Each traveller is on
file with their passport and national ID number; each alert names its subject's nationality and
national ID number.

Two to four of the six are the alert's subject: same nationality, same national ID number, the
difference only in how the name or date was written. The others are someone else: their
national ID number differs (and, for some, their nationality). The learner records CONFIRMED or
FALSE_POSITIVE for each (`sandbox.screening.hit_adjudicate`), which applies the alert's action
and notifies the issuing country of a confirmed hit on another country's alert.

Graded: each disposition equals the truth (letting the subject of an alert go is critical), a
notification exists for each confirmed hit on a foreign alert, and none for a false positive.
Every planted hit's score and matched fields are what `sandbox.matching.person_match` gives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

from django.utils.translation import gettext_lazy as _

from sandbox.exercises.base import (
    BuildContext,
    CheckContext,
    CheckResult,
    ExerciseType,
    Finding,
    ScenarioPlan,
    score_from,
)
from sandbox.exercises.people import Traveller, card_number, surname_draw, traveller_draw
from sandbox.exercises.registry import register
from sandbox.exercises.types.alerting import legal_reference, plan_person_alert, subject_name
from sandbox.exercises.types.common import (
    OCAM_NATIONALITIES,
    crossing_point_check,
    crossing_point_get,
    local_now,
    plan_movement,
    plan_traveller_on_file,
    standard_stay,
)
from sandbox.matching import fold, person_match
from sandbox.models import AlertHit, HitNotification

HITS = 6


def _with_swappable_birth(traveller: Traveller, rng: random.Random) -> Traveller:
    """The traveller born on a day that could be read as a month (1-12, not their month)."""
    born = traveller.birth_date
    day = rng.choice([day for day in range(1, 13) if day != born.month])
    return dataclasses.replace(traveller, birth_date=born.replace(day=day))


def _swapped(date: dt.date) -> dt.date:
    return date.replace(day=date.month, month=date.day)


def _written(traveller: Traveller, rng: random.Random, *, is_subject: bool) -> tuple[str, dt.date]:
    """The name and birth date as the alert wrote them: resembling the traveller's, so that
    screening finds a POSSIBLE hit, whoever the subject is."""
    plain = fold(traveller.given_names)
    if is_subject:
        surnames = rng.choice(
            [
                fold(traveller.surnames),
                fold(f"{traveller.surname_2} {traveller.surname_1}"),
                fold(traveller.surname_1),
            ]
        )
        return f"{surnames}, {plain}", _swapped(traveller.birth_date)
    if rng.random() < 0.5:
        # Another person of the same name, born the same year on the day and month swapped.
        return subject_name(traveller), _swapped(traveller.birth_date)
    # Someone with the same first surname and given names, born the same day: another second surname.
    for _attempt in range(12):
        other = surname_draw(rng)
        written = f"{fold(traveller.surname_1)} {fold(other)}, {plain}"
        match = _match(traveller, written, traveller.birth_date)
        if fold(other) != fold(traveller.surname_2) and match is not None and match.level == "POSSIBLE":
            return written, traveller.birth_date
    return subject_name(traveller), _swapped(traveller.birth_date)


def _match(traveller: Traveller, written: str, born: dt.date):
    return person_match(
        given_names=traveller.given_names,
        surnames=traveller.surnames,
        birth_date=traveller.birth_date,
        subject_name=written,
        subject_birth_date=born,
    )


@register
class HitAdjudication(ExerciseType):
    slug = "hit_adjudication"
    domain_number = 5
    role = "secondary_officer"
    title = _("Adjudicate possible hits at the secondary line")
    summary = _(
        "Six referred travellers each have a possible hit on an alert: compare the person, the document and the "
        "alert, confirm the true hits and clear the false positives."
    )
    parameters = ("crossing_point",)
    brief_template = "sandbox/exercises/brief_hit_adjudication.html"
    workspace_url_name = "sandbox:secondary_queue"
    messages = {
        "adjudication.undecided": (
            _("Hit left undecided"),
            _("The possible hit of %(traveller)s is still %(found)s: every hit needs a disposition."),
        ),
        "adjudication.missed": (
            _("True hit cleared"),
            _(
                "The hit of %(traveller)s was cleared as a false positive, but the traveller is the alert's "
                "subject: the same nationality and national ID number; only the name or the date was written "
                "otherwise. Confirm it."
            ),
        ),
        "adjudication.wrongly_confirmed": (
            _("False positive confirmed"),
            _(
                "The hit of %(traveller)s was confirmed, but the traveller is not the alert's subject: their "
                "national ID number differs. A similar name and birth date are not an identification."
            ),
        ),
        "adjudication.notification_missing": (
            _("Issuing country not notified"),
            _(
                "No notification was sent to %(country)s for the confirmed hit of %(traveller)s: a confirmed hit "
                "on another country's alert is notified to that country."
            ),
        ),
        "adjudication.notification_wrong": (
            _("Notification of a false positive"),
            _(
                "A notification was sent to %(country)s for the hit of %(traveller)s, who is not the alert's "
                "subject: only a confirmed hit is notified."
            ),
        ),
    }

    def parameter_defaults(self) -> dict[str, Any]:
        return {"crossing_point": "PA-PTY"}

    def parameters_validate(self, values: dict[str, Any], errors: dict[str, list[str]]) -> None:
        crossing_point_check(values.get("crossing_point"), errors, kinds=("AIR",))

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        point = crossing_point_get(context.parameters["crossing_point"])
        country = point.country_id
        now = local_now(point, context.anchor).replace(second=0, microsecond=0)
        foreigners = [code for code in OCAM_NATIONALITIES if code != country]
        subjects = rng.randint(2, 4)
        truths = [True] * subjects + [False] * (HITS - subjects)
        # A foreign alert and one of the post's country among the true hits, a foreign one among the false.
        issuers = [rng.choice(foreigners), country] + [rng.choice([country, *foreigners]) for _ in range(subjects - 2)]
        issuers += [rng.choice(foreigners)] + [rng.choice([country, *foreigners]) for _ in range(HITS - subjects - 1)]
        cases = list(zip(truths, issuers, strict=True))
        rng.shuffle(cases)
        plan = ScenarioPlan()
        briefs, expected = [], []
        for index, (is_subject, issuer) in enumerate(cases):
            name = f"traveller_{index}"
            traveller = _with_swappable_birth(
                traveller_draw(rng, nationality=rng.choice(foreigners), on=now.date()), rng
            )
            national_id = card_number(rng)
            person, passport, number, _mrz, _expires = plan_traveller_on_file(
                plan,
                rng,
                traveller,
                name=name,
                today=now.date(),
                national_id_number=national_id,
                national_id_country_id=traveller.nationality,
            )
            written, born = _written(traveller, rng, is_subject=is_subject)
            match = _match(traveller, written, born)
            alert_nationality = traveller.nationality
            alert_id = national_id
            if not is_subject:
                alert_id = card_number(rng)
                if rng.random() < 0.5:
                    others = [code for code in OCAM_NATIONALITIES if code != traveller.nationality]
                    alert_nationality = rng.choice(others)
            category = "ENTRY_BAN" if issuer == country else "WANTED"
            valid_from = now.date() - dt.timedelta(days=rng.randint(30, 300))
            alert = plan_person_alert(
                plan,
                name=f"{name}_alert",
                category=category,
                traveller=traveller,
                issuing_country=issuer,
                valid_from=valid_from,
                valid_until=valid_from + dt.timedelta(days=365),
                written_name=written,
                written_birth_date=born,
                national_id=alert_id,
                nationality=alert_nationality,
                legal_reference=legal_reference(rng, issuer, valid_from.year, "EXP"),
            )
            arrived = now - dt.timedelta(minutes=rng.randint(20, 180))
            movement = plan_movement(
                plan,
                name=f"{name}_entry",
                traveller=traveller,
                person=person,
                document=passport,
                point=point,
                local=arrived,
                direction="ENTRY",
                stay_days=standard_stay(point, traveller.nationality),
                decision="REFERRED",
                refusal_code="SCREENING_HIT",
                screening_result="POSSIBLE",
            )
            hit = plan.add(
                f"{name}_hit",
                AlertHit,
                alert_uid=alert,
                movement_uid=movement,
                person_uid=person,
                document_uid=passport,
                crossing_point_id=point.code,
                screened_at=arrived.astimezone(dt.UTC),
                screened_by=None,
                traveller={
                    "given_names": traveller.given_names,
                    "surnames": traveller.surnames,
                    "birth_date": traveller.birth_date.isoformat(),
                    "nationality": traveller.nationality,
                    "document_number": number,
                    "issuing_state": traveller.nationality,
                    "sex": traveller.sex,
                    "national_id_number": national_id,
                    "direction": "ENTRY",
                    "level": match.level,
                },
                matched_fields=match.fields,
                match_type="NAME_DOB_FUZZY",
                score=match.score,
                disposition="PENDING",
            )
            briefs.append({"traveller": traveller.full_name, "arrived_at": arrived.isoformat()})
            expected.append(
                {
                    "hit": hit,
                    "alert": alert,
                    "traveller": traveller.full_name,
                    "issuer": issuer,
                    "disposition": "CONFIRMED" if is_subject else "FALSE_POSITIVE",
                    "notify": is_subject and issuer != country,
                }
            )
        briefs.sort(key=lambda entry: entry["arrived_at"])
        plan.brief = {"crossing_point": point.code, "travellers": briefs}
        plan.expected = {"hits": expected}
        return plan

    def check(self, context: CheckContext) -> CheckResult:
        entries = context.expected["hits"]
        uids = [entry["hit"] for entry in entries]
        hits = {hit.uid: hit for hit in AlertHit.objects.visible_to(context.sandbox).filter(uid__in=uids)}
        notified = set(
            HitNotification.objects.visible_to(context.sandbox)
            .filter(hit_uid__in=[entry["hit"] for entry in entries])
            .values_list("hit_uid", flat=True)
        )
        criteria: list[tuple[int, Finding | None]] = []
        for entry in entries:
            hit = hits.get(entry["hit"])
            who = {"traveller": entry["traveller"]}
            disposition = hit.disposition if hit is not None else "PENDING"
            finding = None
            if disposition not in ("CONFIRMED", "FALSE_POSITIVE"):
                finding = Finding(
                    "adjudication.undecided", {**who, "found": {"kind": "disposition", "value": disposition}}
                )
            elif disposition != entry["disposition"]:
                missed = entry["disposition"] == "CONFIRMED"
                finding = Finding(
                    "adjudication.missed" if missed else "adjudication.wrongly_confirmed", who, critical=missed
                )
            criteria.append((2, finding))
            country = {"country": {"kind": "country", "value": entry["issuer"]}}
            is_notified = entry["hit"] in notified
            if entry["notify"] and not is_notified:
                criteria.append((1, Finding("adjudication.notification_missing", {**who, **country})))
            elif is_notified and entry["disposition"] == "FALSE_POSITIVE":
                criteria.append((1, Finding("adjudication.notification_wrong", {**who, **country})))
            else:
                criteria.append((1, None))
        return score_from(criteria)

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        return {
            "point": crossing_point_get(brief["crossing_point"]),
            "travellers": [
                {**entry, "arrived_at": dt.datetime.fromisoformat(entry["arrived_at"])} for entry in brief["travellers"]
            ],
        }
