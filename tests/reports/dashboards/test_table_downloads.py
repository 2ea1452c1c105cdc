"""Every chart's data table and the heatmap can be downloaded as CSV and XLSX, holding the table
the page shows: the same headings, rows and numbers, in the reader's language, for the chosen
cycle."""

import csv
import io

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.reports.dashboards.test_query_counts import grow
from tests.reports.html import Page, text

pytestmark = pytest.mark.usefixtures("compact")

PAGES = [
    "/dashboard/",
    "/dashboard/?cycle=national-2023",
    "/dashboard/round-tables/1/",
    "/dashboard/objectives/5/",
    "/dashboard/organisations/MOJ/?cycle=national-2025",
]


def spreadsheet(client, url: str, language: str) -> list[list[str]]:
    """The downloaded table's rows, header first, each cell as text."""
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    content = b"".join(response) if response.streaming else response.content
    if "format=csv" in url:
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.values]


def _cells(row) -> list[str]:
    return [text(cell) for cell in row if cell.tag.endswith(("}th", "}td"))]


def chart_tables(page: Page) -> dict[str, tuple[list, list]]:
    """Each chart's data table as the page shows it, and the links to its downloads."""
    tables = {}
    for figure in page.all("figure.chart"):
        rows = [_cells(row) for row in figure.iter() if row.tag.endswith("}tr")]
        links = [
            link.get("href")
            for link in figure.iter()
            if link.tag.endswith("}a") and link.get("download") is not None
        ]
        tables[figure.get("id")] = (rows, links)
    return tables


def heatmap_table(page: Page) -> tuple[list, list]:
    """The heatmap as the page shows it, each row with the round table it is shown under (the
    download's first column, whose heading the page does not show)."""
    rows, round_table = [[None, *page.texts("table.heatmap thead th")]], ""
    for row in page.all("table.heatmap tbody tr"):
        if "round-table-row" in (row.get("class") or ""):
            round_table = text(row)
        else:
            rows.append([round_table, *_cells(row)])
    return rows, [link.get("href") for link in page.all("a[href*='download=heatmap']")]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("language", ["en", "sv"])
def test_every_chart_download_holds_the_table_the_page_shows(client, dataset, url, language):
    page = Page(client.get(url, HTTP_ACCEPT_LANGUAGE=language))
    tables = chart_tables(page)
    if url.startswith("/dashboard/?") or url == "/dashboard/":
        tables["heatmap"] = heatmap_table(page)
        assert "trends" in tables

    assert tables
    for chart_id, (rows, links) in tables.items():
        assert len(links) == 2, chart_id
        path = url.split("?")[0]
        for link in links:
            assert f"download={chart_id}" in link
            downloaded = spreadsheet(client, path + link, language)
            if chart_id == "heatmap":
                assert downloaded[0][0] == {"en": "Round table", "sv": "Rundabordssamtal"}[language]
                downloaded[0][0] = None
            assert downloaded == rows, (chart_id, link)


def test_a_chart_download_keeps_the_chosen_cycle_and_names_it(client, dataset):
    page = Page(client.get("/dashboard/?cycle=national-2023"))
    link = chart_tables(page)["measures-by-status"][1][1]

    response = client.get("/dashboard/" + link)

    assert link == "?cycle=national-2023&download=measures-by-status&format=csv"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="overview-measures-by-status-national-2023-{today}.csv"'
    )
    rows = list(csv.reader(io.StringIO(b"".join(response).decode("utf-8-sig"))))
    assert rows[0] == ["Status", "Measures"]
    assert dict(rows[1:])["Ongoing"] == "2"


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("download=nothing&format=csv", "There is no table nothing"),
        ("download=trends&format=pdf", "csv or xlsx"),
    ],
)
def test_a_download_of_no_table_or_format_is_a_bad_request(client, dataset, query, problem):
    response = client.get(f"/dashboard/?{query}")

    assert response.status_code == 400
    assert problem in response.content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response) if response.streaming else response.content
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/?download=heatmap&format=xlsx",
        "/dashboard/?download=trends&format=csv",
        "/dashboard/organisations/MOJ/?download=organisation-pledges-by-status&format=csv",
    ],
)
def test_a_table_download_takes_the_same_queries_for_6_and_66_measures(client, dataset, url):
    grow(dataset, 1)
    cache.clear()
    few = _queries(client, url)
    grow(dataset, 60)
    cache.clear()

    assert _queries(client, url) == few
