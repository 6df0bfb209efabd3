"""Sending certificate tasks after commit, and surviving a broker that is down."""

from __future__ import annotations

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def send_task_on_commit(task, *args) -> None:
    """Send a task after commit; if the broker is down, log it: the reconcile task sends it later.

    A learner who just completed a course must not get an error page because the broker
    blinked: the certificate row exists, and `certificates_reconcile` finds it pending.
    """

    def send() -> None:
        try:
            task.delay(*args)
        except OperationalError as error:
            logger.warning("Broker unreachable, %s%r left to the reconcile task: %s", task.name, args, error)

    transaction.on_commit(send)


def issue_enqueue(certificate_id: int) -> None:
    """Send the issue task after commit (imported late: the tasks module imports the services)."""
    from certificates.tasks import certificate_issue_task

    send_task_on_commit(certificate_issue_task, certificate_id)
