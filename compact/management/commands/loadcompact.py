from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from compact.services import (
    CompactLoadError,
    LoadResult,
    compact_load_file,
    pact_fixture_path,
    pact_load_file,
)


class Command(BaseCommand):
    help = (
        "Load the Compact and the EU Pact from their fixtures. Idempotent: rows are matched by "
        "objective number, action letter, principle code and Pact item code, updated in place "
        "and keep their primary keys."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixture", type=Path, default=settings.COMPACT_FIXTURE)
        parser.add_argument("--pact-fixture", type=Path, default=pact_fixture_path())

    def handle(self, *args, fixture: Path, pact_fixture: Path, **options):
        try:
            self._report("the Compact", compact_load_file(path=fixture))
            self._report("the EU Pact", pact_load_file(path=pact_fixture))
        except CompactLoadError as error:
            raise CommandError(str(error)) from error

    def _report(self, name: str, result: LoadResult) -> None:
        if not result.changed:
            self.stdout.write(f"{name[0].upper()}{name[1:]} is up to date; nothing changed.")
            return
        self.stdout.write(
            f"Loaded {name}: {len(result.created)} created, {len(result.updated)} updated."
        )
        for label in result.updated:
            self.stdout.write(f"  updated {label}")
