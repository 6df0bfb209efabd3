"""One calendar for "today" (docs/decisions/0019-dates-and-time-zones.md)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.beat import ScheduleEntry
from django.conf import settings
from django.utils import timezone

from lms.celery import app
from tests.layout import PROJECT_PACKAGES

ROOT = Path(__file__).resolve().parents[2]


def _local(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _entry(name: str) -> ScheduleEntry:
    config = settings.CELERY_BEAT_SCHEDULE[name]
    return ScheduleEntry(name=name, task=config["task"], schedule=config["schedule"], app=app)


def test_the_nightly_refresh_runs_after_midnight_on_the_platforms_calendar():
    entry = _entry("tracking-refresh")
    last_run = _local(2026, 12, 7, 3, 15)
    # 21:20 in Guatemala is 03:20 UTC the next day: on a UTC schedule the "nightly" run would start
    # here, before the platform's date has changed.
    with time_machine.travel(_local(2026, 12, 7, 21, 20), tick=False):
        assert not entry.schedule.is_due(last_run).is_due
    with time_machine.travel(_local(2026, 12, 8, 3, 20), tick=False):
        assert entry.schedule.is_due(last_run).is_due


def test_the_monthly_reports_run_on_the_first_day_of_the_platforms_month():
    entry = _entry("tracking-monthly-reports")
    last_run = _local(2026, 11, 1, 6, 0)
    # 06:00 UTC on 1 December is still 30 November in Guatemala.
    with time_machine.travel(dt.datetime(2026, 12, 1, 6, 5, tzinfo=dt.UTC), tick=False):
        assert not entry.schedule.is_due(last_run).is_due
    with time_machine.travel(_local(2026, 12, 1, 6, 5), tick=False):
        assert entry.schedule.is_due(last_run).is_due


@pytest.mark.clock_hours
def test_today_is_the_platforms_date_at_every_hour(clock_hour):
    assert timezone.localdate() == clock_hour.astimezone(ZoneInfo(settings.TIME_ZONE)).date()


def _calendar_mistakes(path: Path) -> list[str]:
    """`date.today()` and `<instant>.now().date()`: the server's or UTC calendar instead of the platform's."""
    mistakes = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        target = node.func.value
        if node.func.attr == "today" and isinstance(target, ast.Attribute | ast.Name):
            name = target.attr if isinstance(target, ast.Attribute) else target.id
            if name == "date":
                mistakes.append(f"{path.relative_to(ROOT)}:{node.lineno} date.today()")
        if (
            node.func.attr == "date"
            and isinstance(target, ast.Call)
            and isinstance(target.func, ast.Attribute)
            and target.func.attr == "now"
        ):
            mistakes.append(f"{path.relative_to(ROOT)}:{node.lineno} now().date()")
    return mistakes


def test_no_code_takes_the_date_from_another_calendar():
    mistakes = [
        mistake
        for package in PROJECT_PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
        for mistake in _calendar_mistakes(path)
    ]
    assert not mistakes, "Use timezone.localdate() (docs/decisions/0019-dates-and-time-zones.md): " + ", ".join(
        mistakes
    )
