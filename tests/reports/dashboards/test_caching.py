"""The dashboards cache their figures, and an approval shows on the next view: the cache is
keyed by the latest save of any measure, pledge or progress update."""

import pytest
from django.urls import reverse

from reports.dashboards.figures import overview_figures
from tests.factories import coordinator
from tests.reports.factories import measure, pledge, update
from tests.reports.html import Page
from tracker.models import MeasureStatus, WorkflowState
from tracker.services.workflow import entry_approve

pytestmark = pytest.mark.usefixtures("compact")


def key_figure(client, name: str) -> str:
    return Page(client.get(reverse("dashboard:overview"))).text(f"#figure-{name} .key-value")


def test_an_approved_measure_counts_on_the_next_view(
    client, dataset, django_assert_max_num_queries
):
    submitted = measure(dataset.organisations.moj, [5], state=WorkflowState.SUBMITTED)
    assert key_figure(client, "measures") == "3"
    with django_assert_max_num_queries(5):
        # Figures from the cache: the version, the cycles, the organisations, the Compact.
        assert key_figure(client, "measures") == "3"

    entry_approve(actor=coordinator(), entry=submitted, expected_version=submitted.version)

    assert key_figure(client, "measures") == "4"


def test_an_approved_progress_update_counts_on_the_next_view(client, dataset):
    # m3 (objective 1) ended in 2022: it is not a measure of the 2025 cycle, until an
    # approved update for 2025 says it was discontinued.
    url = reverse("dashboard:objective", args=[1])
    assert "0 measures serve this objective." in Page(client.get(url)).text("#status-heading + p")
    new_update = update(
        dataset.measures.m3,
        dataset.cycles.new,
        status=MeasureStatus.DISCONTINUED,
        state=WorkflowState.SUBMITTED,
    )
    assert "0 measures serve" in Page(client.get(url)).text("#status-heading + p")

    entry_approve(actor=coordinator(), entry=new_update, expected_version=new_update.version)

    page = Page(client.get(url))
    assert "1 measure serves this objective." in page.text("#status-heading + p")
    assert page.texts(".chart-data tbody th")[-1] == "Discontinued"
    assert page.texts(".chart-data tbody td")[-1] == "1"


def test_an_approved_pledge_counts_on_the_next_view(client, dataset):
    url = reverse("dashboard:pledges")
    assert Page(client.get(url)).text("#results-heading") == "3 results"
    new_pledge = pledge(dataset.organisations.mol, [8], state=WorkflowState.SUBMITTED)
    assert Page(client.get(url)).text("#results-heading") == "3 results"

    entry_approve(actor=coordinator(), entry=new_pledge, expected_version=new_pledge.version)

    assert Page(client.get(url)).text("#results-heading") == "4 results"
    assert key_figure(client, "pledges") == "4"


def test_the_measure_list_shows_an_approved_measure_on_the_next_view_in_each_language(
    client, dataset
):
    url = reverse("dashboard:measures")
    assert Page(client.get(url)).text("#results-heading") == "5 results"
    submitted = measure(dataset.organisations.moj, [5], state=WorkflowState.SUBMITTED)
    assert Page(client.get(url)).text("#results-heading") == "5 results"

    entry_approve(actor=coordinator(), entry=submitted, expected_version=submitted.version)

    page = Page(client.get(url))
    assert page.text("#results-heading") == "6 results"
    page.one(f"#measure-{submitted.pk}")
    danish = Page(client.get(url, headers={"accept-language": "da"}))
    assert danish.text("#results-heading") == "6 resultater"


def test_the_measure_and_pledge_lists_of_the_same_address_keep_their_own_results(client, dataset):
    query = "?q=&page=1"
    measures = Page(client.get(reverse("dashboard:measures") + query))
    pledges = Page(client.get(reverse("dashboard:pledges") + query))

    assert measures.text("#results-heading") == "5 results"
    assert pledges.text("#results-heading") == "3 results"
    again = Page(client.get(reverse("dashboard:measures") + query))
    assert again.text("#results-heading") == "5 results"


def test_a_figures_argument_that_cannot_be_part_of_the_key_is_refused(dataset):
    # An object keyed by its repr would carry its memory address: never found again.
    with pytest.raises(TypeError, match="object cannot be part of a dashboard cache key"):
        overview_figures(cycles=[], cycle=object(), previous=None)
