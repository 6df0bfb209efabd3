"""Every message with a count has plural forms, in Spanish and in English (issue 16, item 19).

Read from the source of every app, so that a new message is checked without a new test: a
gettext call or a `{% blocktranslate %}` without `count` whose placeholders count something
("%(days)s days", "{{ total }} people") fails; each plural message must be translated for one
and for two in Spanish, and read as written in English.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from tests.layout import PROJECT_PACKAGES

ROOT = Path(__file__).resolve().parents[2]
# Placeholders that count what a noun names ("3 days", "2 pages").
COUNT_NAMES = re.compile(
    r"^(counter|count|\w+_count|count_\w+|total|\w+_total|days|pages|num_pages|seconds|minutes|hours|months|"
    r"attempts|certificates|people|rows|lines|limit|number_of_\w+|length|scale)$"
)
SINGULAR_CALLS = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy", "pgettext_noop"}
PLURAL_CALLS = {"ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy"}
# A placeholder followed by a word: "%(days)s days" counts days; "Page %(number)s of %(total)s" and
# "%(limit)s MB" (a unit's symbol) count nothing a noun names.
PLACEHOLDER = re.compile(r"%\((\w+)\)[-+ #0]*\d*[sd](?=\s+(?!(?:MB|KB|GB|h|min|%)(?:\W|$))\w)")
BLOCKTRANSLATE = re.compile(r"{%\s*blocktranslate\b(?P<tag>[^%]*)%}(?P<body>.*?){%\s*endblocktranslate\s*%}", re.S)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")
# The source quotes titles «like this»; the English catalogue “like this” (test_translations.py).
ENGLISH_QUOTES = str.maketrans("«»", "“”")
# Python files that hold another project's messages verbatim (Wagtail's, supplied in Spanish).
NOT_OURS = ("lms/shell/admin_translations/",)


def _sources(suffixes: tuple[str, ...]) -> list[Path]:
    return [
        path
        for package in PROJECT_PACKAGES
        for path in sorted((ROOT / package).rglob("*"))
        if path.suffix in suffixes
        and "migrations" not in path.parts
        and not path.relative_to(ROOT).as_posix().startswith(NOT_OURS)
    ]


# ... or whatever its name, a placeholder followed by one of these nouns ("%(added)s people will be added").
PLURAL_NOUN = re.compile(
    r"%\((\w+)\)[-+ #0]*\d*[sd]\s+(?:\w+\s+)?(?:people|persons|days|weeks|months|years|hours|minutes|seconds|"
    r"attempts|certificates|courses|lessons|modules|questions|answers|rows|lines|pages|records|results|"
    r"movements|learners|officials|errors|files|items|characters|indicators|times)\b"
)


def _counts(text: str) -> list[str]:
    return [name for name in PLACEHOLDER.findall(text) if COUNT_NAMES.match(name)] + PLURAL_NOUN.findall(text)


def _python_messages() -> tuple[list[str], list[tuple[str, str, str]]]:
    singular, plural = [], []
    for path in _sources((".py",)):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            texts = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if name in SINGULAR_CALLS and texts and _counts(texts[-1]):
                singular.append(f"{where}: {texts[-1]!r}")
            elif name in PLURAL_CALLS and len(texts) >= 2:
                one, many = texts[1:3] if name.startswith("np") else texts[0:2]
                plural.append((where, one, many))
    return singular, plural


def _msgid(text: str, trimmed: bool) -> str:
    """The msgid Django's {% blocktranslate %} looks up: "%" doubled, {{ name }} as %(name)s."""
    text = VARIABLE.sub(r"%(\1)s", text.replace("%", "%%"))
    return " ".join(text.split()) if trimmed else text


def _template_messages() -> tuple[list[str], list[tuple[str, str, str]]]:
    singular, plural = [], []
    for path in _sources((".html", ".txt")):
        for match in BLOCKTRANSLATE.finditer(path.read_text(encoding="utf-8")):
            tag, body = match["tag"], match["body"]
            where = str(path.relative_to(ROOT))
            if re.search(r"\bcount\b", tag):
                if "context" not in tag.split():
                    one, _plural, many = body.partition("{% plural %}")
                    trimmed = "trimmed" in tag.split()
                    plural.append((where, _msgid(one, trimmed), _msgid(many, trimmed)))
                continue
            if _counts(_msgid(body, trimmed=True)):
                singular.append(f"{where}: {' '.join(match.group(0).split())[:140]!r}")
    return singular, plural


def test_no_message_with_a_count_is_written_without_plural_forms():
    singular = _python_messages()[0] + _template_messages()[0]
    assert not singular, "Use ngettext or {% blocktranslate count %} for:\n" + "\n".join(singular)


PLURAL_MESSAGES = _python_messages()[1] + _template_messages()[1]


@pytest.mark.parametrize(
    ("where", "one", "many"), PLURAL_MESSAGES, ids=[f"{w}:{m[:40]}" for w, _o, m in PLURAL_MESSAGES]
)
def test_each_plural_message_reads_for_one_and_for_many_in_both_languages(where, one, many):
    with translation.override("es"):
        spanish = [ngettext(one, many, number) for number in (1, 2)]
    with translation.override("en"):
        english = [ngettext(one, many, number) for number in (1, 2)]
    assert spanish[0] and spanish[1] and not {one, many} & set(spanish), where
    assert english == [one.translate(ENGLISH_QUOTES), many.translate(ENGLISH_QUOTES)], where
