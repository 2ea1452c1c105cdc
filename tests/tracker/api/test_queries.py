"""The lists load in a fixed number of queries, however many entries and links they hold."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compact.models import Action, GuidingPrinciple
from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    PledgeFactory,
    ProgressUpdateFactory,
)
from tests.tracker.api.conftest import client_for
from tracker.models import WorkflowState

pytestmark = pytest.mark.usefixtures("compact")
# Session and user, count and page, and one per prefetched relation of a measure (objectives,
# actions, partners, guiding principles, pledges, EU Pact items).
MAX_QUERIES = 10


def max_queries(url: str) -> int:
    """MAX_QUERIES, and one more for the review cycle a `cycle` filter names (its period)."""
    return MAX_QUERIES + ("cycle=" in url)


def fill(count: int, own, users, cycle) -> None:
    partners = [OrganisationFactory(code=f"P{number}") for number in range(2)]
    actions = list(Action.objects.filter(objective__number__in=[5, 16])[:3])
    principles = list(GuidingPrinciple.objects.all()[:2])
    for number in range(count):
        state = WorkflowState.APPROVED if number % 2 else WorkflowState.DRAFT
        pledge = PledgeFactory(lead_organisation=own, objectives=[5, 16], workflow_state=state)
        pledge.co_pledging_organisations.set(partners)
        measure = MeasureFactory(
            lead_organisation=own,
            objectives=[5, 16],
            workflow_state=state,
            created_by=users["own_officer"],
            reviewed_by=users["coordinator"],
        )
        measure.actions.set(actions)
        measure.partner_organisations.set(partners)
        measure.guiding_principles.set(principles)
        measure.pledges.set([pledge])
        ProgressUpdateFactory(measure=measure, cycle=cycle, workflow_state=state)


def queries_for(client, url) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.json()


@pytest.mark.parametrize("reader", ["own_officer", "coordinator", None])
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/measures/",
        "/api/v1/measures/?objective=5&round_table=1&cycle=national-2025&search=Measure",
        "/api/v1/pledges/",
        "/api/v1/organisations/",
        "/api/v1/cycles/",
    ],
)
def test_a_list_takes_the_same_queries_for_3_and_20_entries(own, users, cycle, reader, url):
    client = client_for(users.get(reader), token=reader == "coordinator")
    fill(3, own, users, cycle)
    few, few_body = queries_for(client, url)
    fill(17, own, users, cycle)
    many, many_body = queries_for(client, url)

    assert few == many <= max_queries(url)
    if "organisations" not in url and "cycles" not in url:
        assert many_body["count"] > few_body["count"] >= 1


@pytest.mark.parametrize("reader", ["own_officer", None])
def test_the_updates_of_a_measure_take_fixed_queries(own, users, cycle, reader):
    measure = MeasureFactory(lead_organisation=own, workflow_state=WorkflowState.APPROVED)
    client = client_for(users.get(reader))
    url = f"/api/v1/measures/{measure.pk}/updates/"
    ProgressUpdateFactory(measure=measure, cycle=cycle, workflow_state=WorkflowState.APPROVED)
    few, _ = queries_for(client, url)
    for number in range(10):
        other_cycle = type(cycle).objects.create(
            name=f"Cycle {number}",
            slug=f"cycle-{number}",
            kind=cycle.kind,
            period_start=cycle.period_start,
            period_end=cycle.period_end,
            deadline=cycle.deadline,
        )
        ProgressUpdateFactory(
            measure=measure,
            cycle=other_cycle,
            workflow_state=WorkflowState.APPROVED,
            created_by=users["own_officer"],
        )
    many, body = queries_for(client, url)

    assert few == many <= MAX_QUERIES
    assert body["count"] == 11
