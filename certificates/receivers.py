"""Signal receivers: hand-offs only."""

from __future__ import annotations

from typing import Any


def course_completed(sender: type, enrolment: Any, **kwargs: Any) -> None:
    """A learner completed a course: request their certificate (issued by a task after commit)."""
    from certificates.services.issuance import certificate_request

    certificate_request(enrolment)
