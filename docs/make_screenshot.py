"""Make docs/screenshot.png: the home page as the demo learner sees it, 1280x800.

Usage: .venv/bin/python docs/make_screenshot.py <output.png>   (or `make screenshot`)

Starts the development server on a free loopback port with a temporary LMS_VAR_DIR (migrated,
demo users loaded), logs in through the login form with Debian's Chromium driven by
Playwright (never downloads a browser), and saves the home page. The server is always stopped.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
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
STARTUP_TIMEOUT_S = 30.0


def main(argv: list[str]) -> int:
    """Write the screenshot to the path given as the only argument."""
    if len(argv) != 1:
        sys.stderr.write("usage: make_screenshot.py <output.png>\n")
        return 2
    output = Path(argv[0]).resolve()
    with tempfile.TemporaryDirectory(prefix="lms-screenshot-") as tmp:
        var_dir = Path(tmp)
        env = _environment(var_dir)
        _manage(env, "migrate", "--noinput", "--verbosity", "0")
        _manage(env, "demo_load")
        port = _free_port()
        log_path = var_dir / "runserver.log"
        with log_path.open("wb") as log:
            server = subprocess.Popen(  # noqa: S603 - fixed command, this interpreter
                [sys.executable, "manage.py", "runserver", f"{HOST}:{port}", "--noreload"],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                base_url = f"http://{HOST}:{port}"
                _wait_until_up(base_url, server, log_path)
                screenshot_take(base_url, output)
            finally:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
    sys.stdout.write(f"Wrote {output}\n")
    return 0


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
                raise RuntimeError(f"Login as {LOGIN_EMAIL} failed; still on {page.url}")
            page.goto("/")
            page.wait_for_load_state("networkidle")
            output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(output))
        finally:
            browser.close()


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


def _manage(env: dict[str, str], *args: str) -> None:
    completed = subprocess.run(  # noqa: S603 - fixed command, this interpreter
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{completed.stdout}{completed.stderr}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _wait_until_up(base_url: str, server: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"runserver exited with {server.returncode}:\n{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{base_url}/healthz/", timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"runserver did not answer within {STARTUP_TIMEOUT_S:.0f} s:\n{log_path.read_text()}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
