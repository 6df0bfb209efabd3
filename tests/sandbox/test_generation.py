"""The synthetic baseline generator: determinism, refusals, replacement, the data's invariants and calibration."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from sandbox import services
from sandbox.generation import BaselineExists, baseline_build, baseline_clear, baseline_generate, baseline_load
from sandbox.generation.report import calibration_report
from sandbox.management.commands.sandbox_generate import scale_parse
from sandbox.models import (
    LAYERED_MODELS,
    Alert,
    AlertHit,
    Baseline,
    CrossingPoint,
    DataQualityDefect,
    DefectType,
    Document,
    MonthlySummary,
    Movement,
    Person,
    ReturnEvent,
)
from sandbox.mrz import mrz_compose_td1, mrz_compose_td3, mrz_read
from sandbox.names import name_search_key, name_sort_key
from tests.people.factories import person as make_user

pytestmark = pytest.mark.django_db

SMALL = 3000


def _digest() -> str:
    """A hash of every baseline row of every layered model and of the truth table, in uid order."""
    digest = hashlib.sha256()
    for model in LAYERED_MODELS:
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        for row in model.objects.baseline().order_by("uid").values_list(*fields):
            digest.update(repr(row).encode())
    defect_fields = [f.attname for f in DataQualityDefect._meta.concrete_fields if f.attname != "id"]
    for row in DataQualityDefect.objects.order_by("entity", "entity_uid", "defect_type", "field_name").values_list(
        *defect_fields
    ):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def _row_counts() -> dict[str, int]:
    counts = {model.__name__: model.objects.every_row().count() for model in LAYERED_MODELS}
    counts["defects"] = DataQualityDefect.objects.count()
    counts["summaries"] = MonthlySummary.objects.count()
    return counts


@pytest.fixture
def small_baseline() -> Baseline:
    return baseline_generate(seed=11, scale=SMALL)


def test_same_seed_and_scale_give_identical_rows_and_another_seed_does_not():
    baseline_generate(seed=5, scale=SMALL)
    first = _digest()
    baseline_generate(seed=5, scale=SMALL, replace=True)
    assert _digest() == first
    baseline_generate(seed=6, scale=SMALL, replace=True)
    assert _digest() != first


def test_build_is_pure_and_deterministic_in_memory():
    one = baseline_build(seed=3, scale=SMALL)
    two = baseline_build(seed=3, scale=SMALL)
    assert one.copy_buffers() == two.copy_buffers()
    assert one.counts["movement"] == SMALL


def test_the_scale_is_the_exact_number_of_movements(small_baseline):
    assert Movement.objects.baseline().count() == SMALL
    assert small_baseline.counts["movement"] == SMALL
    assert small_baseline.seed == 11 and small_baseline.scale == SMALL


@pytest.mark.parametrize(
    "arguments",
    [
        ["--seed", "-1", "--scale", "3000"],
        ["--seed", str(2**32), "--scale", "3000"],
        ["--seed", "abc", "--scale", "3000"],
        ["--seed", "1", "--scale", "999"],
        ["--seed", "1", "--scale", "20000001"],
        ["--seed", "1", "--scale", "1.5x"],
        ["--seed", "1", "--scale", "1.0005k"],
        ["--seed", "1", "--scale", "3000", "--start", "2024-13-01"],
        ["--seed", "1", "--scale", "3000", "--months", "0"],
        ["--seed", "1", "--scale", "3000"],  # a baseline exists and --replace is missing
    ],
)
def test_bad_input_or_an_existing_baseline_stops_and_changes_nothing(small_baseline, arguments):
    before, digest = _row_counts(), _digest()
    with pytest.raises(CommandError):
        call_command("sandbox_generate", *arguments, stdout=StringIO())
    assert _row_counts() == before
    assert _digest() == digest
    assert Baseline.objects.get().seed == 11


def test_loading_over_an_existing_baseline_raises_and_changes_nothing(small_baseline):
    before = _row_counts()
    with pytest.raises(BaselineExists):
        baseline_load(baseline_build(seed=12, scale=SMALL))
    with pytest.raises(BaselineExists):
        baseline_generate(seed=12, scale=SMALL)
    assert _row_counts() == before


def test_if_missing_keeps_an_existing_baseline_and_generates_when_there_is_none(small_baseline):
    digest = _digest()
    out = StringIO()
    call_command("sandbox_generate", "--seed", "5", "--scale", "3k", "--if-missing", stdout=out)
    assert _digest() == digest
    assert Baseline.objects.get().seed == 11
    baseline_clear()
    call_command("sandbox_generate", "--seed", "5", "--scale", "3k", "--if-missing", stdout=StringIO())
    assert Baseline.objects.get().seed == 5


def test_replace_and_if_missing_cannot_be_asked_together():
    with pytest.raises(CommandError):
        call_command("sandbox_generate", "--seed", "5", "--scale", "3k", "--if-missing", "--replace", stdout=StringIO())


def test_scale_accepts_plain_numbers_and_suffixes():
    assert scale_parse("1000") == 1000
    assert scale_parse("100k") == 100_000
    assert scale_parse("1M") == 1_000_000
    assert scale_parse("1.5M") == 1_500_000
    assert scale_parse("20M") == 20_000_000


def test_command_prints_counts_and_time():
    out = StringIO()
    call_command("sandbox_generate", "--seed", "2", "--scale", "3k", stdout=out)
    text = out.getvalue()
    assert "movement" in text and "3,000" in text
    assert " s" in text
    assert Movement.objects.baseline().count() == 3000


def _planner_row_counts() -> dict[str, int]:
    """The sandbox tables the planner has statistics for, with the rows they say each holds:
    PostgreSQL's pg_stats and pg_class.reltuples, or SQLite's sqlite_stat1 (its indexes' nRow)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, c.reltuples FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
                " AND c.relname LIKE 'sandbox%%' AND EXISTS (SELECT 1 FROM pg_stats s"
                " WHERE s.schemaname = current_schema() AND s.tablename = c.relname)"
            )
            return {table: int(rows) for table, rows in cursor.fetchall()}
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return {}
        # One row per index; a partial index counts only its own rows, a full one every row.
        cursor.execute("SELECT tbl, stat FROM sqlite_stat1 WHERE tbl LIKE 'sandbox%'")
        counts: dict[str, int] = {}
        for table, stat in cursor.fetchall():
            counts[table] = max(counts.get(table, 0), int(stat.split()[0]))
        return counts


def test_the_loaded_tables_have_planner_statistics_right_after_generation():
    call_command("sandbox_generate", "--seed", "4", "--scale", "3k", stdout=StringIO())
    loaded = {
        model._meta.db_table: model.objects.every_row().count() if model in LAYERED_MODELS else model.objects.count()
        for model in (*LAYERED_MODELS, DataQualityDefect, MonthlySummary, Baseline)
    }
    loaded = {table: rows for table, rows in loaded.items() if rows}
    assert {"sandbox_movement", "sandbox_person", "sandbox_monthlysummary"} <= set(loaded)
    planner = _planner_row_counts()
    assert {table: planner.get(table) for table in loaded} == loaded

    # Replacing the baseline analyses again: the statistics describe the new rows, not the old.
    call_command("sandbox_generate", "--seed", "4", "--scale", "2k", "--replace", stdout=StringIO())
    assert _planner_row_counts()["sandbox_movement"] == Movement.objects.baseline().count() == 2000


def test_replace_clears_every_learner_layer(small_baseline):
    learner = make_user()
    sandbox = services.sandbox_get_or_create(user=learner)
    person = Person.objects.baseline().order_by("uid").first()
    services.record_update(sandbox=sandbox, record=person, given_names="Editado")
    services.record_create(
        sandbox=sandbox, model=Person, given_names="Nueva", surname_1="Persona", sex="F",
        birth_date=person.birth_date, nationality_id="GTM",
    )  # fmt: skip
    assert Person.objects.layer_of(sandbox).count() == 2
    call_command("sandbox_generate", "--seed", "12", "--scale", "3000", "--replace", stdout=StringIO())
    assert Person.objects.layer_of(sandbox).count() == 0
    assert Baseline.objects.get().seed == 12


def test_baseline_clear_removes_everything(small_baseline):
    baseline_clear()
    assert all(count == 0 for count in _row_counts().values())
    assert not Baseline.objects.exists()


def _defective(entity: str, *types: str) -> set[int]:
    return set(
        DataQualityDefect.objects.filter(entity=entity, defect_type__in=types).values_list("entity_uid", flat=True)
    )


def test_mrz_of_every_document_reads_back_to_the_document_and_its_holder(small_baseline):
    damaged = _defective("document", "MRZ_MISREAD", "WRONG_COUNTRY_CODE", "SHARED_DOCUMENT")
    damaged_people = _defective("person", "NAME_VARIANT", "DIACRITIC", "DOB_SWAPPED", "DOB_IMPLAUSIBLE", "SEX_MISMATCH")
    damaged_people |= _defective("person", "DUPLICATE_PERSON")
    people = {p.uid: p for p in Person.objects.baseline()}
    checked = 0
    for document in Document.objects.baseline().exclude(mrz="").order_by("uid"):
        holder = people[document.person_uid]
        if document.uid in damaged or holder.uid in damaged_people:
            continue
        data = mrz_read(document.mrz)
        assert data.number == document.number
        assert data.issuing_state == document.issuing_state_id
        assert data.nationality == holder.nationality_id
        assert data.expiry_date == document.expires_on
        assert data.birth_date == holder.birth_date
        compose = mrz_compose_td3 if document.document_type_id == "P" else mrz_compose_td1
        expected = compose(
            document_code=document.document_type_id,
            issuing_state=document.issuing_state_id,
            surnames=holder.surnames,
            given_names=holder.given_names,
            number=document.number,
            nationality=holder.nationality_id,
            birth_date=holder.birth_date,
            sex=holder.sex,
            expiry_date=document.expires_on,
            optional=holder.national_id_number.replace("-", "").replace(" ", ""),
        )
        assert document.mrz == expected
        checked += 1
    assert checked > 500
    assert all(d.startswith("Z") for d in Document.objects.baseline().values_list("number", flat=True))


def test_misread_mrz_fails_its_check_digit(small_baseline):
    misread = _defective("document", "MRZ_MISREAD")
    assert misread
    for document in Document.objects.baseline().filter(uid__in=misread):
        with translation.override("en"), pytest.raises(ValidationError, match="check digit of the document number"):
            mrz_read(document.mrz)


def test_search_and_sort_names_are_the_keys_of_the_stored_names(small_baseline):
    people = Person.objects.baseline()
    assert people.count() > 500
    for person in people:
        assert person.search_name == name_search_key(person.given_names, person.surname_1, person.surname_2)
        assert person.sort_name == name_sort_key(person.surname_1, person.surname_2, person.given_names)


def test_hispanic_nationals_have_two_surnames_and_others_one():
    generated = baseline_build(seed=4, scale=SMALL)
    person = next(table for table in generated.tables if table.model is Person)
    columns = dict(zip(person.columns, person.data, strict=True))
    nationality, surname_2 = columns["nationality_id"].values, columns["surname_2"].values
    hispanic = [s for n, s in zip(nationality, surname_2, strict=True) if n in ("GTM", "SLV", "HND", "NIC")]
    english = [s for n, s in zip(nationality, surname_2, strict=True) if n in ("USA", "CAN")]
    assert sum(1 for s in hispanic if s) / len(hispanic) > 0.9
    assert english and all(s == "" for s in english)


def test_identity_cards_only_for_adults_at_ca4_internal_crossings(small_baseline):
    internal = set(CrossingPoint.objects.filter(is_ca4_internal=True).values_list("code", flat=True))
    card_movements = Movement.objects.baseline().filter(is_ca4_simplified=True)
    assert card_movements.exists()
    assert not card_movements.filter(age_group__in=("Y_LT12", "Y12T17")).exists()
    assert set(card_movements.values_list("crossing_point_id", flat=True)) <= internal
    cards = set(Document.objects.baseline().filter(document_type_id="ID").values_list("uid", flat=True))
    assert set(card_movements.values_list("document_uid", flat=True)) <= cards
    minors_documents = Movement.objects.baseline().filter(age_group__in=("Y_LT12", "Y12T17"))
    assert not minors_documents.filter(document_uid__in=cards).exists()


def test_every_exit_closes_an_entry_of_the_same_person(small_baseline):
    movements = {m.uid: m for m in Movement.objects.baseline()}
    closing = [m for m in movements.values() if m.closes_entry_uid is not None]
    assert len(closing) > SMALL // 4
    for exit_ in closing:
        entry = movements[exit_.closes_entry_uid]
        assert exit_.direction == "EXIT" and entry.direction == "ENTRY"
        assert entry.person_uid == exit_.person_uid


def test_returns_from_the_usa_come_by_air_to_existing_points(small_baseline):
    returns = ReturnEvent.objects.baseline()
    assert returns.count() == SMALL * 2 // 100
    assert not returns.filter(returning_country="USA").exclude(mode="AIR").exists()
    assert not returns.filter(is_unaccompanied=True, is_minor=False).exists()
    for event in returns.select_related("reception_point"):
        assert event.reception_point.kind == event.mode
        assert event.reception_point.country_id == event.receiving_country_id
        assert event.origin_subdivision.startswith(event.reception_point.code[:2])


def test_alerts_are_inflated_for_training_and_hits_mark_their_movements(small_baseline):
    assert Alert.objects.baseline().exists()
    assert not Alert.objects.baseline().filter(is_training_inflated=False).exists()
    hit_movements = set(AlertHit.objects.baseline().values_list("movement_uid", flat=True))
    screened = set(
        Movement.objects.baseline().filter(screening_result__in=("POSSIBLE", "HIT")).values_list("uid", flat=True)
    )
    assert hit_movements == screened
    numbers = set(Document.objects.baseline().values_list("number", flat=True))
    document_alerts = Alert.objects.baseline().filter(subject_kind="DOCUMENT")
    assert document_alerts.filter(document_number__in=numbers).exists()


def test_every_defect_type_is_injected_and_recorded(small_baseline):
    recorded = set(DataQualityDefect.objects.values_list("defect_type", flat=True))
    assert recorded == set(DefectType.values)
    test_records = DataQualityDefect.objects.filter(defect_type="TEST_RECORD")
    assert test_records.count() == 10
    test_people = Person.objects.baseline().filter(uid__in=test_records.values("entity_uid"))
    names = set(test_people.values_list("surname_1", flat=True))
    assert {"PRUEBA", "MOUSE"} <= names
    for defect in DataQualityDefect.objects.filter(defect_type="DUPLICATE_PERSON"):
        original = Person.objects.baseline().get(uid=defect.related_uid)
        duplicate = Person.objects.baseline().get(uid=defect.entity_uid)
        changed = _defective("person", "DOB_SWAPPED", "DOB_IMPLAUSIBLE")
        assert original.birth_date == duplicate.birth_date or {original.uid, duplicate.uid} & changed
        assert original.nationality_id == duplicate.nationality_id


def test_shares_fall_within_their_targets_at_a_moderate_scale():
    baseline_generate(seed=21, scale=20_000)
    with translation.override("en"):  # the sections are labelled in the active language
        rows = calibration_report()
    by_section: dict[str, list] = {}
    for row in rows:
        by_section.setdefault(row.section, []).append(row)
    for section in ("Country volume", "Demography", "Entries and exits", "Refusals", "Alerts"):
        assert all(row.ok for row in by_section[section]), [r for r in by_section[section] if not r.ok]
    # Small countries hold a few hundred movements at this scale: their mode split is noisier.
    large = ("GTM", "SLV", "CRI", "PAN", "DOM")
    assert all(row.ok for row in by_section["Mode split"] if row.indicator[:3] in large)
    assert sum(row.ok for row in rows) / len(rows) > 0.85


def test_calibration_command_prints_every_section(small_baseline):
    out = StringIO()
    with translation.override("en"):
        call_command("sandbox_calibration", stdout=out)
    text = out.getvalue()
    for section in (
        "Country volume", "Mode split", "Crossing points", "Nationals", "Top foreign nationalities", "Demography",
        "Seasonality", "Holy Week", "Peñas Blancas", "Entries and exits", "Refusals", "Returns", "Alerts", "Defects",
    ):  # fmt: skip
        assert section in text
    assert " ok " in text
    assert "indicators," in text


def test_calibration_command_speaks_the_active_language(small_baseline):
    spanish = ("Volumen por país", "Reparto por modo de transporte", "Semana Santa", "Entradas y salidas", "Retornos")
    english = ("Country volume", "Mode split", "Holy Week", "Entries and exits", "Returns")
    outputs, rows = {}, {}
    for language in ("es", "en"):
        out = StringIO()
        with translation.override(language):
            call_command("sandbox_calibration", stdout=out)
            rows[language] = calibration_report()
        outputs[language] = out.getvalue()
    assert all(section in outputs["es"] for section in spanish), outputs["es"]
    assert not [section for section in english if section in outputs["es"]]
    assert "índice del mes 01" in outputs["es"]
    assert "DOMAIN.md 2.3 (movimientos anuales para la calibración)" in outputs["es"]
    assert all(section in outputs["en"] for section in english), outputs["en"]
    assert not [section for section in spanish if section in outputs["en"]]
    assert "month 01 index" in outputs["en"]
    assert "DOMAIN.md 2.3 (annual movements for calibration)" in outputs["en"]
    # Only the words change: the same rows in the same order, with the same numbers and checks.
    numbers = {language: [(r.value, r.low, r.high, r.ok) for r in rows[language]] for language in rows}
    assert numbers["es"] == numbers["en"]
    assert next(r.indicator for r in rows["es"] if r.section == "Defectos") == "DUPLICATE_PERSON"  # codes stay


def test_calibration_command_without_a_baseline_says_so():
    with pytest.raises(CommandError):
        call_command("sandbox_calibration", stdout=StringIO())
