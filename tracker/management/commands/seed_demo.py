import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from compact.models import Objective
from tracker.demo import DEFAULT_PASSWORD, seed_demo


class Command(BaseCommand):
    help = (
        "Fill the database with a demo government: ministries and agencies, a login for every "
        "role, about 150 measures, pledges and two review cycles. The same data every run; "
        "running it again creates nothing new. Only with DEBUG on."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help="The password of every demo login (default: %(default)s).",
        )

    def handle(self, *args, password: str, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo refuses to run with DEBUG off: its logins have a known password and "
                "do not belong in a real deployment. Set DEBUG=true to seed a development "
                "database."
            )
        if not Objective.objects.exists():
            raise CommandError("Load the Compact first: python manage.py loadcompact")
        started = time.monotonic()
        report = seed_demo(password=password)
        elapsed = time.monotonic() - started
        if report.created:
            created = ", ".join(f"{count} {what}" for what, count in report.created.items())
            self.stdout.write(f"Seeded the demo government in {elapsed:.1f} s: {created}.")
        else:
            self.stdout.write("The demo government is already there; nothing new was created.")
        empty = ", ".join(str(number) for number in report.empty_objectives)
        self.stdout.write(f"Objectives deliberately left without measures: {empty}.")
        self.stdout.write(
            f"Measures without an English translation (for the report's check): "
            f"{report.missing_translations}."
        )
        self.stdout.write("\nLogins (all with the same password):")
        width = max(len(username) for username, _role, _code in report.logins)
        for username, role, code in report.logins:
            self.stdout.write(f"  {username:<{width}}  {role:<17} {code}".rstrip())
        self.stdout.write(f"Password: {report.password}")
