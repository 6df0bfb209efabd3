"""The generated audit log: each member country's platform as its officers used it over the
baseline's period, with a few anomalies seeded for the audit review (DOMAIN.md 4.2, 5c #13).

Job: `audit_build` draws, per OCAM country, fictional officers and a few hundred events
(scaled with the baseline, capped): searches, record views and cross-border queries of the
people that country holds, the movements its posts registered, and small exports, in working
hours, with a purpose and a case reference; then a fixed number of anomalies of each kind
(`ANOMALIES`), whose kind is the hidden truth of `AuditEvent.anomaly`:

- NO_CASE_REF: a search or cross-border query without a case reference;
- COLLEAGUE: a view of the record of a colleague, another officer of the log (each officer is a
  traveller of the country's records too: their label carries that record's name);
- VIP: a view of a public figure's record. The baseline has no public figures, so a few people of
  each country are made so here: their records are marked protected, and every event that reads
  one carries the marker in its parameters (`record_marker: PUBLIC_FIGURE`), as the platform
  logs access to a protected record; no ordinary lookup touches them;
- NIGHT_EXPORT: a bulk export (thousands of rows) at 03:00 local time;
- REPEATED: one officer looking one person up again and again within the hour; every event of
  the burst carries the kind.

Invariants: deterministic for the context's seed (`ctx.rng("audit")` only); every event is held
by its country and names only records that country holds; ordinary events fall in working
hours (07:00-19:00 local), none touches an officer's or a public figure's record, and none has
a kind; uids follow the events' order in time.
"""

from __future__ import annotations

import numpy as np

from sandbox.generation.calibration import OCAM
from sandbox.generation.context import Context, Frame
from sandbox.generation.tables import Column

OFFICERS_PER_COUNTRY = 12
PUBLIC_FIGURES_PER_COUNTRY = 3
# Ordinary events per country: a few hundred, one more per this many movements of the scale.
EVENTS_MIN, EVENTS_MAX, MOVEMENTS_PER_EVENT = 150, 600, 2_000
# Anomalies of each kind per country (REPEATED: bursts, each of several events).
ANOMALIES = {"NO_CASE_REF": 4, "COLLEAGUE": 3, "VIP": 3, "NIGHT_EXPORT": 3, "REPEATED": 3}
BURST_LOOKUPS = (5, 9)  # a REPEATED burst's lookups, at least and fewer than
BURST_MINUTES = 45
WORKING_HOURS = (7, 19)
NIGHT_EXPORT_HOUR = 3
NIGHT_EXPORT_ROWS = (2_000, 12_000)
ORDINARY = (("SEARCH", 0.35), ("VIEW", 0.35), ("QUERY", 0.10), ("CREATE", 0.15), ("EXPORT", 0.05))
PURPOSES = (("BORDER_CHECK", 0.55), ("INVESTIGATION", 0.25), ("RETURN_VERIFICATION", 0.15), ("CHILD_PROTECTION", 0.05))
PREFIX = {"GTM": "GT", "SLV": "SV", "HND": "HN", "NIC": "NI", "CRI": "CR", "PAN": "PA", "BLZ": "BZ", "DOM": "DO"}
PUBLIC_FIGURE = "PUBLIC_FIGURE"


class _Log:
    """The events of the log as parallel lists, appended one at a time."""

    def __init__(self) -> None:
        self.columns: dict[str, list] = {
            name: []
            for name in (
                "actor_label",
                "action",
                "object_type",
                "object_uid",
                "parameters",
                "purpose_code",
                "case_reference",
                "result_count",
                "occurred_at",
                "held_by",
                "anomaly",
            )
        }

    def add(self, **values) -> None:
        for name, column in self.columns.items():
            column.append(values.get(name, {"object_uid": -1, "result_count": -1, "parameters": {}}.get(name, "")))

    def frame(self) -> Frame:
        frame: Frame = {}
        for name, values in self.columns.items():
            if name in ("object_uid", "result_count"):
                frame[name] = np.array(values, dtype=np.int64)
            elif name == "occurred_at":
                frame[name] = np.array(values, dtype="datetime64[s]")
            else:
                array = np.empty(len(values), dtype=object)
                array[:] = values
                frame[name] = array
        order = np.argsort(frame["occurred_at"], kind="stable")
        return {name: column[order] for name, column in frame.items()}


class _Country:
    """One country's drawing: its officers, its people, its calendar in local time."""

    def __init__(self, ctx: Context, rng: np.random.Generator, country: str, persons: Frame, held: np.ndarray) -> None:
        self.ctx, self.rng, self.country = ctx, rng, country
        adults = held[~persons["is_minor"][held]]
        drawn = rng.permutation(adults if len(adults) >= len(held) // 2 else held)
        # Officers are the country's nationals where it holds enough of them.
        nationals = drawn[persons["nationality"][drawn] == country]
        officers = (nationals if len(nationals) >= OFFICERS_PER_COUNTRY else drawn)[:OFFICERS_PER_COUNTRY]
        drawn = drawn[~np.isin(drawn, officers)]
        self.public_figures = drawn[:PUBLIC_FIGURES_PER_COUNTRY]
        pool = drawn[PUBLIC_FIGURES_PER_COUNTRY:]
        self.pool = pool if len(pool) else drawn
        self.officer_persons = officers
        posts = ctx.posts.code[ctx.posts.country == country]
        numbers = rng.choice(np.arange(1, 10_000), size=len(officers), replace=False)
        self.officers = [
            f"{str(persons['given_names'][person]).split(' ')[0]} {persons['surname_1'][person]}"
            f" ({number:04d}, {posts[rng.integers(len(posts))] if len(posts) else PREFIX[country]})"
            for person, number in zip(officers, numbers, strict=True)
        ]
        self.persons = persons

    def officer(self) -> int:
        return int(self.rng.integers(len(self.officers)))

    def moment(self, *, hours: tuple[int, int] = WORKING_HOURS, day: int | None = None) -> np.datetime64:
        """A moment (UTC) on a day of the period at a local time within `hours`."""
        day = int(self.rng.integers(self.ctx.days)) if day is None else day
        seconds = int(self.rng.integers(hours[0] * 3600, hours[1] * 3600))
        local = self.ctx.start64.astype("datetime64[s]") + np.timedelta64(day * 86_400 + seconds, "s")
        return local - np.timedelta64(self.ctx.offset[self.country], "s")

    def purpose(self) -> str:
        codes, weights = zip(*PURPOSES, strict=True)
        return str(self.rng.choice(codes, p=weights))

    def case_reference(self, moment: np.datetime64) -> str:
        year = moment.astype("datetime64[Y]").astype(int) + 1970
        return f"{PREFIX[self.country]}-{year}-{int(self.rng.integers(1, 100_000)):05d}"

    def name_of(self, person: int) -> str:
        return f"{self.persons['given_names'][person]} {self.persons['surname_1'][person]}".strip()

    def common(self, moment: np.datetime64, officer: int | None = None) -> dict:
        return {
            "actor_label": self.officers[self.officer() if officer is None else officer],
            "occurred_at": moment,
            "held_by": self.country,
            "purpose_code": self.purpose(),
            "case_reference": self.case_reference(moment),
        }

    def lookup(self, action: str, person: int, moment: np.datetime64, **values) -> dict:
        """A search for or a view of a person's record."""
        if action == "SEARCH":
            birth = np.datetime_as_string(self.persons["birth_date"][person], unit="D")
            return {
                **self.common(moment),
                "action": "SEARCH",
                "object_type": "person",
                "parameters": {"name": self.name_of(person), "birth_date": birth, "page": 1},
                "result_count": int(self.rng.integers(1, 5)),
                **values,
            }
        return {**self.common(moment), "action": "VIEW", "object_type": "person", "object_uid": person + 1, **values}

    def query(self, person: int, moment: np.datetime64, **values) -> dict:
        """A hit/no-hit query of other members about a person."""
        others = [code for code in sorted(OCAM) if code != self.country]
        asked = sorted(self.rng.choice(others, size=int(self.rng.integers(1, len(others) + 1)), replace=False))
        return {
            **self.common(moment),
            "action": "QUERY",
            "object_type": "query",
            "parameters": {
                "countries": [str(code) for code in asked],
                "name": self.name_of(person),
                "birth_date": np.datetime_as_string(self.persons["birth_date"][person], unit="D"),
            },
            "result_count": len(asked),
            **values,
        }


def _ordinary(log: _Log, country: _Country, n: int, movements: np.ndarray, m: Frame) -> None:
    rng = country.rng
    actions, weights = zip(*ORDINARY, strict=True)
    for action in rng.choice(actions, size=n, p=weights):
        person = int(rng.choice(country.pool))
        moment = country.moment()
        if action == "CREATE" and len(movements):
            movement = int(rng.choice(movements))
            log.add(
                actor_label=country.officers[country.officer()],
                occurred_at=m["occurred_at"][movement].astype("datetime64[s]"),
                held_by=country.country,
                action="CREATE",
                object_type="movement",
                object_uid=movement + 1,
            )
        elif action == "QUERY":
            log.add(**country.query(person, moment))
        elif action == "EXPORT":
            log.add(
                **country.common(moment),
                action="EXPORT",
                object_type="movement",
                parameters={"format": "csv"},
                result_count=int(rng.integers(10, 300)),
            )
        else:
            log.add(**country.lookup("SEARCH" if action == "SEARCH" else "VIEW", person, moment))


def _anomalies(log: _Log, country: _Country) -> None:
    rng = country.rng
    for _ in range(ANOMALIES["NO_CASE_REF"]):
        person, moment = int(rng.choice(country.pool)), country.moment()
        event = country.query(person, moment) if rng.random() < 0.5 else country.lookup("SEARCH", person, moment)
        log.add(**{**event, "case_reference": "", "anomaly": "NO_CASE_REF"})
    for _ in range(ANOMALIES["COLLEAGUE"]):
        viewer = country.officer()
        colleague = (viewer + 1 + int(rng.integers(len(country.officers) - 1))) % len(country.officers)
        person = int(country.officer_persons[colleague])
        log.add(**country.lookup("VIEW", person, country.moment(), anomaly="COLLEAGUE"))
    for index in range(ANOMALIES["VIP"]):
        person = int(country.public_figures[index % len(country.public_figures)])
        log.add(
            **country.lookup(
                "VIEW", person, country.moment(), parameters={"record_marker": PUBLIC_FIGURE}, anomaly="VIP"
            )
        )
    for _ in range(ANOMALIES["NIGHT_EXPORT"]):
        moment = country.moment(hours=(NIGHT_EXPORT_HOUR, NIGHT_EXPORT_HOUR + 1))
        log.add(
            **country.common(moment),
            action="EXPORT",
            object_type="person",
            parameters={"format": "csv"},
            result_count=int(rng.integers(*NIGHT_EXPORT_ROWS)),
            anomaly="NIGHT_EXPORT",
        )
    for _ in range(ANOMALIES["REPEATED"]):
        officer, person = country.officer(), int(rng.choice(country.pool))
        start = country.moment(hours=(WORKING_HOURS[0], WORKING_HOURS[1] - 1))
        case = country.case_reference(start)
        offsets = np.sort(rng.integers(0, BURST_MINUTES * 60, size=int(rng.integers(*BURST_LOOKUPS))))
        for offset in offsets:
            event = country.lookup("VIEW", person, start + np.timedelta64(int(offset), "s"), anomaly="REPEATED")
            log.add(**{**event, "actor_label": country.officers[officer], "case_reference": case})


def audit_build(ctx: Context, persons: Frame, m: Frame, *, held_by: np.ndarray) -> Frame:
    """The audit log of every OCAM country, oldest first (`held_by`: each person's holder)."""
    rng = ctx.rng("audit")
    log = _Log()
    ordinary = min(EVENTS_MAX, EVENTS_MIN + ctx.scale // MOVEMENTS_PER_EVENT)
    movement_country = ctx.posts.country[m["post"]]
    for code in sorted(OCAM):
        held = np.flatnonzero(held_by == code)
        if len(held) < OFFICERS_PER_COUNTRY + PUBLIC_FIGURES_PER_COUNTRY + 1:
            continue
        country = _Country(ctx, rng, code, persons, held)
        _ordinary(log, country, ordinary, np.flatnonzero(movement_country == code), m)
        _anomalies(log, country)
    return log.frame()


def audit_columns(frame: Frame) -> dict[str, Column]:
    """The log's columns for `tables.table_build(AuditEvent, ...)`."""
    n = len(frame["action"])
    return {
        "uid": Column("int", np.arange(1, n + 1, dtype=np.int64)),
        "actor_label": Column("text", frame["actor_label"]),
        "action": Column("text", frame["action"]),
        "object_type": Column("text", frame["object_type"]),
        "object_uid": Column("int", frame["object_uid"], nullable=True),
        "parameters": Column("json", frame["parameters"]),
        "purpose_code": Column("text", frame["purpose_code"]),
        "case_reference": Column("text", frame["case_reference"]),
        "result_count": Column("int", frame["result_count"], nullable=True),
        "occurred_at": Column("datetime", frame["occurred_at"]),
        "held_by_id": Column("text", frame["held_by"]),
        "anomaly": Column("text", frame["anomaly"]),
    }
