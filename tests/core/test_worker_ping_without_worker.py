import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.worker


def test_worker_ping_command_fails_clearly_when_no_worker_answers():
    nobody_listens = f"lms-test-nobody-{uuid.uuid4().hex}"
    with pytest.raises(CommandError, match="No worker answered"):
        call_command("worker_ping", timeout=1.5, queue=nobody_listens)
