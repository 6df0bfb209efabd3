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


SANDBOX_PAGES = [
    "/sandbox/",
    "/en/sandbox/",
    "/sandbox/people/",
    "/sandbox/people/?name=munoz",
    "/sandbox/people/?name=zzz",
    "/sandbox/people/2/",
    "/sandbox/movements/new/",
    "/sandbox/statistics/",
    "/sandbox/reset/",
]


def _log_in(page, email: str) -> None:
    page.goto("/account/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/")


def test_sandbox_pages_have_no_wcag_violations(page):
    import datetime as dt

    from tests.sandbox.test_views import baseline_document, baseline_movement, baseline_person

    jose = baseline_person(2, "José Ángel", "Muñoz", "Peña", sex="M", nationality_id="HND")
    passport = baseline_document(12, jose, "F98765432")
    baseline_movement(21, jose, passport, dt.datetime(2025, 3, 14, 20, 5, tzinfo=dt.UTC))
    person(email="aprendiz@example.org", role=Role.LEARNER, authority_code="gt-igm")
    person(email="formador@example.org", role=Role.TRAINER, authority_code="iom")
    _log_in(page, "aprendiz@example.org")
    problems = {}
    for path in SANDBOX_PAGES:
        page.goto(path)
        problems[path] = _violations(page)

    page.goto("/sandbox/movements/new/")
    page.locator("#id_mrz").fill("P<HNDWRONG")
    page.locator("#id_decision_1").check()
    page.locator("main form button[type=submit]").click()
    assert page.get_by_role("alert").is_visible()
    problems["movement form with errors"] = _violations(page)
    page.goto("/sandbox/people/?name=")
    problems["search form with errors"] = _violations(page)

    page.context.clear_cookies()
    _log_in(page, "formador@example.org")
    page.goto("/sandbox/learners/")
    problems["/sandbox/learners/"] = _violations(page)
    page.locator("main table a").first.click()
    problems["a learner's sandbox"] = _violations(page)
    page.goto(page.url + "people/2/")
    problems["a learner's person page"] = _violations(page)
    assert problems == {key: [] for key in problems}


def test_course_pages_have_no_wcag_violations(page):
    """The learner's course pages with real demo content: catalogue, course, lessons, a quiz, its result."""
    from courses.demo.loader import demo_course_key, demo_curriculum_load
    from courses.models import CoursePage, LessonPage
    from courses.services import enrolment_create

    demo_curriculum_load()
    learner = person(email="aprendiz@example.org", role=Role.LEARNER, authority_code="gt-igm")
    course = CoursePage.objects.get(locale__language_code="es", translation_key=demo_course_key("border-entries"))
    enrolment_create(learner=learner, course=course)
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    _log_in(page, "aprendiz@example.org")
    paths = [course.get_parent().url, course.get_parent().url + "?topic=alerts", course.url, "/courses/my-learning/"]
    paths += [lesson.url for lesson in lessons[:5]]
    english = CoursePage.objects.get(locale__language_code="en", translation_key=course.translation_key)
    paths += [english.get_parent().url, english.url]
    problems = {}
    for path in paths:
        page.goto(path)
        problems[path] = _violations(page)
    assert problems == {path: [] for path in paths}
