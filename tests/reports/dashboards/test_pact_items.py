"""The EU Pact on the public dashboards: the measure list filters by Pact item (a select grouped
by part, then the legal acts) over published records only, and a measure's public page and
revision record name its Pact items, linked to the Pact's page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compact.models import PactItem
from tests.factories import officer
from tests.reports.dashboards.test_lists import downloaded, listed
from tests.reports.dashboards.test_query_counts import MAX_QUERIES, grow
from tests.reports.dashboards.test_record_pages import _rows, approve_edit, get
from tests.reports.html import Page
from tracker.services.measures import measure_update

pytestmark = pytest.mark.usefixtures("compact", "pact")


def _items(*codes) -> list[PactItem]:
    return list(PactItem.objects.filter(code__in=codes))


@pytest.fixture
def linked(dataset):
    """m1 published with ACT-04 and III.2; m4 linked to ACT-04 in its working copy only."""
    m = dataset.measures
    m1 = approve_edit(m.m1, pact_items=_items("ACT-04", "III.2"))
    measure_update(
        actor=officer(m.m4.lead_organisation),
        measure=m.m4,
        expected_version=m.m4.version,
        data={"pact_items": _items("ACT-04")},
    )
    return m1


def test_the_list_filters_by_pact_item_over_published_records_only(client, dataset, linked):
    url = reverse("dashboard:measures")

    assert listed(client, f"{url}?pact_item=ACT-04") == [linked.pk]
    assert listed(client, f"{url}?pact_item=III.2") == [linked.pk]
    assert listed(client, f"{url}?pact_item=ACT-05") == []
    assert downloaded(client, f"{url}?pact_item=ACT-04") == [linked.pk]


def test_an_unknown_pact_item_is_a_bad_request_naming_it(client, dataset):
    response = client.get(reverse("dashboard:measures"), {"pact_item": "ACT-99"})
    assert response.status_code == 400
    assert "ACT-99 is not an item of the EU Pact." in response.content.decode()


def test_the_filter_is_a_select_grouped_by_part_then_the_acts_marked_as_swedish(client, dataset):
    page = Page(client.get(reverse("dashboard:measures"), HTTP_ACCEPT_LANGUAGE="en"))
    groups = [group.get("label") for group in page.all("select#id_pact_item optgroup")]

    assert groups[0] == "II. EN NY RÄTTSLIG RAM (Swedish)"
    assert groups[-1] == "Legal acts (Swedish)"
    assert len(groups) == 5  # parts II to V have items; parts I and VI none
    options = page.all("select#id_pact_item option")
    assert len(options) == 1 + 50
    act = PactItem.objects.get(code="ACT-04")
    (chosen,) = [option for option in options if option.get("value") == "ACT-04"]
    assert (chosen.text, chosen.get("lang")) == (f"ACT-04 {act.title_sv}", "sv")


def test_the_filtered_list_takes_the_same_queries_for_6_and_66_measures(client, dataset, linked):
    url = f"{reverse('dashboard:measures')}?pact_item=ACT-04&objective=5"

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    grow(dataset, 1)
    few = count()
    grow(dataset, 60)
    assert few == count() <= MAX_QUERIES


def test_the_public_page_and_revision_record_name_the_pact_items(client, dataset, linked):
    page = get(client, reverse("dashboard:measure", args=[linked.pk]), HTTP_ACCEPT_LANGUAGE="en")
    act, section = PactItem.objects.get(code="ACT-04"), PactItem.objects.get(code="III.2")

    assert page.text("#pact-heading") == "EU Pact on Migration and Asylum"
    items = page.texts("ul.pact-items li")
    assert items == [f"III.2 {section.title_sv} (Swedish)", f"ACT-04 {act.title_sv} (Swedish)"]
    assert [link.get("href") for link in page.all("ul.pact-items a")] == [
        "/compact/eu-pact/#III.2",
        "/compact/eu-pact/#ACT-04",
    ]
    assert [row[0] for row in _rows(page, "table.changes")] == ["EU Pact items"]
    added = page.texts("table.changes ins a")
    assert sorted(added) == sorted([f"ACT-04 {act.title_sv}", f"III.2 {section.title_sv}"])
