"""Make docs/screenshot.png: the home page as the demo learner sees it, 1280x800.

Usage: .venv/bin/python -m bench.screenshot <output.png>   (or `make screenshot`)

Starts the development server on a free loopback port with a temporary LMS_VAR_DIR (always
SQLite, migrated, demo users loaded: demo passwords never reach a real database), logs in
through the login form with Debian's Chromium driven by Playwright (never downloads a
browser), and saves the home page. The server is always stopped.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.core import BenchmarkFailed
from bench.server import BASE_DIR, HOST, Server, free_port, manage_py, process_stop, wait_until_up

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOGIN_EMAIL = "aprendiz.gt@demo.example"
LOGIN_PASSWORD = "ocam-demo-2026"  # noqa: S105 - the public, documented demo password
VIEWPORT = {"width": 1280, "height": 800}


def main(argv: list[str]) -> int:
    """Write the screenshot to the path given as the only argument."""
    if len(argv) != 1:
        sys.stderr.write("usage: python -m bench.screenshot <output.png>\n")
        return 2
    output = Path(argv[0]).resolve()
    with tempfile.TemporaryDirectory(prefix="lms-screenshot-") as tmp:
        var_dir = Path(tmp)
        env = _environment(var_dir)
        manage_py(env, "migrate", "--noinput", "--verbosity", "0")
        manage_py(env, "demo_load")
        server = Server(HOST, free_port())
        log_path = var_dir / "runserver.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "manage.py", "runserver", f"{server.host}:{server.port}", "--noreload"],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_until_up(server, process, log_path, path="/healthz/")
                screenshot_take(f"http://{server.host}:{server.port}", output)
            finally:
                process_stop(process)
    sys.stdout.write(f"Wrote {output}\n")
    return 0


def _environment(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DJANGO_DEBUG="true",
        LMS_VAR_DIR=str(var_dir),
        DATABASE_URL=f"sqlite:///{var_dir / 'db.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(var_dir / "media"),
    )
    env.pop("DJANGO_SECRET_KEY", None)  # dev settings generate one in the temporary var dir
    return env


def screenshot_take(base_url: str, output: Path) -> None:
    """Log in as the demo learner on `base_url` and save the home page's viewport to `output`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(base_url=base_url, viewport=VIEWPORT, locale="es-ES")
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.goto("/account/login/")
            form = page.locator('form[action$="/account/login/"]')
            form.locator('[name="username"]').fill(LOGIN_EMAIL)
            form.locator('[name="password"]').fill(LOGIN_PASSWORD)
            with page.expect_navigation():
                form.locator("button[type=submit]").click()
            if "/account/login/" in page.url:
                raise BenchmarkFailed(f"Login as {LOGIN_EMAIL} failed; still on {page.url}")
            page.goto("/")
            page.wait_for_load_state("networkidle")
            output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(output))
        finally:
            browser.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
