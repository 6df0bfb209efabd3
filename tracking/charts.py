"""Charts drawn on the server as SVG by pygal (coverage, statuses, trends, the practical pass
rate), each with a title, a one-sentence summary and its data table, so that it reads without
JavaScript, in the PDF report and with a screen reader.

Pages embed the SVG as a data: image (the Content-Security-Policy allows data: images, not
inline styles); pygal's script is left out (`js=[]`) and its inline config script removed.

No text is ever cut: pygal's truncation (on by default, "Registro de entr…", "10…") is off for
labels and legends. Long category names on the side of horizontal bars are wrapped onto
several lines (pygal draws one line per label: it lays out a stand-in of the longest line's
length, which is then replaced by the lines); month and country names under vertical charts
are turned 45 degrees; the legend takes one column when its names are long; and the chart
grows (taller for more categories, wider for a legend name longer than the chart) instead.
"""

from __future__ import annotations

import base64
import re
import textwrap
from dataclasses import dataclass
from datetime import date
from html import escape

import pygal
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from pygal.style import Style

from tracking.coverage import NO_FIGURE, coverage_label, coverage_percent, percent_label

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
WIDTH, HEIGHT = 720, 360
# Text widths are estimated, as pygal does, at 0.6 em a character: wider than DejaVu Sans or Noto Sans
# draw these labels (the SVG is drawn with whatever sans-serif font the browser or WeasyPrint has: an
# <img> loads no web font), so an estimated fit is a real one.
CHARACTER_WIDTH = 0.6 * STYLE.label_font_size
LABEL_LINE_CHARACTERS = 28
LINE_HEIGHT = 15
LEGEND_BOX = 12
# What surrounds the plot: the title above, the value axis under it, pygal's spacing.
CHROME_HEIGHT = 110
PLOT_SIDE_MARGIN = 110
# Stand-ins pygal lays out in place of a wrapped label: a private-use character, the label's
# number, padding to the length of its longest line.
STAND_IN = "\ue000"
STAND_IN_TEXT = re.compile(r"<text([^>]*)>(\ue000\d+\ue000x*)</text>")
STAND_IN_ANY = re.compile(r"\ue000\d+\ue000x*")


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str
    headers: list[str]
    rows: list[list[str]]
    svg: str
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


def _text_width(text: str) -> float:
    return len(text) * CHARACTER_WIDTH


def _legend_layout(names: list[str]) -> tuple[int, int, int]:
    """Columns, rows and the chart width a bottom legend of these names needs, none of them cut."""
    if not names:
        return 1, 0, WIDTH
    entry = max(_text_width(name) for name in names) + LEGEND_BOX + 10
    plot = WIDTH - PLOT_SIDE_MARGIN
    columns = max(1, min(len(names), 3, int(plot // entry)))
    width = max(WIDTH, int(entry + PLOT_SIDE_MARGIN))
    rows = -(-len(names) // columns)
    return columns, rows, width


def _wrapped(label: str) -> list[str]:
    return textwrap.wrap(label, LABEL_LINE_CHARACTERS, break_long_words=False, break_on_hyphens=False) or [label]


class _SideLabels:
    """Category labels beside horizontal bars, wrapped onto lines; pygal lays out stand-ins."""

    def __init__(self, labels: list[str]) -> None:
        self.labels = labels
        self.lines = [_wrapped(label) for label in labels]
        self.stand_ins = [
            f"{STAND_IN}{index}{STAND_IN}".ljust(max(len(line) for line in lines), "x")
            for index, lines in enumerate(self.lines)
        ]

    def height(self, legend_rows: int) -> int:
        """A chart tall enough for every label's lines and the legend."""
        per_category = max(32, max((len(lines) for lines in self.lines), default=1) * LINE_HEIGHT + 14)
        needed = CHROME_HEIGHT + len(self.labels) * per_category + legend_rows * 20
        return max(HEIGHT if len(self.labels) > 3 else 240, needed)

    def replace(self, svg: str) -> str:
        def text(match: re.Match) -> str:
            attributes, stand_in = match.groups()
            lines = self.lines[int(stand_in.strip("x").strip(STAND_IN))]
            x = re.search(r'\bx="([^"]*)"', attributes)
            x_attribute = f' x="{x.group(1)}"' if x else ""
            first = -(len(lines) - 1) / 2 * LINE_HEIGHT
            spans = "".join(
                f'<tspan{x_attribute} dy="{first if index == 0 else LINE_HEIGHT:g}">{escape(line, quote=False)}</tspan>'
                for index, line in enumerate(lines)
            )
            return f"<text{attributes}>{spans}</text>"

        def anywhere(match: re.Match) -> str:
            return escape(self.labels[int(match.group(0).strip("x").strip(STAND_IN))], quote=False)

        return STAND_IN_ANY.sub(anywhere, STAND_IN_TEXT.sub(text, svg))


def _render(chart, side_labels: _SideLabels | None = None) -> str:
    svg = SCRIPT.sub("", chart.render(is_unicode=True))
    return side_labels.replace(svg) if side_labels else svg


def _config(kind, title: str, *, legend: list[str] | None, percent: bool = True, height: int = HEIGHT, **extra):
    """A pygal chart that cuts no text: labels and legend names are drawn whole (see the module's docstring)."""
    columns, _rows, width = _legend_layout(legend or [])
    chart = kind(
        js=[],
        style=STYLE,
        width=width,
        height=height,
        explicit_size=True,
        title=title,
        show_legend=bool(legend),
        legend_at_bottom=True,
        legend_at_bottom_columns=columns,
        truncate_label=-1,
        truncate_legend=-1,
        print_values=False,
        disable_xml_declaration=True,
        **extra,
    )
    if percent:
        chart.range = (0, 100)
        chart.value_formatter = lambda value: percent_label(None if value is None else round(value))
    return chart


def _vertical_height(labels: list[str], legend: list[str] | None) -> int:
    """A chart tall enough for a plot of the usual height, its labels turned 45 degrees, and its legend."""
    _columns, rows, _width = _legend_layout(legend or [])
    turned = max((_text_width(label) for label in labels), default=0) * 0.71
    return int(HEIGHT - 40 + turned + rows * 20)


def _horizontal(kind, title: str, categories: list[str], *, legend: list[str] | None, percent: bool = True):
    """Horizontal bars with the categories' names wrapped beside them, the chart as tall as they need."""
    side_labels = _SideLabels(categories)
    _columns, rows, _width = _legend_layout(legend or [])
    chart = _config(kind, title, legend=legend, percent=percent, height=side_labels.height(rows))
    chart.x_labels = side_labels.stand_ins
    return chart, side_labels


def coverage_bars(*, title: str, label_header: str, items: list[tuple[str, int, int]]) -> Chart:
    """Coverage (valid over required) per label, as horizontal bars."""
    chart, side_labels = _horizontal(pygal.HorizontalBar, title, [label for label, _v, _r in items], legend=None)
    chart.add(_("Coverage"), [coverage_percent(valid, required) for _label, valid, required in items])
    rows = [[label, str(valid), str(required), coverage_label(valid, required)] for label, valid, required in items]
    summary = _share_summary(
        [(label, valid, required) for label, valid, required in items if required],
        empty=_("No one is required to hold this certificate yet."),
        ranges=_("Coverage ranges from %(low)s (%(low_label)s) to %(high)s (%(high_label)s)."),
    )
    headers = [label_header, _("Valid certificates"), _("People required"), _("Coverage")]
    return _chart(chart, side_labels, title=title, summary=summary, headers=headers, rows=rows)


def practical_bars(*, title: str, label_header: str, items: list[tuple[str, int, int, int]]) -> Chart:
    """The practical pass rate (passed every exercise over started) per label, as horizontal bars;
    items are (label, exercises, passed, started). A label without exercises has no bar and says so."""
    chart, side_labels = _horizontal(pygal.HorizontalBar, title, [item[0] for item in items], legend=None)
    chart.add(
        _("Practical pass rate"),
        [coverage_percent(passed, started) if exercises else None for _label, exercises, passed, started in items],
    )
    rows = [
        [label, str(exercises), str(started), str(passed), coverage_label(passed, started)]
        if exercises
        else [label, "0", NO_FIGURE, NO_FIGURE, _("No practical exercises")]
        for label, exercises, passed, started in items
    ]
    if not any(exercises for _label, exercises, _passed, _started in items):
        summary = _("No course here has practical exercises.")
    else:
        summary = _share_summary(
            [(label, passed, started) for label, exercises, passed, started in items if exercises and started],
            empty=_("No learner has started a practical exercise yet."),
            ranges=_("The practical pass rate ranges from %(low)s (%(low_label)s) to %(high)s (%(high_label)s)."),
        )
    headers = [
        label_header,
        _("Exercises in the course"),
        _("Learners who started them"),
        _("Passed every exercise"),
        _("Practical pass rate"),
    ]
    return _chart(chart, side_labels, title=title, summary=summary, headers=headers, rows=rows)


def _share_summary(measured: list[tuple[str, int, int]], *, empty: str, ranges: str) -> str:
    """One sentence on shares (label, part, whole): the one share with its counts, or the lowest and highest."""
    if not measured:
        return empty
    if len(measured) == 1:
        label, part, whole = measured[0]
        return _("%(label)s: %(percent)s (%(valid)d of %(required)d).") % {
            "label": label,
            "percent": coverage_label(part, whole),
            "valid": part,
            "required": whole,
        }
    shares = [(label, coverage_percent(part, whole)) for label, part, whole in measured]
    low, high = min(shares, key=lambda m: m[1]), max(shares, key=lambda m: m[1])
    return ranges % {
        "low": percent_label(low[1]),
        "low_label": low[0],
        "high": percent_label(high[1]),
        "high_label": high[0],
    }


def _chart(pygal_chart, side_labels: _SideLabels | None = None, **fields) -> Chart:
    svg = _render(pygal_chart, side_labels)
    return Chart(svg=svg, width=pygal_chart.config.width, height=pygal_chart.config.height, **fields)


def coverage_trend(*, title: str, months: list[date], series: list[tuple[str, list[tuple[int, int]]]]) -> Chart:
    """Coverage by month, one line per series (values: (valid, required) per month)."""
    names = [name for name, _values in series]
    labels = [date_format(month, "YEAR_MONTH_FORMAT") for month in months]
    legend = names if len(series) > 1 else None
    chart = _config(pygal.Line, title, legend=legend, height=_vertical_height(labels, legend), x_label_rotation=45)
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, [coverage_percent(valid, required) for valid, required in values])
    rows = [
        [label, *(coverage_label(*values[index]) for _name, values in series)] for index, label in enumerate(labels)
    ]
    summary = _("No coverage recorded yet.")
    if series and months:
        first = next(((i, v) for i, v in enumerate(series[0][1]) if v[1]), None)
        last = series[0][1][-1]
        if first is not None and last[1]:
            summary = _("%(name)s: from %(start)s in %(start_month)s to %(end)s in %(end_month)s.") % {
                "name": series[0][0],
                "start": coverage_label(*first[1]),
                "start_month": labels[first[0]],
                "end": coverage_label(*last),
                "end_month": labels[-1],
            }
    return _chart(chart, title=title, summary=summary, headers=[_("Month"), *names], rows=rows)


def status_stack(
    *, title: str, categories: list[str], statuses: list[tuple[str, list[int]]], in_all: list[str]
) -> Chart:
    """People in each status per category, as stacked horizontal bars; `in_all` says each status's total."""
    names = [name for name, _counts in statuses]
    chart, side_labels = _horizontal(pygal.HorizontalStackedBar, title, categories, legend=names, percent=False)
    for name, counts in statuses:
        chart.add(name, counts)
    rows = [
        [category, *(str(counts[index]) for _name, counts in statuses), str(sum(c[index] for _n, c in statuses))]
        for index, category in enumerate(categories)
    ]
    summary = _("In all: %(totals)s.") % {"totals": ", ".join(in_all)} if categories else _("No one is covered yet.")
    headers = ["", *names, _("Total")]
    return _chart(chart, side_labels, title=title, summary=summary, headers=headers, rows=rows)


def grouped_coverage(*, title: str, groups: list[str], series: list[tuple[str, list[tuple[int, int]]]]) -> Chart:
    """Coverage per group (for example per country), one bar per series (for example per course)."""
    names = [name for name, _values in series]
    chart = _config(pygal.Bar, title, legend=names, height=_vertical_height(groups, names), x_label_rotation=45)
    chart.x_labels = groups
    for name, values in series:
        chart.add(name, [coverage_percent(valid, required) for valid, required in values])
    rows = [[group, *(coverage_label(*values[index]) for _n, values in series)] for index, group in enumerate(groups)]
    summary = _("No coverage recorded yet.")
    if series:
        measured = [(groups[i], coverage_percent(*v)) for i, v in enumerate(series[0][1]) if v[1]]
        if measured:
            low, high = min(measured, key=lambda m: m[1]), max(measured, key=lambda m: m[1])
            summary = _("%(name)s: highest in %(high_label)s (%(high)s), lowest in %(low_label)s (%(low)s).") % {
                "name": series[0][0],
                "high_label": high[0],
                "high": percent_label(high[1]),
                "low_label": low[0],
                "low": percent_label(low[1]),
            }
    return _chart(chart, title=title, summary=summary, headers=["", *names], rows=rows)
