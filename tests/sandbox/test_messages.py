"""Every message of the sandbox with a count uses plural forms, in both languages.

A static check of the sandbox's code and templates (a count in a message without `ngettext` or
`{% blocktranslate count %}` fails it), and examples of the plural forms as Spanish and English
readers get them.
"""

from __future__ import annotations

import ast
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

import sandbox
from sandbox.generation import baseline_generate
from sandbox.views.statistics import StatisticsTables

SANDBOX = Path(sandbox.__file__).parent
SINGULAR_GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}
# Numbers in messages that are not counts: a year, a month's number, a line's number.
NOT_COUNTS = {"year", "month", "line"}
# A `%(name)d` that is not a percentage ("25%", "30-50%"): a percentage is no count of things.
NUMBER_PLACEHOLDER = re.compile(r"%\((\w+)\)[-+ #0]*\d*d(?!%%|-%\(\w+\)\d*d%%)")
BLOCKTRANSLATE = re.compile(r"{%\s*blocktranslate\b(?P<tag>[^%]*)%}(?P<body>.*?){%\s*endblocktranslate\s*%}", re.S)
COUNT_LIKE = re.compile(r"count|total|num_pages|length|limit|scale|number_of", re.I)


def _python_files() -> list[Path]:
    return [path for path in SANDBOX.rglob("*.py") if "migrations" not in path.parts]


def _singular_messages_with_a_count(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SINGULAR_GETTEXT):
            continue
        texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        for text in texts:
            counts = [name for name in NUMBER_PLACEHOLDER.findall(text) if name not in NOT_COUNTS]
            if counts:
                found.append(f"{path.relative_to(SANDBOX.parent)}:{node.lineno}: {text!r}")
    return found


def test_no_message_in_the_sandbox_code_counts_without_plural_forms():
    found = [message for path in _python_files() for message in _singular_messages_with_a_count(path)]
    assert not found, "Use ngettext for these messages with a count:\n" + "\n".join(found)


def test_no_message_in_the_sandbox_templates_counts_without_plural_forms():
    found = []
    for path in (SANDBOX / "templates").rglob("*.html"):
        for match in BLOCKTRANSLATE.finditer(path.read_text(encoding="utf-8")):
            tag, body = match.group("tag"), match.group("body")
            if re.search(r"\bcount\b", tag):
                continue
            variables = re.findall(r"{{\s*(\w+)\s*}}", body) + re.findall(r"(\w+)=", tag) + re.findall(r"=(\S+)", tag)
            if any(COUNT_LIKE.search(variable) for variable in variables):
                found.append(f"{path.relative_to(SANDBOX.parent)}: {match.group(0)[:120]!r}")
    assert not found, "Use {% blocktranslate count %} for these messages with a count:\n" + "\n".join(found)


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
