"""Report builds whose worker is killed with SIGKILL at random moments, over and over: the
trials of tests/faults/test_worker_kills.py and of tests/benchmarks/worker_kills.py.

Two workers serve one Redis. A trial requests a report and, at a random moment of its build,
kills the pool process building it, as the kernel's OOM killer would (the worker's main process
survives and hands the message back); some trials kill the next delivery too. Every run must
then end within a bounded time, done by another delivery or failed with its reason, and every
file must belong to exactly one finished run and be the bytes its checksum names.
"""

import contextlib
import datetime
import hashlib
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from reports.models import ReportRun, ReportSource, ReportState
from tests.factories import OrganisationFactory, ReviewCycleFactory, coordinator
from tests.reports.factories import measure, update
from tests.workers import NotThere, Worker, cpu_ticks, kill, watch

# Deliveries a run may have in these trials (REPORT_MAX_ATTEMPTS of the workers): a trial whose
# two kills both hit expects the run to fail with the reason.
MAX_ATTEMPTS = 2
# Seconds a run has, after its last kill, to be delivered again and built once more.
RECOVERY_DEADLINE = 120
NEVER_FINISHED = "never finished"


def report_dataset(*, measures: int = 3) -> Callable[..., ReportRun]:
    """A small cycle's data (the builds must be short to be repeated), and a function that
    requests its English draft report as a coordinator and returns the run (enqueued for a
    worker unless told otherwise)."""
    from reports.review.services.runs import report_request

    organisation = OrganisationFactory(code="KILL", name_en="Ministry of Trials")
    cycle = ReviewCycleFactory(
        slug="trials-2025",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    for number in range(measures):
        entry = measure(organisation, [number % 23 + 1], title=f"Measure {number}")
        update(entry, cycle, results="Results of the period. " * 10)
    actor = coordinator()

    def request(*, enqueue: bool = True) -> ReportRun:
        return report_request(
            actor=actor, cycle=cycle, language="en", is_final=False, enqueue=enqueue
        ).run

    return request


@dataclass(frozen=True)
class Trial:
    run_id: int
    kills: tuple[float, ...]  # seconds into a delivery's build at which it was killed
    state: str
    attempts: int
    error: str
    recovery: float | None  # seconds from the last kill to the run's end

    @property
    def hits(self) -> int:
        """Deliveries that died: each one made the message come back."""
        return self.attempts - 1


class KillTrials:
    def __init__(
        self, *, request: Callable[[], ReportRun], workers: list[Worker], rng: random.Random
    ):
        self.request = request
        self.workers = workers
        self.rng = rng
        self.build_seconds = 0.0
        self.calibration: list[ReportRun] = []

    def calibrate(self) -> list[ReportRun]:
        """Builds without a kill: how long a build lasts in a process that has built before
        (the first build of a process also loads the typesetter), and the file every build
        of the same data must give."""
        durations = []
        for _ in range(2):
            run = self.request()
            watch(
                run, lambda run: run.state == ReportState.RUNNING or not run.is_active, self.workers
            )
            started = time.monotonic()
            watch(run, lambda run: not run.is_active, self.workers)
            durations.append(time.monotonic() - started)
            assert run.state == ReportState.DONE, run.error
            self.calibration.append(run)
        self.build_seconds = min(durations)
        return self.calibration

    def run(self, *, kills: int) -> Trial:
        """Request a report, kill up to `kills` of its deliveries, and wait for its end."""
        run = self.request()
        moments, last_kill = [], None
        for attempt in range(1, kills + 1):
            moment = self._kill_during(run, attempt)
            if moment is None:
                break
            moments.append(moment)
            last_kill = time.monotonic()
        # A run that does not end in time is lost: problems() says so.
        with contextlib.suppress(NotThere):
            watch(run, lambda run: not run.is_active, self.workers, deadline=RECOVERY_DEADLINE)
        return Trial(
            run_id=run.pk,
            kills=tuple(moments),
            state=run.state,
            attempts=run.attempts,
            error=run.error,
            recovery=None if last_kill is None else time.monotonic() - last_kill,
        )

    def _kill_during(self, run: ReportRun, attempt: int) -> float | None:
        """Kill the pool process building delivery `attempt` of `run` at a random moment of
        its build; the moment in seconds, or None when the build ended before."""

        def building(run):
            return run.state == ReportState.RUNNING and run.attempts == attempt

        watch(run, lambda run: building(run) or not run.is_active, self.workers)
        if not building(run):
            return None
        started = time.monotonic()
        # The pool process that uses the processor from here on is the one building.
        baseline = {
            pid: cpu_ticks(pid) for worker in self.workers for pid in worker.pool_processes()
        }
        time.sleep(self.rng.uniform(0, self.build_seconds))
        for _ in range(500):
            run.refresh_from_db()
            if not building(run):
                return None
            busiest = max(baseline, key=lambda pid: cpu_ticks(pid) - baseline[pid])
            if cpu_ticks(busiest) > baseline[busiest]:
                kill(busiest)
                return time.monotonic() - started
            time.sleep(0.02)
        raise AssertionError(f"no pool process is building run {run.pk}")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def problems(trials: list[Trial], calibration: list[ReportRun]) -> list[str]:
    """What is wrong with the trials' runs and the report files: an empty list if nothing.
    Every build must give the calibration's file."""
    found = []
    reference = calibration[-1]
    sources = ReportSource.objects.filter(run=reference).count()
    recorded = {run.file.name for run in calibration}
    for trial in trials:
        run = ReportRun.objects.get(pk=trial.run_id)
        if run.state == ReportState.DONE:
            recorded.add(run.file.name)
            path = Path(run.file.path)
            if not path.exists():
                found.append(f"run {run.pk} is done but its file {run.file.name} is missing")
            elif _sha256(path) != run.file_sha256:
                found.append(f"run {run.pk}: its file is not the bytes its checksum names")
            elif run.file_sha256 != reference.file_sha256:
                found.append(f"run {run.pk}: the same data gave another file than a clean build")
            if ReportSource.objects.filter(run=run).count() != sources:
                found.append(f"run {run.pk} records its sources more or less than once")
        elif run.state == ReportState.FAILED:
            if NEVER_FINISHED not in run.error:
                found.append(f"run {run.pk} failed for another reason: {run.error!r}")
            if run.file:
                found.append(f"run {run.pk} failed but has a file")
        else:
            found.append(f"run {run.pk} is lost: still {run.state}")
    folder = Path(settings.MEDIA_ROOT) / "reports"
    on_disk = {f"reports/{path.name}" for path in folder.iterdir()} if folder.exists() else set()
    found += [f"orphan file {name}, no run's" for name in sorted(on_disk - recorded)]
    return found


def summary(trials: list[Trial], build_seconds: float) -> list[str]:
    kills = [moment for trial in trials for moment in trial.kills]
    done = [trial for trial in trials if trial.state == ReportState.DONE]
    failed = [trial for trial in trials if trial.state == ReportState.FAILED]
    recoveries = [trial.recovery for trial in trials if trial.recovery is not None]
    lines = [
        f"trials: {len(trials)}; a clean build takes {build_seconds:.1f} s",
        f"pool processes killed: {len(kills)}"
        + (f", {min(kills):.1f} to {max(kills):.1f} s into a build" if kills else "")
        + f"; deliveries that died: {sum(trial.hits for trial in trials)}",
        f"done by a later delivery: {sum(trial.hits > 0 for trial in done)}, "
        f"done (every kill came after the build): {sum(trial.hits == 0 for trial in done)}, "
        f"failed with the reason: {len(failed)}, "
        f"lost: {len(trials) - len(done) - len(failed)}",
    ]
    if recoveries:
        lines.append(
            f"from the last kill to the run's end: median {statistics.median(recoveries):.1f} s, "
            f"max {max(recoveries):.1f} s (bound {RECOVERY_DEADLINE} s)"
        )
    return lines
