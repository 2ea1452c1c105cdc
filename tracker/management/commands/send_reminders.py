import argparse
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import pluralize

from tracker.services.reminders import reminders_send


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date as YYYY-MM-DD") from None


class Command(BaseCommand):
    help = (
        "E-mail the desk officers of organisations with progress updates missing in an open "
        "review cycle whose deadline is at most seven days away or has passed: what the daily "
        "scheduled job does. Nobody is mailed twice on the same day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=_date,
            help="Run as on this day, YYYY-MM-DD (default: today).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say who would be mailed, without sending or recording anything.",
        )

    def handle(self, *args, date: datetime.date | None, dry_run: bool, **options):
        result = reminders_send(today=date, dry_run=dry_run)
        about = (
            f"{result.mails} officer{pluralize(result.mails)} of {result.organisations} "
            f"organisation{pluralize(result.organisations)} about {result.missing_updates} "
            f"missing progress update{pluralize(result.missing_updates)}"
        )
        if dry_run:
            self.stdout.write(f"Would mail {about}:")
            for address in result.recipients:
                self.stdout.write(f"  {address}")
        else:
            self.stdout.write(f"Mailed {about}.")
        if result.already_sent:
            self.stdout.write(
                f"{result.already_sent} officer{pluralize(result.already_sent)} had already "
                "been reminded that day."
            )
        if result.failed:
            raise CommandError(
                f"{result.failed} reminders could not be sent (see the log). They were not "
                "recorded as sent: the next run sends them."
            )
