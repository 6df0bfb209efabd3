"""Benchmarks: certificate issuance on Celery workers (issue 5, item 9).

Both rows run on PostgreSQL, in a database the sandbox lab creates from its migrated empty
template (`bench.sandbox.database`, dropped at the end of the run), with Redis as the broker
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/15, a database number CI's test runs do not
use) on a queue of the run's own, whose keys are deleted afterwards. Each row runs in a driver
process (`python -m bench.certificates_worker ROW`, settings `bench.certificates_settings`: the
bench's production settings on that queue) with collected static files in a temporary
LMS_VAR_DIR. The driver loads the demo curriculum and certificate templates (the bilingual
default template with its seal and signature images, the demo courses' certification rules),
creates completed enrolments in the demo course *Registro de entradas y salidas*, starts
`celery -A lms worker --pool=prefork` with `bench.certificates_probe` loaded, and prints one
JSON Result line. Every certificate is created pending (as `certificate_request` creates it) and
issued through `certificates.services.issuance.certificate_issue`, by the task or called directly.

- **certificate issue through a warm worker** — the time one worker (one pool process) spends
  on one `certificates.issue` task, measured inside the worker (`bench.certificates_probe`:
  task_prerun to task_postrun, the whole body: eligibility, facts, signing, render, storing
  the PDF, the database writes, enqueueing the e-mail), once it has issued a few certificates.
  Baseline: a bare WeasyPrint render of the same HTML, `weasyprint.HTML(string=html,
  base_url=...).write_pdf()` with WeasyPrint's defaults (its URL fetcher, a new
  FontConfiguration each call), the site's static and media URLs written as file:// URLs of the
  collected files so that its fetcher finds them. The HTML is rebuilt from an issued
  certificate, and checked first: `certificate_pdf` of it gives the stored PDF's SHA-256, and
  the bare render gives one page with the name and as many images. ISSUE_ROUNDS rounds alternate
  which side goes first; each renders ISSUE_PER_ROUND times and issues ISSUE_PER_ROUND certificates.
- **batch on two workers** — BATCH pending certificates enqueued (`certificate_issue_task.delay`
  for each) and drained by one worker with two pool processes (`--concurrency=2`): from the
  first enqueue to the last `issued_at`. Baseline: the same batch in one process,
  `certificate_issue` called for each in turn. BATCH_ROUNDS rounds alternate the sides; each side
  issues a fresh batch every round. Both sides are warmed first (a few certificates each).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from io import BytesIO
from pathlib import Path

from bench.core import Benchmark, BenchmarkFailed, Result
from bench.server import BASE_DIR, bench_environment, child_result, manage_py
from lms.shell.workers import worker_command

REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
QUEUE_PREFIX = "lms-bench-certificates"
SETTINGS = "bench.certificates_settings"
DEMO_COURSE = "border-entries"
WORKER_START_TIMEOUT_S = 90.0
ISSUE_TIMEOUT_S = 120.0

ISSUE_WARMUP = 4  # certificates the worker issues before it is timed
ISSUE_ROUNDS = 12
ISSUE_PER_ROUND = 3

BATCH = 40
BATCH_ROUNDS = 4
BATCH_WARMUP = 6


# In the bench process: one driver per row.


def run_row(row: str) -> Result:
    """Run `row` in a driver process, on a fresh lab database and the run's own Redis queue."""
    from bench.sandbox.database import SERVER_URL, lab

    _redis_check()
    laboratory = lab()
    database = laboratory.database_create(f"certificates_{row}", template=laboratory._empty())
    queue = f"{QUEUE_PREFIX}-{os.getpid()}-{row}"
    try:
        with tempfile.TemporaryDirectory(prefix="lms-bench-certificates-worker-") as tmp:
            env = bench_environment(Path(tmp))
            env.update(
                DJANGO_SETTINGS_MODULE=SETTINGS,
                DATABASE_URL=f"{SERVER_URL}/{database}",
                CELERY_BROKER_URL=REDIS_URL,
                LMS_BENCH_CELERY_QUEUE=queue,
                EMAIL_URL="dummymail://",
            )
            manage_py(env, "collectstatic", "--noinput", "--verbosity", "0")
            return Result(**child_result("bench.certificates_worker", row, env))
    finally:
        _redis_clean(queue)
        laboratory.drop(database)


def _redis():
    import redis

    return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5)


def _redis_check() -> None:
    import redis

    try:
        _redis().ping()
    except redis.RedisError as error:
        raise BenchmarkFailed(
            f"the certificate worker benchmarks need Redis at {REDIS_URL} (BENCH_REDIS_URL): {error}"
        ) from error


def _redis_clean(queue: str) -> None:
    """Delete every key the row's queue left on the broker (messages, bindings, unacknowledged)."""
    client = _redis()
    keys = list(client.scan_iter(match=f"*{queue}*", count=1000))
    if keys:
        client.delete(*keys)
    for member in client.zrange("_kombu.binding_deadlines", 0, -1):
        if queue.encode() in member:
            client.zrem("_kombu.binding_deadlines", member)


# In the driver process (Django configured, on the row's database).


class Worker:
    """`celery -A lms worker` on the row's queue with the probe loaded; its reports come from the probe file."""

    def __init__(self, folder: Path, *, concurrency: int) -> None:
        self.probe_file = folder / f"probe-{concurrency}.jsonl"
        self.log_file = folder / f"worker-{concurrency}.log"
        self.probe_file.touch()
        env = {**os.environ, "LMS_BENCH_PROBE_FILE": str(self.probe_file)}
        command = worker_command(
            queue=os.environ["LMS_BENCH_CELERY_QUEUE"],
            concurrency=concurrency,
            hostname=f"bench-certificates-{os.getpid()}-{concurrency}@%h",
            include=["bench.certificates_probe"],
        )
        with self.log_file.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self._wait(lambda reports: any("ready" in report for report in reports), WORKER_START_TIMEOUT_S, "start")

    def reports(self) -> list[dict]:
        return [json.loads(line) for line in self.probe_file.read_text(encoding="utf-8").splitlines() if line]

    def task_times(self, certificate_ids: list[int]) -> dict[int, float]:
        """Milliseconds each certificate's successful task took, waiting until all have been reported."""
        wanted = set(certificate_ids)

        def reported(reports: list[dict]) -> bool:
            return wanted <= {report["certificate"] for report in reports if report.get("state") == "SUCCESS"}

        reports = self._wait(reported, ISSUE_TIMEOUT_S, f"issue {len(wanted)} certificates")
        return {
            report["certificate"]: report["ms"]
            for report in reports
            if report.get("state") == "SUCCESS" and report["certificate"] in wanted
        }

    def _wait(self, condition: Callable[[list[dict]], bool], timeout: float, what: str) -> list[dict]:
        deadline = time.monotonic() + timeout
        while not condition(reports := self.reports()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise BenchmarkFailed(f"the worker did not {what}:\n{self.log_tail()}")
            time.sleep(0.02)
        return reports

    def log_tail(self) -> str:
        return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-40:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


class Learners:
    """Completed enrolments in the demo course, handed out as pending certificates."""

    def __init__(self, count: int) -> None:
        from django.contrib.auth.hashers import make_password
        from django.utils import timezone

        from certificates.demo.loader import demo_certificates_load
        from courses.demo.loader import demo_course_key, demo_curriculum_load
        from courses.models import CoursePage, Enrolment, EnrolmentSource
        from people.models import User

        demo_curriculum_load()
        demo_certificates_load()
        _queue_purge()  # Wagtail's background tasks of the demo content (reference index): not measured
        self.course = CoursePage.objects.get(locale__language_code="es", translation_key=demo_course_key(DEMO_COURSE))
        password = make_password(None)
        users = User.objects.bulk_create(
            User(
                email=f"bench.certificate{number}@example.org",
                full_name=f"María José Hernández Núñez {number}",
                preferred_language="es",
                password=password,
            )
            for number in range(count)
        )
        completed_at = timezone.now()
        self.enrolments = Enrolment.objects.bulk_create(
            Enrolment(
                learner=user,
                course_key=self.course.translation_key,
                source=EnrolmentSource.SELF,
                completed_at=completed_at,
            )
            for user in users
        )

    def pending(self, count: int) -> list[int]:
        """`count` new pending certificates with their REQUESTED event (what `certificate_request` creates)."""
        from django.db import transaction

        from certificates.models import Certificate, CertificateEvent
        from certificates.models.certificate import EventKind

        if len(self.enrolments) < count:
            raise BenchmarkFailed("the benchmark ran out of completed enrolments")
        taken, self.enrolments = self.enrolments[:count], self.enrolments[count:]
        with transaction.atomic():
            certificates = Certificate.objects.bulk_create(
                Certificate(learner_id=e.learner_id, course_key=e.course_key, cycle=e.cycle, enrolment=e) for e in taken
            )
            CertificateEvent.objects.bulk_create(
                CertificateEvent(certificate=certificate, kind=EventKind.REQUESTED) for certificate in certificates
            )
        return [certificate.pk for certificate in certificates]


def _queue_purge() -> None:
    from django.conf import settings

    from lms.celery import app

    with app.connection_for_write() as broker:
        broker.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)


def enqueue(certificate_ids: list[int]) -> None:
    from certificates.tasks import certificate_issue_task

    for pk in certificate_ids:
        certificate_issue_task.delay(pk)


def issued_check(certificate_ids: list[int]) -> None:
    """Every certificate issued once, its stored PDF the one whose SHA-256 was recorded."""
    from certificates.models import Certificate, CertificateEvent
    from certificates.models.certificate import EventKind, IssueStatus

    certificates = list(Certificate.objects.filter(pk__in=certificate_ids))
    if len(certificates) != len(certificate_ids) or any(c.issue_status != IssueStatus.ISSUED for c in certificates):
        raise BenchmarkFailed(f"not every certificate was issued: {[c.issue_status for c in certificates]}")
    events = CertificateEvent.objects.filter(certificate_id__in=certificate_ids, kind=EventKind.ISSUED).count()
    if events != len(certificate_ids):
        raise BenchmarkFailed(f"{events} ISSUED events for {len(certificate_ids)} certificates")
    for certificate in certificates[:3]:
        with certificate.pdf.open("rb") as stored:
            if hashlib.sha256(stored.read()).hexdigest() != certificate.sha256:
                raise BenchmarkFailed(f"the stored PDF of {certificate.code} is not the one recorded")


def wait_issued(certificate_ids: list[int], worker: Worker) -> None:
    from certificates.models import Certificate
    from certificates.models.certificate import IssueStatus

    deadline = time.monotonic() + ISSUE_TIMEOUT_S
    pending = Certificate.objects.filter(pk__in=certificate_ids).exclude(issue_status=IssueStatus.ISSUED)
    while pending.exists():
        if worker.process.poll() is not None or time.monotonic() > deadline:
            raise BenchmarkFailed(f"the batch was not issued:\n{worker.log_tail()}")
        time.sleep(0.1)  # the time is read from issued_at: polling seldom leaves the cores to the workers


def _certificate_html(certificate_id: int) -> tuple[str, str]:
    """The HTML an issued certificate was drawn from, and its name; checked against the stored PDF."""
    from django.utils import timezone

    from certificates.drawing.facts_to_layout import CertificateFacts, layout_build
    from certificates.drawing.layout_to_html import layout_html
    from certificates.drawing.pipeline import certificate_pdf
    from certificates.models import Certificate
    from certificates.selectors import certification_for
    from courses.models import CoursePage

    certificate = Certificate.objects.select_related("template").get(pk=certificate_id)
    course = CoursePage.objects.get(translation_key=certificate.course_key, locale__language_code=certificate.language)
    rule = certification_for(course_key=certificate.course_key)
    facts = CertificateFacts(
        code=certificate.code,
        language=certificate.language,
        learner_name=certificate.learner_name,
        course_title=certificate.course_title,
        completed_on=certificate.completed_on,
        issued_on=timezone.localdate(certificate.issued_at),
        expires_on=certificate.expires_on,
        hours=course.estimated_hours,
        competencies=rule.competencies_in(certificate.language) if rule else (),
    )
    pdf = certificate_pdf(certificate.template, facts, payload=certificate.payload)
    if hashlib.sha256(pdf).hexdigest() != certificate.sha256:
        raise BenchmarkFailed("the rebuilt HTML does not give the issued certificate's PDF")
    return layout_html(layout_build(certificate.template, facts, payload=certificate.payload)), facts.name


def _bare_render(html: str) -> Callable[[], bytes]:
    """WeasyPrint with its defaults on `html`, the site's static and media URLs made file:// URLs."""
    from django.conf import settings
    from weasyprint import HTML

    static_files = Path(settings.STATIC_ROOT).resolve().as_uri() + "/"
    media_files = Path(settings.MEDIA_ROOT).resolve().as_uri() + "/"
    bare = html.replace(f'"{settings.STATIC_URL}', f'"{static_files}')
    bare = bare.replace(f'"{settings.MEDIA_URL}', f'"{media_files}')
    if f'"{settings.STATIC_URL}' not in html or f'"{settings.MEDIA_URL}' not in html:
        raise BenchmarkFailed("the certificate's HTML names no static or no media file")
    return lambda: HTML(string=bare, base_url=static_files).write_pdf()


def _pdf_check(data: bytes, reference: bytes, name: str) -> None:
    from pypdf import PdfReader

    from foundation.pdf.reading import page_count, pdf_text

    images = len(PdfReader(BytesIO(data)).pages[0].images)
    expected = len(PdfReader(BytesIO(reference)).pages[0].images)
    if page_count(data) != 1 or name not in pdf_text(data) or images != expected:
        raise BenchmarkFailed(f"bare render: {page_count(data)} page(s), {images} of {expected} images")


def warm_worker_issue() -> Result:
    """Row a: one certificate's task in a warm worker against a bare render of its HTML."""
    from certificates.models import Certificate

    learners = Learners(ISSUE_WARMUP + ISSUE_ROUNDS * ISSUE_PER_ROUND)
    with tempfile.TemporaryDirectory(prefix="lms-bench-probe-") as folder:
        worker = Worker(Path(folder), concurrency=1)
        try:
            warm = learners.pending(ISSUE_WARMUP)
            enqueue(warm)
            worker.task_times(warm)
            html, name = _certificate_html(warm[0])
            bare = _bare_render(html)
            with Certificate.objects.get(pk=warm[0]).pdf.open("rb") as stored:
                _pdf_check(bare(), stored.read(), name)
            for _ in range(ISSUE_WARMUP - 1):
                bare()
            baseline: list[float] = []
            measured: list[float] = []
            for round_index in range(ISSUE_ROUNDS):
                for side in ("baseline", "measured") if round_index % 2 == 0 else ("measured", "baseline"):
                    if side == "baseline":
                        for _ in range(ISSUE_PER_ROUND):
                            start = time.perf_counter()
                            bare()
                            baseline.append((time.perf_counter() - start) * 1000)
                    else:
                        batch = learners.pending(ISSUE_PER_ROUND)
                        enqueue(batch)
                        measured.extend(worker.task_times(batch).values())
                        issued_check(batch)
        finally:
            worker.stop()
    return Result(baseline_ms=statistics.median(baseline), measured_ms=statistics.median(measured), count=len(measured))


def batch_on_two_workers() -> Result:
    """Row b: a batch drained by a worker with two pool processes against the same batch in one process."""
    from certificates.models import Certificate
    from certificates.services.issuance import certificate_issue

    learners = Learners(BATCH * 2 * BATCH_ROUNDS + BATCH_WARMUP * 2)
    for pk in learners.pending(BATCH_WARMUP):
        certificate_issue(pk)
    baseline: list[float] = []
    measured: list[float] = []
    task_ms: list[float] = []
    with tempfile.TemporaryDirectory(prefix="lms-bench-probe-") as folder:
        worker = Worker(Path(folder), concurrency=2)
        try:
            warm = learners.pending(BATCH_WARMUP)
            enqueue(warm)
            worker.task_times(warm)
            if len({report.get("pid") for report in worker.reports() if "certificate" in report}) != 2:
                raise BenchmarkFailed("the warm-up did not reach both pool processes")
            for round_index in range(BATCH_ROUNDS):
                for side in ("baseline", "measured") if round_index % 2 == 0 else ("measured", "baseline"):
                    batch = learners.pending(BATCH)
                    if side == "baseline":
                        start = time.perf_counter()
                        for pk in batch:
                            certificate_issue(pk)
                        baseline.append((time.perf_counter() - start) * 1000)
                    else:
                        enqueued_at = time.time()
                        enqueue(batch)
                        wait_issued(batch, worker)
                        last = max(Certificate.objects.filter(pk__in=batch).values_list("issued_at", flat=True))
                        measured.append((last.timestamp() - enqueued_at) * 1000)
                        task_ms.extend(worker.task_times(batch).values())
                    issued_check(batch)
        finally:
            worker.stop()
    _note(
        f"batch: {statistics.median(baseline) / BATCH:.0f} ms a certificate in one process, "
        f"{statistics.median(task_ms):.0f} ms a task (median) on two pool processes"
    )
    return Result(baseline_ms=statistics.median(baseline), measured_ms=statistics.median(measured), count=BATCH_ROUNDS)


# The measurements a driver process can run, by row name.
MEASUREMENTS: dict[str, Callable[[], Result]] = {
    "warm_worker_issue": warm_worker_issue,
    "batch_on_two_workers": batch_on_two_workers,
}

BENCHMARKS = [
    Benchmark(
        name="certificate issue through a warm worker",
        baseline="bare WeasyPrint render of the same HTML",
        run=lambda: run_row("warm_worker_issue"),
        bound=1.1,
    ),
    Benchmark(
        name=f"batch of {BATCH} certificates on two workers (one worker, --concurrency=2)",
        baseline="the same batch in one process",
        run=lambda: run_row("batch_on_two_workers"),
        bound=1.6,
        speedup=True,
    ),
]


def _note(text: str) -> None:
    """A line of context for the bench's stderr, with the machine's load (other processes slow the workers)."""
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"bench: {text}; load average {load} on {os.cpu_count()} cores", file=sys.stderr, flush=True)


def main(row: str) -> None:
    import django

    django.setup()
    result = MEASUREMENTS[row]()
    sys.stdout.write(json.dumps(asdict(result)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
