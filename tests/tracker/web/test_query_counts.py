"""The list pages and the measure page load in a fixed number of queries, however many
entries, objectives and actions there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compact.models import GuidingPrinciple, PactItem
from tests.factories import OrganisationFactory, ReviewCycleFactory
from tests.tracker.web.factories import measure_in, pledge_in, update_in
from tracker.models import Evidence, WorkflowState

pytestmark = pytest.mark.django_db

STATES = [WorkflowState.DRAFT, WorkflowState.SUBMITTED, WorkflowState.RETURNED]


def _fill(count: int, ministry, cycle, coordinator, state=None):
    """`count` measures, pledges and updates of `ministry` and of other ministries, each with
    several objectives, actions, partners, principles and linked pledges."""
    principles = list(GuidingPrinciple.objects.all()[:3])
    for index in range(count):
        organisation = ministry if index % 2 == 0 else OrganisationFactory()
        entry_state = state or STATES[index % len(STATES)]
        pledge = pledge_in(entry_state, organisation, objectives=[1, 2, 3])
        measure = measure_in(
            entry_state,
            organisation,
            objectives=[2, 5, 8],
            actions=["2a", "5b", "8c"],
            review_comment="Please add more detail." if entry_state == "returned" else "",
            reviewed_by=coordinator if entry_state == "returned" else None,
        )
        measure.partner_organisations.set([OrganisationFactory()])
        measure.guiding_principles.set(principles)
        measure.pledges.set([pledge])
        update_in(entry_state, measure, cycle)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["own_officer", "coordinator", "committee_reader"])
def test_the_entries_page_does_not_grow_with_the_entries(as_user, people, ministry, cycle, role):
    client = as_user(role)
    url = reverse("tracker:my-entries")
    _fill(3, ministry, cycle, people["coordinator"], state=None)
    _fill(3, ministry, cycle, people["coordinator"], state=WorkflowState.APPROVED)
    few = _count(client, url)
    _fill(12, ministry, cycle, people["coordinator"], state=None)
    _fill(12, ministry, cycle, people["coordinator"], state=WorkflowState.APPROVED)
    many = _count(client, url)

    assert many == few
    assert many <= 15


def test_the_review_queue_does_not_grow_with_the_entries(as_user, people, ministry, cycle):
    client = as_user("coordinator")
    url = reverse("tracker:review-queue")
    _fill(3, ministry, cycle, people["coordinator"], state=WorkflowState.SUBMITTED)
    few = _count(client, url)
    _fill(12, ministry, cycle, people["coordinator"], state=WorkflowState.SUBMITTED)
    many = _count(client, url)

    assert many == few
    # The queue also shows what changed since each entry's published version, how many wait
    # of each kind (indicator datasets too), the hint from the suggested objectives and the
    # filters' choices; and it is paged: 20 of the 45 items per page.
    assert many <= 25
    assert client.get(url).content.decode().count('class="queue-item"') == 20


@pytest.mark.usefixtures("pact")
@pytest.mark.parametrize("role", ["own_officer", "coordinator"])
def test_a_measure_page_does_not_grow_with_its_objectives_updates_and_evidence(
    as_user, people, ministry, cycle, role
):
    client = as_user(role)
    small = measure_in(WorkflowState.SUBMITTED, ministry, objectives=[2], actions=["2a"])
    big = measure_in(
        WorkflowState.SUBMITTED,
        ministry,
        objectives=[2, 5, 6, 12, 18, 4, 8],
        actions=["2a", "2b", "5a", "5b", "6c", "12a", "18d", "8a"],
    )
    big.partner_organisations.set([OrganisationFactory() for _ in range(4)])
    big.guiding_principles.set(GuidingPrinciple.objects.all())
    big.pact_items.set(PactItem.objects.all())
    big.pledges.set([pledge_in(WorkflowState.APPROVED, ministry) for _ in range(3)])
    for index in range(4):
        update_in(WorkflowState.APPROVED, big, ReviewCycleFactory(slug=f"cycle-{index}"))
        Evidence.objects.create(
            measure=big,
            title=f"Report {index}",
            url=f"https://example.org/{index}",
            added_by=people["own_officer"],
        )

    one = _count(client, reverse("tracker:measure-detail", args=[small.pk]))
    many = _count(client, reverse("tracker:measure-detail", args=[big.pk]))

    assert many == one
    # One more than before measures had EU Pact items: their prefetch.
    assert many <= 14
