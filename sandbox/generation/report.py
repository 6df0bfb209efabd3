"""The calibration report: the loaded baseline's shares next to DOMAIN.md's targets.

Job: measure the baseline in the database (never the generator's memory) with a few grouped
queries, and pair each measure with its target range and source from `calibration`.

Invariants: reads the baseline scope only; every row says whether the measure falls within
its range ("ok") or not; an indicator with nothing to measure (e.g. no Holy Week in the
period) is left out rather than reported as 0. Sections, labels and notes are in the active
language; codes (countries, posts, defect types) and document references are not translated.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import NamedTuple

from dateutil.easter import easter
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sandbox.generation.calibration import (
    DEFECT_RATES,
    JOURNEY_DELAY_BUS,
    JOURNEY_GAP_RELATIVE,
    JOURNEY_GAP_TOLERANCE,
    JOURNEY_MATCHED_RANGE,
    JOURNEY_MIN_EXITS,
    MODE_SPLIT,
    MONTH_INDEX,
    OCAM,
    RETURN_MONTH_FACTOR,
    RETURNS_SHARE_OF_SCALE,
    country_share_target,
    noted,
)
from sandbox.generation.journeys import pair_expectations
from sandbox.models import Alert, AlertHit, Baseline, DataQualityDefect, Document, Movement, Person, ReturnEvent
from sandbox.reference import crossing_points
from sandbox.screening import BLOCKING_ACTIONS

D5B = "DOMAIN.md 5b"
# The longest time between a journey's two controls, and the minutes a child crosses after its parent.
JOURNEY_WINDOW = dt.timedelta(minutes=JOURNEY_DELAY_BUS[3] + 10)
NATIONALS_TARGET = {"DOM": (0.20, 0.35)}  # DOMAIN.md 2.3, acento.com.do: 25% Dominicans


class Row(NamedTuple):
    section: str
    indicator: str
    value: float
    low: float
    high: float
    source: str

    @property
    def ok(self) -> bool:
        return self.low - 1e-9 <= self.value <= self.high + 1e-9


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _daily(queryset, first: dt.date, last: dt.date) -> float:
    return queryset.filter(local_date__range=(first, last)).count() / ((last - first).days + 1)


def _movements(baseline: Baseline) -> list[Row]:
    rows: list[Row] = []
    movements = Movement.objects.baseline()
    total = movements.count()
    by_country_mode = defaultdict(int)
    for item in movements.values("crossing_point__country_id", "transport_mode").annotate(n=Count("id")):
        by_country_mode[(item["crossing_point__country_id"], item["transport_mode"])] += item["n"]
    by_country = defaultdict(int)
    for (country, _mode), n in by_country_mode.items():
        by_country[country] += n
    for country in OCAM:
        target = country_share_target(country)
        rows.append(Row(_("Country volume"), country, _share(by_country[country], total), *target))
    for country in OCAM:
        for mode, share in MODE_SPLIT[country].items():
            if share >= 0.01:
                value = _share(by_country_mode[(country, mode)], by_country[country])
                rows.append(
                    Row(
                        _("Mode split"),
                        f"{country} {mode}",
                        value,
                        max(0, share - 0.05),
                        share + 0.05,
                        "DOMAIN.md 2.3, 5b",
                    )
                )
    by_post = dict(movements.values_list("crossing_point_id").annotate(n=Count("id")))
    for post in crossing_points():
        if post["volume_share"]:
            value = _share(by_post.get(post["code"], 0), by_country[post["country_id"]])
            share = post["volume_share"]
            rows.append(
                Row(_("Crossing points"), post["code"], value, share * 0.75, share * 1.25, "border_crossing_points.csv")
            )
    nationals = dict(
        movements.filter(nationality_id=F("crossing_point__country_id"))
        .values_list("crossing_point__country_id")
        .annotate(n=Count("id"))
    )
    for country in OCAM:
        if country in NATIONALS_TARGET:
            low, high = NATIONALS_TARGET[country]
            source = noted("DOMAIN.md 2.3", _("acento.com.do: %(share)d%% Dominicans") % {"share": 25})
        else:
            low, high = 0.30, 0.50
            source = noted(D5B, _("nationals %(low)d-%(high)d%%") % {"low": 30, "high": 50})
        rows.append(
            Row(_("Nationals"), country, _share(nationals.get(country, 0), by_country[country]), low, high, source)
        )
    for country in OCAM:
        top = (
            movements.filter(crossing_point__country_id=country)
            .exclude(nationality_id=country)
            .values_list("nationality_id")
            .annotate(n=Count("id"))
            .order_by("-n")[:3]
        )
        for nationality, n in top:
            rows.append(
                Row(
                    _("Top foreign nationalities"),
                    f"{country} {nationality}",
                    _share(n, by_country[country]),
                    0,
                    1,
                    D5B,
                )
            )
    males = movements.filter(sex="M").count()
    rows.append(Row(_("Demography"), _("male share of movements"), _share(males, total), 0.45, 0.55, D5B))
    minors = movements.filter(age_group__in=("Y_LT12", "Y12T17")).count()
    rows.append(Row(_("Demography"), _("minors share of movements"), _share(minors, total), 0.08, 0.12, D5B))
    return rows


def _seasonality(baseline: Baseline) -> list[Row]:
    rows: list[Row] = []
    air = Movement.objects.baseline().filter(transport_mode="AIR")
    per_month = defaultdict(float)
    days_in = defaultdict(int)
    day = baseline.period_start
    while day <= baseline.period_end:
        days_in[day.month] += 1
        day += dt.timedelta(days=1)
    for item in air.annotate(month=ExtractMonth("local_date")).values("month").annotate(n=Count("id")):
        per_month[item["month"]] = item["n"] / max(days_in[item["month"]], 1)
    mean = sum(per_month.values()) / max(len(per_month), 1)
    for month in range(1, 13):
        if month in per_month and mean:
            target = MONTH_INDEX[month - 1]
            rows.append(
                Row(
                    _("Seasonality (air)"),
                    _("month %(month)02d index") % {"month": month},
                    per_month[month] / mean,
                    target - 0.2,
                    target + 0.2,
                    noted("DOMAIN.md 2.6", _("Belize 2023")),
                )
            )
    land = Movement.objects.baseline().filter(transport_mode="LAND")
    for year in range(baseline.period_start.year, baseline.period_end.year + 1):
        sunday = easter(year)
        first, last = sunday - dt.timedelta(days=4), sunday
        before = (first - dt.timedelta(days=18), first - dt.timedelta(days=5))
        after = (sunday + dt.timedelta(days=8), sunday + dt.timedelta(days=21))
        if before[0] < baseline.period_start or after[1] > baseline.period_end:
            continue
        reference = (_daily(land, *before) + _daily(land, *after)) / 2
        rows.append(
            Row(
                _("Holy Week"),
                _("%(year)d land uplift") % {"year": year},
                _share(_daily(land, first, last), reference),
                1.6,
                2.0,
                "DOMAIN.md 2.6, 5b",
            )
        )
    pbl = Movement.objects.baseline().filter(crossing_point_id="CR-PBL")
    for year in range(baseline.period_start.year, baseline.period_end.year + 1):
        peak, normal = (dt.date(year, 12, 15), dt.date(year, 12, 31)), (dt.date(year, 11, 1), dt.date(year, 12, 14))
        if normal[0] < baseline.period_start or peak[1] > baseline.period_end:
            continue
        exits = pbl.filter(direction="EXIT")
        rows.append(
            Row(
                "Peñas Blancas",
                _("%(year)d Dec 15-31 exits uplift") % {"year": year},
                _share(_daily(exits, *peak), _daily(exits, *normal)),
                3.0,
                5.0,
                "DOMAIN.md 2.6, 5b",
            )
        )
        back = (dt.date(year + 1, 1, 2), dt.date(year + 1, 1, 15))
        if back[1] <= baseline.period_end:
            entries = pbl.filter(direction="ENTRY")
            rows.append(
                Row(
                    "Peñas Blancas",
                    _("%(year)d Jan 2-15 re-entry uplift") % {"year": year + 1},
                    _share(_daily(entries, *back), _daily(entries, *normal)),
                    2.0,
                    6.0,
                    noted("DOMAIN.md 2.6", _("mirror re-entry wave in January")),
                )
            )
    return rows


def _flows(baseline: Baseline) -> list[Row]:
    rows: list[Row] = []
    movements = Movement.objects.baseline()
    counts = defaultdict(int)
    for country, direction, n in movements.values_list("crossing_point__country_id", "direction").annotate(
        n=Count("id")
    ):
        counts[(country, direction)] = n
    for country in OCAM:
        entries, exits = counts[(country, "ENTRY")], counts[(country, "EXIT")]
        rows.append(
            Row(
                _("Entries and exits"),
                _("%(country)s net (entries-exits)/all") % {"country": country},
                _share(entries - exits, entries + exits),
                -0.05,
                0.05,
                D5B,
            )
        )
    horizon = baseline.period_end - dt.timedelta(days=120)
    foreign = (
        movements.filter(direction="ENTRY", decision="ADMITTED", local_date__lte=horizon)
        .exclude(nationality_id=F("crossing_point__country_id"))
        .exclude(purpose_id="RESIDENCE")
    )
    closing = Movement.objects.baseline().filter(closes_entry_uid=OuterRef("uid"))
    open_entries = foreign.filter(~Exists(closing)).count()
    rows.append(
        Row(
            _("Entries and exits"),
            _("foreign visitors' entries without exit"),
            _share(open_entries, foreign.count()),
            0.01,
            0.05,
            noted(D5B, _("%(low)d-%(high)d%% overstays, plus missing records") % {"low": 1, "high": 3}),
        )
    )
    foreign_entries = movements.filter(direction="ENTRY").exclude(nationality_id=F("crossing_point__country_id"))
    refused = foreign_entries.filter(decision="REFUSED")
    rows.append(
        Row(
            _("Refusals"),
            _("refusals per foreign entry"),
            _share(refused.count(), foreign_entries.count()),
            0.0005,
            0.002 + _share(refused.filter(refusal_code="ALERT_CONFIRMED").count(), foreign_entries.count()),
            noted(D5B, _("the confirmed alerts' refusals, inflated for training, on top")),
        )
    )
    return rows


def _returns(baseline: Baseline) -> list[Row]:
    returns = ReturnEvent.objects.baseline()
    total = returns.count()
    if not total:
        return []
    usa = returns.filter(returning_country="USA")
    mexico = returns.filter(returning_country="MEX")
    minors = returns.filter(is_minor=True)
    adults = returns.filter(is_minor=False)
    rows = [
        Row(
            _("Returns"),
            _("returns per movement"),
            _share(total, baseline.scale),
            RETURNS_SHARE_OF_SCALE * 0.9,
            RETURNS_SHARE_OF_SCALE * 1.1,
            _("brief: about %(share)d%% of the scale") % {"share": 2},
        ),
        Row(_("Returns"), _("from the USA"), _share(usa.count(), total), 0.45, 0.80, "DOMAIN.md 2.4 (2022-2024)"),
        Row(
            _("Returns"),
            _("from the USA by air"),
            _share(usa.filter(mode="AIR").count(), usa.count()),
            1.0,
            1.0,
            "DOMAIN.md 5b",
        ),
        Row(
            _("Returns"),
            _("from Mexico by land"),
            _share(mexico.filter(mode="LAND").count(), mexico.count()),
            0.6,
            0.95,
            "DOMAIN.md 2.4, 5b",
        ),
        Row(_("Returns"), _("minors"), _share(minors.count(), total), 0.13, 0.18, "DOMAIN.md 2.4"),
        Row(
            _("Returns"),
            _("unaccompanied share of minors"),
            _share(minors.filter(is_unaccompanied=True).count(), minors.count()),
            0.4,
            0.95,
            "DOMAIN.md 2.4 (GT 2022)",
        ),
        Row(
            _("Returns"),
            _("men among adults"),
            _share(adults.filter(sex="M").count(), adults.count()),
            0.70,
            0.80,
            "DOMAIN.md 2.4 (2022)",
        ),
    ]
    monthly = dict(returns.annotate(month=ExtractMonth("returned_on")).values_list("month").annotate(n=Count("id")))
    mean = sum(monthly.values()) / 12
    for month, factor in RETURN_MONTH_FACTOR.items():
        rows.append(
            Row(
                _("Returns"),
                _("month %(month)02d index") % {"month": month},
                _share(monthly.get(month, 0), mean),
                factor - 0.15,
                factor + 0.15,
                "DOMAIN.md 2.4, 5b",
            )
        )
    return rows


def admitted_with_confirmed_blocking_hit() -> int:
    """Baseline movements admitted although a hit on an alert that forbids the crossing
    (`sandbox.screening.BLOCKING_ACTIONS`) was confirmed: one SQL count, which must be 0."""
    blocking = Alert.objects.baseline().filter(action__in=BLOCKING_ACTIONS).values("uid")
    confirmed = AlertHit.objects.baseline().filter(
        movement_uid=OuterRef("uid"), disposition="CONFIRMED", alert_uid__in=blocking
    )
    return Movement.objects.baseline().filter(decision="ADMITTED").filter(Exists(confirmed)).count()


def _hits(total: int) -> list[Row]:
    """Hit rates, their split by kind and their dispositions (DOMAIN.md 5b), and the invariants
    of a confirmed hit: counts that must be 0."""
    hits = AlertHit.objects.baseline()
    n = hits.count()
    alerts = Alert.objects.baseline()
    minor = alerts.filter(category_id="MISSING_MINOR").values("uid")
    kinds = {
        _("hits: fuzzy name"): (hits.filter(match_type="NAME_DOB_FUZZY").count(), 0.60),
        _("hits: document"): (hits.filter(match_type="DOC_EXACT").count(), 0.25),
        _("hits: person"): (hits.filter(match_type="PERSON_RECORD").exclude(alert_uid__in=minor).count(), 0.10),
        _("hits: minor protection"): (hits.filter(alert_uid__in=minor).count(), 0.05),
    }
    source = noted(D5B, _("split of hits"))
    rows = [
        Row(_("Alerts"), label, _share(count, n), share * 0.7, share * 1.3, source)
        for label, (count, share) in kinds.items()
    ]
    dispositions = dict(hits.values_list("disposition").annotate(n=Count("id")))
    estimate = noted(D5B, _("[est.] false positives are the fuzzy matches"))
    rows += [
        Row(_("Alerts"), _("hits confirmed"), _share(dispositions.get("CONFIRMED", 0), n), 0.25, 0.45, estimate),
        Row(
            _("Alerts"), _("hits false positive"), _share(dispositions.get("FALSE_POSITIVE", 0), n), 0.5, 0.7, estimate
        ),
        Row(_("Alerts"), _("hits inconclusive"), _share(dispositions.get("INCONCLUSIVE", 0), n), 0, 0.05, estimate),
        Row(_("Alerts"), _("hits pending"), _share(dispositions.get("PENDING", 0), n), 0, 0.05, estimate),
    ]
    seizing = alerts.filter(category_id__in=("DOC_LOST_STOLEN", "DOC_REVOKED")).values("uid")
    confirmed_documents = hits.filter(disposition="CONFIRMED", alert_uid__in=seizing).values("document_uid")
    not_seized = Document.objects.baseline().filter(uid__in=confirmed_documents).exclude(status="SEIZED").count()
    own_entry_bans = alerts.filter(category_id="ENTRY_BAN", subject_nationality_id=F("issuing_country_id")).count()
    invariant = noted("DOMAIN.md 1.5", _("must be 0"))
    rows += [
        Row(
            _("Alerts"),
            _("admitted movements with a confirmed blocking hit"),
            admitted_with_confirmed_blocking_hit(),
            0,
            0,
            invariant,
        ),
        Row(_("Alerts"), _("confirmed document hits, document not seized"), not_seized, 0, 0, invariant),
        Row(_("Alerts"), _("entry bans on the issuing country's nationals"), own_entry_bans, 0, 0, invariant),
    ]
    return rows


def _alerts_and_defects(baseline: Baseline) -> list[Row]:
    movements = Movement.objects.baseline()
    total = movements.count()
    screened = movements.filter(screening_result__in=("POSSIBLE", "HIT")).count()
    alerts = Alert.objects.baseline()
    rows = [
        Row(_("Alerts"), _("movements with a POSSIBLE or HIT"), _share(screened, total), 0.005, 0.02, D5B),
        *_hits(total),
        Row(
            _("Alerts"),
            _("inflated for training"),
            _share(alerts.filter(is_training_inflated=True).count(), alerts.count()),
            1.0,
            1.0,
            "DOMAIN.md 0 (7)",
        ),
    ]
    defects = dict(DataQualityDefect.objects.values_list("defect_type").annotate(n=Count("id")))
    persons = Person.objects.baseline().count()
    documents = Document.objects.baseline().count()
    minor_exits = movements.filter(direction="EXIT", age_group__in=("Y_LT12", "Y12T17")).count()
    hispanic = Person.objects.baseline().filter(~Q(surname_2="")).count()
    round_trips = movements.filter(closes_entry_uid__isnull=False).count()
    bases = {
        "DUPLICATE_PERSON": persons, "NAME_VARIANT": hispanic, "DIACRITIC": persons, "DOB_SWAPPED": persons,
        "DOB_IMPLAUSIBLE": persons, "SEX_MISMATCH": persons, "WRONG_COUNTRY_CODE": documents,
        "MRZ_MISREAD": documents, "SHARED_DOCUMENT": documents, "MISSING_COUNTERPART": round_trips,
        "TIME_ZONE": total, "OUTSIDE_HOURS": total, "MINOR_WITHOUT_ADULT": minor_exits,
    }  # fmt: skip
    for defect, rate in DEFECT_RATES.items():
        value = _share(defects.get(defect, 0), bases[defect])
        rows.append(Row(_("Defects"), defect, value, rate * 0.5, rate * 1.5, D5B))
    stale = _share(defects.get("STALE_ALERT", 0), alerts.count())
    rows.append(Row(_("Defects"), "STALE_ALERT", stale, 0.10, 0.20, D5B))
    rows.append(
        Row(
            _("Defects"),
            _("%(defect)s (rows)") % {"defect": "TEST_RECORD"},
            defects.get("TEST_RECORD", 0),
            5,
            15,
            noted(D5B, ngettext("about %(rows)d row", "about %(rows)d rows", 10) % {"rows": 10}),
        )
    )
    return rows


def _journeys_measured() -> tuple[dict[tuple[str, str], tuple[int, int]], dict[tuple[str, str], int]]:
    """Per (country, neighbour): land exits at posts with a counterpart and how many have an
    entry by a holder of the same document number at the counterpart within the longest travel
    time after;
    and the entries at those posts. Two grouped queries."""
    posts = (
        Movement.objects.baseline()
        .filter(crossing_point__kind="LAND", crossing_point__neighbour_id__in=OCAM)
        .exclude(crossing_point__counterpart_code="")
    )
    number = Document.objects.baseline().filter(uid=OuterRef("document_uid")).values("number")[:1]
    next_door = Movement.objects.baseline().filter(
        direction="ENTRY",
        crossing_point_id=OuterRef("crossing_point__counterpart_code"),
        occurred_at__gt=OuterRef("occurred_at"),
        occurred_at__lte=OuterRef("occurred_at") + JOURNEY_WINDOW,
        # By the holders of the number (the index on the person, not a scan of the movements).
        person_uid__in=Document.objects.baseline().filter(number=OuterRef(OuterRef("number"))).values("person_uid"),
    )
    exits = {
        (country, neighbour): (n, matched)
        for country, neighbour, n, matched in posts.filter(direction="EXIT")
        .annotate(number=Subquery(number))
        .annotate(matched=Exists(next_door))
        .values_list("crossing_point__country_id", "crossing_point__neighbour_id")
        .annotate(n=Count("id"), matched_n=Count("id", filter=Q(matched=True)))
    }
    entries = {
        (country, neighbour): n
        for country, neighbour, n in posts.filter(direction="ENTRY")
        .values_list("crossing_point__country_id", "crossing_point__neighbour_id")
        .annotate(n=Count("id"))
    }
    return exits, entries


def _journeys() -> list[Row]:
    """Regional journeys (`journeys`): land exits with the neighbour's entry, and the mirror
    statistics' gap, per pair of neighbours (every pair, with 0 where nothing crossed)."""
    exits, entries = _journeys_measured()
    section = _("Regional journeys")
    low, high = JOURNEY_MATCHED_RANGE
    matched_source = noted("DOMAIN.md 5b, 5d", _("[inferred] of what the neighbour's entries allow"))
    gap_source = noted("DOMAIN.md 2.3, 5d", _("[inferred] the gap the two sides' volumes imply"))
    expected = pair_expectations()
    total = sum(exits.get(pair, (0, 0))[0] for pair in expected)
    total_matched = sum(exits.get(pair, (0, 0))[1] for pair in expected)
    allowed = sum(min(exits.get((a, b), (0, 0))[0], entries.get((b, a), 0)) for a, b in expected)
    rows = [
        Row(
            section,
            _("land exits at paired posts with an entry next door"),
            _share(total_matched, total),
            low * _share(allowed, total),
            high * _share(allowed, total),
            matched_source,
        )
    ]
    for (country, neighbour), (_ratio, gap) in expected.items():
        n, matched = exits.get((country, neighbour), (0, 0))
        mirror = entries.get((neighbour, country), 0)
        cap = min(1.0, _share(mirror, n))
        few = n < JOURNEY_MIN_EXITS
        # Two standard errors of a share of n and of the ratio of two counts (calibration.py).
        share_error = 2 * math.sqrt(high * cap * (1 - high * cap) / n) if n else 0
        gap_error = 2 * (1 + gap) * math.sqrt(1 / n + 1 / mirror) if n and mirror else 0
        tolerance = max(JOURNEY_GAP_TOLERANCE, JOURNEY_GAP_RELATIVE * gap, gap_error)
        names = {"from": country, "to": neighbour}
        rows += [
            Row(
                section,
                _("%(from)s to %(to)s: land exits with an entry next door") % names,
                _share(matched, n),
                0 if few else max(0.0, low * cap - share_error),
                1 if few else min(1.0, high * cap + share_error),
                matched_source,
            ),
            Row(
                section,
                _("%(from)s to %(to)s: mirror gap |exits - entries next door| / exits") % names,
                _share(abs(n - mirror), n),
                0 if few else max(0.0, gap - tolerance),
                10 if few else gap + tolerance,
                gap_source,
            ),
        ]
    return rows


def calibration_report() -> list[Row]:
    """Every indicator of the loaded baseline with its target; empty if there is no baseline."""
    baseline = Baseline.objects.first()
    if baseline is None:
        return []
    return [
        *_movements(baseline),
        *_seasonality(baseline),
        *_flows(baseline),
        *_returns(baseline),
        *_alerts_and_defects(baseline),
        *_journeys(),
    ]
