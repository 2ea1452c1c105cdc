"""GET /api/v1/cycles/<slug>/snapshot/: what a closed cycle froze, for anyone to check."""

import datetime

import pytest
from rest_framework.test import APIClient

from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    ReviewCycleFactory,
    coordinator,
    officer,
)
from tracker.models import WorkflowState
from tracker.services.cycles import cycle_close
from tracker.services.measures import measure_update
from tracker.services.workflow import entry_approve

pytestmark = pytest.mark.usefixtures("compact")


@pytest.fixture
def cycle():
    return ReviewCycleFactory(
        slug="national-2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )


def test_it_lists_the_published_versions_a_closed_cycle_froze_and_keeps_them(cycle):
    ministry = OrganisationFactory(code="MOJ")
    measure = MeasureFactory(lead_organisation=ministry, workflow_state=WorkflowState.APPROVED)
    MeasureFactory(lead_organisation=ministry)  # a draft: never in a snapshot
    cora = coordinator()
    cycle_close(actor=cora, cycle=cycle)

    edited = measure_update(
        actor=officer(ministry), measure=measure, expected_version=measure.version,
        data={"title": "Changed after the close"},
    )  # fmt: skip
    entry_approve(actor=cora, entry=edited, expected_version=edited.version)
    response = APIClient().get("/api/v1/cycles/national-2025/snapshot/")

    assert response.status_code == 200
    body = response.json()
    assert [(row["entry_id"], row["published_version"]) for row in body["measures"]] == [
        (measure.pk, 1)
    ]
    assert body["pledges"] == body["updates"] == []


def test_an_open_cycle_has_no_snapshot(cycle):
    response = APIClient().get("/api/v1/cycles/national-2025/snapshot/")
    assert response.status_code == 404
