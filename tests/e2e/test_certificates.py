"""The certificate journey of issue 5, in a browser, with a real Celery worker: a learner completes
a course, finds the certificate in "My certificates" and downloads it; an anonymous verifier
types its code and sees it valid. And a certificate whose PDF is missing (issue 16): the download
says it is being prepared and, once the reconcile task has drawn it, downloads by itself."""

from __future__ import annotations

import hashlib
import time
from datetime import date
from pathlib import Path

import celery.contrib.testing.tasks  # noqa: F401 - registers celery.ping, used by start_worker
import pytest
from celery.contrib.testing.worker import start_worker

from certificates.models import Certificate
from certificates.models.certificate import EventKind, IssueStatus
from certificates.tasks import certificates_reconcile_task
from lms.celery import app
from people.roles import Role
from tests.certificates.matrix import default_template, issued_certificate
from tests.certificates.pdf_glyphs import glyph_report
from tests.courses import factories
from tests.e2e.test_accessibility import _violations
from tests.e2e.test_courses import log_in
from tests.people.factories import person

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
# On how many lines each verification code and each date of a certificate is drawn, and whether
# the page scrolls sideways: a line is a distinct top among the client rectangles of the text.
LAYOUT_SCRIPT = """() => {
    const lines = (element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    };
    const facts = [...document.querySelectorAll(".certificate-card dd, .certificate-facts dd")];
    return {
        codes: [...document.querySelectorAll("code.certificate-code")].map(lines),
        dates: facts.filter((dd) => /\\d{4}/.test(dd.textContent) && !dd.querySelector("code")).map(lines),
        scrolls_sideways: document.documentElement.scrollWidth > window.innerWidth,
    };
}"""


@pytest.fixture
def worker():
    with start_worker(app, pool="solo", loglevel="WARNING", perform_ping_check=True, shutdown_timeout=30) as running:
        yield running


def _reload_until(page, locator, *, seconds: float = 45) -> None:
    """The certificate is drawn by the worker: reload My certificates until it is there."""
    deadline = time.monotonic() + seconds
    while locator.count() == 0:
        assert time.monotonic() < deadline, (
            "the certificate did not appear: "
            f"{list(Certificate.objects.values_list('issue_status', 'last_error'))}; page: {page.inner_text('main')}"
        )
        time.sleep(1)
        page.reload()


def test_learner_completes_a_course_downloads_the_certificate_and_a_verifier_checks_it(
    page, browser, live_server, worker, tmp_path
):
    default_template()
    built = factories.course(modules=1, lessons_per_module=1, title="Alertas migratorias")
    learner = person(role=Role.LEARNER, email="certificada@example.org", full_name="Ñusta Peña Núñez")
    log_in(page, learner.email, built.page.url)

    page.get_by_role("button", name="Inscríbase en este curso").click()
    page.wait_for_url(f"**{built.lessons[0].url}")
    page.get_by_role("button", name="Marcar como completada").click()
    page.wait_for_url(f"**{built.page.url}")

    page.goto("/certificates/")
    download_link = page.get_by_role("link", name="Descargar el PDF")
    _reload_until(page, download_link)
    assert "Alertas migratorias" in page.get_by_role("main").inner_text()
    assert _violations(page) == []

    with page.expect_download() as download:
        download_link.click()
    saved = tmp_path / "certificate.pdf"
    download.value.save_as(saved)
    data = Path(saved).read_bytes()
    certificate = Certificate.objects.get(learner=learner)
    assert certificate.issue_status == IssueStatus.ISSUED
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == certificate.sha256
    code = page.locator(".certificate-card code").first.inner_text()
    assert code == certificate.code_display

    # A verifier with no account types the code (lower case, without hyphens).
    verifier = browser.new_context(base_url=live_server.url, locale="es-ES")
    anonymous = verifier.new_page()
    anonymous.goto("/certificates/verify/")
    anonymous.get_by_label("Código de verificación").fill(code.replace("-", "").lower())
    anonymous.get_by_role("button", name="Verificar").click()
    anonymous.wait_for_url(f"**/certificates/verify/{certificate.code}/")
    verdict = anonymous.get_by_role("status").inner_text()
    assert "Válido" in verdict
    main = anonymous.get_by_role("main").inner_text()
    assert "Ñusta Peña Núñez" in main
    assert "Alertas migratorias" in main
    assert learner.email not in main
    assert _violations(anonymous) == []
    verifier.close()


def test_a_missing_pdf_is_shown_as_being_prepared_then_downloads_by_itself(page, live_server, worker, tmp_path):
    learner = person(role=Role.LEARNER, email="lukasz@example.org", full_name="Łukasz Wójcik")
    certificate = issued_certificate(learner)
    Certificate.objects.filter(pk=certificate.pk).update(pdf="")  # legacy data: issued, no PDF recorded
    log_in(page, learner.email, "/certificates/")

    with page.expect_navigation() as navigation:
        page.get_by_role("link", name="Descargar el PDF").click()
    assert navigation.value.status == 200
    assert navigation.value.headers["refresh"] == "10"
    assert page.get_by_role("heading", level=1).inner_text() == "Su certificado se está preparando"
    assert "se está preparando" in page.title()
    assert "vuelve a comprobar cada 10 segundos" in page.get_by_role("status").inner_text()
    assert _violations(page) == []

    # The worker runs the reconcile task, which has the PDF drawn again; the page, reloading by itself, downloads it.
    with page.expect_download(timeout=90_000) as download:
        certificates_reconcile_task.delay()
    saved = tmp_path / "certificate.pdf"
    download.value.save_as(saved)
    data = Path(saved).read_bytes()
    redrawn = Certificate.objects.get(pk=certificate.pk)
    assert hashlib.sha256(data).hexdigest() == redrawn.sha256
    assert (redrawn.code, redrawn.payload, Certificate.objects.count()) == (certificate.code, certificate.payload, 1)
    assert redrawn.events.filter(kind=EventKind.REDRAWN).count() == 1
    assert glyph_report(data).problems == []


def test_on_a_phone_codes_never_break_and_dates_stay_on_one_line(page, browser, live_server):
    learner = person(role=Role.LEARNER, email="telefono@example.org", full_name="José Ángel Muñoz Pérez")
    certificate = issued_certificate(learner)
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=date(2028, 12, 7))  # a date to show
    page.set_viewport_size(PHONE)
    log_in(page, learner.email, "/certificates/")

    layouts = {}
    for path in ("/certificates/", "/courses/my-learning/", "/en/certificates/"):
        page.goto(path)
        layouts[path] = page.evaluate(LAYOUT_SCRIPT)
    anonymous = browser.new_context(base_url=live_server.url, locale="es-ES", viewport=PHONE)
    verifier = anonymous.new_page()
    for path in (f"/certificates/verify/{certificate.code}/", f"/en/certificates/verify/{certificate.code}/"):
        verifier.goto(path)
        layouts[path] = verifier.evaluate(LAYOUT_SCRIPT)
    anonymous.close()

    # My certificates and My learning: issued on, valid until; the verification page: those and when it was checked.
    dates = {path: 3 if "verify" in path else 2 for path in layouts}
    expected = {path: {"codes": [1], "dates": [1] * dates[path], "scrolls_sideways": False} for path in layouts}
    assert layouts == expected
