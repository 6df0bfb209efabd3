"""A django-tasks backend that runs tasks on Celery, so Wagtail's own background work uses our workers.

Tasks are sent after the current transaction commits, so a worker always sees the data the
task is about. If the broker cannot be reached at that moment the task runs in the web
process instead: Wagtail's tasks are small, and losing one (a reference-index update, a
file deletion) would leave the site inconsistent.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django_tasks import DEFAULT_TASK_QUEUE_NAME
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus
from django_tasks.utils import get_module_path, get_random_id
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


class CeleryTaskBackend(BaseTaskBackend):
    """Enqueue each django-tasks task as a Celery message, after the current transaction commits."""

    supports_defer = False
    supports_async_task = False
    supports_get_result = False
    supports_priority = False

    def enqueue(self, task: Task, args: Any, kwargs: Any) -> TaskResult:
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        transaction.on_commit(lambda: self._send(task, result))
        return result

    def _send(self, task: Task, result: TaskResult) -> None:
        from lms.shell.tasks import django_task_run_task

        module_path = get_module_path(task.func)
        queue = None if task.queue_name == DEFAULT_TASK_QUEUE_NAME else task.queue_name
        try:
            django_task_run_task.apply_async(
                args=(module_path, result.args, result.kwargs), task_id=result.id, queue=queue, retry=False
            )
        except OperationalError:
            logger.warning("Broker unreachable: running %s in this process instead.", module_path, exc_info=True)
            task.call(*result.args, **result.kwargs)
