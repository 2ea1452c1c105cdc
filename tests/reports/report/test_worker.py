"""Report builds on a real Redis and a real Celery worker process, as production runs them:
progress is visible while the worker builds, and a worker killed mid-build leaves a run that
completes or fails with its reason, never one stuck for ever."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from reports.models import ReportRun, ReportState
from reports.services.runs import report_request
from tests.factories import coordinator
from tests.reports.factories import measure, update

pytestmark = pytest.mark.django_db(transaction=True)

DEADLINE = 120


@pytest.fixture
def celery_on_redis(redis_url):
    """This process publishes to the test Redis instead of running tasks in-process."""
    from tracker.celery import app

    saved = {"broker_url": app.conf.broker_url, "task_always_eager": app.conf.task_always_eager}
    app.conf.update(broker_url=redis_url, task_always_eager=False)
    _drop_connections(app)
    yield app
    app.control.purge()
    _drop_connections(app)
    app.conf.update(saved)


def _drop_connections(app) -> None:
    """The app keeps its connection and producer pools: new ones follow the changed broker."""
    app._pool = None
    app.amqp._producer_pool = None


def _start_worker(subprocess_env, **extra_env) -> subprocess.Popen:
    env = {**subprocess_env, "MEDIA_ROOT": str(settings.MEDIA_ROOT), **extra_env}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "--app",
            "tracker",
            "worker",
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
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _stop(worker: subprocess.Popen) -> str:
    worker.send_signal(signal.SIGTERM)
    try:
        output, _ = worker.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()
        output, _ = worker.communicate()
    return output


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _watch(run: ReportRun, until, worker: subprocess.Popen) -> list[tuple[str, int]]:
    """The (state, progress) pairs seen until `until(run)` holds."""
    seen = []
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        assert worker.poll() is None, "the worker process ended"
        run.refresh_from_db()
        if not seen or seen[-1] != (run.state, run.progress):
            seen.append((run.state, run.progress))
        if until(run):
            return seen
        time.sleep(0.02)
    pytest.fail(f"run {run.pk} did not get there in {DEADLINE} s; seen {seen}")


@pytest.fixture
def bigger_dataset(dataset):
    """Enough pages that the typesetting lasts long enough to be watched and interrupted."""
    for number in range(60):
        entry = measure(dataset.organisations.moj, [number % 23 + 1], title=f"Measure {number}")
        update(entry, dataset.cycles.new, results="Results of the period. " * 20)
    return dataset


def _request(dataset) -> ReportRun:
    return report_request(
        actor=coordinator(), cycle=dataset.cycles.new, language="en", is_final=False
    ).run


def test_a_job_goes_from_queued_to_done_with_its_progress_visible(
    bigger_dataset, celery_on_redis, subprocess_env
):
    run = _request(bigger_dataset)
    worker = _start_worker(subprocess_env)
    try:
        seen = _watch(run, lambda run: not run.is_active, worker)
    finally:
        output = _stop(worker)
    assert run.state == ReportState.DONE, (run.error, output)
    assert seen[0] == (ReportState.QUEUED, 0)
    assert any(state == ReportState.RUNNING and 0 < progress < 100 for state, progress in seen)
    assert seen[-1] == (ReportState.DONE, 100)
    assert run.file.open("rb").read(5) == b"%PDF-"


def _kill_while_typesetting(run: ReportRun, worker: subprocess.Popen) -> None:
    _watch(run, lambda run: run.state == ReportState.RUNNING and run.progress >= 45, worker)
    (child,) = _children(worker.pid)
    os.kill(child, signal.SIGKILL)


def test_a_worker_killed_mid_build_leaves_the_job_to_be_built_again(
    bigger_dataset, celery_on_redis, subprocess_env
):
    run = _request(bigger_dataset)
    worker = _start_worker(subprocess_env)
    try:
        _kill_while_typesetting(run, worker)
        _watch(run, lambda run: not run.is_active, worker)
    finally:
        output = _stop(worker)
    assert run.state == ReportState.DONE, (run.error, output)
    assert run.attempts == 2
    assert run.file_sha256


def test_a_build_that_keeps_killing_its_worker_ends_failed_with_the_reason(
    bigger_dataset, celery_on_redis, subprocess_env
):
    run = _request(bigger_dataset)
    worker = _start_worker(subprocess_env, REPORT_MAX_ATTEMPTS="1")
    try:
        _kill_while_typesetting(run, worker)
        _watch(run, lambda run: not run.is_active, worker)
    finally:
        output = _stop(worker)
    assert run.state == ReportState.FAILED, output
    assert "started 1 time and never finished" in run.error
    assert not run.file
