"""A month's statistics of the learner's view, as captioned tables; and one crossing point's month
day by day (`DailyStatisticsView`), reached from the statistics page by a small form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from sandbox import statistics
from sandbox.forms import DailyForm, MonthForm, month_in_sentence, month_label, month_parse
from sandbox.job_functions import VIEW_STATISTICS
from sandbox.models import AgeGroup, CrossingPoint, Direction, IcaoCountry, ReturningCountry, Sex, TransportMode
from sandbox.statistics_daily import DailyFigures, movements_per_day
from sandbox.views.access import SandboxMixin

if TYPE_CHECKING:
    from django.db.models import TextChoices


@dataclass
class StatTable:
    caption: str
    key_heading: str
    columns: list[str]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)


TOP_NATIONALITIES = 10


class StatisticsView(SandboxMixin, View):
    """A month's statistics. Opens on the latest covered month (the practice data's last month, or
    a later month of the learner's own records) and says which months are covered. Any month may
    be asked for; one outside the practice data's period says so, counts the learner's own
    records alone and says apart how many practice records a defect dated in it
    (`statistics.statistics_month`)."""

    section = "statistics"
    capability = VIEW_STATISTICS

    def get(self, request: HttpRequest) -> HttpResponse:
        coverage = statistics.statistics_coverage(sandbox=self.sandbox)
        latest = coverage.latest() or timezone.localdate().replace(day=1)
        # Any well-formed month may be asked for: one outside the coverage is shown with a notice.
        asked = month_parse(request.GET.get("month", ""))
        form = MonthForm(
            request.GET if "month" in request.GET else None,
            months=[*coverage.months(), latest, *([asked] if asked else [])],
        )
        month = None
        if form.is_bound:
            if form.is_valid():
                month = form.cleaned_data["month"]
        else:
            month = latest
            form.initial["month"] = month.strftime("%Y-%m")
        figures = statistics.statistics_month(sandbox=self.sandbox, month=month, coverage=coverage) if month else None
        daily_form = _daily_form(None, coverage=coverage, latest=latest, auto_id="daily_%s")
        daily_form.initial["month"] = (month or latest).strftime("%Y-%m")
        return self.render(
            "sandbox/statistics.html",
            {
                "form": form,
                "month": month,
                "month_label": month_label(month) if month else "",
                "coverage": coverage,
                "coverage_first": month_in_sentence(coverage.first) if coverage.first else "",
                "coverage_last": month_in_sentence(coverage.last) if coverage.last else "",
                "own_outside": [month_in_sentence(own) for own in coverage.own_outside],
                "is_outside": figures is not None and figures.own_only,
                "stray": figures.stray if figures else 0,
                "tables": StatisticsTables(figures.data).tables() if figures else [],
                "show_alert_notice": False,
                "daily_form": daily_form,
            },
        )


def _daily_form(data: Any, *, coverage: statistics.Coverage, latest: dt.date, **kwargs: Any) -> DailyForm:
    """The daily view's form: every crossing point, and the months the statistics page offers."""
    return DailyForm(
        data,
        crossing_points=CrossingPoint.objects.select_related("country"),
        months=[*coverage.months(), latest],
        **kwargs,
    )


class DailyStatisticsView(SandboxMixin, View):
    """One crossing point's month day by day: the admitted entries and exits of each local day,
    the month's totals, the daily averages and the busiest days, said in words (`DailyTable`).
    Inside the practice data's period it counts the learner's view; outside it, their own
    records alone, as the monthly statistics do. Without a crossing point it shows the form."""

    section = "statistics"
    capability = VIEW_STATISTICS

    def get(self, request: HttpRequest) -> HttpResponse:
        coverage = statistics.statistics_coverage(sandbox=self.sandbox)
        latest = coverage.latest() or timezone.localdate().replace(day=1)
        asked = "crossing_point" in request.GET or "month" in request.GET
        form = _daily_form(request.GET if asked else None, coverage=coverage, latest=latest)
        daily, own_only = None, False
        if not asked:
            form.initial["month"] = latest.strftime("%Y-%m")
        elif form.is_valid():
            point, month = form.cleaned_data["crossing_point"], form.cleaned_data["month"]
            own_only = not coverage.in_period(month)
            figures = movements_per_day(sandbox=self.sandbox, crossing_point=point.code, month=month, own_only=own_only)
            daily = DailyTable(figures, point)
        return self.render(
            "sandbox/statistics_daily.html",
            {
                "form": form,
                "daily": daily,
                "own_only": own_only,
                "month_query": daily.month.strftime("%Y-%m") if daily else "",
                "show_alert_notice": False,
            },
        )


@dataclass
class DailyRow:
    day: dt.date
    label: str
    weekday: str
    entries: int
    exits: int
    notes: list[str]


class DailyTable:
    """A crossing point's month as rows of days, with the busiest days named in a note."""

    def __init__(self, figures: DailyFigures, point: CrossingPoint) -> None:
        self.figures = figures
        self.point = point
        self.month = figures.month
        self.point_name = f"{point.name} ({point.country.name})"
        self.month_label = month_label(figures.month)
        self.month_in_sentence = month_in_sentence(figures.month)
        self.day_count = len(figures.days)
        self.is_empty = figures.is_empty
        self.total_entries = figures.total(Direction.ENTRY)
        self.total_exits = figures.total(Direction.EXIT)
        self.average_entries = figures.average(Direction.ENTRY)
        self.average_exits = figures.average(Direction.EXIT)
        self.peak_entries = figures.peak(Direction.ENTRY)
        self.peak_exits = figures.peak(Direction.EXIT)
        self.peak_entry_days = [_day_label(day) for day in figures.peak_days(Direction.ENTRY)]
        self.peak_exit_days = [_day_label(day) for day in figures.peak_days(Direction.EXIT)]

    @cached_property
    def rows(self) -> list[DailyRow]:
        exit_peaks = set(self.figures.peak_days(Direction.EXIT))
        entry_peaks = set(self.figures.peak_days(Direction.ENTRY))
        rows = []
        for day in self.figures.days:
            notes = []
            if day.day in exit_peaks:
                notes.append(_("Busiest day for exits"))
            if day.day in entry_peaks:
                notes.append(_("Busiest day for entries"))
            rows.append(
                DailyRow(
                    day=day.day,
                    label=date_format(day.day, "DATE_FORMAT"),
                    weekday=capfirst(date_format(day.day, "l")),
                    entries=day.entries,
                    exits=day.exits,
                    notes=notes,
                )
            )
        return rows


def _day_label(day: dt.date) -> str:
    """A day as written in a sentence, with its weekday ("lunes, 22 de diciembre de 2025")."""
    return f"{date_format(day, 'l')}, {date_format(day, 'DATE_FORMAT')}"


class StatisticsTables:
    """The statistics of one month as captioned tables, codes shown by their names."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @cached_property
    def country_names(self) -> dict[str, str]:
        movements, refusals, returns = self.data["movements"], self.data["refusals"], self.data["returns"]
        codes = {*movements["country"], *movements["nationality"], *refusals["nationality"]}
        codes |= set(returns["receiving_country"])
        return {country.code: country.name for country in IcaoCountry.objects.filter(code__in=codes)}

    @cached_property
    def crossing_point_names(self) -> dict[str, str]:
        # Names repeat across a border (Peñas Blancas, El Amatillo, Paso Canoas): say whose post it is.
        codes = self.data["movements"]["crossing_point"]
        points = CrossingPoint.objects.filter(code__in=codes).select_related("country")
        return {point.code: f"{point.name} ({point.country.name})" for point in points}

    def tables(self) -> list[StatTable]:
        movements, refusals, returns = self.data["movements"], self.data["refusals"], self.data["returns"]
        number = [_("Number")]
        totals = StatTable(_("Totals"), _("Indicator"), number)
        totals.rows = [
            (_("Entries admitted"), [movements["total"].get("ENTRY", 0)]),
            (_("Exits"), [movements["total"].get("EXIT", 0)]),
            (_("Entries refused"), [refusals["total"]]),
            (_("Returns received"), [returns["total"]]),
        ]
        countries, points = self.country_names, self.crossing_point_names
        tables = [
            totals,
            self._movements(_("Movements by country"), _("Country"), movements["country"], countries),
            self._movements(
                _("Movements by border crossing point"), _("Crossing point"), movements["crossing_point"], points
            ),
            self._movements(
                _("Movements by transport mode"),
                _("Mode"),
                movements["transport_mode"],
                _labels(TransportMode),
                ordered=True,
            ),
            self._movements(
                ngettext(
                    "Movements by nationality (top %(count)d)",
                    "Movements by nationality (top %(count)d)",
                    TOP_NATIONALITIES,
                )
                % {"count": TOP_NATIONALITIES},
                _("Nationality"),
                movements["nationality"],
                countries,
                top=TOP_NATIONALITIES,
            ),
            self._movements(_("Movements by sex"), _("Sex"), movements["sex"], _labels(Sex), ordered=True),
            self._movements(
                _("Movements by age group"), _("Age group"), movements["age_group"], _labels(AgeGroup), ordered=True
            ),
            self._counts(
                ngettext(
                    "Refused entries by nationality (top %(count)d)",
                    "Refused entries by nationality (top %(count)d)",
                    TOP_NATIONALITIES,
                )
                % {"count": TOP_NATIONALITIES},
                _("Nationality"),
                _("Entries refused"),
                refusals["nationality"],
                countries,
                top=TOP_NATIONALITIES,
            ),
            self._counts(
                _("Returns by receiving country"), _("Country"), _("Returns"), returns["receiving_country"], countries
            ),
            self._counts(
                _("Returns by returning country"),
                _("Returned from"),
                _("Returns"),
                returns["returning_country"],
                _labels(ReturningCountry),
                ordered=True,
            ),
            self._counts(
                _("Returns by mode"), _("Mode"), _("Returns"), returns["mode"], _labels(TransportMode), ordered=True
            ),
            self._counts(_("Returns by sex"), _("Sex"), _("Returns"), returns["sex"], _labels(Sex), ordered=True),
        ]
        minors = StatTable(_("Returned minors"), _("Age"), [_("Returns")])
        minors.rows = [
            (_("Adults"), [returns["minor"].get("adult", 0)]),
            (_("Minors"), [returns["minor"].get("minor", 0)]),
            (_("of whom unaccompanied"), [returns["unaccompanied"]]),
        ]
        tables.append(minors)
        return tables

    def _movements(
        self,
        caption: str,
        key_heading: str,
        counts: dict[str, dict[str, int]],
        names: dict[str, str],
        *,
        ordered: bool = False,
        top: int | None = None,
    ) -> StatTable:
        table = StatTable(caption, key_heading, [_("Entries"), _("Exits"), _("Total")])
        values = {
            code: [by_direction.get("ENTRY", 0), by_direction.get("EXIT", 0)] for code, by_direction in counts.items()
        }
        for label, (entries, exits) in _rows(values, names, ordered=ordered, top=top, width=2):
            table.rows.append((label, [entries, exits, entries + exits]))
        return table

    def _counts(
        self,
        caption: str,
        key_heading: str,
        column: str,
        counts: dict[str, int],
        names: dict[str, str],
        *,
        ordered: bool = False,
        top: int | None = None,
    ) -> StatTable:
        table = StatTable(caption, key_heading, [column])
        table.rows = _rows({code: [count] for code, count in counts.items()}, names, ordered=ordered, top=top, width=1)
        return table


def _labels(choices: type[TextChoices]) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices.choices}


def _rows(
    values: dict[str, list[int]], names: dict[str, str], *, ordered: bool, top: int | None, width: int
) -> list[tuple[str, list[int]]]:
    """Rows labelled with names: in the code list's order, or largest first with the rest summed
    into one row after the `top` largest (nationalities)."""
    if ordered:
        order = {code: index for index, code in enumerate(names)}
        codes = sorted(values, key=lambda code: (order.get(code, len(order)), code))
    else:
        codes = sorted(values, key=lambda code: (-sum(values[code]), names.get(code, code)))
    rows = [(names.get(code, code), values[code]) for code in codes]
    if top is not None and len(rows) > top:
        rest = rows[top:]
        rows = [*rows[:top], (_("Other nationalities"), [sum(row[1][i] for row in rest) for i in range(width)])]
    return [row for row in rows if any(row[1])]
