from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from compact.services import CompactLoadError, compact_load_file


class Command(BaseCommand):
    help = (
        "Load the Compact from its fixture. Idempotent: rows are matched by objective number, "
        "action letter and principle code, updated in place and keep their primary keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixture", type=Path, default=settings.COMPACT_FIXTURE)

    def handle(self, *args, fixture: Path, **options):
        try:
            result = compact_load_file(path=fixture)
        except CompactLoadError as error:
            raise CommandError(str(error)) from error
        if not result.changed:
            self.stdout.write("The Compact is up to date; nothing changed.")
            return
        self.stdout.write(
            f"Loaded the Compact: {len(result.created)} created, {len(result.updated)} updated."
        )
        for label in result.updated:
            self.stdout.write(f"  updated {label}")
