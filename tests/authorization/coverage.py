"""The rules the matrix's own expectations must follow, as functions the tests apply to the real
tables (`test_coverage.py`) and to fabricated ones (`test_harness.py`, which proves they catch
what they are for)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from tests.authorization.expectations import LOGIN, NOT_FOUND, POST_ROLES, Expect
from tests.authorization.patterns import Pattern
from tests.authorization.post_cases import PostCase

# Targets that are sample ids: their 404 says the URL names nothing, on purpose.
NAMING_NOTHING = ("", "missing")


def missing_expectations(
    patterns: Iterable[Pattern],
    get_for: Callable[[Pattern], object | None],
    post_for: Callable[[Pattern], object | None],
) -> list[str]:
    """Each pattern without a GET or a POST expectation (a POST that is refused is declared too)."""
    missing = []
    for pattern in patterns:
        for method, expectation_for in (("GET", get_for), ("POST", post_for)):
            if expectation_for(pattern) is None:
                missing.append(f"{method} {pattern.key}  ({pattern.route})")
    return missing


def _cases(table: Mapping[str, PostCase | list[PostCase]]) -> Iterable[tuple[str, PostCase]]:
    for key, cases in table.items():
        for case in cases if isinstance(cases, list) else [cases]:
            yield key, case


def roles_left_out(table: Mapping[str, PostCase | list[PostCase]]) -> list[str]:
    """Each case that does not try every role; only the anonymous visitor may be left out, of "own"."""
    problems = []
    for key, case in _cases(table):
        allowed_out = {"anonymous"} if case.target == "own" else set()
        left_out = set(POST_ROLES) - set(case.expect) - allowed_out
        if left_out:
            problems.append(f"{key} ({case.target or 'no object'}): no expectation for {sorted(left_out)}")
    return problems


def _reaches_the_view(expect: object) -> bool:
    """An outcome only a view that found its object gives: shown, a form's errors, done, or "no POST here"."""
    if not isinstance(expect, Expect) or expect.status in (401, 403, 404):
        return False
    return expect != LOGIN and not (expect.status == 302 and expect.location == "/admin/")


def unbacked_not_found(table: Mapping[str, PostCase | list[PostCase]]) -> list[str]:
    """Each pattern where a real object is "not found" for some role but no role reaches the view.

    A 404 on a real object means "hidden from this role" only if the same screen answers someone
    else; otherwise a screen broken into a 404 would pass for a refusal."""
    problems = []
    by_pattern: dict[str, list[PostCase]] = {}
    for key, case in _cases(table):
        by_pattern.setdefault(key, []).append(case)
    for key, cases in by_pattern.items():
        hides = [case for case in cases if case.target not in NAMING_NOTHING and NOT_FOUND in case.expect.values()]
        reached = any(_reaches_the_view(expect) for case in cases for expect in case.expect.values())
        if hides and not reached:
            problems.append(f"{key}: {sorted({case.target for case in hides})} not found, and no role reaches it")
    return problems
