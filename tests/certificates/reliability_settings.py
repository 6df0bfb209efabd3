"""Settings of a Celery worker process that a reliability test starts: the test settings, shared.

The worker must use the test process's database, broker, queue, cache keys and files. Most of
it follows from the environment the test passes on (DATABASE_URL naming the test database,
CELERY_BROKER_URL, LMS_VAR_DIR, DJANGO_MEDIA_ROOT, CERTIFICATES_PRIVATE_ROOT); what
`lms.settings.test` derives from its own process id (the two queues and the cache key prefix)
is passed in LMS_RELIABILITY_QUEUE, LMS_RELIABILITY_BACKGROUND_QUEUE and
LMS_RELIABILITY_CACHE_KEY_PREFIX. LMS_RELIABILITY_TRANSPORT_OPTIONS (JSON) adds consumer-side
broker options, such as a short Redis visibility timeout.
"""

from __future__ import annotations

import json
import os

from lms.settings.test import *  # noqa: F403
from lms.settings.test import CACHES, CELERY_BROKER_TRANSPORT_OPTIONS
from lms.settings.validation import celery_task_queues

CELERY_TASK_DEFAULT_QUEUE = os.environ["LMS_RELIABILITY_QUEUE"]
BACKGROUND_TASK_QUEUE = os.environ["LMS_RELIABILITY_BACKGROUND_QUEUE"]
CELERY_TASK_QUEUES = celery_task_queues(CELERY_TASK_DEFAULT_QUEUE, BACKGROUND_TASK_QUEUE)
CACHES["default"]["KEY_PREFIX"] = os.environ["LMS_RELIABILITY_CACHE_KEY_PREFIX"]
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    **json.loads(os.environ.get("LMS_RELIABILITY_TRANSPORT_OPTIONS", "{}")),
}
