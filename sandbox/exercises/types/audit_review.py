"""#13 Audit review (DOMAIN.md 5c), as the country's focal point (the data protection reviewer).

The scenario is a few days of the learner's country's audit log: 30 to 45 ordinary events of four
to six fictional officers (searches, record views, cross-border queries and small exports, in
working hours, each with a purpose and a case reference) and seeded anomalies of every kind the
generated log has (`sandbox.generation.audit`): searches or queries without a case reference
(NO_CASE_REF), a view of a colleague's record (COLLEAGUE: each officer is a person of the
country's records, under the name their label carries), a view of a public figure's protected
record (VIP: `record_marker: PUBLIC_FIGURE`), a bulk export at 03:00 local time (NIGHT_EXPORT) and
a burst of lookups of one person by one officer within the hour (REPEATED: every event of it).
Each event's kind is the hidden truth of `AuditEvent.anomaly`; the checker reads the expected
uids by kind from the attempt.

The learner flags the events that do not fit the work in the audit viewer
(`sandbox:audit_flag`, `services_audit.audit_flag`): each flag is the learner's own audit event,
an UPDATE of record type "audit_event" whose `object_uid` is the flagged event and whose
parameters are {"flag": true, "note": ...} ({"flag": false} removes it); the latest per event
wins (`selectors_audit.audit_flags`). The check grades the flagged set of the scenario's events
against the anomalies by F1 (DOMAIN 5c: F1 >= 0.8 passes; the score is 100 x F1, the default
pass mark 80). Flags on events outside the scenario (the baseline's log) are not counted.
Findings name each kind with events left unflagged and count the false flags, never which event
is which.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from sandbox.exercises.base import (
    BuildContext,
    CheckContext,
    CheckResult,
    ExerciseType,
    Finding,
    Ref,
    ScenarioPlan,
)
from sandbox.exercises.people import Traveller, traveller_draw
from sandbox.exercises.registry import register
from sandbox.exercises.types.alerting import home_country
from sandbox.exercises.types.common import OCAM_NATIONALITIES, crossing_points_all
from sandbox.models import AuditEvent, IcaoCountry, Person

KINDS = ("NO_CASE_REF", "COLLEAGUE", "VIP", "NIGHT_EXPORT", "REPEATED")
DAYS = 3
OFFICERS = (4, 6)
ORDINARY = (30, 45)
TRAVELLERS = 8
BURST = (4, 6)
WORKING_HOURS = (8, 18)
NIGHT_EXPORT_HOUR = 3
PURPOSES = ("BORDER_CHECK", "BORDER_CHECK", "INVESTIGATION", "RETURN_VERIFICATION")
PREFIX = {"GTM": "GT", "SLV": "SV", "HND": "HN", "NIC": "NI", "CRI": "CR", "PAN": "PA", "BLZ": "BZ", "DOM": "DO"}
PUBLIC_FIGURE = "PUBLIC_FIGURE"
PASS_F1 = 0.8


@register
class AuditReview(ExerciseType):
    slug = "audit_review"
    domain_number = 13
    role = "focal_point"
    title = _("Audit review: flag the inappropriate consultations")
    summary = _(
        "A few days of your country's audit log: flag the events that do not fit the work (a lookup without a "
        "case reference, of a colleague or of a public figure, a bulk export at night, the same person looked up "
        "again and again), and only those."
    )
    parameters = ()
    default_pass_mark = 80
    brief_template = "sandbox/exercises/brief_audit_review.html"
    workspace_url_name = "sandbox:audit_list"
    messages = {
        "audit.none_flagged": (
            _("No event flagged"),
            _("You flagged none of the events of the period: the log has inappropriate consultations to find."),
        ),
        "audit.missed_no_case_ref": (
            _("Lookup without a case reference not flagged"),
            ngettext_lazy(
                "%(count)s search or query without a case reference was not flagged.",
                "%(count)s searches or queries without a case reference were not flagged.",
                "count",
            ),
        ),
        "audit.missed_colleague": (
            _("Lookup of a colleague not flagged"),
            ngettext_lazy(
                "%(count)s view of a colleague's record was not flagged.",
                "%(count)s views of a colleague's record were not flagged.",
                "count",
            ),
        ),
        "audit.missed_vip": (
            _("Lookup of a public figure not flagged"),
            ngettext_lazy(
                "%(count)s view of a public figure's protected record was not flagged.",
                "%(count)s views of a public figure's protected record were not flagged.",
                "count",
            ),
        ),
        "audit.missed_night_export": (
            _("Night-time bulk export not flagged"),
            ngettext_lazy(
                "%(count)s night-time bulk export was not flagged.",
                "%(count)s night-time bulk exports were not flagged.",
                "count",
            ),
        ),
        "audit.missed_repeated": (
            _("Repeated lookups not flagged"),
            ngettext_lazy(
                "%(count)s of the repeated lookups of one person within the hour was not flagged.",
                "%(count)s of the repeated lookups of one person within the hour were not flagged.",
                "count",
            ),
        ),
        "audit.false_flags": (
            _("Ordinary work flagged"),
            ngettext_lazy(
                "%(count)s flagged event is ordinary work: a lookup for a case, in working hours, with its reference.",
                "%(count)s flagged events are ordinary work: lookups for a case, in working hours, with their "
                "reference.",
                "count",
            ),
        ),
    }

    def build(self, context: BuildContext) -> ScenarioPlan:
        rng = context.rng
        country = home_country(context, rng)
        return _Scenario(rng, country, context.anchor).drawn()

    def check(self, context: CheckContext) -> CheckResult:
        from sandbox.selectors_audit import audit_flags

        expected = context.expected
        events = set(expected["events"])
        anomalies: dict[str, list[int]] = expected["anomalies"]
        truth = {uid for uids in anomalies.values() for uid in uids}
        flagged = set(audit_flags(sandbox=context.sandbox, actor=context.sandbox.owner, uids=events)) & events
        if not flagged:
            return CheckResult(score=0, findings=[Finding("audit.none_flagged")])
        hits = len(flagged & truth)
        precision, recall = hits / len(flagged), hits / len(truth)
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        findings = [
            Finding(f"audit.missed_{kind.lower()}", {"count": len(missed)})
            for kind in KINDS
            if (missed := [uid for uid in anomalies.get(kind, []) if uid not in flagged])
        ]
        false_flags = len(flagged - truth)
        if false_flags:
            findings.append(Finding("audit.false_flags", {"count": false_flags}))
        score = round(100 * f1)
        if findings and score == 100:
            score = 99
        return CheckResult(score=score, findings=findings)

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        state = IcaoCountry.objects.filter(code=brief["country"]).first()
        return {
            "country_name": state.name if state else brief["country"],
            "date_from": dt.date.fromisoformat(brief["date_from"]),
            "date_to": dt.date.fromisoformat(brief["date_to"]),
        }


class _Scenario:
    """One drawing of the period's log: its officers, the people they look up, its events."""

    def __init__(self, rng: random.Random, country: str, anchor: dt.datetime) -> None:
        self.rng, self.country = rng, country
        state = IcaoCountry.objects.filter(code=country).first()
        self.zone = zoneinfo.ZoneInfo((state.time_zone if state else "") or "UTC")
        last = anchor.astimezone(self.zone).date() - dt.timedelta(days=1)
        self.days = [last - dt.timedelta(days=DAYS - 1 - index) for index in range(DAYS)]
        self.plan = ScenarioPlan()
        self.events: list[tuple[dt.datetime, dict[str, Any], str]] = []

    def person(self, name: str, traveller: Traveller) -> Ref:
        return self.plan.add(name, Person, held_by_id=self.country, **traveller.person_fields())

    def moment(self, *, hours: tuple[int, int] = WORKING_HOURS, day: dt.date | None = None) -> dt.datetime:
        day = day or self.rng.choice(self.days)
        seconds = self.rng.randint(hours[0] * 3600, hours[1] * 3600 - 1)
        local = dt.datetime.combine(day, dt.time(), self.zone) + dt.timedelta(seconds=seconds)
        return local.astimezone(dt.UTC)

    def case_reference(self, moment: dt.datetime) -> str:
        return f"{PREFIX.get(self.country, self.country[:2])}-{moment.year}-{self.rng.randint(1, 99_999):05d}"

    def add(self, moment: dt.datetime, officer: str, anomaly: str = "", **fields: Any) -> None:
        values = {
            "actor_label": officer,
            "purpose_code": self.rng.choice(PURPOSES),
            "case_reference": self.case_reference(moment),
            "object_type": "person",
            "object_uid": None,
            "parameters": {},
            "result_count": None,
            **fields,
        }
        self.events.append((moment, values, anomaly))

    def lookup(self, moment: dt.datetime, officer: str, person: Ref, traveller: Traveller, **fields: Any) -> None:
        if self.rng.random() < 0.5:
            self.add(moment, officer, action="VIEW", object_uid=person, **fields)
            return
        self.add(
            moment,
            officer,
            action="SEARCH",
            parameters={"name": traveller.full_name, "birth_date": traveller.birth_date.isoformat(), "page": 1},
            result_count=self.rng.randint(1, 4),
            **fields,
        )

    def query(self, moment: dt.datetime, officer: str, traveller: Traveller, **fields: Any) -> None:
        others = [code for code in OCAM_NATIONALITIES if code != self.country]
        asked = sorted(self.rng.sample(others, self.rng.randint(1, len(others))))
        self.add(
            moment,
            officer,
            action="QUERY",
            object_type="query",
            parameters={
                "countries": asked,
                "name": traveller.full_name,
                "birth_date": traveller.birth_date.isoformat(),
            },
            result_count=len(asked),
            **fields,
        )

    def drawn(self) -> ScenarioPlan:
        rng, today = self.rng, self.days[-1]
        posts = [point.code for point in crossing_points_all() if point.country_id == self.country] or [self.country]
        officers: list[str] = []
        officer_people: list[Ref] = []
        numbers = rng.sample(range(1, 10_000), OFFICERS[1])
        for index in range(rng.randint(*OFFICERS)):
            traveller = traveller_draw(rng, nationality=self.country, on=today, age=(24, 60))
            officer_people.append(self.person(f"officer_{index}", traveller))
            given = traveller.given_names.split(" ")[0]
            officers.append(f"{given} {traveller.surname_1} ({numbers[index]:04d}, {rng.choice(posts)})")
        travellers = [
            traveller_draw(rng, nationality=rng.choice(OCAM_NATIONALITIES), on=today) for _ in range(TRAVELLERS)
        ]
        people = [self.person(f"traveller_{index}", traveller) for index, traveller in enumerate(travellers)]
        public_figure = traveller_draw(rng, nationality=self.country, on=today, age=(40, 70))
        figure = self.person("public_figure", public_figure)
        burst_traveller = traveller_draw(rng, nationality=rng.choice(OCAM_NATIONALITIES), on=today)
        burst_person = self.person("looked_up", burst_traveller)

        # Ordinary work: no officer looks the same person up twice.
        seen: set[tuple[int, int]] = set()
        for _index in range(rng.randint(*ORDINARY)):
            officer = rng.randrange(len(officers))
            kind = rng.choices(("LOOKUP", "QUERY", "EXPORT"), weights=(7, 2, 1))[0]
            moment = self.moment()
            if kind == "EXPORT":
                self.add(
                    moment,
                    officers[officer],
                    action="EXPORT",
                    object_type="movement",
                    parameters={"format": "csv"},
                    result_count=rng.randint(10, 300),
                )
                continue
            free = [index for index in range(TRAVELLERS) if (officer, index) not in seen] or list(range(TRAVELLERS))
            index = rng.choice(free)
            seen.add((officer, index))
            if kind == "QUERY":
                self.query(moment, officers[officer], travellers[index])
            else:
                self.lookup(moment, officers[officer], people[index], travellers[index])

        # The anomalies, one kind after the other.
        for index in range(2):
            officer, moment, traveller = rng.choice(officers), self.moment(), rng.randrange(TRAVELLERS)
            if index == 0:
                self.query(moment, officer, travellers[traveller], case_reference="", anomaly="NO_CASE_REF")
            else:
                self.add(
                    moment,
                    officer,
                    action="SEARCH",
                    parameters={
                        "name": travellers[traveller].full_name,
                        "birth_date": travellers[traveller].birth_date.isoformat(),
                        "page": 1,
                    },
                    result_count=rng.randint(1, 4),
                    case_reference="",
                    anomaly="NO_CASE_REF",
                )
        viewer = rng.randrange(len(officers))
        colleague = (viewer + rng.randint(1, len(officers) - 1)) % len(officers)
        self.add(
            self.moment(), officers[viewer], action="VIEW", object_uid=officer_people[colleague], anomaly="COLLEAGUE"
        )
        self.add(
            self.moment(),
            rng.choice(officers),
            action="VIEW",
            object_uid=figure,
            parameters={"record_marker": PUBLIC_FIGURE},
            anomaly="VIP",
        )
        self.add(
            self.moment(hours=(NIGHT_EXPORT_HOUR, NIGHT_EXPORT_HOUR + 1)),
            rng.choice(officers),
            action="EXPORT",
            parameters={"format": "csv"},
            result_count=rng.randint(2_000, 12_000),
            anomaly="NIGHT_EXPORT",
        )
        officer = rng.choice(officers)
        start = self.moment(hours=(WORKING_HOURS[0], WORKING_HOURS[1] - 1))
        case = self.case_reference(start)
        for offset in sorted(rng.sample(range(45 * 60), rng.randint(*BURST))):
            self.add(
                start + dt.timedelta(seconds=offset),
                officer,
                action="VIEW",
                object_uid=burst_person,
                case_reference=case,
                anomaly="REPEATED",
            )
        return self._written(officers)

    def _written(self, officers: list[str]) -> ScenarioPlan:
        """The events in time order, planned; the brief and the expected uids by kind."""
        anomalies: dict[str, list[Ref]] = {kind: [] for kind in KINDS}
        events: list[Ref] = []
        for index, (moment, values, anomaly) in enumerate(sorted(self.events, key=lambda event: event[0])):
            ref = self.plan.add(
                f"event_{index}",
                AuditEvent,
                held_by_id=self.country,
                actor=None,
                occurred_at=moment,
                anomaly=anomaly,
                **values,
            )
            events.append(ref)
            if anomaly:
                anomalies[anomaly].append(ref)
        self.plan.brief = {
            "country": self.country,
            "date_from": self.days[0].isoformat(),
            "date_to": self.days[-1].isoformat(),
            "officers": sorted(officers),
            "events": len(events),
        }
        self.plan.expected = {"events": events, "anomalies": anomalies}
        return self.plan
