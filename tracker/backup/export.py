"""Writing a backup: every table, and every file the rows name, from one snapshot."""

import contextlib
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.db.models import FileField
from django.utils import timezone

from tracker.backup import archive as archive_format
from tracker.backup.archive import (
    COPY_CHUNK,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_FOLDER,
    README,
    DigestingWriter,
)
from tracker.backup.tables import (
    ROWS_PER_QUERY,
    Table,
    archived_tables,
    left_out_tables,
    migration_state,
    table_write,
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    tables: int
    rows: int
    files: int
    size: int
    missing_files: list[str]


def backup_export(*, out: Path, include_password_hashes: bool = False) -> ExportResult:
    """Write the whole tracker to the archive `out` (its format: tracker/backup/archive.py).

    Password hashes are left out unless asked for. The archive is written beside `out` and
    renamed into place once complete, so `out` is never half an archive; a table is read a
    chunk of rows at a time, so memory stays flat however large the database is."""
    out = Path(out)
    partial = out.with_name(f".{out.name}.partial")
    try:
        with (
            _snapshot(),
            zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        ):
            manifest = _write(archive, include_password_hashes=include_password_hashes)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return ExportResult(
        path=out,
        tables=len(manifest["tables"]),
        rows=sum(entry["rows"] for entry in manifest["tables"]),
        files=len(manifest["media"]),
        size=out.stat().st_size,
        missing_files=manifest["missing_media"],
    )


@contextlib.contextmanager
def _snapshot():
    """One view of the database for the whole archive: on PostgreSQL a repeatable-read
    transaction, so that an entry saved meanwhile is either wholly in it (with its history and
    links) or not at all."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _write(archive: zipfile.ZipFile, *, include_password_hashes: bool) -> dict:
    created_at = timezone.now()
    tables = archived_tables()
    entries = [
        _write_table(archive, table, include_password_hashes=include_password_hashes)
        for table in tables
    ]
    media, missing = _write_media(archive, _stored_files(tables))
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created_at.isoformat(),
        "migrations": migration_state(connection),
        "with_password_hashes": include_password_hashes,
        "tables": entries,
        "media": media,
        "missing_media": missing,
        "left_out": left_out_tables(),
    }
    archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    archive.writestr(README, archive_format.__doc__)
    return manifest


def _write_table(archive: zipfile.ZipFile, table: Table, *, include_password_hashes: bool):
    with archive.open(table.member, "w", force_zip64=True) as member:
        written = table_write(table, member, include_password_hashes=include_password_hashes)
    return {
        "table": table.label,
        "file": table.member,
        "rows": written.lines,
        "sha256": written.digest.hexdigest(),
    }


def _stored_files(tables: list[Table]) -> dict[str, FileField]:
    """Every stored file name the rows hold (the history's too) -> the field storing it."""
    found: dict[str, FileField] = {}
    for table in tables:
        for attname, field in table.file_fields():
            names = (
                table.model._base_manager.exclude(**{attname: ""})
                .exclude(**{f"{attname}__isnull": True})
                .order_by()
                .values_list(attname, flat=True)
                .distinct()
            )
            for name in names.iterator(chunk_size=ROWS_PER_QUERY):
                found.setdefault(name, field)
    return found


def _write_media(archive: zipfile.ZipFile, files: dict[str, FileField]):
    media, missing = [], []
    for name in sorted(files):
        field = files[name]
        member = MEDIA_FOLDER + name
        try:
            source = field.storage.open(name, "rb")
        except FileNotFoundError:
            missing.append(name)
            continue
        with source, archive.open(member, "w", force_zip64=True) as target:
            sink = DigestingWriter(target)
            shutil.copyfileobj(source, sink, COPY_CHUNK)
        media.append(
            {
                "name": name,
                "file": member,
                "field": f"{field.model._meta.label_lower}.{field.name}",
                "size": sink.size,
                "sha256": sink.digest.hexdigest(),
            }
        )
    return media, missing
