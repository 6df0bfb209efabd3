"""Coverage: the share of the people a rule covers who hold a valid certificate, in whole percent.

One rule for every figure that tracking shows (pages, chart summaries and data tables, the PDF
report, the CSV and XLSX exports): valid over required, rounded half up, computed on integers so
that nothing rounds twice (17 of 41 is 41.46 %: 41 %; 23 of 38 is 60.53 %: 61 %; 1 of 8 is
12.5 %: 13 %). With no one required there is no coverage: shown as a dash.
"""

from __future__ import annotations

NO_FIGURE = "—"


def coverage_percent(valid: int, required: int) -> int | None:
    """Valid over required in whole percent, rounded half up; None when no one is required."""
    if required <= 0:
        return None
    return (200 * valid + required) // (2 * required)


def percent_label(percent: int | None) -> str:
    """A whole percentage as every page, chart, table and export writes it ("41 %"), or a dash."""
    return NO_FIGURE if percent is None else f"{percent} %"


def coverage_label(valid: int, required: int) -> str:
    """The coverage of these counts as written everywhere ("41 %" for 17 of 41)."""
    return percent_label(coverage_percent(valid, required))
