"""Restoring a backup into an empty database: every check first, then one transaction."""

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files import File
from django.core.management.color import no_style
from django.db import connection, models, transaction

from tracker.backup.archive import FORMAT, FORMAT_VERSION, MANIFEST, digest_of
from tracker.backup.tables import (
    REFERENCE_APPS,
    Table,
    archived_tables,
    migration_state,
    table_write,
)

INSERT_BATCH = 1000
# How many filled tables a refusal names before it only counts the rest.
NAMED_TABLES = 8


class BackupRefused(Exception):
    """The archive cannot be restored into this database; nothing was changed."""


@dataclass(frozen=True)
class ImportResult:
    tables: int
    rows: int
    files: int
    # The database already held the archive's Compact (loadcompact had been run).
    compact_kept: bool
    missing_files: list[str]


def backup_import(*, path: Path) -> ImportResult:
    """Restore the archive at `path` (written by backup_export) into this database.

    The database must be at the archive's migration state and empty, except that it may
    already hold the very Compact the archive holds. Rows keep their primary keys and the
    sequences continue after them; the files come back under their stored names. Everything is
    checked before anything is written, and the rows are written in one transaction: either
    all of the archive is restored or nothing is."""
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupRefused(f"{path} cannot be read as a backup archive: {error}") from None
    with archive:
        manifest = _manifest(archive, path)
        tables = _tables(manifest)
        kept = _reference_tables_kept(manifest, tables)
        _refuse_data(tables, kept)
        files_present = _files_present(manifest)
        _verify(archive, manifest)
        loaded = [entry for entry in manifest["tables"] if entry["table"] not in kept]
        written: list[tuple] = []
        try:
            with transaction.atomic():
                for entry in loaded:
                    _load(archive, entry, tables[entry["table"]], manifest)
                _write_files(archive, manifest, files_present, written)
                _reset_sequences(tables.values())
                # PostgreSQL checks foreign keys at commit: here, while the files can still
                # be taken back.
                connection.check_constraints(
                    table_names=[table.model._meta.db_table for table in tables.values()]
                )
        except BaseException:
            for storage, name in written:
                storage.delete(name)
            raise
    return ImportResult(
        tables=len(loaded),
        rows=sum(entry["rows"] for entry in loaded),
        files=len(manifest["media"]),
        compact_kept=bool(kept),
        missing_files=manifest["missing_media"],
    )


def _manifest(archive: zipfile.ZipFile, path: Path) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError):
        raise BackupRefused(
            f"{path} is not a backup of the tracker: it has no readable {MANIFEST}."
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused(f"{path} is not a backup of the tracker (its format is not {FORMAT}).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupRefused(
            f"{path} is a backup in format version {manifest.get('format_version')}; this "
            f"version of the tracker reads format version {FORMAT_VERSION} only. Restore it "
            "with the version of the product that wrote it."
        )
    _refuse_other_migration_state(manifest["migrations"])
    return manifest


def _refuse_other_migration_state(archived: dict[str, str]) -> None:
    current = migration_state(connection)
    if not current:
        raise BackupRefused(
            "This database has no tables yet: run `python manage.py migrate`, then import_all."
        )
    differences = [
        f"{app}: archive at {archived.get(app) or 'none'}, database at {current.get(app) or 'none'}"
        for app in sorted(set(archived) | set(current))
        if archived.get(app) != current.get(app)
    ]
    if differences:
        raise BackupRefused(
            "The archive was written from a database at another migration state, so its rows "
            "do not fit this database's tables (" + "; ".join(differences) + "). Restore it "
            "into a new database migrated by the same version of the product that wrote it, "
            "then upgrade the product and migrate as usual."
        )


def _tables(manifest: dict) -> dict[str, Table]:
    expected = {table.label: table for table in archived_tables()}
    archived = [entry["table"] for entry in manifest["tables"]]
    if sorted(archived) != sorted(expected):
        unknown = sorted(set(archived) - set(expected))
        absent = sorted(set(expected) - set(archived))
        raise BackupRefused(
            "The archive's tables are not this product's: "
            + "; ".join(
                part
                for part in (
                    unknown and "unknown here: " + ", ".join(unknown),
                    absent and "missing from the archive: " + ", ".join(absent),
                )
                if part
            )
            + "."
        )
    return expected


def _reference_tables_kept(manifest: dict, tables: dict[str, Table]) -> set[str]:
    """The Compact's tables when the database already holds exactly the archive's Compact
    (loadcompact was run after migrate); nothing when they are empty. A different Compact is
    refused: the archive's measures point at its rows by primary key."""
    reference = [
        entry
        for entry in manifest["tables"]
        if tables[entry["table"]].model._meta.app_label in REFERENCE_APPS
    ]
    if not any(tables[entry["table"]].model._base_manager.exists() for entry in reference):
        return set()
    differing = []
    for entry in reference:
        here = table_write(tables[entry["table"]], include_password_hashes=False)
        if (here.digest.hexdigest(), here.lines) != (entry["sha256"], entry["rows"]):
            differing.append(entry["table"])
    if differing:
        raise BackupRefused(
            "This database already holds a Compact that differs from the archive's ("
            + ", ".join(differing)
            + "). Restore into a new database on which only `python manage.py migrate` has "
            "been run, not loadcompact: the archive brings its own Compact."
        )
    return {entry["table"] for entry in reference}


def _refuse_data(tables: dict[str, Table], kept: set[str]) -> None:
    # The main tables first, then the history and many-to-many tables.
    ordered = sorted(tables.values(), key=lambda table: table.is_secondary)
    filled = [
        f"{table.label} ({table.model._base_manager.count()} rows)"
        for table in ordered
        if table.label not in kept and table.model._base_manager.exists()
    ]
    if filled:
        shown = ", ".join(filled[:NAMED_TABLES])
        if len(filled) > NAMED_TABLES:
            shown += f" and {len(filled) - NAMED_TABLES} more tables"
        raise BackupRefused(
            "This database is not empty, and import_all restores only into an empty one, so "
            f"that nothing in it is overwritten or mixed with the archive's rows. It holds {shown}."
            " Create a new database, run `python manage.py migrate`, then import_all."
        )


def _storage_of(field_label: str):
    model_label, name = field_label.rsplit(".", 1)
    return apps.get_model(model_label)._meta.get_field(name).storage


def _files_present(manifest: dict) -> set[str]:
    """The archive's files the storage already has, byte for byte; another file under one of
    the archive's names is refused, since the rows would then name the wrong file."""
    present, conflicting = set(), []
    for item in manifest["media"]:
        storage = _storage_of(item["field"])
        if not storage.exists(item["name"]):
            continue
        with storage.open(item["name"], "rb") as existing:
            if digest_of(existing)[0] == item["sha256"]:
                present.add(item["name"])
            else:
                conflicting.append(item["name"])
    if conflicting:
        raise BackupRefused(
            "The media storage already has other files under names the archive restores: "
            + ", ".join(conflicting)
            + ". Restore into an empty media folder (MEDIA_ROOT)."
        )
    return present


def _verify(archive: zipfile.ZipFile, manifest: dict) -> None:
    damaged = []
    for entry in manifest["tables"]:
        sha256, _size, lines = _member_digest(archive, entry["file"])
        if (sha256, lines) != (entry["sha256"], entry["rows"]):
            damaged.append(entry["file"])
    for item in manifest["media"]:
        sha256, size, _lines = _member_digest(archive, item["file"])
        if (sha256, size) != (item["sha256"], item["size"]):
            damaged.append(item["file"])
    if damaged:
        raise BackupRefused(
            "The archive is damaged: "
            + ", ".join(damaged)
            + " do not match the checksums its manifest gives. Nothing was restored."
        )


def _member_digest(archive: zipfile.ZipFile, member: str) -> tuple[str | None, int, int]:
    try:
        with archive.open(member) as stream:
            return digest_of(stream)
    except (KeyError, zipfile.BadZipFile):
        return None, 0, 0


def _load(archive: zipfile.ZipFile, entry: dict, table: Table, manifest: dict) -> None:
    lock_passwords = table.holds_password_hashes and not manifest["with_password_hashes"]
    fields = table.model._meta.local_concrete_fields
    size = max(1, min(INSERT_BATCH, connection.ops.bulk_batch_size(fields, [None] * INSERT_BATCH)))
    with archive.open(entry["file"]) as member:
        batch = []
        for item in serializers.deserialize("python", (json.loads(line) for line in member)):
            if lock_passwords:
                item.object.set_unusable_password()
            batch.append(item.object)
            if len(batch) == size:
                _insert(table.model, batch)
                batch = []
        _insert(table.model, batch)


def _insert(model: type[models.Model], rows: list[models.Model]) -> None:
    """The raw insert loaddata makes (Model.save_base(raw=True)), a batch of rows at a time.
    bulk_create would stamp auto_now fields with the time of the import and send no raw flag;
    save() would cost two queries a row."""
    if rows:
        model._base_manager._insert(
            rows, fields=model._meta.local_concrete_fields, using=connection.alias, raw=True
        )


def _reset_sequences(tables) -> None:
    """New rows continue after the restored primary keys (PostgreSQL's sequences do not move
    when rows are inserted with their keys; SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [t.model for t in tables])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _write_files(archive: zipfile.ZipFile, manifest: dict, present: set[str], written: list):
    for item in manifest["media"]:
        if item["name"] in present:
            continue
        storage = _storage_of(item["field"])
        with archive.open(item["file"]) as member:
            stored = storage.save(item["name"], File(member, name=item["name"]))
        written.append((storage, stored))
        if stored != item["name"]:
            raise BackupRefused(
                f"The media storage gave {item['name']} another name ({stored}) while the "
                "archive was being restored; nothing was restored."
            )
