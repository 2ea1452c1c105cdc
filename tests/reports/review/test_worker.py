"""Report builds on a real Redis and a real Celery worker process, as production runs them:
progress is visible while the worker builds, and a worker killed mid-build leaves a run that
completes or fails with its reason, never one stuck for ever."""

import pytest

from reports.models import ReportRun, ReportState
from reports.review.services.runs import report_request
from tests.factories import coordinator
from tests.reports.factories import measure, update
from tests.workers import Worker, kill, publishing_to, watch

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def celery_on_redis(redis_url):
    """This process publishes to the test Redis instead of running tasks in-process."""
    with publishing_to(redis_url) as app:
        yield app
        app.control.purge()


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
    worker = Worker(subprocess_env)
    try:
        seen = watch(run, lambda run: not run.is_active, [worker])
    finally:
        output = worker.stop()
    assert run.state == ReportState.DONE, (run.error, output)
    assert seen[0] == (ReportState.QUEUED, 0)
    assert any(state == ReportState.RUNNING and 0 < progress < 100 for state, progress in seen)
    assert seen[-1] == (ReportState.DONE, 100)
    assert run.file.open("rb").read(5) == b"%PDF-"


def _kill_while_typesetting(run: ReportRun, worker: Worker) -> None:
    watch(run, lambda run: run.state == ReportState.RUNNING and run.progress >= 45, [worker])
    (pool_process,) = worker.pool_processes()
    kill(pool_process)


def test_a_worker_killed_mid_build_leaves_the_job_to_be_built_again(
    bigger_dataset, celery_on_redis, subprocess_env
):
    run = _request(bigger_dataset)
    worker = Worker(subprocess_env)
    try:
        _kill_while_typesetting(run, worker)
        watch(run, lambda run: not run.is_active, [worker])
    finally:
        output = worker.stop()
    assert run.state == ReportState.DONE, (run.error, output)
    assert run.attempts == 2
    assert run.file_sha256


def test_a_build_that_keeps_killing_its_worker_ends_failed_with_the_reason(
    bigger_dataset, celery_on_redis, subprocess_env
):
    run = _request(bigger_dataset)
    worker = Worker(subprocess_env, REPORT_MAX_ATTEMPTS="1")
    try:
        _kill_while_typesetting(run, worker)
        watch(run, lambda run: not run.is_active, [worker])
    finally:
        output = worker.stop()
    assert run.state == ReportState.FAILED, output
    assert "started 1 time and never finished" in run.error
    assert not run.file
