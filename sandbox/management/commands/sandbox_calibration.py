"""`manage.py sandbox_calibration`: the baseline's generated shares next to DOMAIN.md's targets.

Reads the loaded baseline (see `sandbox.generation.report`) and prints one table: section,
indicator, generated value, target range, source, and "ok" or "out of range".
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sandbox.generation.report import calibration_report


def _number(value: float) -> str:
    if isinstance(value, int):  # a count of rows
        return f"{value:,}"
    if float(value).is_integer() and abs(value) >= 2:
        return f"{value:,.0f}"
    return f"{value:,.2f}" if abs(value) >= 2 else f"{value:.4f}"


class Command(BaseCommand):
    @property
    def help(self) -> str:  # a property, not gettext_lazy: argparse needs a real string
        return _("Print the calibration of the sandbox's baseline against the DOMAIN.md targets.")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = calibration_report()
        if not rows:
            raise CommandError(_("There is no baseline to calibrate: run sandbox_generate first."))
        ok_text, out_text = _("ok"), _("out of range")
        header = (_("section"), _("indicator"), _("generated"), _("target"), _("check"), _("source"))
        lines = [
            (
                row.section,
                row.indicator,
                _number(row.value),
                f"{_number(row.low)} - {_number(row.high)}",
                ok_text if row.ok else out_text,
                row.source,
            )
            for row in rows
        ]
        widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]
        self.stdout.write("  ".join(str(cell).ljust(width) for cell, width in zip(header, widths, strict=True)))
        self.stdout.write("  ".join("-" * width for width in widths))
        section = None
        for line in lines:
            if section is not None and line[0] != section:
                self.stdout.write("")
            section = line[0]
            self.stdout.write("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)))
        bad = sum(1 for row in rows if not row.ok)
        ok = len(rows) - bad
        # Each count takes its own plural form.
        summary = {
            "indicators": ngettext("%(count)d indicator", "%(count)d indicators", len(rows)) % {"count": len(rows)},
            "within": ngettext("%(count)d within its target range", "%(count)d within their target range", ok)
            % {"count": ok},
            "outside": ngettext("%(count)d out of range", "%(count)d out of range", bad) % {"count": bad},
        }
        self.stdout.write(_("%(indicators)s, %(within)s, %(outside)s.") % summary)
