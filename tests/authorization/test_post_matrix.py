"""The authorization matrix for POST: every URL pattern that may take one, every role, against the
role's own object, a same-country object and another country's, with a valid CSRF token.

Each case is a test of its own, in a savepoint of the module's data, so a write never reaches
another case; its id names the URL pattern, the role and the object ("certificates_revoke-
national_trainer-other_country"). The expectations are in `post_cases` and `post_admin_cases`.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.authorization.expectations import POST_ROLES
from tests.authorization.objects import World
from tests.authorization.patterns import pattern_named, sample_url
from tests.authorization.post_admin_cases import POST_EXPECTATIONS, WAGTAIL_POST_SAMPLE, post_expectation_for
from tests.authorization.post_cases import PostCase


def post_matrix() -> list[tuple[str, PostCase, str]]:
    return [
        (key, case, role)
        for key, cases in POST_EXPECTATIONS.items()
        for case in (cases if isinstance(cases, list) else [cases])
        for role in POST_ROLES
        if role in case.expect
    ]


def case_id(key: str, case: PostCase, role: str) -> str:
    return "-".join(part for part in (key, role, case.target) if part)


POST_MATRIX = post_matrix()


def post(world: World, role: str, url: str, data: dict) -> object:
    """A POST as the role's browser sends it: its session, and the CSRF token of its cookie."""
    return world.client(role).post(url, {**data, "csrfmiddlewaretoken": world.csrf_token(role)})


@pytest.mark.parametrize(("key", "case", "role"), POST_MATRIX, ids=[case_id(*entry) for entry in POST_MATRIX])
def test_post(world, db, key, case, role):
    url = case.url_for(world, role) or sample_url(pattern_named(key))
    response = post(world, role, url, case.data_for(world, role))
    problem = case.expect[role].check(response, world.places)
    assert problem is None, f"{role} POST {url}: {problem}"


@pytest.mark.parametrize("role", POST_ROLES)
def test_wagtails_own_screens(world, db, role):
    """Wagtail's own screens that write: a role without admin access is sent to log in; for the
    others Wagtail decides (the rule of `get_admin_cases`)."""
    failures = []
    for key, url_for in WAGTAIL_POST_SAMPLE.items():
        url = url_for(world, role, "")
        with transaction.atomic():
            response = post(world, role, url, {})
            transaction.set_rollback(True)
        problem = post_expectation_for(pattern_named(key))[0].expect[role].check(response)
        if problem:
            failures.append(f"{role} POST {url} ({key}): {problem}")
    assert not failures, "\n".join(failures)
