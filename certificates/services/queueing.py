"""Sending the certificate issue task after commit (`foundation.background.send_task_on_commit`)."""

from __future__ import annotations

from foundation.background import send_task_on_commit


def issue_enqueue(certificate_id: int) -> None:
    """Send the issue task after commit (imported late: the tasks module imports the services)."""
    from certificates.tasks import certificate_issue_task

    send_task_on_commit(certificate_issue_task, certificate_id)
