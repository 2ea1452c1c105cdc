"""Entries for the dashboards' tests: approved unless told otherwise, with objectives and
actions given as numbers and "5a"-style codes."""

import datetime

from django.utils import timezone

from compact.models import Action
from tests.factories import (
    MeasureFactory,
    PledgeFactory,
    ProgressUpdateFactory,
    publish_if_approved,
)
from tracker.models import WorkflowState


def _stamps(state: str) -> dict:
    stamps = {"workflow_state": state}
    if state != WorkflowState.DRAFT:
        stamps["submitted_at"] = timezone.now() - datetime.timedelta(days=1)
    if state in (WorkflowState.APPROVED, WorkflowState.RETURNED):
        stamps["reviewed_at"] = timezone.now()
    return stamps


def action_list(codes) -> list[Action]:
    return [Action.objects.get(objective__number=int(code[:-1]), letter=code[-1]) for code in codes]


def measure(organisation, objectives, *, actions=(), state=WorkflowState.APPROVED, **fields):
    entry = MeasureFactory(
        lead_organisation=organisation,
        objectives=list(objectives),
        publish=False,
        **_stamps(state),
        **fields,
    )
    if actions:
        entry.actions.set(action_list(actions))
    return publish_if_approved(entry)


def pledge(organisation, objectives, *, state=WorkflowState.APPROVED, **fields):
    return PledgeFactory(
        lead_organisation=organisation, objectives=list(objectives), **_stamps(state), **fields
    )


def update(entry, cycle, *, state=WorkflowState.APPROVED, **fields):
    return ProgressUpdateFactory(measure=entry, cycle=cycle, **_stamps(state), **fields)
