"""Backups carry what the public sees: the published records, their many-to-many tables and the
snapshots of closed cycles come back row for row, so a closed cycle's report and the open
cycle's report are byte-identical after a restore.

Here because the round trip is judged by the reports of the known dataset
(tests/reports/conftest.py).
"""

import io

import pytest
from django.core.management import call_command

from tests.factories import coordinator, officer
from tests.reports.review.conftest import build
from tests.reports.test_backup import _delete_media, _empty_database, _media, _rows
from tracker.models import CycleSnapshot, Measure, PublishedMeasure, User
from tracker.services.cycles import cycle_close, cycle_reopen
from tracker.services.measures import measure_update
from tracker.services.workflow import entry_approve

# The tables a restore must bring back for the public record and the frozen cycles.
PUBLISHED_TABLES = (
    "tracker.publishedmeasure",
    "tracker.publishedmeasure_objectives",
    "tracker.publishedmeasure_actions",
    "tracker.publishedpledge",
    "tracker.publishedpledge_objectives",
    "tracker.publishedupdate",
    "tracker.cyclesnapshot",
    "tracker.cyclesnapshot_measures",
    "tracker.cyclesnapshot_pledges",
    "tracker.cyclesnapshot_updates",
)


@pytest.fixture
def frozen(dataset):
    """The known dataset with its old cycle closed by a coordinator (so with a snapshot), and a
    measure of that cycle changed and approved since: the snapshot holds its first published
    version, the open cycle its second."""
    cora = coordinator(username="cora")
    old = cycle_reopen(actor=cora, cycle=dataset.cycles.old, reason="Closed by the fixture")
    old = cycle_close(actor=cora, cycle=old)
    m3 = dataset.measures.m3
    edited = measure_update(
        actor=officer(dataset.organisations.mfa, username="mia"),
        measure=m3,
        expected_version=m3.version,
        data={"title": "Migration data, revised"},
    )
    entry_approve(actor=cora, entry=edited, expected_version=edited.version)
    return old


# Committed for real, as in production: the export's snapshot, the restore's transaction.
@pytest.mark.django_db(transaction=True)
def test_published_records_and_snapshots_survive_a_round_trip_with_identical_reports(
    frozen, dataset, tmp_path
):
    assert PublishedMeasure.objects.filter(entry=dataset.measures.m3).count() == 2
    closed_report = build(frozen, is_final=True)
    open_report = build(dataset.cycles.new)
    assert closed_report.file_sha256, closed_report.error
    assert open_report.file_sha256, open_report.error
    rows, media = _rows(), _media()
    assert all(rows[table] for table in PUBLISHED_TABLES), "the dataset fills every table"
    archive = tmp_path / "backup.zip"
    call_command("export_all", "--out", archive, stdout=io.StringIO())
    _empty_database()
    _delete_media(media)
    assert not PublishedMeasure.objects.exists()
    assert not CycleSnapshot.objects.exists()

    call_command("import_all", archive, stdout=io.StringIO())

    restored = _rows(passwords=False)
    for table in PUBLISHED_TABLES:
        assert restored[table] == rows[table], table
    closed_again = build(frozen, is_final=True)
    open_again = build(dataset.cycles.new)
    assert closed_again.pk > closed_report.pk
    assert closed_again.file_sha256 == closed_report.file_sha256
    assert open_again.file_sha256 == open_report.file_sha256
    # Approving and closing go on after the restored keys (the sequences moved on).
    cora = User.objects.get(username="cora")
    reclosed = cycle_close(
        actor=cora, cycle=cycle_reopen(actor=cora, cycle=frozen, reason="Restored, checking")
    )
    assert reclosed.snapshot.pk > max(row["id"] for row in rows["tracker.cyclesnapshot"])
    m1 = Measure.objects.get(pk=dataset.measures.m1.pk)
    edited = measure_update(
        actor=officer(dataset.organisations.moj, username="max"),
        measure=m1,
        expected_version=m1.version,
        data={"title": "Legal aid, revised"},
    )
    approved = entry_approve(actor=cora, entry=edited, expected_version=edited.version)
    assert approved.published.pk > max(row["id"] for row in rows["tracker.publishedmeasure"])
