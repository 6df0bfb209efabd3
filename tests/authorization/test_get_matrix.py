"""The authorization matrix for GET: every URL pattern, every role, an expected outcome.

The test walks the URL resolver; the expectations are in `get_cases` (the site) and
`get_admin_cases` (the admin). A pattern without one fails `test_coverage.py`.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.authorization.get_admin_cases import expectation_for
from tests.authorization.patterns import sample_url, url_patterns
from tests.conftest import ROLES, client_for, make_role_user


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_authorization_matrix(role):
    user = make_role_user(role)
    client = client_for(user)
    client.raise_request_exception = False
    failures = []
    for pattern in url_patterns():
        cases = expectation_for(pattern)
        if not cases:
            failures.append(f"{pattern.key}: no expectation")
        for case in cases or []:
            url = case.url() or sample_url(pattern)
            response = client.get(url)
            session_cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
            if user is not None and (session_cookie is None or not session_cookie.value):
                client = client_for(user)  # Wagtail's logout drops the cookie even when it refuses a GET
                client.raise_request_exception = False
            problem = case.expect[role].check(response)
            if problem:
                failures.append(f"{role} GET {url} ({pattern.key}): {problem}")
    assert not failures, "\n".join(failures)
