"""Celery tasks of the report: thin callers of reports/review/services/runs.py."""

from celery import shared_task
from django.utils.translation import gettext as _

from reports.review.services.runs import (
    TRANSIENT_ERRORS,
    report_build,
    report_run_fail,
    report_runs_fail_stuck,
)

RETRY_DELAYS = (10, 60)


@shared_task(bind=True, max_retries=len(RETRY_DELAYS))
def report_build_task(self, run_id: int) -> None:
    """Build a report run. acks_late and reject_on_worker_lost (tracker/settings.py) make a
    killed worker's build come back; the service refuses to run one past its attempts."""
    try:
        report_build(run_id=run_id)
    except TRANSIENT_ERRORS as error:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=error, countdown=RETRY_DELAYS[self.request.retries]) from error
        report_run_fail(
            run_id=run_id,
            reason=_("The database could not be reached during the build: %(error)s")
            % {"error": error},
        )


@shared_task
def report_runs_fail_stuck_task() -> int:
    return report_runs_fail_stuck()
