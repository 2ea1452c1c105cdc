"""Report builds whose Celery worker is killed with SIGKILL at random moments, many times over
(issue 7, "Faults"), with the figures printed.

    .venv/bin/python -m tests.benchmarks.worker_kills [--trials 20] [--seed N]

It creates its own database on a PostgreSQL server on this machine (BENCH_POSTGRES_HOST, _PORT,
_USER, _PASSWORD; default 127.0.0.1:55432, user postgres), named by --database, migrates it and
loads the Compact and a small cycle's data; starts its own redis-server on a free loopback port
and two Celery workers (one pool process each, as in production with its OOM killer in mind),
and runs the trials of tests/faults/kills.py, the same as tests/faults/test_worker_kills.py
but more of them: each requests a report and kills the pool process building it at a random
moment, every third one the next delivery too. It prints what became of the runs and every
problem found: a run still queued or running past the bound, a file that does not match its
checksum or the clean build, sources recorded twice, a file no run owns. Exits 1 on a problem.
The database, Redis and the report files are removed at the end.
"""

import argparse
import contextlib
import io
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
if str(BASE_DIR) not in sys.path:  # run as a file rather than with -m
    sys.path.insert(0, str(BASE_DIR))

from tests.benchmarks.database import Server, configure_django  # noqa: E402


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Kill report builds' workers at random moments and check every run."
    )
    parser.add_argument("--trials", type=int, default=20, help="builds to interrupt")
    parser.add_argument("--seed", type=int, default=20260611, help="of the kill moments")
    parser.add_argument(
        "--database",
        default="bench_worker_kills",
        help="the database, dropped and re-created; must start with bench_ (default %(default)s)",
    )
    arguments = parser.parse_args(argv)
    # The database is dropped at start and end: never let a typo name the product's own.
    if not arguments.database.startswith("bench_"):
        parser.error("--database must start with bench_: it is dropped and re-created.")
    return arguments


@contextlib.contextmanager
def redis_server(folder: Path):
    """A throwaway redis-server on loopback; yields its URL."""
    from tests.workers import RedisServer

    executable = shutil.which("redis-server")
    if executable is None:
        raise SystemExit("redis-server is not installed.")
    server = RedisServer(executable, folder)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


def _prepare_database() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loadcompact", stdout=io.StringIO())


def _run_trials(arguments, broker_url: str) -> int:
    from tests.faults.kills import MAX_ATTEMPTS, KillTrials, problems, report_dataset, summary
    from tests.workers import Worker, publishing_to

    request = report_dataset()
    env = {**os.environ, "CELERY_BROKER_URL": broker_url, "PYTHONPATH": str(BASE_DIR)}
    rng = random.Random(arguments.seed)  # noqa: S311 - when to kill, not a secret
    with publishing_to(broker_url):
        workers = [
            Worker(env, name=f"worker{n}", REPORT_MAX_ATTEMPTS=str(MAX_ATTEMPTS)) for n in (1, 2)
        ]
        try:
            trials = KillTrials(request=request, workers=workers, rng=rng)
            calibration = trials.calibrate()
            results = []
            for number in range(arguments.trials):
                results.append(trials.run(kills=2 if number % 3 == 2 else 1))
                trial = results[-1]
                kills = ", ".join(f"{moment:.1f} s" for moment in trial.kills) or "none"
                print(
                    f"  trial {number + 1:2}: run {trial.run_id}, killed at {kills}: "
                    f"{trial.state} after {trial.attempts} deliveries",
                    flush=True,
                )
        finally:
            for worker in workers:
                worker.stop()
    found = problems(results, calibration)
    print("\n".join(summary(results, trials.build_seconds)))
    print(f"problems: {len(found)}")
    for problem in found:
        print(f"  {problem}")
    return 1 if found else 0


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    server = Server.from_environment()
    server.refuse_remote()
    scratch = Path(tempfile.mkdtemp(prefix="worker-kills-"))
    # Read by the settings: the report files go to a folder of the run's own.
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    print(f"Worker kills, {time.strftime('%Y-%m-%d %H:%M')}")
    print(
        f"PostgreSQL {server.version()} at {server.host}:{server.port}, database "
        f"{arguments.database}; Python {platform.python_version()} on {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    server.recreate(arguments.database)
    try:
        configure_django(server, arguments.database)
        _prepare_database()
        with redis_server(scratch) as broker_url:
            return _run_trials(arguments, broker_url)
    finally:
        from django.db import connections

        connections.close_all()
        server.drop(arguments.database)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
