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

In the bench process, `launch` runs each row in its driver process (`__main__`); there, `rows`
measures, with the Celery worker of `worker`, the certificates of `issuing` and the bare render
of `baseline`.
"""

from __future__ import annotations

from bench.certificates_worker.launch import run_row
from bench.certificates_worker.rows import BATCH
from bench.core import Benchmark

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
