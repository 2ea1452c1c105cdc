"""POST /api/v1/cycles/<slug>/reopen/: a coordinator reopens a closed cycle, saying why."""

import pytest

from tests.tracker.api.conftest import client_for
from tracker.models import CycleSnapshot, ReviewCycle
from tracker.services.cycles import cycle_close

pytestmark = pytest.mark.usefixtures("compact")

URL = "/api/v1/cycles/national-2025/reopen/"


@pytest.fixture
def closed(users, cycle):
    return cycle_close(actor=users["coordinator"], cycle=cycle)


def test_a_coordinator_reopens_a_closed_cycle_with_a_reason(users, closed):
    response = client_for(users["coordinator"]).post(
        URL, {"reason": "Late figures from MOJ"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["closed_at"] is None
    assert not CycleSnapshot.objects.exists()
    assert ReviewCycle.objects.get().history.latest().history_change_reason == (
        "Reopened: Late figures from MOJ"
    )


@pytest.mark.parametrize("body", [{}, {"reason": "  "}], ids=["no reason", "blank reason"])
def test_a_reopening_without_a_reason_is_refused_naming_the_field(users, closed, body):
    response = client_for(users["coordinator"]).post(URL, body, format="json")

    assert response.status_code == 400
    assert "a reason is required" in " ".join(response.json()["reason"])
    assert CycleSnapshot.objects.filter(cycle=closed).exists()


def test_a_reason_longer_than_the_history_keeps_is_refused(users, closed):
    response = client_for(users["coordinator"]).post(URL, {"reason": "x" * 91}, format="json")

    assert response.status_code == 400
    assert "at most 90 characters" in " ".join(response.json()["reason"])
    assert ReviewCycle.objects.get().closed_at is not None


def test_an_open_cycle_is_not_reopened(users, cycle):
    response = client_for(users["coordinator"]).post(URL, {"reason": "Again"}, format="json")

    assert response.status_code == 400
    assert "open already" in str(response.json())


@pytest.mark.parametrize("role", ["own_officer", "committee_reader", "administrator"])
def test_only_coordinators_may_reopen(users, closed, role):
    response = client_for(users[role]).post(URL, {"reason": "Late figures"}, format="json")

    assert response.status_code == 403
    assert ReviewCycle.objects.get().closed_at is not None
    assert CycleSnapshot.objects.filter(cycle=closed).exists()


def test_anonymous_visitors_may_not_reopen(closed):
    assert client_for().post(URL, {"reason": "Late figures"}, format="json").status_code in (
        401,
        403,
    )
    assert CycleSnapshot.objects.filter(cycle=closed).exists()
