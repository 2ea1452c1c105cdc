"""Restore an archive written by export_all into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.backup import BackupRefused, backup_import


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_all into a new database: create it, run "
        "`python manage.py migrate` with the same version of the product, then import_all. "
        "A database that holds data, or an archive of another format or migration state, is "
        "refused without changing anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive export_all wrote.")

    def handle(self, *args, archive: Path, **options):
        try:
            result = backup_import(path=archive)
        except BackupRefused as error:
            raise CommandError(str(error)) from None
        compact = " (the Compact already loaded was the archive's and was kept)"
        self.stdout.write(
            f"Restored {result.rows} rows of {result.tables} tables and {result.files} files "
            f"from {archive}{compact if result.compact_kept else ''}."
        )
        if result.missing_files:
            self.stderr.write(
                f"{len(result.missing_files)} files were already missing when the archive was "
                "written: " + ", ".join(result.missing_files)
            )
