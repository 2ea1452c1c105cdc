"""The lists of measures and pledges: the heatmap's and charts' links lead to the rows they
count, every filter works from the query string, and a download holds exactly the filtered
rows, every page of them."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from compact.models import GuidingPrinciple
from reports.dashboards.views.lists import PAGE_SIZE
from tests.factories import republish
from tests.reports.factories import measure
from tests.reports.html import Page
from tracker.models import MeasureKind, MeasureStatus, PledgeType

pytestmark = pytest.mark.usefixtures("compact")


def listed(client, url) -> list[int]:
    """The ids on every page of a list, following its Next links."""
    ids = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = Page(response)
        ids += [int(row.get("data-id")) for row in page.all("table.entries tbody tr")]
        next_links = page.all("nav.pager a[rel=next]")
        url = (response.request["PATH_INFO"] + next_links[0].get("href")) if next_links else ""
    return ids


def downloaded(client, url, file_format="csv") -> list[int]:
    separator = "&" if "?" in url else "?"
    response = client.get(f"{url}{separator}format={file_format}")
    assert response.status_code == 200
    if file_format == "csv":
        reader = csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig")))
        return [int(row["ID"]) for row in reader]
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue()), read_only=True).active
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_each_heatmap_link_lists_the_measures_its_cell_counts(client, dataset):
    m = dataset.measures
    page = Page(client.get(reverse("dashboard:overview")))
    cells = {link.get("href"): int(link.text) for link in page.all("table.heatmap td a")}
    expected = {
        "objective=2&organisation=MOJ": {m.m1.pk},
        "objective=5&organisation=MOJ": {m.m1.pk, m.m2.pk},
        "objective=5&organisation=MOL": {m.m4.pk},
        "objective=8&organisation=MOL": {m.m4.pk},
    }
    assert len(cells) == len(expected)
    for href, count in cells.items():
        assert href.startswith("/dashboard/measures/?cycle=national-2025&")
        ids = listed(client, href)
        assert len(ids) == count
        assert set(ids) == expected[href.split("national-2025&", 1)[1]]


def test_each_status_link_of_the_overview_lists_what_it_counts(client, dataset):
    # The comparison table is shown for a cycle with an earlier one to compare with.
    page = Page(client.get(reverse("dashboard:overview") + "?cycle=national-2025"))

    links = page.all("#status-heading ~ table.figures td a")
    assert len(links) == 3
    for link in links:
        assert len(listed(client, link.get("href"))) == int(link.text)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", {"m1", "m2", "m3", "m4", "m5"}),
        ("cycle=national-2023", {"m1", "m3", "m4", "m5"}),
        ("cycle=national-2025&status=ongoing", {"m4"}),
        ("status=ongoing&status=planned", {"m1", "m2", "m4"}),
        ("organisation=MFA", {"m3", "m5"}),
        ("round_table=4", {"m3", "m5"}),
        ("round_table=1&objective=2", {"m1"}),
        ("objective=5", {"m1", "m2", "m4"}),
        ("action=5a", {"m4"}),
        ("action=2A", {"m1"}),
        ("kind=policy", {"m3"}),
        ("guiding_principle=human_rights", {"m2"}),
        ("q=legal+AID", {"m1"}),
        ("q=migration+data", {"m3"}),
        ("cycle=&organisation=&q=", {"m1", "m2", "m3", "m4", "m5"}),
    ],
)
def test_the_measures_filters(client, dataset, query, names):
    dataset.measures.m3.kind = MeasureKind.POLICY
    dataset.measures.m3.save()
    dataset.measures.m2.guiding_principles.set(GuidingPrinciple.objects.filter(code="human_rights"))
    republish(dataset.measures.m3)
    republish(dataset.measures.m2)
    url = reverse("dashboard:measures") + (f"?{query}" if query else "")

    ids = listed(client, url)

    assert sorted(ids) == sorted(getattr(dataset.measures, name).pk for name in names)
    assert downloaded(client, url) == ids


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", {"p1", "p2", "p3"}),
        ("cycle=national-2023", {"p1", "p2"}),
        ("organisation=MOJ", {"p1", "p3"}),
        ("round_table=1", {"p1", "p3"}),
        ("objective=1", {"p2"}),
        ("status=fulfilled&status=not_started", {"p2", "p3"}),
        ("kind=financial", {"p2"}),
        ("q=thing", {"p1", "p2", "p3"}),
    ],
)
def test_the_pledges_filters(client, dataset, query, names):
    dataset.pledges.p2.pledge_type = PledgeType.FINANCIAL
    dataset.pledges.p2.save()
    republish(dataset.pledges.p2)
    url = reverse("dashboard:pledges") + (f"?{query}" if query else "")

    ids = listed(client, url)

    assert sorted(ids) == sorted(getattr(dataset.pledges, name).pk for name in names)
    assert downloaded(client, url) == ids


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_download_holds_every_page_of_the_filtered_list(client, organisations, file_format):
    for number in range(PAGE_SIZE * 2):
        measure(organisations.moj, [5], status=MeasureStatus.PLANNED if number % 3 else "ongoing")
        measure(organisations.mfa, [5], status=MeasureStatus.PLANNED)
    url = reverse("dashboard:measures") + "?organisation=MOJ&status=planned"

    ids = listed(client, url)

    assert len(ids) == len([n for n in range(PAGE_SIZE * 2) if n % 3])
    assert len(ids) > PAGE_SIZE
    assert downloaded(client, url, file_format) == ids
    response = client.get(url + f"&format={file_format}&page=2")
    assert response["Content-Disposition"].startswith('attachment; filename="measures-')


def test_the_list_page_links_its_downloads_with_its_filters(client, dataset):
    page = Page(client.get(reverse("dashboard:measures") + "?objective=5&page=1"))

    hrefs = [link.get("href") for link in page.all(".downloads a")]
    assert hrefs == ["?objective=5&format=xlsx", "?objective=5&format=csv"]
