"""The EU Pact on the public pledges, as on the measures: the pledge list filters by Pact item
over published records only, a pledge's public page and revision record name its items, and
the readable downloads of pledges and measures carry the items' codes and names."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compact.models import PactItem
from tests.factories import officer
from tests.reports.dashboards.test_downloads import download, read
from tests.reports.dashboards.test_lists import downloaded, listed
from tests.reports.dashboards.test_query_counts import MAX_QUERIES
from tests.reports.dashboards.test_record_pages import _rows, approve_edit, get
from tests.reports.factories import pledge
from tests.reports.html import Page
from tracker.models import PledgeStatus
from tracker.services.pledges import pledge_update

pytestmark = pytest.mark.usefixtures("compact", "pact")


def _items(*codes) -> list[PactItem]:
    return list(PactItem.objects.filter(code__in=codes))


@pytest.fixture
def linked(dataset):
    """p1 published with ACT-04 and III.2; p2 linked to ACT-04 in its working copy only."""
    p = dataset.pledges
    p1 = approve_edit(p.p1, pact_items=_items("ACT-04", "III.2"))
    pledge_update(
        actor=officer(p.p2.lead_organisation),
        pledge=p.p2,
        expected_version=p.p2.version,
        data={"pact_items": _items("ACT-04")},
    )
    return p1


def test_the_pledge_list_filters_by_pact_item_over_published_records_only(client, dataset, linked):
    url = reverse("dashboard:pledges")

    assert listed(client, f"{url}?pact_item=ACT-04") == [linked.pk]
    assert listed(client, f"{url}?pact_item=III.2") == [linked.pk]
    assert listed(client, f"{url}?pact_item=ACT-05") == []
    assert downloaded(client, f"{url}?pact_item=ACT-04") == [linked.pk]
    response = client.get(url, {"pact_item": "ACT-99"})
    assert response.status_code == 400
    assert "ACT-99 is not an item of the EU Pact." in response.content.decode()


def test_the_pledge_filter_is_the_measures_select_grouped_by_part(client, dataset):
    page = Page(client.get(reverse("dashboard:pledges"), HTTP_ACCEPT_LANGUAGE="en"))

    groups = [group.get("label") for group in page.all("select#id_pact_item optgroup")]
    assert groups[0] == "II. EN NY RÄTTSLIG RAM (Swedish)"
    assert groups[-1] == "Legal acts (Swedish)"
    assert len(page.all("select#id_pact_item option")) == 1 + 50


def test_the_filtered_pledge_list_takes_the_same_queries_for_few_and_many_pledges(
    client, dataset, linked
):
    url = f"{reverse('dashboard:pledges')}?pact_item=ACT-04&objective=5"

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    for number in range(30):
        entry = pledge(dataset.organisations.moj, [5], status=PledgeStatus.IN_PROGRESS)
        approve_edit(entry, pact_items=_items("ACT-04", "ACT-05", "III.2.c"), text=f"P{number}")
    assert few == count() <= MAX_QUERIES


def test_the_pledge_s_public_page_and_revision_record_name_the_pact_items(client, dataset, linked):
    page = get(client, reverse("dashboard:pledge", args=[linked.pk]), HTTP_ACCEPT_LANGUAGE="en")
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
    # A pledge without items has no such section.
    other = get(client, reverse("dashboard:pledge", args=[dataset.pledges.p3.pk]))
    assert other.all("#pact-heading") == []


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("list_name", ["pledges", "measures"])
def test_the_readable_downloads_carry_the_pact_codes_and_names(
    client, dataset, linked, file_format, list_name
):
    entry = linked
    if list_name == "measures":
        entry = approve_edit(dataset.measures.m1, pact_items=_items("ACT-04", "III.2"))
    act, section = PactItem.objects.get(code="ACT-04"), PactItem.objects.get(code="III.2")

    for language, codes, names in (
        ("en", "EU Pact item codes", "EU Pact item names"),
        ("sv", "Koder för punkter i EU-pakten", "Namn på punkter i EU-pakten"),
    ):
        rows = read(download(client, list_name, file_format, language), file_format)
        by_id = {str(row[next(iter(row))]): row for row in rows}
        row = by_id[str(entry.pk)]
        assert row[codes] == "III.2; ACT-04"
        assert row[names] == f"{section.title_sv}; {act.title_sv}"
        assert {row[codes] for key, row in by_id.items() if key != str(entry.pk)} <= {"", None}
