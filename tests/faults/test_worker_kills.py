"""A Celery worker killed with SIGKILL while it builds a report, again and again: every run
ends within a bounded time, done by another delivery or failed with its reason; none is lost,
none is built twice, and every file in the reports folder is the one file of one finished run,
its bytes those its checksum names (the trials: tests/faults/kills.py)."""

import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reports.models import ReportState
from reports.review.services.runs import report_build
from tests.faults.kills import MAX_ATTEMPTS, KillTrials, problems, report_dataset, summary
from tests.workers import Worker, publishing_to

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis]

TRIALS = 10
SEED = 20260611


def test_builds_whose_worker_is_killed_at_random_moments_end_done_or_failed_never_lost(
    compact, media_root, redis_url, subprocess_env
):
    request = report_dataset()
    rng = random.Random(SEED)  # noqa: S311 - when to kill, not a secret
    with publishing_to(redis_url) as app:
        workers = [
            Worker(subprocess_env, name=f"worker{n}", REPORT_MAX_ATTEMPTS=str(MAX_ATTEMPTS))
            for n in (1, 2)
        ]
        try:
            trials = KillTrials(request=request, workers=workers, rng=rng)
            calibration = trials.calibrate()
            # Every third trial kills the next delivery too: the run must fail with the reason.
            results = [trials.run(kills=2 if number % 3 == 2 else 1) for number in range(TRIALS)]
        finally:
            outputs = [worker.stop() for worker in workers]
            app.control.purge()
    print("\n".join(summary(results, trials.build_seconds)))
    assert problems(results, calibration) == [], outputs
    assert sum(trial.hits for trial in results) >= TRIALS // 2, "the kills missed the builds"


def _build_killed_once_its_file_is_written(run_id: int, env: dict[str, str]) -> None:
    """Build `run_id` in a process that is killed with SIGKILL right after the PDF is written
    to storage (tests/faults/die_after_write.py)."""
    finished = subprocess.run(
        [sys.executable, "-m", "tests.faults.die_after_write", str(run_id)],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        timeout=300,
        check=False,
    )
    assert finished.returncode == -signal.SIGKILL


@pytest.mark.parametrize(
    ("max_attempts", "outcome"),
    [(3, ReportState.DONE), (1, ReportState.FAILED)],
    ids=["built-again", "out-of-attempts"],
)
def test_a_build_killed_between_writing_its_file_and_recording_it_leaves_no_stray_file(
    compact, media_root, settings, subprocess_env, max_attempts, outcome
):
    settings.REPORT_MAX_ATTEMPTS = max_attempts
    run = report_dataset(measures=1)(enqueue=False)
    _build_killed_once_its_file_is_written(
        run.pk, {**subprocess_env, "MEDIA_ROOT": str(media_root)}
    )

    again = report_build(run_id=run.pk)  # the delivery that comes back

    assert (again.state, again.attempts) == (outcome, 2)
    files = sorted(path.name for path in Path(media_root, "reports").iterdir())
    assert files == ([Path(again.file.name).name] if again.file else [])
