"""The matrix catches what it is for: a 404 or a login where a 403 is expected fails, a CSRF
failure is an error of the test and never passes for "forbidden", a POST sent without the CSRF
check is refused, a URL without an expectation is reported, and a "not found" that no role ever
finds is reported as a possibly broken screen."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseRedirect
from django.test import Client
from django.urls import path, reverse

from tests.authorization.coverage import missing_expectations, unbacked_not_found
from tests.authorization.expectations import (
    ADMIN_DENIED,
    FORBIDDEN,
    LOGIN,
    METHOD_NOT_ALLOWED,
    NOT_FOUND,
    OK,
    REACHABLE,
    Expect,
    HarnessError,
    WagtailRefuses,
    everyone,
    signed_in,
)
from tests.authorization.patterns import Pattern, url_patterns
from tests.authorization.post_cases import PostCase


def test_a_screen_answering_404_where_403_is_expected_fails():
    assert FORBIDDEN.check(HttpResponseNotFound()) == "404 (not found), expected 403 (forbidden)"


def test_not_found_forbidden_and_log_in_are_told_apart():
    forbidden, not_found = HttpResponse(status=403), HttpResponseNotFound()
    to_log_in = HttpResponseRedirect("/account/login/?next=/tracking/GT/rules/")
    assert NOT_FOUND.check(forbidden) and NOT_FOUND.check(to_log_in) and NOT_FOUND.check(not_found) is None
    assert FORBIDDEN.check(to_log_in) and LOGIN.check(forbidden) and LOGIN.check(not_found)
    assert LOGIN.check(to_log_in) is None


def test_a_redirect_is_compared_by_its_path():
    assert ADMIN_DENIED.check(HttpResponseRedirect("/admin/dutypost/"))  # a success page is not a refusal
    assert LOGIN.check(HttpResponseRedirect("/")) == "302 (redirected) to /, expected a redirect to /account/login/"
    assert Expect(302, "/courses/attempts/*").check(HttpResponseRedirect("/courses/attempts/abc/")) is None
    lesson = Expect(302, "{next_lesson}")
    assert lesson.check(HttpResponseRedirect("/cursos/c/m/l-2/"), {"next_lesson": "/cursos/c/m/l-2/"}) is None
    assert lesson.check(HttpResponseRedirect("/cursos/c/"), {"next_lesson": "/cursos/c/m/l-2/"})


def test_a_view_that_starts_taking_posts_fails_its_405():
    assert METHOD_NOT_ALLOWED.check(HttpResponse()) == "200 (shown), expected 405 (method not allowed)"


def _post_without_token(**client_options) -> HttpResponse:
    client = Client(**client_options)
    client.raise_request_exception = False
    return client.post(reverse("language_set"), {"language": "en", "next": "/"})


@pytest.mark.django_db
@pytest.mark.parametrize("expect", [FORBIDDEN, NOT_FOUND, LOGIN, OK, REACHABLE, WagtailRefuses()], ids=str)
def test_a_csrf_failure_is_a_harness_error_whatever_was_expected(expect):
    response = _post_without_token(enforce_csrf_checks=True)
    assert response.status_code == 499
    with pytest.raises(HarnessError, match="CSRF"):
        expect.check(response)


@pytest.mark.django_db
def test_djangos_own_csrf_failure_page_is_a_harness_error_too(settings):
    """Without the matrix's failure view, Django answers 403: still not a refusal by the view."""
    settings.CSRF_FAILURE_VIEW = "django.views.csrf.csrf_failure"
    response = _post_without_token(enforce_csrf_checks=True)
    assert response.status_code == 403
    with pytest.raises(HarnessError, match="CSRF"):
        FORBIDDEN.check(response)


@pytest.mark.django_db
def test_a_post_sent_without_the_csrf_check_is_a_harness_error():
    with pytest.raises(HarnessError, match="enforce_csrf_checks"):
        Expect(302, "/en/").check(_post_without_token())


@pytest.mark.django_db
def test_a_post_with_the_token_of_the_page_passes_the_csrf_check():
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("people:login"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(reverse("language_set"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert Expect(302, "/en/").check(response) is None


def _new_view(request):
    return HttpResponse()


def test_a_new_url_without_expectations_is_reported_for_get_and_post():
    new = Pattern(route="new/", name="new_screen", pattern=path("new/", _new_view, name="new_screen"))
    known = {pattern.key for pattern in url_patterns()}
    missing = missing_expectations(
        [*url_patterns(), new],
        lambda pattern: [] if pattern.key in known else None,
        lambda pattern: [] if pattern.key in known else None,
    )
    assert missing == ["GET new_screen  (new/)", "POST new_screen  (new/)"]


def test_a_not_found_that_no_role_finds_is_reported():
    """Were the screen broken into a 404 for everyone, the refusals would all pass: the rule fails it."""
    broken = {"certificates:renew": [PostCase(signed_in(NOT_FOUND), "/certificates/x/renew/", "other_country")]}
    assert unbacked_not_found(broken) == ["certificates:renew: ['other_country'] not found, and no role reaches it"]
    backed = {"certificates:renew": [*broken["certificates:renew"], PostCase(everyone(OK), "/x/", "own")]}
    assert unbacked_not_found(backed) == []
