"""Settings of the certificate worker benchmarks (bench/certificates_worker/): the bench's
production settings, on a Celery queue of the run's own (LMS_BENCH_CELERY_QUEUE).

The issuance task's follow-up e-mail goes to a queue beside it that no worker of the benchmark
consumes, so that both sides of a row do the same work (issue, then enqueue the e-mail).
"""

from __future__ import annotations

import os

from bench.settings import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ["LMS_BENCH_CELERY_QUEUE"]
CELERY_TASK_ROUTES = {"certificates.email": {"queue": f"{CELERY_TASK_DEFAULT_QUEUE}.email"}}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "unacked_key": f"{CELERY_TASK_DEFAULT_QUEUE}.unacked",
    "unacked_index_key": f"{CELERY_TASK_DEFAULT_QUEUE}.unacked_index",
    "unacked_mutex_key": f"{CELERY_TASK_DEFAULT_QUEUE}.unacked_mutex",
}
# No remote-control mailbox: nothing of the benchmark's workers is left on the broker afterwards.
CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
