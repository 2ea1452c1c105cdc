"""Celery workers as production runs them, for the tests and the benchmarks: separate processes
on the test servers, whose pool processes can be found and killed; this process's Celery app
publishing to a real broker instead of running tasks in-process; and a Redis of a test's own,
to stop and start again."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings

# Seconds a run may take to get where a test waits for it.
DEADLINE = 120


@contextlib.contextmanager
def publishing_to(broker_url: str, *, result_backend: str | None = None, **transport_options):
    """This process's Celery app publishes to `broker_url` instead of running tasks
    in-process, with its results there too as production has them by default (or in
    `result_backend`); as it was afterwards."""
    from tracker.celery import app

    names = ("broker_url", "result_backend", "task_always_eager", "broker_transport_options")
    saved = {name: app.conf[name] for name in names}
    app.conf.update(
        broker_url=broker_url,
        result_backend=broker_url if result_backend is None else result_backend,
        task_always_eager=False,
        broker_transport_options={**saved["broker_transport_options"], **transport_options},
    )
    _drop_connections(app)
    try:
        yield app
    finally:
        _drop_connections(app)
        app.conf.update(saved)


def product_env(*, broker_url: str, **extra: str) -> dict[str, str]:
    """Environment for a process of the product (a Celery worker) on the test database and
    `broker_url` ("" for the embedded broker), with its tasks queued, never run in-process."""
    database = settings.DATABASES["default"]
    env = {
        **{
            key: value
            for key, value in os.environ.items()
            if key not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "CELERY_TASK_ALWAYS_EAGER")
        },
        "DEBUG": "true",
        "SECRET_KEY": "test-only-secret-key",
        "CELERY_BROKER_URL": broker_url,
        "PYTHONPATH": str(settings.BASE_DIR),
        **extra,
    }
    if database["ENGINE"].endswith("postgresql"):
        env["DATABASE_URL"] = (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{database['NAME']}"
    return env


def _drop_connections(app) -> None:
    """The app keeps its connection and producer pools and its result backend: new ones
    follow the changed settings."""
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local = threading.local()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A throwaway redis-server on a loopback port that can be stopped and started again,
    keeping its data in `folder` as production does (an append-only file)."""

    def __init__(self, executable: str, folder: Path):
        self.executable, self.folder = executable, folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        import redis

        self.process = subprocess.Popen(
            [
                self.executable,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--dir",
                str(self.folder),
                "--appendonly",
                "yes",
                "--save",
                "",
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_timeout=1)
        for _ in range(200):
            with contextlib.suppress(redis.RedisError):
                if client.ping():
                    return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None


class Worker:
    """A `celery worker` process with one pool process (prefork, as in production); its output
    goes to a file rather than a pipe, which a long run would fill."""

    def __init__(self, env: dict[str, str], *, name: str = "worker", **extra_env: str):
        self._log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed by stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "--app",
                "tracker",
                "worker",
                "--hostname",
                f"{name}@%h",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "INFO",
            ],
            cwd=settings.BASE_DIR,
            env={**env, "MEDIA_ROOT": str(settings.MEDIA_ROOT), **extra_env},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            text=True,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def pool_processes(self) -> list[int]:
        return children(self.pid)

    def output(self) -> str:
        self._log.seek(0)
        return self._log.read()

    def stop(self) -> str:
        """Stop the worker (warm shutdown, killed if it hangs) and return its output."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        output = self.output()
        self._log.close()
        return output


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def cpu_ticks(pid: int) -> int:
    """The processor time `pid` and the processes it started have used, in clock ticks (a
    report build typesets in processes of its own); 0 once it has ended."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    own = int(fields[11]) + int(fields[12])  # utime and stime
    return own + sum(cpu_ticks(child) for child in children(pid))


def kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


class NotThere(AssertionError):
    """The run did not get where it was awaited in time."""


def watch(run, until, workers: list[Worker], *, deadline: float = DEADLINE) -> list:
    """The (state, progress) pairs `run` went through until `until(run)` held; fails after
    `deadline` seconds or when a worker process ends."""
    seen = []
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        for worker in workers:
            assert worker.alive(), f"a worker process ended:\n{worker.output()}"
        run.refresh_from_db()
        if not seen or seen[-1] != (run.state, run.progress):
            seen.append((run.state, run.progress))
        if until(run):
            return seen
        time.sleep(0.02)
    raise NotThere(f"run {run.pk} did not get there in {deadline} s; seen {seen}")
