"""A production-like server for the HTTP benchmarks, in a throw-away runtime folder.

`gunicorn_server()` prepares a temporary LMS_VAR_DIR (SQLite database unless the caller set
DATABASE_URL, collected static files, uploads), migrates it, starts gunicorn with sync workers
on a free loopback port under `bench.settings`, and stops it on the way out, even on failure.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.core import BenchmarkFailed

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
# The baseline view that bench/urls.py adds: the whole middleware stack, no database, no template.
BASELINE_PATH = "/__bench__/plain/"
STARTUP_TIMEOUT_S = 30.0
REQUEST_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Server:
    """A running server; every request uses a fresh connection, as gunicorn's sync workers close it anyway."""

    host: str
    port: int

    def get(self, path: str, cookie: str | None = None) -> tuple[int, bytes]:
        """GET `path` (with a Cookie header, when given) and return the status and the body."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT_S)
        headers = {"Connection": "close"} | ({"Cookie": cookie} if cookie else {})
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def get_ok(self, path: str, contains: bytes | None = None, cookie: str | None = None) -> bytes:
        """GET `path`; fail unless the answer is 200 and, when given, contains `contains`."""
        status, body = self.get(path, cookie=cookie)
        if status != 200:
            raise BenchmarkFailed(f"GET {path} answered {status}, expected 200: {body[:300]!r}")
        if contains is not None and contains not in body:
            raise BenchmarkFailed(f"GET {path} answered 200 without {contains!r}: {body[:300]!r}")
        return body


def bench_environment(var_dir: Path) -> dict[str, str]:
    """The caller's environment with bench settings, a random key and every runtime path in `var_dir`.

    DATABASE_URL is kept when the caller set it; otherwise the database is SQLite in `var_dir`.
    """
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        LMS_VAR_DIR=str(var_dir),
        DJANGO_STATIC_ROOT=str(var_dir / "staticfiles"),
        DJANGO_MEDIA_ROOT=str(var_dir / "media"),
        # Production settings refuse to start without a certificate signing key: a throw-away one.
        CERTIFICATES_SIGNING_KEY_FILE=str(var_dir / "keys" / "certificate-signing.pem"),
    )
    from certificates.signing.keys import key_file_create

    key_file_create(var_dir / "keys" / "certificate-signing.pem")
    return env


@contextmanager
def gunicorn_server(workers: int = 2, prepare: Callable[[dict[str, str]], object] | None = None) -> Iterator[Server]:
    """Yield a migrated gunicorn server with `workers` sync workers; always stop it afterwards.

    `prepare(env)`, when given, runs after the migrations, before the server starts (to load content).
    """
    with tempfile.TemporaryDirectory(prefix="lms-bench-") as tmp:
        var_dir = Path(tmp)
        env = bench_environment(var_dir)
        manage_py(env, "migrate", "--noinput", "--verbosity", "0")
        manage_py(env, "collectstatic", "--noinput", "--verbosity", "0")
        if prepare is not None:
            prepare(env)
        server = Server(HOST, free_port())
        log_path = var_dir / "gunicorn.log"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "lms.wsgi:application",
            "--chdir",
            str(BASE_DIR),
            "--bind",
            f"{server.host}:{server.port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
        ]
        with log_path.open("wb") as log:
            process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
            try:
                wait_until_up(server, process, log_path)
                yield server
            finally:
                process_stop(process)


def manage_py(env: dict[str, str], *args: str) -> str:
    """Run a management command with `env` and return its output; fail with its output if it fails."""
    completed = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise BenchmarkFailed(f"manage.py {' '.join(args)} failed:\n{completed.stdout}{completed.stderr}")
    return completed.stdout


def child_result(module: str, row: str, env: dict[str, str]) -> dict:
    """Run `python -m <module> <row>` with `env` and return the JSON object its last line prints.

    The child's "bench: " progress lines are passed on; a failure raises with its output.
    """
    completed = subprocess.run(
        [sys.executable, "-m", module, row],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    for line in completed.stderr.splitlines():
        if line.startswith("bench: "):
            print(line, file=sys.stderr, flush=True)
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        raise BenchmarkFailed(f"{module} {row} failed:\n{completed.stdout}\n{completed.stderr[-6000:]}")
    return json.loads(lines[-1])


def free_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until_up(server: Server, process: subprocess.Popen[bytes], log_path: Path, path: str = BASELINE_PATH) -> None:
    """Wait until `path` answers 200; fail with the server's log if it exits, errs or stays silent."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkFailed(f"the server exited with {process.returncode}:\n{_tail(log_path)}")
        try:
            status, _body = server.get(path)
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return
        raise BenchmarkFailed(f"the server answered {status} on {path}:\n{_tail(log_path)}")
    raise BenchmarkFailed(f"the server did not answer within {STARTUP_TIMEOUT_S:.0f} s:\n{_tail(log_path)}")


def process_stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server, killing it if it does not stop within 15 s."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
