"""Fixtures of the fuzz tests: a fresh cache (the throttles count there) and entries of every
kind for the fuzzed requests to find."""

import datetime

import pytest
from django.core.cache import cache

from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    PledgeFactory,
    ProgressUpdateFactory,
    ReviewCycleFactory,
)
from tracker.models import WorkflowState


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def own():
    return OrganisationFactory(code="OWN")


@pytest.fixture
def entries(compact, own) -> dict:
    """A cycle and entries of the own ministry and another in several workflow states."""
    other = OrganisationFactory(code="OTHER")
    cycle = ReviewCycleFactory(
        slug="national-2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    approved = MeasureFactory(lead_organisation=own, workflow_state=WorkflowState.APPROVED)
    return {
        "cycle": cycle,
        "draft": MeasureFactory(lead_organisation=own),
        "approved": approved,
        "other": MeasureFactory(lead_organisation=other),
        "pledge": PledgeFactory(lead_organisation=own),
        "update": ProgressUpdateFactory(measure=approved, cycle=cycle),
    }
