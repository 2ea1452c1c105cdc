"""The EU Pact page's three tables (the measures per Pact item, the coverage matrix and the
crosswalk) download as CSV and XLSX, as every chart table on the dashboards does: each download
holds the table the page shows, headed in the reader's language, the Pact's Swedish texts as
they are, for the chosen cycle, in the same queries however many measures there are."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compact.models import PactItem
from tests.reports.dashboards import test_eu_pact
from tests.reports.dashboards.test_query_counts import MAX_QUERIES, grow
from tests.reports.dashboards.test_table_downloads import spreadsheet
from tests.reports.html import Page, text

pytestmark = pytest.mark.usefixtures("compact", "pact")

URL = test_eu_pact.URL
linked = test_eu_pact.linked
TABLES = ("pact-items", "pact-organisations", "pact-crosswalk")
GAP = {"en": " gap: no measure", "sv": " lucka: ingen insats"}


def _cells(row) -> list[str]:
    return [re.sub(r"\s+", " ", text(cell)) for cell in row if cell.tag.endswith(("}th", "}td"))]


def shown(page: Page, table_id: str, language: str) -> list[list[str]]:
    """The table as the page shows it, header first; the measures per item with the caption
    of the group each row is shown under first (the download's first column), and a gap
    as its number."""
    if table_id != "pact-items":
        header = [text(cell) for cell in page.all(f"#{table_id} thead th")]
        return [header, *(_cells(row) for row in page.all(f"#{table_id} tbody tr"))]
    rows = []
    for table in page.all("table.pact-items"):
        caption = re.sub(r" \((Swedish|svenska)\)$", "", text(table.find("{*}caption")))
        if not rows:
            rows.append([None, *(text(cell) for cell in table.iterfind(".//{*}thead//{*}th"))])
        for row in table.iterfind(".//{*}tbody/{*}tr"):
            rows.append([caption, *(cell.replace(GAP[language], "") for cell in _cells(row))])
    return rows


def links(page: Page, table_id: str) -> list[str]:
    return [link.get("href") for link in page.all(f"a[href*='download={table_id}&']")]


@pytest.mark.parametrize("query", ["", "?cycle=national-2023"])
@pytest.mark.parametrize("language", ["en", "sv"])
def test_each_pact_download_holds_the_table_the_page_shows(client, linked, query, language):
    page = Page(client.get(URL + query, HTTP_ACCEPT_LANGUAGE=language))

    for table_id in TABLES:
        found = links(page, table_id)
        assert [link.split("format=")[1] for link in found] == ["xlsx", "csv"], table_id
        rows = shown(page, table_id, language)
        for link in found:
            downloaded = spreadsheet(client, URL + link, language)
            if table_id == "pact-items":
                assert downloaded[0][0] == {"en": "Part", "sv": "Del"}[language]
                downloaded[0][0] = None
            assert downloaded == rows, (table_id, link)


def test_the_downloads_hold_the_known_figures_with_the_swedish_texts_as_they_are(
    client,
    linked,
):
    act = PactItem.objects.get(code="ACT-04")
    items = spreadsheet(client, f"{URL}?download=pact-items&format=csv", "en")
    organisations = spreadsheet(client, f"{URL}?download=pact-organisations&format=xlsx", "en")
    crosswalk = spreadsheet(client, f"{URL}?download=pact-crosswalk&format=csv", "en")

    assert items[0] == [
        "Part",
        "Code",
        "Title",
        "Measures",
        "Planned",
        "Ongoing",
        "Completed",
        "Discontinued",
    ]
    rows = {row[1]: row for row in items[1:]}
    assert rows["ACT-04"] == [
        "The Pact's legal acts",
        "ACT-04",
        act.title_sv,
        "2",
        "0",
        "1",
        "1",
        "0",
    ]
    assert rows["ACT-05"][3:] == ["0", "0", "0", "0", "0"]
    assert (rows["III.2"][0][:5], rows["III.2"][3]) == ("III. ", "1")
    assert len(items) == 1 + 50
    assert organisations[0] == ["Pact item", "MOJ", "MOL"]
    assert [f"ACT-04 {act.title_sv}", "1", "1"] in organisations
    assert crosswalk[0] == ["Pact item", "Objective 2", "Objective 5", "Objective 8"]
    assert [f"ACT-04 {act.title_sv}", "1", "2", "1"] in crosswalk


def test_a_download_keeps_the_chosen_cycle_and_names_the_page_table_and_cycle(client, linked):
    page = Page(client.get(f"{URL}?cycle=national-2023"))
    (link,) = [link for link in links(page, "pact-crosswalk") if link.endswith("csv")]

    response = client.get(URL + link)

    assert link == "?cycle=national-2023&download=pact-crosswalk&format=csv"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="eu-pact-pact-crosswalk-national-2023-{today}.csv"'
    )


def test_an_unknown_table_is_a_bad_request(client, linked):
    response = client.get(f"{URL}?download=heatmap&format=csv")
    assert response.status_code == 400
    assert "There is no table heatmap" in response.content.decode()


@pytest.mark.parametrize("table_id", TABLES)
def test_a_download_takes_the_same_queries_for_few_and_many_measures(
    client,
    dataset,
    linked,
    table_id,
):
    url = f"{URL}?download={table_id}&format=xlsx"

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    grow(dataset, 1)
    test_eu_pact._link_every_measure()
    few = count()
    grow(dataset, 60)
    test_eu_pact._link_every_measure()
    many = count()

    assert few == many <= MAX_QUERIES
    rows = spreadsheet(client, f"{URL}?download=pact-items&format=csv", "en")
    assert {row[1]: row[3] for row in rows[1:]}["ACT-01"] == "62"  # the 61 grown and m2
