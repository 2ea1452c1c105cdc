"""Servers of a test's own, to break: a throwaway PostgreSQL cluster it can restart, and the
product under gunicorn on that cluster, as production runs it.

PostgreSQL refuses to run as root: as root the cluster is made and run by the postgres user
(runuser), in a temporary folder that user owns, as .ci/run does for the test suite's server.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import gunicorn
import psycopg
from django.conf import settings

from tests.faults.client import call
from tests.workers import free_port


class Cluster:
    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="faults-postgres-"))
        self.port = free_port()
        self.as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_owner:
            shutil.chown(self.folder, "postgres", "postgres")

    def _run(self, program: str, *arguments: str) -> None:
        subprocess.run(
            [*self.as_owner, str(self.bin_dir / program), *arguments],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def _pg_ctl(self, *arguments: str) -> None:
        self._run("pg_ctl", "--pgdata", str(self.folder / "data"), "--wait", *arguments)

    def start(self) -> None:
        self._run(
            "initdb",
            "--pgdata",
            str(self.folder / "data"),
            "--username",
            "postgres",
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
        )
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
        self._pg_ctl("--log", str(self.folder / "server.log"), "--options", options, "start")
        with self.connect("postgres") as connection:
            connection.execute("CREATE DATABASE tracker")

    def restart(self, mode: str) -> float:
        """Restart the server (pg_ctl's fast or immediate mode); the seconds it took."""
        started = time.monotonic()
        self._pg_ctl("--log", str(self.folder / "server.log"), "--mode", mode, "restart")
        return time.monotonic() - started

    def remove(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError):
            self._pg_ctl("--mode", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "tracker") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "tracker") -> psycopg.Connection:
        return psycopg.connect(self.url(database), autocommit=True)

    def started_at(self):
        with self.connect() as connection:
            return connection.execute("SELECT pg_postmaster_start_time()").fetchone()[0]


def product_env(cluster: Cluster) -> dict[str, str]:
    """The product's production settings (DEBUG off, persistent connections) on `cluster`."""
    return {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": "test-only-secret-key-for-the-fault-tests-0123456789abcdefghij",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": cluster.url(),
        "CELERY_BROKER_URL": "",
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "PYTHONPATH": str(settings.BASE_DIR),
    }


def manage(env: dict[str, str], *arguments: str) -> str:
    """Run a management command of the product; its standard output."""
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    ).stdout


# gunicorn 27 opens a control socket in the home folder, which every gunicorn there would share.
NO_CONTROL_SOCKET = ["--no-control-socket"] if gunicorn.version_info >= (27,) else []


class Gunicorn:
    """The product under gunicorn with sync workers, as docker-compose.yml runs it."""

    def __init__(self, env: dict[str, str], *, workers: int):
        self.port = free_port()
        self.base = ("127.0.0.1", self.port)
        self._log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed by stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "tracker.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                *NO_CONTROL_SOCKET,
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 60
        while call(self.base, "GET", "/health/", timeout=5).status != 200:
            assert self.process.poll() is None, self.output()
            assert time.monotonic() < deadline, f"gunicorn did not start:\n{self.output()}"
            time.sleep(0.2)

    def output(self) -> str:
        self._log.seek(0)
        return self._log.read()

    def stop(self) -> str:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        output = self.output()
        self._log.close()
        return output
