"""WCAG 2.1 AA checks with axe-core (bundled by axe-playwright-python; runs offline)."""

import pytest

from lms.people.roles import Role
from tests.people.factories import TEST_PASSWORD, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PUBLIC_PAGES = ["/", "/en/", "/account/login/", "/en/account/login/", "/account/password-reset/", "/no-such-page/"]
SIGNED_IN_PAGES = ["/", "/account/", "/en/account/", "/account/password/"]


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_21_AA)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in results.response["violations"]]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_wcag_violations(page, path):
    page.goto(path)
    assert _violations(page) == []


def test_signed_in_pages_and_form_errors_have_no_wcag_violations(page):
    person(email="aprendiz@example.org", role=Role.LEARNER, authority_code="gt-igm")
    page.goto("/account/login/")
    page.locator("#id_username").fill("aprendiz@example.org")
    page.locator("#id_password").fill("wrong-password")
    page.locator("main form button[type=submit]").click()
    assert page.get_by_role("alert").is_visible()
    assert _violations(page) == []

    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/")
    problems = {}
    for path in SIGNED_IN_PAGES:
        page.goto(path)
        problems[path] = _violations(page)
    assert problems == {path: [] for path in SIGNED_IN_PAGES}
