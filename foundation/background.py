"""Background work: sending a Celery task once the transaction commits, whatever the broker's state,
and running the background work a management command causes in its own process (demo loading).

In the bottom layer (`foundation`), importing no app, so that every app's services and the demo
commands of `lms.shell` and `tracking` can use it (docs/decisions/0018).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from celery import current_app
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# Loggers that report at INFO each page saved and each task run: hundreds of lines in a demo load.
QUIET_IN_THIS_PROCESS = ("wagtail", "django_tasks", "celery.app.trace")


def send_task_on_commit(task, *args) -> None:
    """Send a task after commit; if the broker is down, log it and carry on.

    A learner who just completed a course must not get an error page because the broker
    blinked: each app that sends tasks keeps the state that lets its reconcile task send them
    later (a certificate row left pending, a report or an import still waiting).
    """

    def send() -> None:
        try:
            task.delay(*args)
        except OperationalError as error:
            logger.warning("Broker unreachable, %s%r left to the reconcile task: %s", task.name, args, error)

    transaction.on_commit(send)


@contextmanager
def background_work_in_this_process() -> Iterator[None]:
    """Run the background work caused inside the block here and now, and send no e-mail.

    Celery tasks run when they are sent (nothing is left on the broker for the worker), Wagtail's
    tasks when they are enqueued, e-mail goes to Django's dummy backend, and the INFO log of every
    page created and published and of every task run is quiet (warnings and errors still show).
    """
    from django.test.utils import override_settings

    app = current_app  # the platform's (lms.celery), made current when the lms package is imported
    logs = {name: logging.getLogger(name) for name in QUIET_IN_THIS_PROCESS}
    levels = {name: log.level for name, log in logs.items()}
    eager, propagates = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    for log in logs.values():
        log.setLevel(logging.WARNING)
    try:
        with override_settings(
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        ):
            yield
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = eager, propagates
        for name, log in logs.items():
            log.setLevel(levels[name])
