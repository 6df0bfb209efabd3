"""Regional journeys of the generator (issue 20 item 5): a land crossing at a paired post is an
exit from one member and an entry into the other, in each country's own records."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import pytest
from django.utils import translation

from sandbox.generation import baseline_build, baseline_clear, baseline_generate
from sandbox.generation.calibration import HISPANIC_LOCALES, JOURNEY_DELAY_BUS, NAME_LOCALE
from sandbox.generation.context import utc_offset_seconds
from sandbox.generation.pools import BUS_ROUTES, PLATE_FORMATS, name_pools
from sandbox.generation.report import calibration_report
from sandbox.models import CrossingPoint, DataQualityDefect, Document, Movement, Person

pytestmark = pytest.mark.django_db

SCALE = 20_000
SEED = 19
WINDOW = dt.timedelta(minutes=JOURNEY_DELAY_BUS[3] + 10)  # the longest delay, and a child's minutes
# Defects that move a movement's time or date, or take a crossing's record away on one side.
RETIMED = ("TIME_ZONE", "OUTSIDE_HOURS", "MINOR_WITHOUT_ADULT", "MISSING_COUNTERPART")
PERSON_DEFECTS = ("NAME_VARIANT", "DIACRITIC", "DOB_SWAPPED", "DOB_IMPLAUSIBLE", "SEX_MISMATCH", "DUPLICATE_PERSON")


@pytest.fixture(scope="module")
def baseline(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        baseline_generate(seed=SEED, scale=SCALE, replace=True)
        yield
        baseline_clear()


def _defective(entity: str, *types: str) -> set[int]:
    return set(
        DataQualityDefect.objects.filter(entity=entity, defect_type__in=types).values_list("entity_uid", flat=True)
    )


def _posts() -> dict[str, CrossingPoint]:
    return {point.code: point for point in CrossingPoint.objects.all()}


def _twins() -> dict[str, list[Document]]:
    """Document numbers held by more than one country: a journey's copies (but shared numbers)."""
    shared = _defective("document", "SHARED_DOCUMENT")
    by_number: dict[str, list[Document]] = defaultdict(list)
    for document in Document.objects.baseline().exclude(uid__in=shared):
        by_number[document.number].append(document)
    return {number: documents for number, documents in by_number.items() if len({d.held_by_id for d in documents}) > 1}


def test_the_scale_is_still_the_exact_number_of_movements(baseline):
    assert Movement.objects.baseline().count() == SCALE


def test_each_crossing_at_a_paired_post_is_recorded_on_both_sides_a_travel_time_apart(baseline):
    """A journey's movements next door each follow or precede their counterpart across the
    border: an exit, then the neighbour's entry at the counterpart post 0 to 4 hours later, each
    at its own local date. Of the records of one traveller in two countries, the neighbour's
    copy has no crossing without its counterpart (unless a defect moved or removed one)."""
    posts = _posts()
    twins = _twins()
    documents = {d.uid: d for docs in twins.values() for d in docs}
    movements = list(
        Movement.objects.baseline()
        .filter(document_uid__in=list(documents), crossing_point__kind="LAND")
        .exclude(crossing_point__counterpart_code="")
    )
    retimed = _defective("movement", *RETIMED)
    by_key: dict[tuple[str, str], list[Movement]] = defaultdict(list)
    for movement in movements:
        by_key[(movement.crossing_point_id, documents[movement.document_uid].number)].append(movement)
    unmatched: dict[int, int] = defaultdict(int)  # per person, their crossings without a counterpart
    defective_people = set()
    checked = 0
    for movement in movements:
        if movement.uid in retimed:
            defective_people.add(movement.person_uid)
            continue
        unmatched[movement.person_uid] += 0
        point = posts[movement.crossing_point_id]
        number = documents[movement.document_uid].number
        others = by_key.get((point.counterpart_code, number), [])
        nearest = min(others, key=lambda o: abs(o.occurred_at - movement.occurred_at), default=None)
        if nearest is None or abs(nearest.occurred_at - movement.occurred_at) > WINDOW:
            unmatched[movement.person_uid] += 1
            continue
        if nearest.uid in retimed:
            continue
        exit_, entry = (movement, nearest) if movement.direction == "EXIT" else (nearest, movement)
        assert {exit_.direction, entry.direction} == {"EXIT", "ENTRY"}
        assert dt.timedelta(0) < entry.occurred_at - exit_.occurred_at <= WINDOW
        assert posts[entry.crossing_point_id].counterpart_code == exit_.crossing_point_id
        assert entry.other_country_id == posts[exit_.crossing_point_id].country_id
        assert exit_.other_country_id == posts[entry.crossing_point_id].country_id
        # Each side's local date, in its own time zone.
        for side in (exit_, entry):
            country = posts[side.crossing_point_id].country_id
            local = side.occurred_at + dt.timedelta(seconds=utc_offset_seconds(country, side.local_date))
            assert local.date() == side.local_date
        # The same document shown on both sides, the identity card only on CA-4 internal posts.
        assert exit_.is_ca4_simplified == entry.is_ca4_simplified
        assert not exit_.is_ca4_simplified or posts[exit_.crossing_point_id].is_ca4_internal
        # The same bus or vehicle on both sides.
        assert (exit_.carrier, exit_.flight_or_vehicle) == (entry.carrier, entry.flight_or_vehicle)
        checked += 1
    assert checked > 1000
    without_copy = []
    for number, group in twins.items():
        holders = {d.person_uid for d in group}
        if holders & defective_people or not holders & set(unmatched):
            continue
        if all(unmatched[holder] for holder in holders & set(unmatched)):
            without_copy.append(number)
    assert not without_copy, without_copy[:10]


def test_every_record_is_held_by_the_country_of_its_crossings(baseline):
    """A movement's person and document are the post country's own records: the neighbour's
    copies, never the other country's rows."""
    people = dict(Person.objects.baseline().values_list("uid", "held_by_id"))
    documents = dict(Document.objects.baseline().values_list("uid", "held_by_id"))
    rows = Movement.objects.baseline().values_list("person_uid", "document_uid", "crossing_point__country_id")
    foreign = [(p, d, c) for p, d, c in rows if people[p] != c or (d is not None and documents[d] != c)]
    assert not foreign


def test_a_travellers_copies_are_separate_rows_with_the_same_identity(baseline):
    twins = _twins()
    assert len(twins) > 300
    damaged_people = _defective("person", *PERSON_DEFECTS)
    damaged_documents = _defective("document", "MRZ_MISREAD", "WRONG_COUNTRY_CODE")
    uids = [d.person_uid for documents in twins.values() for d in documents]
    people = {p.uid: p for p in Person.objects.baseline().filter(uid__in=uids)}
    compared = 0
    for documents in twins.values():
        assert len({d.uid for d in documents}) == len(documents)
        holders = [people[d.person_uid] for d in documents]
        assert len({p.uid for p in holders}) == len(holders)
        for document, holder in zip(documents, holders, strict=True):
            assert holder.held_by_id == document.held_by_id
        first, first_holder = documents[0], holders[0]
        for document, holder in zip(documents[1:], holders[1:], strict=True):
            if holder.held_by_id == first_holder.held_by_id:
                continue  # a second record in the same country (a duplicate)
            assert (document.document_type_id, document.issuing_state_id, document.expires_on) == (
                first.document_type_id,
                first.issuing_state_id,
                first.expires_on,
            )
            if not {document.uid, first.uid} & damaged_documents:
                assert document.mrz == first.mrz
            if not {holder.uid, first_holder.uid} & damaged_people:
                fields = ("given_names", "surname_1", "surname_2", "sex", "birth_date", "nationality_id")
                assert [getattr(holder, f) for f in fields] == [getattr(first_holder, f) for f in fields]
                assert holder.national_id_number == first_holder.national_id_number
                compared += 1
    assert compared > 300


def test_a_consultation_of_costa_rica_finds_the_costa_rican_copy(baseline):
    twins = _twins()
    number, documents = next(
        (number, documents)
        for number, documents in sorted(twins.items())
        if {"CRI", "NIC"} <= {d.held_by_id for d in documents}
    )
    found = list(Document.objects.node_view(None, "CRI").filter(number=number))
    assert [d.held_by_id for d in found] == ["CRI"]
    assert Person.objects.node_view(None, "CRI").filter(uid=found[0].person_uid).exists()
    assert not Person.objects.node_view(None, "NIC").filter(uid=found[0].person_uid).exists()
    nicaraguan = Document.objects.node_view(None, "NIC").get(number=number)
    assert nicaraguan.uid != found[0].uid
    assert nicaraguan.uid in {d.uid for d in documents}


def test_bus_lines_run_their_route_and_plates_follow_their_countries_format(baseline):
    posts = _posts()
    lines = {route: {name for _code, name in entries} for route, entries in BUS_ROUTES.items()}
    buses = Movement.objects.baseline().filter(transport_mode="LAND").exclude(carrier="")
    assert buses.count() > 500
    for movement in buses.only("crossing_point_id", "carrier"):
        point = posts[movement.crossing_point_id]
        assert movement.carrier in lines[tuple(sorted((point.country_id, point.neighbour_id)))]
    patterns = [
        re.compile("^" + pattern.replace("9", "[0-9]").replace("L", "[A-Z]") + "$")
        for pattern in PLATE_FORMATS.values()
    ]
    plates = Movement.objects.baseline().filter(transport_mode="LAND", carrier="").exclude(flight_or_vehicle="")
    assert plates.count() > 200
    assert all(any(p.match(plate) for p in patterns) for plate in plates.values_list("flight_or_vehicle", flat=True))


def test_calibration_reports_every_pair_within_its_targets(baseline):
    with translation.override("en"):
        rows = [row for row in calibration_report() if row.section == "Regional journeys"]
    pairs = {
        (point.country_id, point.neighbour_id)
        for point in CrossingPoint.objects.filter(kind="LAND", neighbour__isnull=False).exclude(counterpart_code="")
    }
    assert len(pairs) == 14
    assert len(rows) == 1 + 2 * len(pairs)
    for country, neighbour in pairs:
        assert any(row.indicator.startswith(f"{country} to {neighbour}: land exits") for row in rows)
        assert any(row.indicator.startswith(f"{country} to {neighbour}: mirror gap") for row in rows)
    assert rows[0].indicator == "land exits at paired posts with an entry next door"
    assert not [row for row in rows if not row.ok]
    # Where the two sides' volumes agree, the mirror statistics do within 10%.
    belize = next(row for row in rows if row.indicator.startswith("GTM to BLZ: mirror gap"))
    assert belize.high <= 0.11 or belize.high == 10


def test_journeys_are_deterministic():
    one, two = baseline_build(seed=7, scale=3000), baseline_build(seed=7, scale=3000)
    assert one.copy_buffers() == two.copy_buffers()
    assert one.counts["movement"] == 3000


def _rows(generated, model, *names: str) -> list[dict]:
    table = next(t for t in generated.tables if t.model is model)
    columns = dict(zip(table.columns, [c.values for c in table.data], strict=True))
    return [dict(zip(names, values, strict=True)) for values in zip(*(columns[n] for n in names), strict=True)]


def test_names_follow_the_nationality():
    generated = baseline_build(seed=4, scale=3000)
    defects = _rows(generated, DataQualityDefect, "entity", "entity_uid")
    damaged = {d["entity_uid"] for d in defects if d["entity"] == "person"}
    people = _rows(generated, Person, "uid", "nationality_id", "surname_1", "surname_2")
    people = [p for p in people if p["uid"] not in damaged]
    pools = name_pools(4)
    us = [p for p in people if p["nationality_id"] in ("USA", "CAN")]
    hispanic = [p for p in people if NAME_LOCALE.get(p["nationality_id"]) in HISPANIC_LOCALES]
    assert len(us) > 50 and len(hispanic) > 500
    assert all(p["surname_2"] == "" for p in us)
    # No Spanish surname pairs for North Americans; two surnames for Hispanic nationals.
    spanish = set(pools["ca"].surnames) - set(pools["en_US"].surnames)
    assert sum(p["surname_1"] in spanish for p in us) / len(us) < 0.1
    assert sum(1 for p in hispanic if p["surname_2"]) / len(hispanic) > 0.9
    for nationality, locale in (("BLZ", "bz"), ("CHN", "zh_pinyin"), ("FRA", "fr_FR"), ("D", "de_DE")):
        for person in (p for p in people if p["nationality_id"] == nationality):
            assert person["surname_2"] == ""
            assert person["surname_1"] in set(pools[locale].surnames), (nationality, person["surname_1"])
