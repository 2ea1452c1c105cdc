"""The tracker's Celery tasks: thin callers of the services."""

from celery import shared_task

from tracker.services.reminders import reminders_send


@shared_task(bind=True, autoretry_for=(OSError,), max_retries=3, default_retry_delay=10 * 60)
def send_reminders(self) -> dict[str, int]:
    """The daily reminder of missing progress updates (CELERY_BEAT_SCHEDULE). An unreachable
    mail server is tried again later; mails it refused were not recorded as sent, so the retry
    sends just those."""
    result = reminders_send()
    if result.failed:
        raise self.retry()
    return result.counts()
