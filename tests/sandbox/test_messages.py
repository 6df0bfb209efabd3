"""Sandbox messages with a count, as Spanish and English readers get them (the static check that every
message with a count has plural forms is project-wide: tests/core/test_plural_forms.py)."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from sandbox.generation import baseline_generate
from sandbox.views.statistics import StatisticsTables


@pytest.mark.parametrize(
    ("language", "one", "ten"),
    [
        ("en", "Movements by nationality (top 1)", "Movements by nationality (top 10)"),
        ("es", "Movimientos por nacionalidad (la 1 principal)", "Movimientos por nacionalidad (las 10 principales)"),
    ],
)
def test_the_top_nationalities_caption_takes_the_plural_of_its_count(monkeypatch, language, one, ten):
    from sandbox import statistics
    from sandbox.views import statistics as view

    data = statistics.empty_statistics(statistics.dt.date(2025, 1, 1))
    captions = {}
    for top in (1, 10):
        monkeypatch.setattr(view, "TOP_NATIONALITIES", top)
        with translation.override(language):
            captions[top] = [table.caption for table in StatisticsTables(data).tables()]
    assert one in captions[1]
    assert ten in captions[10]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "summary"),
    [("en", r"\d+ indicators, \d+ within their target range, \d+ out of range\."), ("es", r"\d+ indicadores, ")],
)
def test_the_calibration_summary_counts_in_plural_forms(language, summary):
    baseline_generate(seed=11, scale=3000)
    out = StringIO()
    with translation.override(language):
        call_command("sandbox_calibration", stdout=out)
    assert re.search(summary, out.getvalue().splitlines()[-1])
