"""What the public record page reads (tracker/selectors/published.py): the current published
record only, the versions without their approver, and the differences between two versions
field by field."""

import datetime

import pytest

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
from tracker.models import MeasureStatus, PublishedMeasure, WorkflowState
from tracker.selectors import published as selectors
from tracker.services.measures import measure_update
from tracker.services.workflow import entry_approve

pytestmark = pytest.mark.usefixtures("compact")


@pytest.fixture
def measure():
    return MeasureFactory(
        lead_organisation=OrganisationFactory(code="MOJ"),
        title="Legal aid",
        objectives=[2, 5],
        workflow_state=WorkflowState.APPROVED,
        target_groups=["women"],
        start_date=datetime.date(2024, 1, 1),
    )


def _approved_edit(measure, **data):
    edited = measure_update(
        actor=officer(measure.lead_organisation),
        measure=measure,
        expected_version=measure.version,
        data=data,
    )
    return entry_approve(actor=coordinator(), entry=edited, expected_version=edited.version)


def test_the_changes_between_two_versions_name_each_changed_field_and_nothing_else(measure):
    second = _approved_edit(
        measure,
        title="Legal aid for all",
        status=MeasureStatus.COMPLETED,
        objectives=list(Objective.objects.filter(number__in=[5, 8])),
        target_groups=["women", "children"],
    )
    records = selectors.records_numbered(
        PublishedMeasure, entry_id=measure.pk, numbers=[1, second.published.number]
    )

    changes = {change.name: change for change in selectors.record_changes(records[1], records[2])}

    assert set(changes) == {"title", "status", "objectives", "target_groups"}
    assert (changes["title"].before, changes["title"].after) == ("Legal aid", "Legal aid for all")
    assert (changes["status"].before, changes["status"].after) == ("ongoing", "completed")
    assert [item.number for item in changes["objectives"].added] == [8]
    assert [item.number for item in changes["objectives"].removed] == [2]
    assert (changes["target_groups"].added, changes["target_groups"].removed) == (["children"], [])
    assert selectors.record_changes(records[2], records[2]) == []


def test_the_public_record_is_the_current_published_version_not_the_working_copy(measure):
    measure_update(
        actor=officer(measure.lead_organisation),
        measure=measure,
        expected_version=measure.version,
        data={"title": "Being revised"},
    )

    record = selectors.public_record(PublishedMeasure, entry_id=measure.pk)
    assert record.title == "Legal aid"
    assert selectors.has_public_record(PublishedMeasure, entry_id=measure.pk)
    draft = MeasureFactory(workflow_state=WorkflowState.DRAFT)
    assert selectors.public_record(PublishedMeasure, entry_id=draft.pk) is None
    assert not selectors.has_public_record(PublishedMeasure, entry_id=draft.pk)


def test_the_versions_say_when_each_was_approved_but_not_by_whom(measure):
    _approved_edit(measure, title="Legal aid, second")

    versions = selectors.published_versions(PublishedMeasure, entry_id=measure.pk)

    assert [version["number"] for version in versions] == [1, 2]
    assert all(set(version) == {"number", "approved_at", "withdrawn"} for version in versions)


def test_a_measures_public_updates_and_pledges_are_published_ones_latest_cycle_first(measure):
    old = ReviewCycleFactory(period_start=datetime.date(2022, 1, 1))
    new = ReviewCycleFactory(period_start=datetime.date(2024, 1, 1))
    ProgressUpdateFactory(measure=measure, cycle=old, workflow_state=WorkflowState.APPROVED)
    ProgressUpdateFactory(measure=measure, cycle=new, workflow_state=WorkflowState.APPROVED)
    ProgressUpdateFactory(
        measure=MeasureFactory(), cycle=new, workflow_state=WorkflowState.APPROVED
    )
    public = PledgeFactory(workflow_state=WorkflowState.APPROVED)
    draft = PledgeFactory(workflow_state=WorkflowState.DRAFT)
    second = _approved_edit(measure, pledges=[public, draft])

    updates = selectors.measure_updates(measure_id=measure.pk)
    assert [update.cycle for update in updates] == [new, old]
    linked = selectors.measure_pledges(measure=second.published)
    assert [record.entry_id for record in linked] == [public.pk]
    assert [record.entry_id for record in selectors.pledge_measures(pledge_id=public.pk)] == [
        measure.pk
    ]
    # A link made in the working copy only is not public.
    later = PledgeFactory(workflow_state=WorkflowState.APPROVED)
    measure_update(
        actor=officer(measure.lead_organisation),
        measure=second,
        expected_version=second.version,
        data={"pledges": [public, later]},
    )
    assert list(selectors.pledge_measures(pledge_id=later.pk)) == []
