"""Fixtures of the API tests: two ministries, a user of every role, and clients that log in
by session or by token."""

import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    PledgeFactory,
    ProgressUpdateFactory,
    ReviewCycleFactory,
    administrator,
    committee_reader,
    coordinator,
    officer,
)
from tracker.models import WorkflowState


def client_for(user=None, *, token: bool = False) -> APIClient:
    client = APIClient()
    if user is not None and token:
        key = Token.objects.get_or_create(user=user)[0].key
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    elif user is not None:
        client.force_login(user)
    return client


def measure_payload(**overrides) -> dict:
    return {
        "title": "Språkstöd för nyanlända",
        "description": "Kurser i svenska för nyanlända arbetstagare.",
        "language": "sv",
        "kind": "programme",
        "status": "planned",
        "objectives": [5, 16],
        "actions": ["5c", "16a"],
        **overrides,
    }


def pledge_payload(**overrides) -> dict:
    return {
        "text": "We will open two more language centres.",
        "pledge_type": "policy_oriented",
        "language": "en",
        "objectives": [16],
        "made_on": "2022-05-20",
        "occasion": "IMRF 2022",
        **overrides,
    }


@pytest.fixture
def own():
    return OrganisationFactory(code="OWN")


@pytest.fixture
def other():
    return OrganisationFactory(code="OTHER")


@pytest.fixture
def users(own, other) -> dict:
    return {
        "own_officer": officer(own, username="own-officer"),
        "other_officer": officer(other, username="other-officer"),
        "coordinator": coordinator(username="coordinator", organisation=None),
        "committee_reader": committee_reader(username="committee"),
        "administrator": administrator(username="admin"),
    }


@pytest.fixture
def cycle():
    return ReviewCycleFactory(
        slug="national-2025",
        name="National review 2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )


@pytest.fixture
def measures(compact, own, other) -> dict:
    """Measures of both ministries in the workflow states the tests need."""
    return {
        "own_draft": MeasureFactory(lead_organisation=own, title="Own draft"),
        "own_submitted": MeasureFactory(
            lead_organisation=own, title="Own submitted", workflow_state=WorkflowState.SUBMITTED
        ),
        "own_approved": MeasureFactory(
            lead_organisation=own, title="Own approved", workflow_state=WorkflowState.APPROVED
        ),
        "other_draft": MeasureFactory(lead_organisation=other, title="Other draft"),
        "other_approved": MeasureFactory(
            lead_organisation=other,
            title="Other approved",
            workflow_state=WorkflowState.APPROVED,
        ),
    }


@pytest.fixture
def pledges(compact, own) -> dict:
    return {
        "own_draft": PledgeFactory(lead_organisation=own, text="Own draft pledge"),
        "own_submitted": PledgeFactory(
            lead_organisation=own,
            text="Own submitted pledge",
            workflow_state=WorkflowState.SUBMITTED,
        ),
        "own_approved": PledgeFactory(
            lead_organisation=own,
            text="Own approved pledge",
            workflow_state=WorkflowState.APPROVED,
        ),
    }


@pytest.fixture
def earlier_cycle():
    return ReviewCycleFactory(
        slug="national-2024",
        name="National review 2024",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
    )


@pytest.fixture
def draft_update(measures, earlier_cycle):
    """A draft progress update of the own organisation's approved measure, in an earlier
    cycle than the current one (where new updates go)."""
    return ProgressUpdateFactory(measure=measures["own_approved"], cycle=earlier_cycle)
