"""Arranging the pages' data: entries in a given workflow state, with objectives and actions."""

import datetime

from django.utils import timezone

from compact.models import Action
from tests.factories import MeasureFactory, PledgeFactory, ProgressUpdateFactory
from tracker.models import WorkflowState


def _stamps(state: str) -> dict:
    now = timezone.now()
    stamps = {"workflow_state": state}
    if state != WorkflowState.DRAFT:
        stamps["submitted_at"] = now - datetime.timedelta(days=1)
    if state in (WorkflowState.APPROVED, WorkflowState.RETURNED):
        stamps["reviewed_at"] = now
    return stamps


def measure_in(state: str, organisation, objectives=(1,), actions=(), **kwargs):
    """A measure of `organisation` in workflow `state`; `actions` as "2a"-style strings."""
    measure = MeasureFactory(
        lead_organisation=organisation, objectives=list(objectives), **{**_stamps(state), **kwargs}
    )
    if actions:
        measure.actions.set(
            Action.objects.filter(
                pk__in=[
                    Action.objects.get(objective__number=int(code[:-1]), letter=code[-1]).pk
                    for code in actions
                ]
            )
        )
    return measure


def pledge_in(state: str, organisation, **kwargs):
    return PledgeFactory(lead_organisation=organisation, **{**_stamps(state), **kwargs})


def update_in(state: str, measure, cycle, **kwargs):
    return ProgressUpdateFactory(measure=measure, cycle=cycle, **{**_stamps(state), **kwargs})
