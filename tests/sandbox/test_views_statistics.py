"""The sandbox's statistics screen: a learner's own entries count in their tables only, captioned
with names rather than codes; the screen opens on the latest month of the practice data (or the
learner's own later month) and says which months are covered, read from the baseline; a month
outside the practice data's period counts only the learner's records and says how many stray
practice records it left out, in the third person for a trainer.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from sandbox import statistics
from sandbox.models import Document, Sandbox
from tests.conftest import client_for
from tests.sandbox.screens import baseline_movement_of, entries_in, main_text, other_learner, register

pytestmark = pytest.mark.django_db


def test_statistics_count_the_learners_own_entry_and_no_one_elses(learner_client, baseline):
    query = {"month": "2025-03"}
    before = learner_client.get("/en/sandbox/statistics/", query).content.decode()
    register(learner_client)
    after = learner_client.get("/en/sandbox/statistics/", query).content.decode()
    assert entries_in(after, "Totals", "Entries admitted") == entries_in(before, "Totals", "Entries admitted") + 1
    assert entries_in(after, "Movements by country", "Costa Rica") == 1

    someone = client_for(other_learner()).get("/en/sandbox/statistics/", query).content.decode()
    assert entries_in(someone, "Totals", "Entries admitted") == entries_in(before, "Totals", "Entries admitted")


def test_statistics_tables_are_captioned_with_header_scopes_and_names_not_codes(learner_client, baseline):
    register(learner_client)
    html = learner_client.get("/en/sandbox/statistics/", {"month": "2025-03"}).content.decode()
    assert "<caption>Movements by border crossing point</caption>" in html
    assert '<th scope="row">Peñas Blancas (Costa Rica)</th>' in html
    assert '<th scope="row">Land</th>' in html
    assert '<th scope="row">Nicaragua</th>' in html
    assert '<th scope="col" class="number">Entries</th>' in html
    assert ">CR-PBL<" not in html


def test_statistics_month_must_be_one_offered(learner_client, baseline):
    html = learner_client.get("/en/sandbox/statistics/", {"month": "1850-13"}).content.decode()
    assert 'id="id_month_error"' in html


@pytest.fixture
def stray_movement_this_month(baseline):
    """A baseline movement dated in the current month, outside the practice data's period (as the
    generator's mistyped-date defects are), and the summary rebuilt."""
    today = timezone.localdate()
    noon = dt.datetime.combine(today, dt.time(12), tzinfo=timezone.get_default_timezone())
    baseline_movement_of(22, baseline["jose"], Document.objects.baseline().get(uid=12), noon)
    statistics.summary_rebuild()
    return today.replace(day=1)


def test_statistics_open_on_the_latest_month_of_the_practice_data_and_say_which_months_are_covered(
    learner_client, stray_movement_this_month
):
    html = learner_client.get("/en/sandbox/statistics/").content.decode()
    assert "<h2>December 2025</h2>" in html
    assert '<option value="2025-12" selected>' in html
    assert "Practice data available from January 2025 to December 2025." in html
    assert f'<option value="{stray_movement_this_month:%Y-%m}"' not in html  # a month of stray records
    assert "is outside the period" not in html
    spanish = learner_client.get("/sandbox/statistics/").content.decode()
    assert "Datos de práctica disponibles de enero de 2025 a diciembre de 2025." in spanish


def test_statistics_open_on_the_learners_own_later_month_and_say_so(learner_client, stray_movement_this_month):
    today = timezone.localdate()
    assert register(learner_client, local_date=f"{today:%Y-%m-%d}").status_code == 302
    html = learner_client.get("/en/sandbox/statistics/").content.decode()
    month = f"{today:%B %Y}"
    assert f"<h2>{month}</h2>" in html
    assert f"Your own records also cover this month: {month}." in html
    assert f"{month} is outside the period of the practice data" in html
    assert entries_in(html, "Totals", "Entries admitted") == 1  # theirs, not the stray baseline one
    assert "The practice data also holds 1 record dated in this month, outside its period" in html


@pytest.fixture
def stray_records_of_2026(baseline):
    """Practice records a defect dated after the period (2025): three in February 2026 (two
    entries and an exit, as the walk of issue 16 found in December 2026), one in January 2026."""
    jose, passport = baseline["jose"], Document.objects.baseline().get(uid=12)
    for uid, day, direction in (
        (31, (2, 3), "ENTRY"),
        (32, (2, 4), "ENTRY"),
        (33, (2, 5), "EXIT"),
        (34, (1, 20), "ENTRY"),
    ):
        baseline_movement_of(uid, jose, passport, dt.datetime(2026, *day, 18, tzinfo=dt.UTC), direction=direction)
    statistics.summary_rebuild()


def test_a_month_outside_the_period_counts_only_the_learners_records_and_says_how_many_stray_ones_it_left_out(
    learner_client, learner, stray_records_of_2026
):
    assert register(learner_client, local_date="2026-02-10").status_code == 302
    html = learner_client.get("/en/sandbox/statistics/").content.decode()  # opens on their own later month
    text = main_text(learner_client.get("/en/sandbox/statistics/"))
    assert "<h2>February 2026</h2>" in html
    assert (
        "February 2026 is outside the period of the practice data (January 2025 to December 2025): "
        "the figures below count only your own records dated in it. "
        "The practice data also holds 3 records dated in this month, outside its period: data-quality defects "
        "(mistyped dates) that you may be asked to find later. They are not counted in these figures."
    ) in text
    assert entries_in(html, "Totals", "Entries admitted") == 1
    assert entries_in(html, "Totals", "Exits") == 0
    assert entries_in(html, "Movements by country", "Costa Rica") == 1
    assert entries_in(html, "Movements by country", "Guatemala") == 0

    # Every month outside the period says so, with figures or without.
    january = main_text(learner_client.get("/en/sandbox/statistics/", {"month": "2026-01"}))
    assert "January 2026 is outside the period of the practice data" in january
    assert "The practice data also holds 1 record dated in this month, outside its period: a data-quality defect" in (
        january
    )
    assert "Entries admitted 0" in january
    spanish = main_text(learner_client.get("/sandbox/statistics/", {"month": "2026-02"}))
    assert "cuentan solo sus propios registros con fecha en ese mes." in spanish
    assert "Los datos de práctica también tienen 3 registros con fecha en este mes, fuera de su periodo" in spanish

    # Another learner: nothing of theirs, the same stray records said apart.
    other = main_text(client_for(other_learner()).get("/en/sandbox/statistics/", {"month": "2026-02"}))
    assert "The practice data also holds 3 records" in other
    assert "Entries admitted 0" in other

    # Inside the period nothing changes: the practice data with the learner's own changes.
    december = main_text(learner_client.get("/en/sandbox/statistics/", {"month": "2025-12"}))
    assert "outside the period" not in december and "also holds" not in december


def test_a_trainer_reads_the_learners_month_outside_the_period_in_the_third_person(
    trainer, learner, learner_client, stray_records_of_2026
):
    register(learner_client, local_date="2026-02-10")
    sandbox = Sandbox.objects.get(owner=learner)
    text = main_text(client_for(trainer).get(f"/en/sandbox/learners/{sandbox.pk}/statistics/"))
    assert "the figures below count only the learner's own records dated in it." in text
    assert "data-quality defects (mistyped dates) that the learner may be asked to find later." in text
    assert "Entries admitted 1" in text


def test_a_month_outside_the_practice_data_says_so(learner_client, stray_movement_this_month):
    html = learner_client.get("/en/sandbox/statistics/", {"month": "2024-06"}).content.decode()
    assert "<h2>June 2024</h2>" in html
    assert (
        "June 2024 is outside the period of the practice data (January 2025 to December 2025): "
        "the figures below count only your own records dated in it."
    ) in html
    assert "also holds" not in html  # no stray practice record in June 2024
    text = main_text(learner_client.get("/sandbox/statistics/", {"month": "2024-06"}))
    assert (
        "Junio de 2024 está fuera del periodo de los datos de práctica (de enero de 2025 a diciembre de 2025)" in text
    )


def test_the_months_covered_come_from_the_baseline_not_from_its_movements(
    learner_client, stray_movement_this_month, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12) as queries:
        learner_client.get("/en/sandbox/statistics/")
    assert not [query["sql"] for query in queries if "sandbox_movement" in query["sql"]]
