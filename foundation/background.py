"""Running the background work a management command causes in its own process (demo loading).

In the bottom layer (`foundation`), importing no app, so that the demo commands of `lms.shell`
and `tracking` can both use it (docs/decisions/0018).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from celery import current_app

# Loggers that report at INFO each page saved and each task run: hundreds of lines in a demo load.
QUIET_IN_THIS_PROCESS = ("wagtail", "django_tasks", "celery.app.trace")


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
