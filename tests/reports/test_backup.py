"""Backups: export_all writes the whole tracker to one archive, and import_all restores it into
an empty database so that the dashboards, the API and a regenerated report are what they were.

Here because the round trip is judged by the report and the dashboards of the known dataset
(tests/reports/conftest.py).
"""

import hashlib
import io
import json
import re
import zipfile
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection

from compact.models import Objective, RoundTable
from compact.services import compact_load_file
from reports.models import ReportRun
from reports.review.services.narratives import narrative_save
from tests.factories import MeasureFactory, coordinator, officer
from tests.reports.review.conftest import build
from tracker.models import Evidence, Measure, ReminderSent, User
from tracker.services.measures import measure_update

pytestmark = pytest.mark.django_db

PASSWORD = "secret-password"  # the factories' password
# The product's tables, the history and many-to-many tables included, and the government's
# records that Django's own apps keep.
APPS = ("compact", "tracker", "reports")
OTHER_TABLES = ("auth.group", "auth.group_permissions", "admin.logentry")

# Each database numbers its content types and permissions itself: they are compared by name.
NAMES = {ContentType: "model", Permission: "codename"}


def _models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
        and (model._meta.app_label in APPS or model._meta.label_lower in OTHER_TABLES)
    ]


def _rows(*, passwords: bool = True) -> dict[str, list[dict]]:
    """Every row of every table, in key order."""
    rows = {}
    for model in _models():
        fields = [field.attname for field in model._meta.local_concrete_fields]
        if model is User and not passwords:
            fields.remove("password")
        for field in model._meta.local_concrete_fields:
            if field.related_model in NAMES:
                fields.remove(field.attname)
                fields.append(f"{field.name}__{NAMES[field.related_model]}")
        rows[model._meta.label_lower] = list(model._base_manager.order_by("pk").values(*fields))
    return rows


def _responses(client, reader) -> dict[str, bytes]:
    cache.clear()  # the figures are cached by data version, which a restore brings back
    client.logout()
    pages = {
        "anonymous API": client.get("/api/v1/measures/"),
        "dashboard": client.get("/dashboard/"),
    }
    client.force_login(reader)
    pages["coordinator's API"] = client.get("/api/v1/measures/")
    client.logout()
    for name, response in pages.items():
        assert response.status_code == 200, name
    # A CSP nonce or CSRF token, if the page has one, is new at every request.
    return {
        name: re.sub(rb'(nonce="|csrfmiddlewaretoken" value=")[^"]*', rb"\1", response.content)
        for name, response in pages.items()
    }


def _media() -> dict[str, bytes]:
    names = [*Evidence.objects.values_list("file", flat=True)]
    names += ReportRun.objects.values_list("file", flat=True)
    found = {}
    for name in filter(None, names):
        with Evidence.file.field.storage.open(name, "rb") as handle:
            found[name] = handle.read()
    return found


def _delete_media(names) -> None:
    for name in names:
        Evidence.file.field.storage.delete(name)


def _empty_database() -> None:
    """What an operator starts from: a new database on which migrate has been run. PostgreSQL
    empties tables inside the test's transaction too, once the foreign keys of the rows
    written in it have been checked."""
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def seeded(dataset):
    """The known dataset, with people, an edit made through the service (history naming its
    author), evidence with a file, a narrative, a reminder, an admin log entry, a group and a
    permission, and a built report."""
    reader = coordinator(username="cora", email="cora@example.org")
    desk = officer(dataset.organisations.moj, username="olle")
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="view_measure"))
    desk.groups.add(editors)
    desk.user_permissions.add(Permission.objects.get(codename="change_pledge"))
    draft = dataset.hidden[0]
    measure_update(
        actor=officer(dataset.organisations.idle, username="ivar"),
        measure=draft,
        expected_version=draft.version,
        data={"title": "Hidden draft, renamed"},
    )
    evidence = Evidence.objects.create(
        measure=dataset.measures.m1,
        title="Evaluation of legal aid",
        file=ContentFile(b"%PDF-1.4\nan evaluation\n", name="evaluation.pdf"),
        content_type="application/pdf",
        size=23,
        added_by=desk,
    )
    narrative_save(
        actor=reader,
        cycle=dataset.cycles.new,
        round_table=RoundTable.objects.get(number=1),
        language="en",
        progress="Legal aid reached every region.",
        challenges="Interpreters are few.",
        next_steps="Train more interpreters.",
    )
    ReminderSent.objects.create(cycle=dataset.cycles.new, officer=desk, sent_on="2025-11-24")
    LogEntry.objects.log_actions(
        user_id=reader.pk,
        queryset=Measure.objects.filter(pk=dataset.measures.m2.pk),
        action_flag=CHANGE,
        change_message="Corrected the title",
    )
    run = build(dataset.cycles.new)
    assert run.file_sha256, run.error
    return SimpleNamespace(dataset=dataset, reader=reader, desk=desk, evidence=evidence, run=run)


# Committed for real, as in production: the export's snapshot, the restore's transaction.
@pytest.mark.django_db(transaction=True)
def test_a_restored_database_gives_the_same_rows_pages_api_files_and_report(
    seeded, client, tmp_path
):
    archive = tmp_path / "backup.zip"
    # Logging in to read the API changes the reader's row, so the rows are taken after.
    responses = _responses(client, seeded.reader)
    rows, media = _rows(), _media()
    call_command("export_all", "--out", archive, "--with-password-hashes", stdout=io.StringIO())
    _empty_database()
    _delete_media(media)
    assert not Measure.objects.exists()

    call_command("import_all", archive, stdout=io.StringIO())

    assert _rows() == rows
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    assert {entry["table"]: entry["rows"] for entry in manifest["tables"]} == {
        table: len(table_rows) for table, table_rows in rows.items()
    }
    assert _responses(client, seeded.reader) == responses
    assert _media() == media
    again = build(seeded.dataset.cycles.new)
    assert again.pk > seeded.run.pk
    assert (again.file_sha256, again.input_sha256) == (
        seeded.run.file_sha256,
        seeded.run.input_sha256,
    )
    # New rows continue after the restored keys.
    assert MeasureFactory().pk > max(measure["id"] for measure in rows["tracker.measure"])


def test_the_archive_holds_no_password_hashes_unless_asked(seeded, tmp_path):
    plain, with_hashes = tmp_path / "plain.zip", tmp_path / "with-hashes.zip"
    call_command("export_all", "--out", plain, stdout=io.StringIO())
    call_command("export_all", "--out", with_hashes, "--with-password-hashes", stdout=io.StringIO())
    hashed = User.objects.get(username="olle").password

    assert hashed.encode() not in plain.read_bytes()
    assert all("password" not in user["fields"] for user in _archived_rows(plain, "tracker.user"))
    assert hashed in [
        user["fields"]["password"] for user in _archived_rows(with_hashes, "tracker.user")
    ]

    rows = _rows(passwords=False)
    _empty_database()
    call_command("import_all", plain, stdout=io.StringIO())
    assert _rows(passwords=False) == rows
    assert not any(user.has_usable_password() for user in User.objects.all())

    _empty_database()
    call_command("import_all", with_hashes, stdout=io.StringIO())
    assert User.objects.get(username="olle").check_password(PASSWORD)


def _archived_rows(archive, table: str) -> list[dict]:
    with zipfile.ZipFile(archive) as opened:
        return [json.loads(line) for line in opened.read(f"tables/{table}.jsonl").splitlines()]


def _rewritten(archive, tmp_path, change, table: str = "", row_change=None):
    """A copy of `archive` whose manifest `change` has edited, and, if given, each row of
    `table` `row_change` has edited (its checksum updated to match)."""
    copy = tmp_path / "edited.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(copy, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        change(manifest)
        for item in source.infolist():
            data = source.read(item)
            if table and item.filename == f"tables/{table}.jsonl":
                rows = [json.loads(line) for line in data.splitlines()]
                for row in rows:
                    row_change(row)
                data = b"".join(json.dumps(row).encode() + b"\n" for row in rows)
                entry = next(e for e in manifest["tables"] if e["table"] == table)
                entry["sha256"] = hashlib.sha256(data).hexdigest()
            if item.filename != "manifest.json":
                target.writestr(item, data)
        target.writestr("manifest.json", json.dumps(manifest))
    return copy


@pytest.fixture
def archive(dataset, tmp_path):
    path = tmp_path / "backup.zip"
    call_command("export_all", "--out", path, stdout=io.StringIO())
    return path


def test_a_database_with_data_is_refused_naming_what_it_holds(archive):
    rows = _rows()

    with pytest.raises(CommandError, match=r"not empty.* tracker\.measure \(9 rows\)"):
        call_command("import_all", archive)

    assert _rows() == rows


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.update(format_version=2), "format version 2; this version of the tracker"),
        (
            lambda m: m["migrations"].update(tracker="0001_initial"),
            "another migration state.*tracker: archive at 0001_initial, database at ",
        ),
        (lambda m: m.update(format="something else"), "is not a backup of the tracker"),
        (
            lambda m: m["tables"][-1].update(sha256="0" * 64),
            "damaged: tables/.* do not match the checksums",
        ),
    ],
    ids=["format version", "migration state", "another format", "damaged"],
)
def test_an_archive_of_another_version_or_state_is_refused_changing_nothing(
    archive, tmp_path, change, message
):
    edited = _rewritten(archive, tmp_path, change)
    _empty_database()

    with pytest.raises(CommandError, match=message):
        call_command("import_all", edited)

    assert not any(rows for rows in _rows().values())


@pytest.fixture
def compact_as_loadcompact_loads_it(db):
    """The Compact numbered as loadcompact numbers it in a new database (an earlier
    transactional test may have left the sequences further on)."""
    _empty_database()
    compact_load_file(path=settings.COMPACT_FIXTURE)


def test_the_compact_loaded_before_the_import_is_kept_when_it_is_the_archives(
    compact_as_loadcompact_loads_it, archive
):
    rows = _rows()
    _empty_database()
    compact_load_file(path=settings.COMPACT_FIXTURE)
    output = io.StringIO()

    call_command("import_all", archive, stdout=output)

    assert "was kept" in output.getvalue()
    assert _rows() == rows


def test_another_compact_in_the_database_is_refused(archive):
    _empty_database()
    compact_load_file(path=settings.COMPACT_FIXTURE)
    Objective.objects.filter(number=7).update(title_en="Another title")

    with pytest.raises(CommandError, match=r"differs from the archive's \(.*compact\.objective"):
        call_command("import_all", archive)

    assert not Measure.objects.exists()


def test_files_already_in_the_media_storage_under_the_archives_names_are_refused(seeded, tmp_path):
    archive = tmp_path / "backup.zip"
    call_command("export_all", "--out", archive, stdout=io.StringIO())
    name = seeded.evidence.file.name
    _empty_database()
    _delete_media([name])
    Evidence.file.field.storage.save(name, ContentFile(b"%PDF-1.4\nanother file\n"))

    with pytest.raises(CommandError, match=f"other files under names the archive restores: {name}"):
        call_command("import_all", archive)

    assert not Measure.objects.exists()


def test_a_restore_that_fails_halfway_leaves_no_row_and_no_file(seeded, tmp_path):
    archive = tmp_path / "backup.zip"
    call_command("export_all", "--out", archive, stdout=io.StringIO())
    media = _media()
    broken = _rewritten(
        archive,
        tmp_path,
        lambda manifest: None,
        table="tracker.evidence",
        row_change=lambda row: row["fields"].update(measure=999_999),
    )
    _empty_database()
    _delete_media(media)

    with pytest.raises(IntegrityError):
        call_command("import_all", broken, stdout=io.StringIO())

    assert not any(rows for rows in _rows().values())
    assert not any(Evidence.file.field.storage.exists(name) for name in media)
