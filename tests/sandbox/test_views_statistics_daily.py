"""The statistics' daily view: one crossing point's month day by day, its figures those of a
direct count over the learner's view (their own registrations in, another learner's never), the
month's total, daily average and busiest days said in words, in a captioned table with header
scopes; reached from the statistics page by a small form; a trainer reads a learner's read-only;
the figures come in one query."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sandbox import services
from sandbox.models import Movement, Sandbox
from sandbox.statistics_daily import movements_per_day
from tests.conftest import client_for
from tests.sandbox.baseline_rows import baseline_movement
from tests.sandbox.factories import layer_movement
from tests.sandbox.screens import main_text, other_learner, register
from tests.sandbox.statistics_baselines import DECEMBER, december_baseline, december_count

pytestmark = pytest.mark.django_db

DAILY = "/en/sandbox/statistics/daily/"
DECEMBER_AT_PBL = {"crossing_point": "CR-PBL", "month": "2025-12"}
ROW = re.compile(
    r'<th scope="row"><time datetime="(?P<day>[\d-]+)">[^<]+</time></th>\s*<td>[^<]+</td>\s*'
    r'<td class="number">(?P<entries>[\d,]+)</td>\s*<td class="number">(?P<exits>[\d,]+)</td>\s*<td>(?P<note>.*?)</td>'
)


@pytest.fixture
def december(db):
    december_baseline()


def daily_rows(html: str) -> dict[dt.date, tuple[int, int, str]]:
    """The table's rows by day: entries, exits and the note's text."""
    return {
        dt.date.fromisoformat(match["day"]): (
            int(match["entries"].replace(",", "")),
            int(match["exits"].replace(",", "")),
            re.sub(r"<[^>]+>", "", match["note"]),
        )
        for match in ROW.finditer(html)
    }


def assert_figures_are_the_direct_count(html: str, sandbox: Sandbox | None) -> None:
    exits, entries = december_count(sandbox), december_count(sandbox, direction="ENTRY")
    rows = daily_rows(html)
    assert len(rows) == 31
    assert {day: (row[0], row[1]) for day, row in rows.items()} == {
        day: (entries.get(day, 0), exits.get(day, 0)) for day in rows
    }


def test_the_daily_figures_are_a_direct_count_of_the_learners_view_with_their_own_registrations(
    learner, learner_client, december
):
    assert register(learner_client, direction="EXIT", local_date="2025-12-20").status_code == 302
    sandbox = Sandbox.objects.get(owner=learner)
    html = learner_client.get(DAILY, DECEMBER_AT_PBL).content.decode()
    assert_figures_are_the_direct_count(html, sandbox)
    assert daily_rows(html)[dt.date(2025, 12, 20)][1] == 31  # 30 in the practice data, and theirs
    text = main_text(learner_client.get(DAILY, DECEMBER_AT_PBL))
    assert "Month's total Entries: 65; exits: 151." in text
    assert "Daily average Entries: 2.1 a day; exits: 4.9 a day (the month's total divided by its 31 days)." in text
    assert "Busiest day for exits Monday, December 22, 2025: 50 exits." in text
    assert "Busiest day for entries Friday, December 5, 2025: 60 entries." in text


def test_another_learners_layer_never_counts(learner, learner_client, december):
    layer_movement(
        services.sandbox_get_or_create(user=other_learner()), direction="EXIT", local_date=dt.date(2025, 12, 22)
    )
    html = learner_client.get(DAILY, DECEMBER_AT_PBL).content.decode()
    assert_figures_are_the_direct_count(html, None)
    assert daily_rows(html)[dt.date(2025, 12, 22)][1] == 50


def test_the_busiest_days_are_named_in_words_in_a_captioned_table_with_header_scopes(learner_client, december):
    html = learner_client.get(DAILY, DECEMBER_AT_PBL).content.decode()
    rows = daily_rows(html)
    assert rows[dt.date(2025, 12, 22)][2] == "Busiest day for exits"
    assert rows[dt.date(2025, 12, 5)][2] == "Busiest day for entries"
    assert [day for day, row in rows.items() if row[2]] == [dt.date(2025, 12, 5), dt.date(2025, 12, 22)]
    assert "<caption>Admitted entries and exits per day at Peñas Blancas (Costa Rica), December 2025</caption>" in html
    for heading in ("Date", "Day of the week", "Entries", "Exits", "Note"):
        assert re.search(rf'<th scope="col"[^>]*>{heading}</th>', html)
    assert '<th scope="row">Month\'s total</th>' in html
    assert '<th scope="row">Daily average</th>' in html
    assert "<h2>Peñas Blancas (Costa Rica) · December 2025</h2>" in html


def test_tied_busiest_days_are_all_named(learner, learner_client, december):
    for _ in range(10):
        register(learner_client, direction="EXIT", local_date="2025-12-23")
    text = main_text(learner_client.get(DAILY, DECEMBER_AT_PBL))
    assert "Busiest day for exits Monday, December 22, 2025; Tuesday, December 23, 2025: 50 exits." in text


def test_the_statistics_page_leads_to_the_daily_view(learner_client, december):
    html = learner_client.get("/en/sandbox/statistics/", {"month": "2025-12"}).content.decode()
    form = html[html.index('<section class="statistics-daily"') :]
    assert 'action="/en/sandbox/statistics/daily/"' in form
    assert '<optgroup label="Costa Rica">' in form and '<option value="CR-PBL">' in form
    assert 'id="daily_crossing_point"' in form and 'id="daily_month"' in form
    assert '<option value="2025-12" selected>' in form
    assert 'href="#daily-heading"' in html


def test_without_a_crossing_point_the_view_asks_for_one(learner_client, december):
    html = learner_client.get(DAILY).content.decode()
    assert "<table" not in html and "error-summary" not in html
    assert '<option value="2025-12" selected>' in html
    html = learner_client.get(DAILY, {"month": "2025-12"}).content.decode()
    assert 'id="id_crossing_point_error"' in html and "<table" not in html
    html = learner_client.get(DAILY, {"crossing_point": "XX-NOPE", "month": "1850-13"}).content.decode()
    assert 'id="id_crossing_point_error"' in html and 'id="id_month_error"' in html


def test_a_trainer_reads_a_learners_daily_view_read_only(trainer, learner, learner_client, december):
    register(learner_client, direction="EXIT", local_date="2025-12-20")
    sandbox = Sandbox.objects.get(owner=learner)
    rows_before = Movement.objects.layer_of(sandbox).count()
    url = f"/en/sandbox/learners/{sandbox.pk}/statistics/daily/"
    response = client_for(trainer).get(url, DECEMBER_AT_PBL)
    html = response.content.decode()
    assert response.status_code == 200
    assert_figures_are_the_direct_count(html, sandbox)
    assert "Counted over the learner's view of the platform" in html
    assert f'action="{url}"' in html
    assert f'href="/en/sandbox/learners/{sandbox.pk}/statistics/?month=2025-12"' in html
    assert Movement.objects.layer_of(sandbox).count() == rows_before
    assert not Sandbox.objects.filter(owner=trainer).exists()
    statistics_page = client_for(trainer).get(f"/en/sandbox/learners/{sandbox.pk}/statistics/").content.decode()
    assert f'action="{url}"' in statistics_page


def test_a_month_outside_the_period_counts_the_learners_own_records_alone(learner, learner_client, december):
    baseline_movement(crossing_point_id="CR-PBL", direction="EXIT", local_date=dt.date(2026, 1, 9))  # a stray date
    register(learner_client, direction="EXIT", local_date="2026-01-10")
    html = learner_client.get(DAILY, {"crossing_point": "CR-PBL", "month": "2026-01"}).content.decode()
    assert "January 2026 is outside the period of the practice data" in html
    rows = daily_rows(html)
    assert (rows[dt.date(2026, 1, 9)][1], rows[dt.date(2026, 1, 10)][1]) == (0, 1)


def test_a_post_without_movements_says_so(learner_client, december):
    html = learner_client.get(DAILY, {"crossing_point": "GT-VNU", "month": "2025-12"}).content.decode()
    assert "No traveller was admitted at this crossing point in this month" in html
    assert "<table" not in html


def test_the_figures_come_in_one_query(learner, december, django_assert_num_queries):
    sandbox = services.sandbox_get_or_create(user=learner)
    layer_movement(sandbox, direction="EXIT", local_date=dt.date(2025, 12, 22))
    with django_assert_num_queries(1):
        figures = movements_per_day(sandbox=sandbox, crossing_point="CR-PBL", month=DECEMBER)
    assert (figures.peak("EXIT"), figures.peak_days("EXIT")) == (51, [dt.date(2025, 12, 22)])
