"""The review workflow through the services: every transition and the forbidden ones."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import (
    MeasureFactory,
    PledgeFactory,
    ProgressUpdateFactory,
    coordinator,
    officer,
)
from tracker.models import Measure, WorkflowState
from tracker.services.measures import measure_update
from tracker.services.workflow import entry_approve, entry_return, entry_submit

pytestmark = pytest.mark.usefixtures("compact")


@pytest.fixture
def desk_officer():
    return officer()


@pytest.fixture(params=["measure", "pledge", "update"])
def entry(request, desk_officer):
    home = desk_officer.organisation
    if request.param == "measure":
        return MeasureFactory(lead_organisation=home)
    if request.param == "pledge":
        return PledgeFactory(lead_organisation=home)
    return ProgressUpdateFactory(measure=MeasureFactory(lead_organisation=home))


def test_a_draft_is_submitted_then_approved(entry, desk_officer):
    submitted = entry_submit(actor=desk_officer, entry=entry, expected_version=1)
    assert (submitted.workflow_state, submitted.version) == (WorkflowState.SUBMITTED, 2)
    assert submitted.submitted_at is not None
    reviewer = coordinator()
    approved = entry_approve(actor=reviewer, entry=submitted, expected_version=2)
    assert approved.workflow_state == WorkflowState.APPROVED
    assert (approved.reviewed_by, approved.version) == (reviewer, 3)


def test_a_returned_entry_carries_the_comment_and_can_be_submitted_again(entry, desk_officer):
    submitted = entry_submit(actor=desk_officer, entry=entry)
    returned = entry_return(actor=coordinator(), entry=submitted, comment="Add the budget.")
    assert returned.workflow_state == WorkflowState.RETURNED
    assert returned.review_comment == "Add the budget."
    again = entry_submit(actor=desk_officer, entry=returned)
    assert again.workflow_state == WorkflowState.SUBMITTED


def test_returning_needs_a_comment(entry, desk_officer):
    submitted = entry_submit(actor=desk_officer, entry=entry)
    with pytest.raises(ValidationError) as error:
        entry_return(actor=coordinator(), entry=submitted, comment="  ")
    assert "review_comment" in error.value.message_dict
    submitted.refresh_from_db()
    assert submitted.workflow_state == WorkflowState.SUBMITTED


@pytest.mark.parametrize(
    ("state", "transition"),
    [
        ("draft", "approve"),
        ("draft", "return"),
        ("returned", "approve"),
        ("approved", "approve"),
        ("approved", "submit"),
        ("submitted", "submit"),
    ],
)
def test_forbidden_transitions_are_refused_and_change_nothing(
    entry, desk_officer, state, transition
):
    type(entry).objects.filter(pk=entry.pk).update(workflow_state=state)
    entry.refresh_from_db()
    calls = {
        "submit": lambda: entry_submit(actor=desk_officer, entry=entry),
        "approve": lambda: entry_approve(actor=coordinator(), entry=entry),
        "return": lambda: entry_return(actor=coordinator(), entry=entry, comment="No."),
    }
    with pytest.raises(ValidationError) as error:
        calls[transition]()
    assert "workflow_state" in error.value.message_dict
    entry.refresh_from_db()
    assert (entry.workflow_state, entry.version) == (state, 1)


def test_only_the_owning_officer_submits_and_only_a_coordinator_reviews(entry, desk_officer):
    with pytest.raises(PermissionDenied):
        entry_submit(actor=officer(), entry=entry)
    with pytest.raises(PermissionDenied):
        entry_submit(actor=coordinator(), entry=entry)
    submitted = entry_submit(actor=desk_officer, entry=entry)
    with pytest.raises(PermissionDenied):
        entry_approve(actor=desk_officer, entry=submitted)


def test_an_approved_measure_edited_again_goes_back_to_review(desk_officer):
    measure = MeasureFactory(lead_organisation=desk_officer.organisation)
    measure = entry_approve(
        actor=coordinator(), entry=entry_submit(actor=desk_officer, entry=measure)
    )
    edited = measure_update(
        actor=desk_officer,
        measure=measure,
        expected_version=measure.version,
        data={"title": "A sharper title"},
    )
    assert edited.workflow_state == WorkflowState.SUBMITTED
    assert Measure.objects.get(pk=measure.pk).title == "A sharper title"
