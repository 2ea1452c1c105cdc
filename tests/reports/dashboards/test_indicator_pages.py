"""The public indicator pages for the known indicators (tests/reports/indicators.py): the list
with the latest value and its change, an indicator's page with its definition, source, chart
and data table, the disaggregation chosen in the address, the download of the table shown,
only approved values in their current published version, and the indicators on the
objective and round-table pages."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from tests.factories import IndicatorDatasetFactory, coordinator, officer
from tests.reports.html import Page, text
from tracker.models import ValueStatus, WorkflowState
from tracker.services.indicator_values import ValueInput, dataset_save_values
from tracker.services.publication import cycle_snapshot_take
from tracker.services.workflow import entry_approve

pytestmark = pytest.mark.usefixtures("compact")

PAGE = "/dashboard/indicators/GCM-5.1/"


def _table(page: Page, selector: str) -> list[list[str]]:
    return [
        [text(cell) for cell in row if cell.tag.endswith(("}th", "}td"))]
        for row in page.all(f"{selector} tr")
    ]


def _rows(page: Page) -> dict[str, list[str]]:
    """The indicator list's rows by code: unit, latest value, period, change."""
    return {
        row[0].split()[0]: row[1:] for row in _table(page, "table.indicators")[1:] if len(row) > 1
    }


def test_the_list_gives_each_indicator_its_latest_value_and_change(client, dataset, indicators):
    page = Page(client.get("/dashboard/indicators/"))

    rows = _rows(page)
    assert rows["GCM-5.1"] == ["persons", "150.5", "2025", "+30.5 (since 2024)"]
    assert rows["GCM-8.1"] == ["persons", "9", "2025", "\u22123 (since 2024)"]
    assert rows["GCM-23.1"] == ["persons", "—", "—", "—"]
    link = page.one("table.indicators a[href='/dashboard/indicators/GCM-5.1/']")
    assert text(link) == "Residence permits for work"
    trends = [cell.get("class") for cell in page.all("table.indicators td.trend")]
    assert trends == ["number trend", "number trend trend-up", "number trend trend-down"]
    assert page.one("nav.dashboard-nav a[aria-current=page]").get("href") == (
        "/dashboard/indicators/"
    )


@pytest.mark.parametrize(
    ("query", "codes"),
    [("objective=5", ["GCM-5.1"]), ("round_table=2", ["GCM-8.1"]), ("", None)],
)
def test_the_list_filters_by_objective_and_round_table(client, dataset, indicators, query, codes):
    page = Page(client.get(f"/dashboard/indicators/?{query}"))

    assert list(_rows(page)) == (codes or ["GCM-23.1", "GCM-5.1", "GCM-8.1"])


def test_an_unknown_filter_value_is_a_bad_request(client, dataset, indicators):
    assert client.get("/dashboard/indicators/?objective=99").status_code == 400
    assert client.get(f"{PAGE}?by=colour").status_code == 400
    assert client.get("/dashboard/indicators/NOPE/").status_code == 404


def test_the_page_gives_definition_source_latest_value_and_chart(client, dataset, indicators):
    page = Page(client.get(PAGE))

    assert page.text("h1") == "GCM-5.1 Residence permits for work"
    facts = page.text("dl.facts")
    assert "First residence permits granted for work, per year." in page.response.content.decode()
    for fact in ("persons", "10.7.2", "Objective 5"):
        assert fact in facts
    source = page.one("dl.facts a[href='https://statistics.example/permits']")
    assert text(source) == "Statistics office"
    assert page.text("p.latest-value") == "150.5 persons (2025)"
    assert page.text("p.latest-change") == "Change since 2024: +30.5"
    assert _table(page, "table.chart-data") == [
        ["Period", "Total"],
        ["2022", "90"],
        ["2023", "100"],
        ["2024", "120"],
        ["2025", "150.5"],
    ]
    description = page.text("svg desc")
    assert description == (
        "GCM-5.1: values by period: 2022 (Total 90); 2023 (Total 100); 2024 (Total 120); "
        "2025 (Total 150.5)."
    )
    assert len(page.all("svg rect")) == 4


def test_the_disaggregation_is_chosen_in_the_address_a_permanent_link(client, dataset, indicators):
    page = Page(client.get(PAGE))
    choices = {text(link): link.get("href") for link in page.all("nav.disaggregations a")}
    assert choices == {"Total": "?", "Sex": "?by=sex"}
    assert text(page.one("nav.disaggregations a[aria-current=page]")) == "Total"

    by_sex = Page(client.get(PAGE + choices["Sex"]))

    assert text(by_sex.one("nav.disaggregations a[aria-current=page]")) == "Sex"
    assert _table(by_sex, "table.chart-data") == [
        ["Period", "Female", "Male"],
        ["2023", "60", "40"],
        ["2024", "70", "50"],
        ["2025", "80.5", "70"],
    ]
    # The latest value stays the total's.
    assert by_sex.text("p.latest-value") == "150.5 persons (2025)"
    # Choosing another cycle keeps the disaggregation.
    assert by_sex.one("form.cycle-form input[name=by]").get("value") == "sex"


def test_a_swedish_reader_gets_swedish_names_and_the_rest_marked(client, dataset, indicators):
    page = Page(client.get(f"{PAGE}?by=sex", HTTP_ACCEPT_LANGUAGE="sv"))

    assert page.text("h1") == "GCM-5.1 Uppehållstillstånd för arbete"
    assert _table(page, "table.chart-data")[0] == ["Period", "Kvinnor", "Män"]
    definition = page.one("section[aria-labelledby=definition-heading] p span[lang=en]")
    assert text(definition) == "First residence permits granted for work, per year."
    assert page.all("section[aria-labelledby=definition-heading] p .fallback-note")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("by", ["", "sex"])
def test_the_download_holds_exactly_the_table_shown(client, dataset, indicators, file_format, by):
    page = Page(client.get(f"{PAGE}?by={by}" if by else PAGE))
    shown = _table(page, "table.chart-data")
    links = [link.get("href") for link in page.all("figure.chart a[download]")]
    link = next(link for link in links if f"format={file_format}" in link)

    response = client.get(PAGE + link)

    content = b"".join(response) if response.streaming else response.content
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
        rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.values]
    assert rows[0] == shown[0]
    assert [[row[0], *map(Decimal, row[1:])] for row in rows[1:]] == [
        [row[0], *map(Decimal, row[1:])] for row in shown[1:]
    ]
    assert f"indicator-gcm-51{'-sex' if by else ''}-indicator-series" in response[
        "Content-Disposition"
    ].replace(".", "")


def test_only_approved_values_in_their_current_published_version(client, dataset, indicators):
    IndicatorDatasetFactory(
        indicator=indicators.missing,
        period=2023,
        values={"": 500},
        workflow_state=WorkflowState.SUBMITTED,
    )
    page = Page(client.get(PAGE))
    content = page.response.content.decode()

    # The 2021 draft and the first published version of 2025 (140) never show.
    assert "999" not in content
    assert "140" not in content
    assert [row[0] for row in _table(page, "table.chart-data")[1:]] == [
        "2022",
        "2023",
        "2024",
        "2025",
    ]
    other = Page(client.get("/dashboard/indicators/GCM-8.1/"))
    assert [row[0] for row in _table(other, "table.chart-data")[1:]] == ["2024", "2025"]


def test_a_closed_cycle_shows_what_its_snapshot_froze(client, dataset, indicators):
    cycle = dataset.cycles.old  # closed, 2022 to 2023
    cycle_snapshot_take(cycle=cycle, taken_at=cycle.closed_at)
    IndicatorDatasetFactory(indicator=indicators.missing, period=2023, values={"": 7})

    page = Page(client.get(f"{PAGE}?cycle=national-2023"))
    listed = _rows(Page(client.get("/dashboard/indicators/?cycle=national-2023")))

    assert [row[0] for row in _table(page, "table.chart-data")[1:]] == ["2022", "2023"]
    assert page.text("p.latest-value") == "100 persons (2023)"
    # Published after the cycle closed: not in its snapshot.
    assert listed["GCM-8.1"][1] == "—"


def test_the_page_lists_the_published_measures_of_its_objectives(client, dataset, indicators):
    page = Page(client.get(PAGE))

    links = [link.get("href") for link in page.all("ul.measure-titles a")]
    m1, m2, m4 = (dataset.measures.m1, dataset.measures.m2, dataset.measures.m4)
    assert sorted(links) == sorted(f"/dashboard/measures/{m.pk}/" for m in (m1, m2, m4))
    assert "Hidden" not in page.text("section[aria-labelledby=measures-heading]")


@pytest.mark.parametrize(
    ("url", "codes"),
    [("/dashboard/objectives/5/", ["GCM-5.1"]), ("/dashboard/round-tables/2/", ["GCM-8.1"])],
)
def test_objective_and_round_table_pages_list_their_indicators(
    client, dataset, indicators, url, codes
):
    page = Page(client.get(url))

    rows = _rows(page)
    assert list(rows) == codes
    assert rows[codes[0]][1] in ("150.5", "9")


def test_a_page_without_indicators_has_no_indicator_table(client, dataset, indicators):
    page = Page(client.get("/dashboard/objectives/1/"))

    assert page.all("table.indicators") == []


def test_an_approved_revision_shows_at_once_though_the_pages_are_cached(
    client, dataset, indicators
):
    def latest() -> tuple[str, str]:
        page = Page(client.get(PAGE))
        listed = _rows(Page(client.get("/dashboard/indicators/")))["GCM-5.1"][1]
        return page.text("p.latest-value"), listed

    assert latest() == ("150.5 persons (2025)", "150.5")
    revised = dataset_save_values(
        actor=officer(indicators.stat),
        dataset=indicators.revised,
        values=[ValueInput({}, Decimal("151"))],
    )
    assert latest() == ("150.5 persons (2025)", "150.5")

    entry_approve(actor=coordinator(), entry=revised)

    # A value is provisional unless its source says it is final.
    assert latest() == ("151 persons (2025, provisional)", "151 (provisional)")


def _revise_2025(indicators, **values: ValueInput) -> None:
    revised = dataset_save_values(
        actor=officer(indicators.stat), dataset=indicators.revised, values=list(values.values())
    )
    entry_approve(actor=coordinator(), entry=revised)


def test_final_values_carry_no_mark(client, dataset, indicators):
    for address in (PAGE, PAGE + "?by=sex", "/dashboard/indicators/"):
        page = Page(client.get(address))
        assert "provisional" not in page.response.content.decode()
        assert page.all(".value-notes") == []


def test_a_provisional_value_is_marked_and_a_note_is_shown(client, dataset, indicators):
    _revise_2025(
        indicators,
        total=ValueInput({}, Decimal("151"), note="Counted before the year's corrections."),
        female=ValueInput({"sex": "female"}, Decimal("81")),
        male=ValueInput({"sex": "male"}, Decimal("70"), status=ValueStatus.FINAL),
    )

    listed = _rows(Page(client.get("/dashboard/indicators/")))["GCM-5.1"]
    assert listed[1] == "151 (provisional)"
    page = Page(client.get(PAGE))
    assert page.text("p.latest-value") == "151 persons (2025, provisional)"
    assert page.text(".value-notes") == (
        "About these values "
        "The values of 2025 are provisional: the source may still revise them. "
        "Notes on the values: "
        "2025, Total: Counted before the year's corrections."
    )
    by_sex = Page(client.get(PAGE + "?by=sex"))
    assert by_sex.text(".value-notes") == (
        "About these values Provisional values, which the source may still revise: 2025: Female"
    )
