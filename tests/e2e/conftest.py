"""Browser tests: Playwright driving Debian's Chromium, headless. Never downloads a browser.

Without Chromium they skip with a printed reason, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_available() -> bool:
    return os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)  # noqa: PTH113


@pytest.fixture(scope="session")
def browser():
    if not _chromium_available():
        reason = f"Chromium not found at {CHROMIUM}: install Debian's chromium to run the browser tests."
        if os.environ.get("CI"):
            pytest.fail(reason + " CI=true requires them.")
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
    # test body are still synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, site_content):
    context = browser.new_context(base_url=live_server.url, locale="es-ES")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
