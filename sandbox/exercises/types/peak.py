"""#16 Peak planning: a month's average and peak daily exits at a land crossing point (DOMAIN.md
2.6 and 5c).

A supervisor plans the booths of a busy month from the statistics: the brief names a land post
and a month of the practice data and asks for the average daily exits, the exits of the busiest
day and that day's date. The builder writes no records: the figures are those of the learner's
own view of the data, computed again at each check by the selector the daily statistics screen
reads (`sandbox.statistics_daily.movements_per_day`), so the exits the learner registered at
that post in that month count, and a record they deleted does not.

Parameters: a LAND crossing point (by default Peñas Blancas, Costa Rica, when it has exits in
the month, else the land post with the most) and a month `YYYY-MM` of the practice data's period
(by default its December, else its last month), in which the post has admitted exits in the
practice data. Both are read from the baseline's period (`Baseline`) and monthly summaries
(`MonthlySummary`, the baseline's own figures): a trainer's choice costs a few small reads.

Grading: each of the three answers weighs the same; a figure within 2 % of the truth is right,
the date must be a busiest day (any of them when several tie). What a finding reveals, so that
it teaches without handing out the answer: for a figure, whether it is too high or too low and
by how many per cent, never the true value; for a wrong date, that day's own exits in the
learner's data (a figure the screen shows them) and that other days had more. Two hints follow a
wrong answer when they explain it: the figure is the entries' rather than the exits', or it is
the practice data's without the learner's own changes.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sandbox import statistics
from sandbox.exercises.base import (
    BuildContext,
    CheckContext,
    CheckResult,
    ExerciseType,
    Finding,
    ScenarioPlan,
    coded,
    score_from,
)
from sandbox.exercises.numbers import NumberField
from sandbox.exercises.registry import register
from sandbox.exercises.types.common import crossing_point_check, crossing_point_get
from sandbox.forms import month_in_sentence, month_parse
from sandbox.models import CrossingPoint, Direction, ExerciseAttempt, MonthlySummary
from sandbox.statistics_daily import DailyFigures, month_days, movements_per_day

DEFAULT_CROSSING_POINT = "CR-PBL"
# A figure within this share of the truth is right (DOMAIN.md 5c: ±2 %).
TOLERANCE = Decimal("0.02")
ANSWER_FIELDS = ("average_exits", "peak_exits", "peak_date")
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]


# The practice data's months and each post's exits in them (the baseline's monthly summaries)


def default_month(coverage: statistics.Coverage) -> dt.date | None:
    """The latest December of the practice data's period, else its last month (None: no data)."""
    if coverage.first is None or coverage.last is None:
        return None
    december = dt.date(coverage.last.year, 12, 1)
    if december > coverage.last:
        december = dt.date(coverage.last.year - 1, 12, 1)
    return december if december >= coverage.first else coverage.last


def baseline_exits(month: dt.date) -> dict[str, int]:
    """Admitted exits per crossing point in the month, in the practice data (its summary)."""
    data = MonthlySummary.objects.filter(month=month.replace(day=1)).values_list("data", flat=True).first() or {}
    by_point = data.get("movements", {}).get("crossing_point", {})
    return {code: counts.get(Direction.EXIT, 0) for code, counts in by_point.items() if counts.get(Direction.EXIT)}


def default_crossing_point(month: dt.date | None) -> str:
    """Peñas Blancas (Costa Rica) when it has exits in the month, else the land post with the most."""
    exits = baseline_exits(month) if month else {}
    if exits.get(DEFAULT_CROSSING_POINT):
        return DEFAULT_CROSSING_POINT
    land = CrossingPoint.objects.filter(kind="LAND", code__in=list(exits)).values_list("code", flat=True)
    return max(sorted(land), key=lambda code: exits[code], default=DEFAULT_CROSSING_POINT)


# The answer


class PeakAnswerForm(forms.Form):
    """The learner's three answers. Numbers are read as people type them (`NumberField`); the
    date is a day of the exercise's month (`month`, when the form knows it)."""

    average_exits = NumberField(
        label=_("Average daily exits"),
        help_text=_(
            "The month's admitted exits divided by its number of days. Type it as you write it: 890, 890,5 "
            "or 890.5. A point or comma before exactly three digits separates thousands: 1.234 and 1,234 "
            "are both one thousand two hundred and thirty-four."
        ),
    )
    peak_exits = NumberField(
        label=_("Exits on the busiest day"),
        whole=True,
        help_text=_("The admitted exits of the day with the most, a whole number: 1234, 1.234 or 1,234."),
    )
    peak_date = forms.DateField(
        label=_("Date of the busiest day"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Day/month/year, for example 05/12/2025, or pick it in the calendar."),
        error_messages={"invalid": _("Type a date as day/month/year, for example 05/12/2025.")},
    )

    def __init__(self, *args: Any, month: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.month = month
        if month is not None:
            days = month_days(month)
            field = self.fields["peak_date"]
            field.widget.attrs.update({"min": days[0].isoformat(), "max": days[-1].isoformat()})
            field.help_text = gettext("A day of %(month)s: day/month/year, or pick it in the calendar.") % {
                "month": month_in_sentence(month)
            }

    def clean_peak_date(self) -> dt.date:
        day = self.cleaned_data["peak_date"]
        if self.month is not None and (day.year, day.month) != (self.month.year, self.month.month):
            raise ValidationError(
                gettext("Give a day of %(month)s.") % {"month": month_in_sentence(self.month)}, code="month"
            )
        return day

    def cleaned_answer(self) -> dict[str, Any]:
        """The answer as stored (JSON): the figures as numbers, the date as ISO text."""
        average: Decimal = self.cleaned_data["average_exits"]
        return {
            "average_exits": int(average) if average == average.to_integral_value() else float(average),
            "peak_exits": int(self.cleaned_data["peak_exits"]),
            "peak_date": self.cleaned_data["peak_date"].isoformat(),
        }


# The check


def _off_by(found: Decimal, expected: Decimal) -> tuple[bool, float | int]:
    """Whether `found` is within the tolerance of `expected`, and by how many per cent it is off
    (one decimal, rounded up, under 10 %: a 2.04 % miss never reads as "2.0 %")."""
    if abs(found - expected) <= TOLERANCE * expected:
        return True, 0
    percent = float(abs(found - expected) * 100 / expected) if expected else 100.0
    return False, math.ceil(percent * 10) / 10 if percent < 10 else round(percent)


def _figure_finding(name: str, found: Any, expected: float | int, where: dict[str, Any]) -> Finding | None:
    value, truth = Decimal(str(found)), Decimal(str(expected))
    right, percent = _off_by(value, truth)
    if right:
        return None
    side = "high" if value > truth else "low"
    return Finding(f"peak.{name}_{side}", {"found": coded("number", found), "percent": percent, **where})


def _date_finding(found: str, figures: DailyFigures, where: dict[str, Any]) -> Finding | None:
    day = dt.date.fromisoformat(found)
    count = figures.count_on(day, Direction.EXIT)
    if count is None:
        return Finding("peak.date_outside", {"found": coded("date", found), **where})
    if not figures.peak(Direction.EXIT) or day in figures.peak_days(Direction.EXIT):
        return None
    return Finding("peak.date", {"found": coded("date", found), "count": coded("number", count), **where})


def _matches(found: Any, expected: float) -> bool:
    return _off_by(Decimal(str(found)), Decimal(str(expected)))[0]


def _hints(
    context: CheckContext, answer: dict[str, Any], view: DailyFigures, wrong: set[str], where: dict[str, Any]
) -> list[Finding]:
    """Why wrong answers may be wrong: the entries read for the exits, or the learner's own
    changes left out (the practice data's figures, read only when the learner has changed it)."""
    hints = []

    def explained_by(figures: DailyFigures, direction: str) -> bool:
        return (
            ("average" in wrong and _matches(answer["average_exits"], figures.average(direction)))
            or ("peak" in wrong and _matches(answer["peak_exits"], figures.peak(direction)))
            or ("date" in wrong and dt.date.fromisoformat(answer["peak_date"]) in figures.peak_days(direction))
        )

    if explained_by(view, Direction.ENTRY):
        hints.append(Finding("peak.entries", where))
    if context.sandbox is not None:
        practice = movements_per_day(sandbox=None, crossing_point=view.crossing_point, month=view.month)
        if practice.days != view.days and explained_by(practice, Direction.EXIT):
            hints.append(Finding("peak.own_changes", where))
    return hints


@register
class PeakPlanning(ExerciseType):
    slug = "peak_planning"
    domain_number = 16
    role = "supervisor"
    title = _("Peak planning: average and peak daily exits at a crossing point")
    summary = _(
        "From the daily statistics of a land crossing point in a month, give the average daily exits, the exits "
        "of the busiest day and its date, counted over the learner's own view of the data."
    )
    parameters = ("crossing_point", "month")
    brief_template = "sandbox/exercises/brief_peak_planning.html"
    workspace_url_name = "sandbox:statistics_daily"
    answer_form_class = PeakAnswerForm
    messages = {
        "peak.no_answer": (
            _("No answer recorded"),
            _(
                "No answer has been recorded yet: give the average daily exits, the exits of the busiest day and "
                "its date at %(post)s in %(month)s, then check again."
            ),
        ),
        "peak.average_high": (
            _("Average daily exits too high"),
            _(
                "The average daily exits you gave, %(found)s, is %(percent)s %% too high for your data at %(post)s "
                "in %(month)s (up to 2 %% off counts as right)."
            ),
        ),
        "peak.average_low": (
            _("Average daily exits too low"),
            _(
                "The average daily exits you gave, %(found)s, is %(percent)s %% too low for your data at %(post)s "
                "in %(month)s (up to 2 %% off counts as right)."
            ),
        ),
        "peak.peak_high": (
            _("Peak daily exits too high"),
            _(
                "The exits you gave for the busiest day, %(found)s, are %(percent)s %% too many for your data at "
                "%(post)s in %(month)s (up to 2 %% off counts as right)."
            ),
        ),
        "peak.peak_low": (
            _("Peak daily exits too low"),
            _(
                "The exits you gave for the busiest day, %(found)s, are %(percent)s %% too few for your data at "
                "%(post)s in %(month)s (up to 2 %% off counts as right)."
            ),
        ),
        "peak.date_outside": (
            _("Peak date outside the month"),
            _("The date you gave, %(found)s, is not in %(month)s: the busiest day is a day of that month."),
        ),
        "peak.date": (
            _("Wrong peak date"),
            _(
                "The date you gave, %(found)s, was not the busiest day at %(post)s in %(month)s in your data: that "
                "day had fewer exits (%(count)s) than the busiest."
            ),
        ),
        "peak.entries": (
            _("Entries read instead of exits"),
            _(
                "Your answer matches the entries at %(post)s in %(month)s, not the exits: the questions are about "
                "the travellers who left the country."
            ),
        ),
        "peak.own_changes": (
            _("Own changes left out"),
            _(
                "Your answer matches the practice data at %(post)s in %(month)s without your own changes: your "
                "data also counts the movements you registered, edited or deleted there."
            ),
        ),
    }

    # Parameters

    def parameter_defaults(self) -> dict[str, Any]:
        month = default_month(statistics.statistics_coverage(sandbox=None))
        return {
            "crossing_point": default_crossing_point(month),
            "month": f"{month:%Y-%m}" if month else "",
        }

    def parameters_clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        """As every type's, except that without a crossing point the default follows the month set."""
        month = month_parse(str(raw.get("month") or ""))
        if raw.get("crossing_point") in (None, "") and month is not None:
            raw = {**raw, "crossing_point": default_crossing_point(month)}
        return super().parameters_clean(raw)

    def parameters_validate(self, values: dict[str, Any], errors: dict[str, list[str]]) -> None:
        point = crossing_point_check(values.get("crossing_point"), errors, kinds=("LAND",))
        month = month_parse(str(values.get("month") or ""))
        coverage = statistics.statistics_coverage(sandbox=None)
        if coverage.first is None:
            errors.setdefault("month", []).append(
                gettext("There is no practice data yet: generate it before setting this exercise.")
            )
        elif month is None:
            errors.setdefault("month", []).append(gettext("Write the month as YYYY-MM, for example 2025-12."))
        elif not coverage.in_period(month):
            errors.setdefault("month", []).append(
                gettext(
                    "%(month)s is outside the period of the practice data (%(first)s to %(last)s): "
                    "choose a month in it."
                )
                % {
                    "month": month_in_sentence(month),
                    "first": month_in_sentence(coverage.first),
                    "last": month_in_sentence(coverage.last),
                }
            )
        elif point is not None and not baseline_exits(month).get(point.code):
            errors.setdefault("month", []).append(
                gettext(
                    "%(post)s has no admitted exits in %(month)s in the practice data: choose another month or "
                    "crossing point."
                )
                % {"post": point.name, "month": month_in_sentence(month)}
            )

    # Scenario, answer and check

    def build(self, context: BuildContext) -> ScenarioPlan:
        """No records: the brief names the post and the month, the check counts the learner's view."""
        where = {"crossing_point": context.parameters["crossing_point"], "month": context.parameters["month"]}
        return ScenarioPlan(brief=dict(where), expected={**where, "direction": Direction.EXIT.value})

    def answer_form(self, attempt: ExerciseAttempt, data: Any = None) -> PeakAnswerForm:
        return PeakAnswerForm(
            data=data, initial=attempt.answer or None, month=month_parse(attempt.brief.get("month", ""))
        )

    def check(self, context: CheckContext) -> CheckResult:
        brief = context.attempt.brief
        where = {"post": coded("crossing_point", brief["crossing_point"]), "month": coded("month", brief["month"])}
        answer = context.answer or {}
        if any(answer.get(name) in (None, "") for name in ANSWER_FIELDS):
            return score_from([(1, Finding("peak.no_answer", where))])
        figures = movements_per_day(
            sandbox=context.sandbox, crossing_point=brief["crossing_point"], month=month_parse(brief["month"])
        )
        findings = {
            "average": _figure_finding("average", answer["average_exits"], figures.average(Direction.EXIT), where),
            "peak": _figure_finding("peak", answer["peak_exits"], figures.peak(Direction.EXIT), where),
            "date": _date_finding(answer["peak_date"], figures, where),
        }
        result = score_from([(1, finding) for finding in findings.values()])
        wrong = {name for name, finding in findings.items() if finding is not None}
        if wrong:
            result.findings.extend(_hints(context, answer, figures, wrong, where))
        return result

    def brief_context(self, brief: dict[str, Any]) -> dict[str, Any]:
        point = crossing_point_get(brief.get("crossing_point", ""))
        month = month_parse(brief.get("month", ""))
        return {
            "point": point,
            "point_name": f"{point.name} ({point.country.name})" if point else brief.get("crossing_point", ""),
            "month_name": month_in_sentence(month) if month else "",
            "day_count": len(month_days(month)) if month else 0,
        }
