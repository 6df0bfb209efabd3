"""The embedded broker never shows a reader a file that is still being written.

CI (2026-12-07) lost its test worker to "Unrecoverable error: JSONDecodeError('Expecting
value: line 1 column 1 (char 0)')": kombu's filesystem transport creates a message or an
exchange table empty and writes it afterwards, and another process read it in between. These
tests look at the broker's folders at every step a write takes (every Python and C call,
through a profiling hook), as a process polling them could, and require each file a reader
would take to be whole.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kombu import Connection

from lms.settings.validation import broker_url_config


@pytest.fixture
def embedded(tmp_path):
    return broker_url_config("", result_backend="", var_dir=tmp_path)


@pytest.fixture
def channel(embedded) -> Iterator:
    with Connection(
        embedded.broker_url, transport=embedded.transport, transport_options=embedded.transport_options
    ) as connection:
        yield connection.default_channel


def _every_step_of(action: Callable[[], object], look: Callable[[], None]) -> None:
    """Run `action`, calling `look` before each call it makes, down to the C functions."""

    def profile(frame, event, arg):
        if event in {"call", "c_call"}:
            look()

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)


def _unreadable(folder: Path, suffix: str) -> list[str]:
    seen = []
    for path in folder.iterdir():
        if path.name.endswith(suffix):
            try:
                json.loads(path.read_bytes())
            except FileNotFoundError:
                continue
            except ValueError:
                seen.append(f"{path.name}: {path.read_bytes()!r}")
    return seen


def test_a_worker_polling_the_queue_never_finds_a_message_half_written(embedded, channel):
    folder = Path(embedded.transport_options["data_folder_in"])
    seen: list[str] = []
    payload = {"body": "x" * 10_000, "headers": {"task": "lms.core.tasks.worker_ping_task"}}

    _every_step_of(lambda: channel._put("urgent", payload), lambda: seen.extend(_unreadable(folder, ".msg")))

    assert seen == []
    assert channel._size("urgent") == 1
    assert channel._get("urgent") == payload
    assert list(folder.iterdir()) == [], "nothing left behind"


def test_a_process_reading_an_exchange_never_finds_its_table_half_written(embedded, channel):
    folder = Path(embedded.transport_options["control_folder"])
    seen: list[str] = []

    def bind_two() -> None:
        channel._queue_bind("celery.pidbox", "", "", "worker-one")
        channel._queue_bind("celery.pidbox", "", "", "worker-two")

    _every_step_of(bind_two, lambda: seen.extend(_unreadable(folder, ".exchange")))

    assert seen == []
    assert {each.queue for each in channel.get_table("celery.pidbox")} == {"worker-one", "worker-two"}
    channel._delete("worker-one", "celery.pidbox", "", "")
    assert [each.queue for each in channel.get_table("celery.pidbox")] == ["worker-two"]


def test_workers_binding_one_exchange_at_once_all_stay_bound(embedded):
    """Two processes that both found no table each wrote their own, and one binding was lost."""
    names = [f"worker-{number}" for number in range(8)]
    start = threading.Barrier(len(names))
    errors: list[BaseException] = []

    def bind(name: str) -> None:
        try:
            with Connection(
                embedded.broker_url, transport=embedded.transport, transport_options=embedded.transport_options
            ) as connection:
                start.wait(timeout=10)
                connection.default_channel._queue_bind("celeryev", "worker.#", "", name)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=bind, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    with Connection(
        embedded.broker_url, transport=embedded.transport, transport_options=embedded.transport_options
    ) as connection:
        assert sorted(each.queue for each in connection.default_channel.get_table("celeryev")) == names


def test_the_celery_app_uses_the_embedded_transport_when_no_broker_is_set(settings):
    from lms.celery import app

    if not settings.CELERY_BROKER_IS_EMBEDDED:
        assert app.conf.broker_transport is None
        return
    with app.connection_for_write() as connection:
        assert type(connection.default_channel).__module__ == "lms.shell.embedded_broker"
