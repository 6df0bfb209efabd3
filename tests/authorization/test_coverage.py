"""The matrix covers every URL: each pattern has what every role gets from a GET and from a POST
(a new URL, or a view that starts taking POSTs, without one fails), and no entry is stale."""

from __future__ import annotations

from tests.authorization.coverage import missing_expectations, roles_left_out, unbacked_not_found
from tests.authorization.get_admin_cases import EXPECTATIONS, expectation_for
from tests.authorization.patterns import url_patterns
from tests.authorization.post_admin_cases import POST_EXPECTATIONS, WAGTAIL_POST_SAMPLE, post_expectation_for
from tests.authorization.test_post_matrix import POST_MATRIX, case_id


def test_every_url_pattern_has_an_expectation_for_get_and_post():
    missing = missing_expectations(url_patterns(), expectation_for, post_expectation_for)
    assert not missing, "URL patterns without an entry in the authorization matrix:\n" + "\n".join(missing)


def test_no_expectation_names_a_pattern_that_does_not_exist():
    names = {pattern.key for pattern in url_patterns()}
    for table in (EXPECTATIONS, POST_EXPECTATIONS, WAGTAIL_POST_SAMPLE):
        stale = sorted(set(table) - names)
        assert not stale, f"Matrix entries for URL patterns that no longer exist: {stale}"


def test_our_url_pattern_names_are_unique():
    """A case names its pattern by name: two of our routes under one name would share expectations."""
    keys = [pattern.key for pattern in url_patterns() if pattern.is_project_owned]
    assert len(keys) == len(set(keys)), sorted({key for key in keys if keys.count(key) > 1})


def test_every_post_case_tries_every_role():
    problems = roles_left_out(POST_EXPECTATIONS)
    assert not problems, "\n".join(problems)


def test_every_not_found_object_is_found_by_some_role():
    problems = unbacked_not_found(POST_EXPECTATIONS)
    assert not problems, "\n".join(problems)


def test_every_post_case_has_an_id_of_its_own():
    ids = [case_id(*entry) for entry in POST_MATRIX]
    assert len(ids) == len(set(ids)), sorted({id for id in ids if ids.count(id) > 1})
