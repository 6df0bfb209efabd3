"""The embedded broker: kombu's filesystem transport, with no file a reader can see half-written.

kombu 5.7 creates a message file, then writes it; a worker polling the folder in between
takes an empty message and stops ("Unrecoverable error: JSONDecodeError"). It also creates an
exchange's table of queues empty before writing it, so a process that reads the table then
(to broadcast, or to bind a queue of its own) fails the same way, and two processes binding at
once can each write over the other. Here every file is written under another name and renamed
into place, which readers see whole or not at all, and changes to a table are made one process
at a time under a lock file of its own.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from time import monotonic

from kombu.transport import filesystem, virtual
from kombu.utils.json import dumps, loads

# Neither ends in ".msg" nor ".exchange": no reader ever takes a file that is still being written.
WRITING_SUFFIX = ".writing"


def _write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` so that no reader ever sees the file partly written."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix="~", suffix=WRITING_SUFFIX)
    partial = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(text.encode())
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


class Channel(filesystem.Channel):
    def _put(self, queue: str, payload: dict, **kwargs: object) -> None:
        # The name kombu gives a message: its readers take the oldest first by this name.
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        try:
            _write_whole(Path(self.data_folder_out) / name, dumps(payload))
        except OSError as error:
            raise filesystem.ChannelError(f"Cannot add file {name!r} to {self.data_folder_out}") from error

    def get_table(self, exchange: str) -> list[filesystem.exchange_queue_t]:
        file = self._exchange_file(exchange)
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as error:
            raise filesystem.ChannelError(f"Cannot open {file}") from error
        return [filesystem.exchange_queue_t(*queue) for queue in loads(text)]

    @contextlib.contextmanager
    def _table_changing(self, exchange: str) -> Iterator[Path]:
        """The exchange's table file, changed by one process at a time."""
        file = self._exchange_file(exchange)
        self.control_folder.mkdir(exist_ok=True)
        with file.with_suffix(".lock").open("ab") as lock_file:
            filesystem.lock(lock_file, filesystem.LOCK_EX)
            try:
                yield file
            finally:
                filesystem.unlock(lock_file)

    def _queue_bind(self, exchange: str, routing_key: str, pattern: str, queue: str) -> None:
        bound = filesystem.exchange_queue_t(routing_key or "", pattern or "", queue or "")
        with self._table_changing(exchange) as file:
            queues = self.get_table(exchange)
            if bound not in queues:
                _write_whole(file, dumps([bound, *queues]))

    def _delete(
        self, queue: str, exchange: str, routing_key: str, pattern: str, *args: object, **kwargs: object
    ) -> None:
        # The virtual channel's bookkeeping, without kombu's in-place rewrite of the table.
        virtual.Channel._delete(self, queue, exchange, routing_key, pattern, *args, **kwargs)
        bound = filesystem.exchange_queue_t(routing_key or "", pattern or "", queue or "")
        with self._table_changing(exchange) as file:
            queues = self.get_table(exchange)
            if bound in queues:
                _write_whole(file, dumps([each for each in queues if each != bound]))


class Transport(filesystem.Transport):
    Channel = Channel
