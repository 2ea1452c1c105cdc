"""The daily reminder: officers of organisations with progress updates missing in an open
review cycle get one e-mail listing the cycles and the measures, with links to the forms.

Which cycles, measures and officers: tracker/selectors/reminders.py. The job runs every
morning (CELERY_BEAT_SCHEDULE in tracker/settings.py) and on demand with
`python manage.py send_reminders`.
"""

import datetime
import logging
from dataclasses import asdict, dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from tracker.models import ReminderSent
from tracker.selectors.reminders import (
    CycleReminder,
    MissingUpdate,
    OfficerReminder,
    reminders_due,
)

logger = logging.getLogger(__name__)


@dataclass
class RemindersResult:
    """What a run sent (or, in a dry run, would send)."""

    mails: int = 0
    organisations: int = 0
    missing_updates: int = 0
    # Officers already reminded today of every cycle due.
    already_sent: int = 0
    # Mails the server refused; they were not recorded, so the next run sends them.
    failed: int = 0
    recipients: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The figures without the addresses, for logs and task results."""
        return {name: value for name, value in asdict(self).items() if name != "recipients"}


def reminders_send(*, today: datetime.date | None = None, dry_run: bool = False) -> RemindersResult:
    """Mail each officer due a reminder (see tracker/selectors/reminders.py) once a day,
    listing every cycle not yet reminded of today.

    What is sent is recorded in the same transaction, before sending: a concurrent run waits
    on the records and then fails on their unique constraint instead of mailing twice; a mail
    that fails has its record removed again before the commit."""
    today = today or timezone.localdate()
    due = reminders_due(today=today)
    result = RemindersResult()
    with transaction.atomic():
        pending = _not_yet_reminded(due, today=today, result=result)
        by_organisation = {
            reminder.officer.organisation_id: reminder.cycles for reminder in pending
        }
        result.organisations = len(by_organisation)
        result.missing_updates = sum(
            len(item.missing) for cycles in by_organisation.values() for item in cycles
        )
        if dry_run:
            result.mails = len(pending)
            result.recipients = [reminder.officer.email for reminder in pending]
            return result
        failed_officers = _send_recorded(pending, today=today)
        result.failed = len(failed_officers)
        result.mails = len(pending) - result.failed
        result.recipients = [
            reminder.officer.email
            for reminder in pending
            if reminder.officer.pk not in failed_officers
        ]
    return result


def _not_yet_reminded(
    due: list[OfficerReminder], *, today: datetime.date, result: RemindersResult
) -> list[OfficerReminder]:
    """Each officer due a reminder with the cycles not yet reminded of today; those reminded
    of every cycle count in `result.already_sent`."""
    reminded = set(
        ReminderSent.objects.filter(
            sent_on=today, officer__in=[reminder.officer for reminder in due]
        ).values_list("officer_id", "cycle_id")
    )
    pending = []
    for reminder in due:
        cycles = [
            item for item in reminder.cycles if (reminder.officer.pk, item.cycle.pk) not in reminded
        ]
        if cycles:
            pending.append(OfficerReminder(reminder.officer, cycles))
        else:
            result.already_sent += 1
    return pending


def _send_recorded(pending: list[OfficerReminder], *, today: datetime.date) -> set[int]:
    """Record and send each reminder; remove the records of those that fail. Returns the ids
    of the officers whose mail failed."""
    records = ReminderSent.objects.bulk_create(
        ReminderSent(cycle=item.cycle, officer=reminder.officer, sent_on=today)
        for reminder in pending
        for item in reminder.cycles
    )
    failed_officers = set()
    with mail.get_connection() as connection:
        for reminder in pending:
            try:
                _message(reminder, today=today, connection=connection).send()
            except OSError:
                logger.exception("The reminder to %s was not sent", reminder.officer.email)
                failed_officers.add(reminder.officer.pk)
    if failed_officers:
        ReminderSent.objects.filter(
            pk__in=[record.pk for record in records if record.officer_id in failed_officers]
        ).delete()
    return failed_officers


def _message(reminder: OfficerReminder, *, today: datetime.date, connection) -> mail.EmailMessage:
    officer = reminder.officer
    # Each officer's mail is in her working language (her own choice, else her
    # organisation's), else in the site's.
    language = officer.working_language or settings.LANGUAGE_CODE
    with translation.override(language):
        cycles = [_cycle_context(item, today=today, language=language) for item in reminder.cycles]
        context = {
            "officer": officer,
            "organisation": officer.organisation.name(language),
            "cycles": cycles,
            "cycle_names": ", ".join(cycle["name"] for cycle in cycles),
            "overdue": any(cycle["overdue"] for cycle in cycles),
            "site_url": settings.SITE_URL,
        }
        subject = render_to_string("tracker/email/reminder_subject.txt", context)
        body = render_to_string("tracker/email/reminder.txt", context)
    return mail.EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[officer.email], connection=connection
    )


def _cycle_context(item: CycleReminder, *, today: datetime.date, language: str) -> dict:
    return {
        "cycle": item.cycle,
        "name": item.cycle.name_in(language).text,
        "overdue": timezone.localdate(item.cycle.deadline) < today,
        "missing": [
            {
                "title": missing.title,
                "url": _form_url(missing, item),
                "written": missing.update_id is not None,
            }
            for missing in item.missing
        ],
    }


def _form_url(missing: MissingUpdate, item: CycleReminder) -> str:
    if missing.update_id is not None:
        path = reverse("tracker:update-detail", args=[missing.update_id])
    else:
        path = reverse("tracker:update-create", args=[missing.measure_id])
        path = f"{path}?{urlencode({'cycle': item.cycle.slug})}"
    return f"{settings.SITE_URL}{path}"
