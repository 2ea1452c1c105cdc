"""The dashboards' lists and the API's find the same approved entries for the same words and
the same Compact filters, so that a committee member and a program reading the API never
disagree about what a search finds."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from compact.models import GuidingPrinciple
from tests.factories import republish
from tests.reports.factories import measure
from tests.reports.html import Page

pytestmark = pytest.mark.usefixtures("compact")


@pytest.fixture
def entries(dataset):
    dataset.measures.m1.guiding_principles.set([GuidingPrinciple.objects.get(code="human_rights")])
    republish(dataset.measures.m1)
    dataset.measures.returns = measure(
        dataset.organisations.mol,
        [21],
        title="Återvändandestöd",
        title_en="Return counselling",
        description="Stöd till den som återvänder.",
    )
    return dataset


def dashboard_ids(client, name: str, query: dict) -> list[int]:
    response = client.get(reverse(f"dashboard:{name}"), query)
    assert response.status_code == 200
    return sorted(int(row.get("data-id")) for row in Page(response).all("table.entries tbody tr"))


def api_ids(name: str, query: dict) -> list[int]:
    response = APIClient().get(f"/api/v1/{name}/", query)
    assert response.status_code == 200
    return sorted(entry["id"] for entry in response.json()["results"])


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("legal AID", ["m1"]),
        ("return counselling", ["returns"]),  # the English title
        ("återvänder", ["returns"]),  # the description as written
        ("ministry does", ["m1", "m2", "m3", "m4", "m5"]),
        ("data legal", []),  # every word must be found
        ("hidden", []),  # drafts and withdrawn measures are never found
    ],
)
def test_a_search_finds_the_same_measures_on_the_dashboard_and_in_the_api(
    client, entries, words, found
):
    expected = sorted(getattr(entries.measures, name).pk for name in found)

    assert dashboard_ids(client, "measures", {"q": words}) == expected
    assert api_ids("measures", {"search": words}) == expected


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ({"objective": "5"}, ["m1", "m2", "m4"]),
        ({"objective": "8"}, ["m4"]),
        ({"round_table": "1"}, ["m1", "m2", "m4"]),
        ({"round_table": "2"}, ["m4", "returns"]),
        ({"round_table": "4"}, ["m3", "m5"]),
        ({"action": "5a"}, ["m4"]),
        ({"action": "2a"}, ["m1"]),
        ({"guiding_principle": "human_rights"}, ["m1"]),
        ({"objective": "5", "round_table": "1", "action": "2a"}, ["m1"]),
    ],
)
def test_the_compact_filters_find_the_same_measures_on_the_dashboard_and_in_the_api(
    client, entries, query, found
):
    expected = sorted(getattr(entries.measures, name).pk for name in found)

    assert dashboard_ids(client, "measures", query) == expected
    assert api_ids("measures", query) == expected


@pytest.mark.parametrize(
    ("dashboard_query", "api_query", "found"),
    [
        ({"q": "thing"}, {"search": "thing"}, ["p1", "p2", "p3"]),
        ({"q": "imrf"}, {"search": "imrf"}, ["p1", "p2", "p3"]),
        ({"q": "hidden"}, {"search": "hidden"}, []),
        ({"objective": "5"}, {"objective": "5"}, ["p1"]),
        ({"objective": "2", "q": "pledge"}, {"objective": "2", "search": "pledge"}, ["p3"]),
    ],
)
def test_the_pledge_filters_find_the_same_pledges_on_the_dashboard_and_in_the_api(
    client, entries, dashboard_query, api_query, found
):
    expected = sorted(getattr(entries.pledges, name).pk for name in found)

    assert dashboard_ids(client, "pledges", dashboard_query) == expected
    assert api_ids("pledges", api_query) == expected


@pytest.mark.parametrize(
    ("cycle", "found"),
    [
        ("national-2025", ["m1", "m2", "m4", "returns"]),
        ("national-2023", ["m1", "m3", "m4", "m5", "returns"]),
    ],
)
def test_a_cycle_has_the_same_measures_on_the_dashboard_and_in_the_api(
    client, entries, cycle, found
):
    expected = sorted(getattr(entries.measures, name).pk for name in found)

    assert dashboard_ids(client, "measures", {"cycle": cycle}) == expected
    assert api_ids("measures", {"cycle": cycle}) == expected


def test_the_dashboards_search_name_q_searches_in_the_api_too(client, entries):
    expected = [entries.measures.m1.pk]

    assert dashboard_ids(client, "measures", {"q": "legal AID"}) == expected
    assert api_ids("measures", {"q": "legal AID"}) == expected
