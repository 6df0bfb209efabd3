"""The certificates app's messages: any message with a count has plural forms, translated in Spanish
(issue 16, item 19). Read from the source, so that a new message is checked without a new test."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import ngettext

import certificates

APP = Path(certificates.__file__).parent
# Placeholders that count something a noun names ("3 days", "2 pages"): such a message needs plural forms.
COUNT_NAMES = {"counter", "count", "days", "pages", "seconds", "minutes", "hours", "attempts", "certificates"}
SINGULAR_CALLS = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy"}
PLURAL_CALLS = {"ngettext", "ngettext_lazy"}
BLOCKTRANSLATE = re.compile(r"{% blocktranslate(?P<arguments>[^%]*)%}(?P<body>.*?){% endblocktranslate %}", re.S)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def python_messages() -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """(where, text) of each singular message, and (where, singular, plural) of each plural one."""
    singular, plural = [], []
    for path in sorted(APP.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            where = f"{path.relative_to(APP)}:{node.lineno}"
            if name in SINGULAR_CALLS and texts:
                singular.append((where, texts[-1]))
            elif name in PLURAL_CALLS and len(texts) >= 2:
                plural.append((where, texts[0], texts[1]))
    return singular, plural


def _msgid(text: str, trimmed: bool) -> str:
    text = VARIABLE.sub(r"%(\1)s", text)
    return " ".join(text.split()) if trimmed else text


def template_messages() -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    singular, plural = [], []
    for path in sorted(APP.rglob("*.html")) + sorted(APP.rglob("*.txt")):
        for match in BLOCKTRANSLATE.finditer(path.read_text(encoding="utf-8")):
            arguments, body = match["arguments"], match["body"]
            trimmed = "trimmed" in arguments.split()
            where = str(path.relative_to(APP))
            if re.search(r"\bcount\b", arguments):
                one, _, many = body.partition("{% plural %}")
                plural.append((where, _msgid(one, trimmed), _msgid(many, trimmed)))
            else:
                singular.append((where, _msgid(body, trimmed)))
    return singular, plural


def counted(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", text)) & COUNT_NAMES


def test_no_message_with_a_count_is_singular_only():
    singular = python_messages()[0] + template_messages()[0]

    assert [(where, text) for where, text in singular if counted(text)] == []


PLURAL_MESSAGES = python_messages()[1] + template_messages()[1]


@pytest.mark.parametrize("where, one, many", PLURAL_MESSAGES, ids=[many[:50] for _where, _one, many in PLURAL_MESSAGES])
def test_each_plural_message_has_both_forms_in_spanish_and_in_english(where, one, many):
    assert counted(many), where  # the singular may say "one" instead of the number
    with translation.override("es"):
        spanish = [ngettext(one, many, number) for number in (1, 2)]
    with translation.override("en"):
        english = [ngettext(one, many, number) for number in (1, 2)]

    assert spanish[0] != spanish[1] and not {one, many} & set(spanish), where
    assert english == [one, many], where
