"""Published records: an approval publishes the version approved, an edit leaves it as it was,
nothing can change or delete it, and a closed cycle keeps the records it closed with."""

import datetime
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from compact.models import Objective
from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    PledgeFactory,
    ProgressUpdateFactory,
    ReviewCycleFactory,
    coordinator,
    officer,
)
from tracker.models import (
    ImmutableRecordError,
    PublishedMeasure,
    PublishedPledge,
    PublishedUpdate,
    ReviewCycle,
    WorkflowState,
)
from tracker.services.cycles import cycle_close, cycle_reopen
from tracker.services.measures import measure_update
from tracker.services.publication import entry_publish
from tracker.services.workflow import entry_approve, entry_submit

pytestmark = pytest.mark.usefixtures("compact")


@pytest.fixture
def ministry():
    return OrganisationFactory(code="MOJ")


@pytest.fixture
def desk_officer(ministry):
    return officer(ministry)


@pytest.fixture
def cora():
    return coordinator()


def _approve(entry, desk_officer, cora):
    entry = entry_submit(actor=desk_officer, entry=entry, expected_version=entry.version)
    return entry_approve(actor=cora, entry=entry, expected_version=entry.version)


@pytest.fixture
def approved_measure(ministry, desk_officer, cora):
    measure = MeasureFactory(
        lead_organisation=ministry, title="Legal aid at the border", objectives=[2, 5]
    )
    return _approve(measure, desk_officer, cora)


def test_approving_publishes_the_version_approved_with_who_and_when(approved_measure, cora):
    (record,) = PublishedMeasure.objects.filter(entry=approved_measure)
    assert approved_measure.published == record
    assert (record.number, record.version, record.withdrawn) == (1, 2, False)
    assert record.approved_by == cora
    assert record.approved_at == approved_measure.reviewed_at
    assert record.title == "Legal aid at the border"
    assert record.lead_organisation == approved_measure.lead_organisation
    assert sorted(record.objectives.values_list("number", flat=True)) == [2, 5]


def test_an_edit_leaves_the_published_version_until_the_change_is_approved(
    approved_measure, desk_officer, cora
):
    edited = measure_update(
        actor=desk_officer,
        measure=approved_measure,
        expected_version=approved_measure.version,
        data={
            "title": "Legal aid at every border",
            "objectives": list(Objective.objects.filter(number=5)),
        },
    )
    first = PublishedMeasure.objects.get(entry=edited)
    assert edited.workflow_state == WorkflowState.SUBMITTED
    assert edited.published == first
    assert first.title == "Legal aid at the border"

    approved = entry_approve(actor=cora, entry=edited, expected_version=edited.version)
    second = approved.published
    assert (second.number, second.title) == (2, "Legal aid at every border")
    assert list(second.objectives.values_list("number", flat=True)) == [5]
    first.refresh_from_db()
    assert first.title == "Legal aid at the border"
    assert sorted(first.objectives.values_list("number", flat=True)) == [2, 5]


def test_pledges_and_progress_updates_are_published_too(ministry, desk_officer, cora):
    pledge = _approve(PledgeFactory(lead_organisation=ministry), desk_officer, cora)
    update = _approve(
        ProgressUpdateFactory(measure=MeasureFactory(lead_organisation=ministry)),
        desk_officer,
        cora,
    )
    assert PublishedPledge.objects.get(entry=pledge).text == pledge.text
    record = PublishedUpdate.objects.get(entry=update)
    assert (record.measure_id, record.cycle_id, record.narrative) == (
        update.measure_id,
        update.cycle_id,
        "Progress was made.",
    )


def test_a_published_record_refuses_to_be_saved_again_or_deleted(approved_measure):
    record = approved_measure.published
    record.title = "Changed behind the coordinator's back"
    with pytest.raises(ImmutableRecordError):
        record.save()
    with pytest.raises(ImmutableRecordError):
        record.delete()
    assert PublishedMeasure.objects.get(pk=record.pk).title == "Legal aid at the border"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE tracker_publishedmeasure SET title = 'x'",
        "DELETE FROM tracker_publishedmeasure",
        "DELETE FROM tracker_publishedmeasure_objectives",
        "UPDATE tracker_publishedmeasure_objectives SET objective_id = objective_id",
    ],
)
def test_the_database_refuses_to_change_a_published_record_whatever_asks(
    approved_measure, statement
):
    if connection.vendor != "postgresql" and os.environ.get("CI") != "true":
        pytest.skip("the trigger is PostgreSQL's")
    with (
        pytest.raises(IntegrityError, match="a published record cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    with pytest.raises(IntegrityError), transaction.atomic():
        PublishedMeasure.objects.filter(entry=approved_measure).update(title="x")


def test_one_version_is_published_once(approved_measure, cora):
    record = approved_measure.published
    duplicate = PublishedMeasure(
        entry=approved_measure,
        number=2,
        version=record.version,
        approved_at=record.approved_at,
        approved_by=cora,
        title=record.title,
        description=record.description,
        language=record.language,
        lead_organisation=record.lead_organisation,
        kind=record.kind,
        status=record.status,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.fixture
def cycle():
    return ReviewCycleFactory(
        slug="national-2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )


def test_closing_a_cycle_freezes_its_published_records(
    ministry, desk_officer, cora, cycle, approved_measure
):
    ended = MeasureFactory(lead_organisation=ministry, end_date=datetime.date(2020, 1, 1))
    _approve(ended, desk_officer, cora)
    pledge = _approve(PledgeFactory(lead_organisation=ministry), desk_officer, cora)
    draft = MeasureFactory(lead_organisation=ministry)
    update = _approve(
        ProgressUpdateFactory(measure=approved_measure, cycle=cycle), desk_officer, cora
    )

    closed = cycle_close(actor=cora, cycle=cycle)

    snapshot = closed.snapshot
    assert snapshot.taken_at == closed.closed_at
    approved_measure.refresh_from_db()
    assert list(snapshot.measures.all()) == [approved_measure.published]
    assert draft.published is None
    assert list(snapshot.pledges.all()) == [pledge.published]
    assert list(snapshot.updates.all()) == [update.published]

    # Later edits and approvals publish new versions; the snapshot keeps the ones it froze.
    edited = measure_update(
        actor=desk_officer,
        measure=approved_measure,
        expected_version=approved_measure.version,
        data={"title": "Renamed after the cycle closed"},
    )
    entry_approve(actor=cora, entry=edited, expected_version=edited.version)
    assert [record.title for record in snapshot.measures.all()] == ["Legal aid at the border"]


def test_a_coordinator_reopens_a_closed_cycle_with_a_reason_and_its_snapshot_goes(
    cora, desk_officer, cycle, approved_measure
):
    closed = cycle_close(actor=cora, cycle=cycle)
    with pytest.raises(PermissionDenied):
        cycle_reopen(actor=desk_officer, cycle=closed, reason="Late figures")
    with pytest.raises(ValidationError) as refused:
        cycle_reopen(actor=cora, cycle=closed, reason="  ")
    assert "reason" in refused.value.message_dict

    reopened = cycle_reopen(actor=cora, cycle=closed, reason="Late figures from MOJ")

    assert reopened.closed_at is None
    assert not ReviewCycle.objects.filter(pk=cycle.pk, snapshot__isnull=False).exists()
    latest = reopened.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        cora,
        "Reopened: Late figures from MOJ",
    )
    # The published records themselves stay.
    assert PublishedMeasure.objects.filter(entry=approved_measure).exists()
    assert cycle_close(actor=cora, cycle=reopened).snapshot.measures.count() == 1


def test_publishing_a_version_twice_is_refused_with_a_message_not_a_database_error(
    approved_measure,
):
    # What the row lock prevents (test_publication_concurrency.py), the unique constraint on
    # entry and version still refuses: a copy of the entry at the version published already.
    again = type(approved_measure).objects.get(pk=approved_measure.pk)
    again.version = approved_measure.published.version

    with transaction.atomic(), pytest.raises(ValidationError, match="approved this version a"):
        entry_publish(entry=again, actor=None, approved_at=approved_measure.reviewed_at)

    assert PublishedMeasure.objects.filter(entry=approved_measure).count() == 1
