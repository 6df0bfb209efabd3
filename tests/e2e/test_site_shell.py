"""The site header on a phone and on a wide screen: a compact menu, keyboard use, one current page."""

import pytest

from people.roles import Role
from tests.people.factories import TEST_PASSWORD, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}


def _log_in(page, email: str) -> None:
    page.goto("/account/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/")


def _header_height(page) -> float:
    return page.locator("header.site-header").bounding_box()["height"]


@pytest.mark.parametrize("role", [None, Role.ADMINISTRATOR])
def test_on_a_phone_the_header_is_compact_in_both_languages(page, role):
    page.set_viewport_size(PHONE)
    if role is not None:
        person(email="persona@example.org", full_name="María Fernanda Núñez Solís", role=role, authority_code="iom")
        _log_in(page, "persona@example.org")
    heights, folded = {}, {}
    for path in ("/", "/en/", "/account/login/", "/en/account/login/"):
        page.goto(path)
        heights[path] = _header_height(page)
        folded[path] = page.locator("nav.main-nav").is_hidden()
    assert all(height < 90 for height in heights.values()), heights
    assert all(folded.values()), folded


def test_on_a_phone_the_menu_opens_and_is_used_with_the_keyboard(page):
    person(email="aprendiz@example.org", full_name="José Ángel Muñoz Pérez", role=Role.LEARNER)
    page.set_viewport_size(PHONE)
    _log_in(page, "aprendiz@example.org")
    page.goto("/account/")
    toggle = page.locator("summary.site-menu__toggle")
    assert toggle.inner_text().strip() == "Menú"
    for _step in range(3):  # skip link, brand, menu
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    assert page.locator("details.site-menu").get_attribute("open") is not None
    assert page.get_by_role("navigation", name="Principal").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Inicio"
    assert page.get_by_role("button", name="Cerrar sesión").is_visible()
    assert page.locator("header .whoami").get_by_text("José Ángel Muñoz Pérez").is_visible()
    page.locator("summary.site-menu__toggle").focus()
    page.keyboard.press("Space")
    assert page.locator("nav.main-nav").is_hidden()


def test_on_a_wide_screen_the_whole_navigation_shows_without_a_menu_button(page):
    person(email="aprendiz@example.org", role=Role.LEARNER)
    page.set_viewport_size(WIDE)
    _log_in(page, "aprendiz@example.org")
    page.goto("/en/")
    assert page.locator("summary.site-menu__toggle").is_hidden()
    nav = page.get_by_role("navigation", name="Main")
    for label in ("Home", "My learning", "My account"):
        assert nav.get_by_role("link", name=label).is_visible()
    assert page.get_by_role("button", name="Log out").is_visible()
    nav.get_by_role("link", name="My account").click()
    page.wait_for_url("**/en/account/")
    assert _header_height(page) < 90


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_one_navigation_item_is_current_on_each_page(page, prefix):
    from tests.courses.factories import catalogue

    person(email="aprendiz@example.org", role=Role.LEARNER)
    catalogue("es"), catalogue("en")
    page.set_viewport_size(WIDE)
    _log_in(page, "aprendiz@example.org")
    current = {}
    for path in (f"{prefix}/", f"{prefix}/courses/my-learning/", f"{prefix}/account/", f"{prefix}/sandbox/"):
        page.goto(path)
        current[path] = page.locator('nav.main-nav a[aria-current="page"]').evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
    assert current == {path: [path] for path in current}


def test_the_phone_menu_has_no_wcag_violations_closed_or_open(page):
    from tests.e2e.test_accessibility import _violations

    person(email="aprendiz@example.org", role=Role.LEARNER)
    page.set_viewport_size(PHONE)
    _log_in(page, "aprendiz@example.org")
    problems = {}
    for path in ("/", "/en/account/"):
        page.goto(path)
        problems[f"{path} closed"] = _violations(page)
        page.locator("summary.site-menu__toggle").click()
        problems[f"{path} open"] = _violations(page)
    assert problems == {key: [] for key in problems}


def test_the_admin_account_page_loads_without_a_script_error(page):
    """Its time zone field offered the system's "localtime", which the browser's Intl refuses
    (RangeError: Invalid time zone specified), and it asked for a first and last name."""
    person(email="formadora@example.org", role=Role.TRAINER, authority_code="iom")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.set_viewport_size(WIDE)
    _log_in(page, "formadora@example.org")
    page.goto("/admin/account/")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Cuenta"
    assert page.get_by_label("Idioma preferido").is_visible()
    assert errors == []
    assert page.locator("input[name^='name_email-'], select[name='locale-current_time_zone']").count() == 0
