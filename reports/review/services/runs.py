"""Report runs: a coordinator requests a cycle's report, a worker builds it.

    queued ──worker starts──> running ──> done
       │                        │
       └──── lost or refused ───┴──────> failed   (a failed report is requested again)

The run's row is the only truth about a build. A worker takes a run by raising its `attempts`
under a row lock and from then on writes only while `attempts` is still its own: a build that
was superseded (its message delivered again after its worker died) or declared dead cannot
overwrite anything. Messages are acknowledged late (tracker/settings.py), so a killed worker's
run is delivered again; a run that kills its worker REPORT_MAX_ATTEMPTS times fails instead, and
one that shows no sign of life for REPORT_STUCK_AFTER seconds is marked failed by
`report_runs_fail_stuck`.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from compact.languages import LANGUAGE_CODES
from reports.models import (
    ACTIVE_STATES,
    ReportKind,
    ReportRun,
    ReportSource,
    ReportStage,
    ReportState,
)
from reports.review.document.canonical import input_checksum
from reports.review.document.data import report_data
from reports.review.document.pact_data import pact_report_data
from reports.review.document.pact_render import pact_report_html
from reports.review.document.render import pdf_from_html, report_html
from reports.review.preflight import report_preflight
from tracker.celery import app as celery_app
from tracker.models import ReviewCycle
from tracker.rules import require

logger = logging.getLogger(__name__)

# The worker's task that builds a run (reports/tasks.py, a thin caller of report_build), named
# rather than imported: the tasks are an interface, which the services do not import.
# ReportsConfig.ready registers it in every process.
REPORT_BUILD_TASK = "reports.tasks.report_build_task"

# Failures worth another delivery: the database or the network blinked.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)


class BuildSuperseded(Exception):
    """This build no longer owns its run: another delivery took it over or it was failed."""


@dataclass(frozen=True)
class RunRequest:
    run: ReportRun
    joined: bool  # True when an identical build was already queued or running


def _pending_error(pending: int) -> ValidationError:
    return ValidationError(
        {
            "is_final": [
                ngettext(
                    "A final report is built from approved data only, and %(count)d entry is "
                    "still under review. Approve or return it first, or generate a draft.",
                    "A final report is built from approved data only, and %(count)d entries "
                    "are still under review. Approve or return them first, or generate a draft.",
                    pending,
                )
                % {"count": pending}
            ]
        }
    )


def _refuse_final(cycle: ReviewCycle, language: str, report_kind: str) -> None:
    """A final report waits for the entries under review and, when so configured, an English
    one for every text to be in English (the pre-flight's blocks_final)."""
    preflight = report_preflight(cycle=cycle, language=language, report_kind=report_kind)
    if preflight.pending_total:
        raise _pending_error(preflight.pending_total)
    if preflight.refuses_other_language:
        count = preflight.other_language_total
        message = ngettext(
            "A final report in English prints every text in English, and %(count)d entry or "
            "name would be printed in another language. Have it translated, or generate a draft.",
            "A final report in English prints every text in English, and %(count)d entries or "
            "names would be printed in another language. Have them translated, or generate a "
            "draft.",
            count,
        )
        raise ValidationError({"is_final": [message % {"count": count}]})


def report_request(
    *,
    actor,
    cycle: ReviewCycle,
    language: str,
    is_final: bool,
    report_kind: str = ReportKind.REVIEW,
    enqueue: bool = True,
) -> RunRequest:
    """Ask for `cycle`'s report of `report_kind` (the voluntary national review or the EU Pact
    implementation report) in `language`. Joins the build of the same report if one is queued
    or running; a final report is refused while entries are under review. The build is
    enqueued once the run is committed. `actor` None is the command line, trusted."""
    if actor is not None:
        require(actor, "reports.generate_report", cycle)
    if language not in LANGUAGE_CODES:
        raise ValidationError({"language": [_("The report is not offered in this language.")]})
    if report_kind not in ReportKind.values:
        raise ValidationError({"report_kind": [_("There is no such report.")]})
    report_runs_fail_stuck()
    with transaction.atomic():
        # Serialises requests for one cycle, so two cannot both find no active run.
        ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
        same = {"cycle": cycle, "report_kind": report_kind, "language": language}
        active = ReportRun.objects.filter(
            **same, is_final=is_final, state__in=ACTIVE_STATES
        ).first()
        if active is not None:
            return RunRequest(active, joined=True)
        if is_final:
            _refuse_final(cycle, language, report_kind)
        run = ReportRun.objects.create(**same, is_final=is_final, requested_by=actor)
        if enqueue:
            transaction.on_commit(lambda: _enqueue(run.pk))
    return RunRequest(run, joined=False)


def _enqueue(run_id: int) -> None:
    task = celery_app.tasks[REPORT_BUILD_TASK]
    try:
        task.delay(run_id)
    except Exception:
        # The broker is down: say so now rather than leave the run queued for nobody.
        logger.exception("Could not enqueue report run %s", run_id)
        _fail(
            run_id,
            attempt=None,
            reason=_("The job queue could not be reached; nothing was built. Try again later."),
        )


def report_build(*, run_id: int) -> ReportRun:
    """Build the run's PDF: what the worker does, and the command line synchronously.
    Returns the run, done or failed. Transient database errors propagate for a retry."""
    attempt = _start(run_id)
    run = ReportRun.objects.select_related("cycle").get(pk=run_id)
    if attempt is None:
        return run
    try:
        _beat(run_id, attempt, 5, ReportStage.GATHERING)
        with translation.override(run.language):
            if run.is_final:
                _refuse_final(run.cycle, run.language, run.report_kind)
            read, write = _document(run.report_kind)
            data = read(cycle=run.cycle, language=run.language, is_final=run.is_final)
            checksum = input_checksum(data)
            _beat(run_id, attempt, 30, ReportStage.WRITING)
            html = write(data)
            _beat(run_id, attempt, 45, ReportStage.TYPESETTING)
            pdf, pages = pdf_from_html(
                html,
                identifier=checksum,
                progress=lambda done, total: _beat(
                    run_id, attempt, 45 + 45 * done // total, ReportStage.TYPESETTING
                ),
            )
        _beat(run_id, attempt, 90, ReportStage.SAVING)
        _finish(run, attempt, pdf=pdf, pages=pages, checksum=checksum, sources=data.sources)
    except BuildSuperseded:
        logger.warning("Report run %s attempt %s was superseded", run_id, attempt)
    except TRANSIENT_ERRORS:
        raise
    except ValidationError as error:
        _fail(run_id, attempt=attempt, reason=" ".join(error.messages))
    except Exception as error:
        logger.exception("Report run %s failed", run_id)
        _fail(run_id, attempt=attempt, reason=_("The build failed: %(error)s") % {"error": error})
    return ReportRun.objects.select_related("cycle").get(pk=run_id)


def _document(report_kind: str):
    """What a report of `report_kind` is read from and written as; everything else, the run,
    the typesetting, the merge, the checksum and the provenance, is one path (ADR 0021)."""
    if report_kind == ReportKind.PACT:
        return pact_report_data, pact_report_html
    return report_data, report_html


def _start(run_id: int) -> int | None:
    """Take the run for this delivery and return the attempt number, or None when there is
    nothing to do (the run is finished) or the run has used up its attempts."""
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().get(pk=run_id)
        if run.state not in ACTIVE_STATES:
            return None
        run.attempts += 1
        now = timezone.now()
        if run.attempts > settings.REPORT_MAX_ATTEMPTS:
            run.state, run.stage, run.finished_at = ReportState.FAILED, ReportStage.STOPPED, now
            run.error = ngettext(
                "The build was started %(count)d time and never finished: it stops its "
                "worker (most likely it runs out of memory). Nothing was saved.",
                "The build was started %(count)d times and never finished: it stops its "
                "worker (most likely it runs out of memory). Nothing was saved.",
                run.attempts - 1,
            ) % {"count": run.attempts - 1}
            run.save(update_fields=["attempts", "state", "stage", "finished_at", "error"])
            # The last delivery may have died after writing the file, before recording it.
            run.file.storage.delete(_file_name(run))
            return None
        run.state, run.stage, run.progress = ReportState.RUNNING, ReportStage.GATHERING, 0
        run.started_at = run.started_at or now
        run.heartbeat_at = now
        run.save(
            update_fields=["attempts", "state", "stage", "progress", "started_at", "heartbeat_at"]
        )
        return run.attempts


def _owned(run_id: int, attempt: int):
    return ReportRun.objects.filter(pk=run_id, attempts=attempt, state=ReportState.RUNNING)


def _beat(run_id: int, attempt: int, progress: int, stage: str) -> None:
    """Report progress; it is also the build's sign of life."""
    changed = _owned(run_id, attempt).update(
        progress=progress, stage=stage, heartbeat_at=timezone.now()
    )
    if not changed:
        raise BuildSuperseded


def _file_name(run: ReportRun) -> str:
    """Where the run's PDF is stored: one name per run, whichever delivery writes it."""
    return f"reports/{run_file_stem(run)}-{run.pk}.pdf"


def run_file_stem(run: ReportRun) -> str:
    """The name a run's PDF is stored and downloaded under, without its extension: the cycle,
    the report (the EU Pact's is named so), the language, draft or final."""
    kind = "final" if run.is_final else "draft"
    report = "-eu-pact" if run.report_kind == ReportKind.PACT else ""
    return f"{run.cycle.slug}{report}-{run.language}-{kind}"


def _finish(run: ReportRun, attempt: int, *, pdf: bytes, pages: int, checksum: str, sources):
    storage, name, stored = run.file.storage, _file_name(run), None
    try:
        with transaction.atomic():
            if not _owned(run.pk, attempt).select_for_update().exists():
                raise BuildSuperseded
            # Only the run's owner writes its file, under the row's lock. A delivery killed
            # after writing it but before committing left it behind: replaced, not kept beside.
            storage.delete(name)
            stored = storage.save(name, ContentFile(pdf))
            ReportSource.objects.filter(run_id=run.pk).delete()
            ReportSource.objects.bulk_create(
                ReportSource(
                    run_id=run.pk,
                    kind=source.kind,
                    entry_id=source.entry_id,
                    version=source.version,
                    history_id=source.history_id,
                    approved_at=source.approved_at,
                    published_version=source.published_version,
                )
                for source in sources
            )
            _owned(run.pk, attempt).update(
                state=ReportState.DONE,
                stage=ReportStage.FINISHED,
                progress=100,
                file=stored,
                file_sha256=hashlib.sha256(pdf).hexdigest(),
                input_sha256=checksum,
                pages=pages,
                finished_at=timezone.now(),
                heartbeat_at=timezone.now(),
                error="",
            )
    except BaseException:
        if stored is not None:
            storage.delete(stored)
        raise


def _fail(run_id: int, *, attempt: int | None, reason: str) -> None:
    runs = ReportRun.objects.filter(pk=run_id, state__in=ACTIVE_STATES)
    if attempt is not None:
        runs = runs.filter(attempts=attempt)
    try:
        runs.update(
            state=ReportState.FAILED,
            stage=ReportStage.STOPPED,
            error=reason,
            finished_at=timezone.now(),
        )
    except DatabaseError:
        logger.exception("Could not mark report run %s failed", run_id)


def report_run_fail(*, run_id: int, reason: str) -> None:
    """Mark a run failed whoever holds it: the task's last word when its retries are spent."""
    _fail(run_id, attempt=None, reason=reason)


def report_runs_fail_stuck(*, now=None) -> int:
    """Fail the running builds that have shown no sign of life for REPORT_STUCK_AFTER seconds
    and the queued ones no worker took within REPORT_QUEUE_TIMEOUT; returns how many."""
    now = now or timezone.now()
    silent = ReportRun.objects.filter(
        state=ReportState.RUNNING,
        heartbeat_at__lt=now - timedelta(seconds=settings.REPORT_STUCK_AFTER),
    ).update(
        state=ReportState.FAILED,
        stage=ReportStage.STOPPED,
        finished_at=now,
        error=_(
            "The build stopped giving signs of life (its worker was probably stopped or ran "
            "out of memory). Nothing was saved; generate the report again."
        ),
    )
    forgotten = ReportRun.objects.filter(
        state=ReportState.QUEUED,
        requested_at__lt=now - timedelta(seconds=settings.REPORT_QUEUE_TIMEOUT),
    ).update(
        state=ReportState.FAILED,
        stage=ReportStage.STOPPED,
        finished_at=now,
        error=_("No worker took the build in time. Nothing was built; generate it again."),
    )
    return silent + forgotten
