"""Charts drawn on the server as SVG by pygal, each with a title, a one-sentence summary and its
data table, so that it reads without JavaScript, in the PDF report and with a screen reader.

Pages embed the SVG as a data: image (the Content-Security-Policy allows data: images, not
inline styles); pygal's script is left out (`js=[]`) and its inline config script removed.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import date

import pygal
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from pygal.style import Style

COLOURS = ("#1F4E79", "#B35900", "#2E7D32", "#6A1B9A", "#00838F", "#AD1457", "#5D4037", "#37474F")
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#4a5560",
    colors=COLOURS,
    font_family="Noto Sans, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    title_font_size=14,
    value_font_size=12,
)
SCRIPT = re.compile(r"<script.*?</script>", re.DOTALL)


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str
    headers: list[str]
    rows: list[list[str]]
    svg: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


def _percent(valid: int, required: int) -> float | None:
    return round(100 * valid / required, 1) if required else None


def _shown(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f} %"


def _render(chart) -> str:
    return SCRIPT.sub("", chart.render(is_unicode=True))


def _config(kind, title: str, *, legend: bool, percent: bool = True, **extra):
    chart = kind(
        js=[],
        style=STYLE,
        width=720,
        height=360,
        explicit_size=True,
        title=title,
        show_legend=legend,
        legend_at_bottom=True,
        print_values=False,
        disable_xml_declaration=True,
        **extra,
    )
    if percent:
        chart.range = (0, 100)
        chart.value_formatter = lambda value: _shown(value)
    return chart


def coverage_bars(*, title: str, label_header: str, items: list[tuple[str, int, int]]) -> Chart:
    """Coverage (valid over required) per label, as horizontal bars."""
    chart = _config(pygal.HorizontalBar, title, legend=False)
    chart.x_labels = [label for label, _valid, _required in items]
    chart.add(_("Coverage"), [_percent(valid, required) for _label, valid, required in items])
    rows = [[label, str(valid), str(required), _shown(_percent(valid, required))] for label, valid, required in items]
    measured = [(label, _percent(valid, required), valid, required) for label, valid, required in items if required]
    if not measured:
        summary = _("No one is required to hold this certificate yet.")
    elif len(measured) == 1:
        label, percent, valid, required = measured[0]
        summary = _("%(label)s: %(percent)s (%(valid)d of %(required)d).") % {
            "label": label,
            "percent": _shown(percent),
            "valid": valid,
            "required": required,
        }
    else:
        low, high = min(measured, key=lambda m: m[1]), max(measured, key=lambda m: m[1])
        summary = _("Coverage ranges from %(low)s (%(low_label)s) to %(high)s (%(high_label)s).") % {
            "low": _shown(low[1]),
            "low_label": low[0],
            "high": _shown(high[1]),
            "high_label": high[0],
        }
    headers = [label_header, _("Valid certificates"), _("People required"), _("Coverage")]
    return Chart(title=title, summary=summary, headers=headers, rows=rows, svg=_render(chart))


def coverage_trend(*, title: str, months: list[date], series: list[tuple[str, list[tuple[int, int]]]]) -> Chart:
    """Coverage by month, one line per series (values: (valid, required) per month)."""
    chart = _config(pygal.Line, title, legend=len(series) > 1)
    labels = [date_format(month, "YEAR_MONTH_FORMAT") for month in months]
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, [_percent(valid, required) for valid, required in values])
    rows = [
        [label, *(_shown(_percent(*values[index])) for _name, values in series)] for index, label in enumerate(labels)
    ]
    summary = _("No coverage recorded yet.")
    if series and months:
        first = next(((i, v) for i, v in enumerate(series[0][1]) if v[1]), None)
        last = series[0][1][-1]
        if first is not None and last[1]:
            summary = _("%(name)s: from %(start)s in %(start_month)s to %(end)s in %(end_month)s.") % {
                "name": series[0][0],
                "start": _shown(_percent(*first[1])),
                "start_month": labels[first[0]],
                "end": _shown(_percent(*last)),
                "end_month": labels[-1],
            }
    return Chart(
        title=title, summary=summary, headers=[_("Month"), *(n for n, _v in series)], rows=rows, svg=_render(chart)
    )


def status_stack(*, title: str, categories: list[str], statuses: list[tuple[str, list[int]]]) -> Chart:
    """People in each status per category, as stacked horizontal bars."""
    chart = _config(pygal.HorizontalStackedBar, title, legend=True, percent=False)
    chart.x_labels = categories
    for name, counts in statuses:
        chart.add(name, counts)
    rows = [
        [category, *(str(counts[index]) for _name, counts in statuses), str(sum(c[index] for _n, c in statuses))]
        for index, category in enumerate(categories)
    ]
    totals = ", ".join(f"{sum(counts)} {name.lower()}" for name, counts in statuses)
    summary = _("In all: %(totals)s.") % {"totals": totals} if categories else _("No one is covered yet.")
    headers = ["", *(name for name, _counts in statuses), _("Total")]
    return Chart(title=title, summary=summary, headers=headers, rows=rows, svg=_render(chart))


def grouped_coverage(*, title: str, groups: list[str], series: list[tuple[str, list[tuple[int, int]]]]) -> Chart:
    """Coverage per group (for example per country), one bar per series (for example per course)."""
    chart = _config(pygal.Bar, title, legend=True, x_label_rotation=20)
    chart.x_labels = groups
    for name, values in series:
        chart.add(name, [_percent(valid, required) for valid, required in values])
    rows = [[group, *(_shown(_percent(*values[index])) for _n, values in series)] for index, group in enumerate(groups)]
    summary = _("No coverage recorded yet.")
    if series:
        measured = [(groups[i], _percent(*v)) for i, v in enumerate(series[0][1]) if v[1]]
        if measured:
            low, high = min(measured, key=lambda m: m[1]), max(measured, key=lambda m: m[1])
            summary = _("%(name)s: highest in %(high_label)s (%(high)s), lowest in %(low_label)s (%(low)s).") % {
                "name": series[0][0],
                "high_label": high[0],
                "high": _shown(high[1]),
                "low_label": low[0],
                "low": _shown(low[1]),
            }
    return Chart(title=title, summary=summary, headers=["", *(n for n, _v in series)], rows=rows, svg=_render(chart))
