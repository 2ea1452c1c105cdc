"""Write the whole tracker to one archive; see tracker/backup/archive.py for its format."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from tracker.backup import backup_export


class Command(BaseCommand):
    help = (
        "Write every organisation, user, pledge, measure, progress update, evidence file, review "
        "cycle, reminder, report narrative and run (with its PDF), the Compact and the whole "
        "audit trail to one archive that import_all restores. Password hashes are left out "
        "unless --with-password-hashes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="The archive to write (.zip).")
        parser.add_argument(
            "--with-password-hashes",
            action="store_true",
            help="Include the users' password hashes, so that they keep their passwords after "
            "a restore. Keep such an archive as safely as the database itself.",
        )

    def handle(self, *args, out: Path, with_password_hashes: bool, **options):
        if not out.parent.is_dir():
            raise CommandError(f"There is no folder {out.parent} to write {out.name} in.")
        result = backup_export(out=out, include_password_hashes=with_password_hashes)
        self.stdout.write(
            f"Wrote {result.rows} rows of {result.tables} tables and {result.files} files to "
            f"{result.path} ({filesizeformat(result.size)})."
        )
        if result.missing_files:
            raise CommandError(
                f"The archive is written, but {len(result.missing_files)} files the database "
                "names were not in the media storage, so they are not in it either: "
                + ", ".join(result.missing_files)
            )
