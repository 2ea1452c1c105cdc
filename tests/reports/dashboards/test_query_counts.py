"""Every dashboard page and list takes the same number of queries for 6 measures as for 66:
the counting happens in the database, never per row, per organisation or per objective."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compact.models import GuidingPrinciple
from tests.factories import OrganisationFactory
from tests.reports.factories import measure, pledge, update
from tracker.models import MeasureStatus, PledgeStatus, WorkflowState

pytestmark = pytest.mark.usefixtures("compact")

# The most any page takes, with nothing cached: the filtered list of measures (the data's
# version, the filter form's choices, the action given, the count, the page's ids, its rows
# and their objectives, the cycles).
MAX_QUERIES = 12

URLS = [
    "/dashboard/",
    "/dashboard/?cycle=national-2023",
    "/dashboard/round-tables/1/",
    "/dashboard/objectives/5/",
    "/dashboard/organisations/MOJ/",
    "/dashboard/measures/",
    "/dashboard/measures/?cycle=national-2025&round_table=1&objective=5&organisation=MOJ"
    "&status=ongoing&status=planned&kind=programme&guiding_principle=human_rights&action=5a&q=M",
    "/dashboard/measures/?format=csv",
    "/dashboard/measures/?format=xlsx&cycle=national-2025",
    "/dashboard/pledges/",
    "/dashboard/pledges/?cycle=national-2025&round_table=1&objective=5&organisation=MOJ"
    "&status=in_progress&kind=policy_oriented&q=pledge",
    "/dashboard/pledges/?format=csv",
]


def grow(dataset, count: int) -> None:
    """`count` more approved measures over new organisations, several objectives, actions,
    principles and updates in both cycles, one pledge per measure, and hidden entries."""
    organisations = [dataset.organisations.moj] + [
        OrganisationFactory(code=f"GROW{number}") for number in range(5)
    ]
    principles = list(GuidingPrinciple.objects.filter(code="human_rights"))
    statuses = MeasureStatus.values
    for number in range(count):
        organisation = organisations[number % len(organisations)]
        entry = measure(
            organisation,
            [5, 1 + number % 23, 1 + (number * 7) % 23],
            actions=["5a", "5b", "2a"],
            status=statuses[number % len(statuses)],
        )
        entry.guiding_principles.set(principles)
        update(entry, dataset.cycles.new, status=statuses[(number + 1) % len(statuses)])
        if number % 2:
            update(entry, dataset.cycles.old)
        pledge(organisation, [5, 1 + number % 23], status=PledgeStatus.IN_PROGRESS)
        measure(organisation, [5], state=WorkflowState.DRAFT)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("url", URLS)
def test_a_page_takes_the_same_queries_for_6_and_66_measures(
    client, dataset, url, django_assert_max_num_queries
):
    # One that every filtered list below finds, so that no list is empty.
    grow(dataset, 1)
    with django_assert_max_num_queries(MAX_QUERIES):
        few = queries(client, url)
    grow(dataset, 60)
    with django_assert_max_num_queries(MAX_QUERIES):
        many = queries(client, url)

    assert many == few
