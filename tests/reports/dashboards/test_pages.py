"""What a committee member reads on each dashboard page, for the known dataset of conftest.py:
figures that match the data, in the Declaration's order, with the Compact's texts marked by
language."""

import pytest
from django.urls import reverse

from tests.reports.html import Page, text

pytestmark = pytest.mark.usefixtures("compact")

MINUS = "\u2212"


def get(client, url, **headers) -> Page:
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content.decode()[:2000]
    return Page(response)


def rows(page: Page, table: str) -> dict[str, list[str]]:
    """A table's body as {row header: [cell texts]}."""
    found = {}
    for row in page.all(f"{table} tbody tr"):
        header = [cell for cell in row if cell.tag.endswith("th")]
        cells = [cell for cell in row if cell.tag.endswith("td")]
        if header:
            found[text(header[0])] = [text(cell) for cell in cells]
    return found


def test_the_overview_shows_the_latest_cycle_against_the_previous_one(client, dataset):
    page = get(client, reverse("dashboard:overview"))

    assert page.text("#figure-measures .key-value") == "3"
    assert page.text("#figure-measures .key-change") == f"{MINUS}1 since National review 2023"
    assert page.text("#figure-organisations .key-value") == "2"
    assert page.text("#figure-organisations .key-change") == f"{MINUS}1 since National review 2023"
    assert page.text("#figure-objectives .key-value") == "3"
    assert page.text("#figure-objectives .key-change") == f"{MINUS}2 since National review 2023"
    assert page.text("#figure-pledges .key-value") == "3"
    assert page.text("#figure-pledges .key-change") == "+1 since National review 2023"
    assert page.text("#freshness") == (
        "1 measure has no approved progress update for National review 2025. "
        "1 open pledge has had no status update since the period began."
    )
    assert rows(page, "#status-heading ~ table.figures") == {
        "Planned": ["1", "0", "+1"],
        "Ongoing": ["1", "2", f"{MINUS}1"],
        "Completed": ["1", "1", "no change"],
        "Discontinued": ["0", "1", f"{MINUS}1"],
    }
    assert rows(page, "#pledges-heading ~ table.figures") == {
        "Not started": ["1", "1", "no change"],
        "In progress": ["1", "1", "no change"],
        "Fulfilled": ["1", "0", "+1"],
        "Withdrawn": ["0", "0", "no change"],
    }


def test_the_overview_of_an_earlier_cycle_has_nothing_to_compare_with(client, dataset):
    page = get(client, reverse("dashboard:overview") + "?cycle=national-2023")

    assert page.text("#figure-measures .key-value") == "4"
    assert page.text("#figure-organisations .key-value") == "3"
    assert page.text("#figure-objectives .key-value") == "5"
    assert page.text("#figure-pledges .key-value") == "2"
    assert page.all(".key-change") == []
    # No comparison table: the chart's data table gives the figures.
    assert page.all("#status-heading ~ table.figures") == []
    assert rows(page, "#status-heading ~ .chart-frame table.chart-data") == {
        "Planned": ["0"],
        "Ongoing": ["2"],
        "Completed": ["1"],
        "Discontinued": ["1"],
    }
    assert "3 measures have no approved progress update for National review 2023." in page.text(
        "#freshness"
    )


def test_the_heatmap_has_the_objectives_in_the_declarations_order_against_organisations(
    client, dataset
):
    page = get(client, reverse("dashboard:overview"))

    headers = page.texts("table.heatmap thead th")
    assert headers == ["Objective", "MOJ", "MOL", "All organisations"]
    objective_rows = page.all("table.heatmap tbody tr th[scope=row]")
    numbers = [
        int(page_text.split(".")[0]) for page_text in page.texts("th[scope=row] .objective-number")
    ]
    assert len(objective_rows) == 23
    assert numbers == [
        2,
        5,
        6,
        12,
        18,
        4,
        8,
        9,
        10,
        11,
        13,
        21,
        14,
        15,
        16,
        19,
        20,
        22,
        1,
        3,
        7,
        17,
        23,
    ]
    assert page.texts("table.heatmap th[scope=rowgroup]")[0].startswith("Round table 1")
    cells = rows(page, "table.heatmap")
    by_number = {
        header.split(".")[0]: values for header, values in cells.items() if header[0].isdigit()
    }
    assert by_number["2"] == ["1", "0", "1"]
    assert by_number["5"] == ["2", "1", "3"]
    assert by_number["8"] == ["0", "1", "1"]
    assert by_number["1"] == ["0", "0", "0"]
    assert "IDLE" not in headers
    idle = page.text(".organisation-names + p")
    assert "Ministry for Foreign Affairs" in idle
    assert "Agency with drafts only" in idle
    # The darkest shade for the largest count, the lightest non-empty for the smallest.
    assert page.all("table.heatmap td.heat-5")[0].findtext(".//{*}a") == "2"
    assert {cell.findtext(".//{*}a") for cell in page.all("table.heatmap td.heat-3")} == {"1"}


def test_the_overview_shows_the_figures_of_every_cycle_for_the_trends(client, dataset):
    page = get(client, reverse("dashboard:overview"))

    assert rows(page, "#trends-heading ~ table.figures") == {
        "National review 2025": ["3", "2", "1"],
        "National review 2023": ["4", "3", "3"],
    }
    assert page.all("figure#trends")


def test_a_round_table_page_counts_its_objectives(client, dataset):
    page = get(client, reverse("dashboard:round-table", args=[1]))

    assert page.text("h1") == "Round table 1 (objectives 2, 5, 6, 12 and 18)"
    assert "3 measures serve this round table's objectives." in page.text("#status-heading + p")
    table = {
        header.split(".")[0]: values for header, values in rows(page, "table.objectives").items()
    }
    assert table == {
        "2": ["1", "1"],
        "5": ["3", "1"],
        "6": ["0", "0"],
        "12": ["0", "0"],
        "18": ["0", "0"],
    }


def test_a_round_table_page_of_an_earlier_cycle(client, dataset):
    page = get(client, reverse("dashboard:round-table", args=[4]) + "?cycle=national-2023")

    assert "2 measures serve" in page.text("#status-heading + p")
    table = {
        header.split(".")[0]: values for header, values in rows(page, "table.objectives").items()
    }
    assert table["1"] == ["1", "1"]
    assert table["23"] == ["1", "0"]
    assert table["3"] == ["0", "0"]


def test_an_objective_page_shows_its_commitment_and_which_actions_measures_serve(client, dataset):
    m4 = dataset.measures.m4
    page = get(client, reverse("dashboard:objective", args=[5]))

    assert page.text("h1").startswith("Objective 5:")
    commitment = page.one("#commitment-heading ~ p[lang]")
    assert text(commitment).startswith("21.")
    assert "3 measures serve this objective." in page.text("#status-heading + p")
    assert page.texts("#served-heading ~ section h3") == ["Action a) (1 measure)"]
    # The title is in Swedish only, and marked as such.
    assert page.texts("#action-a .measure-titles li") == [f"{m4.title} (Swedish) (MOL)"]
    assert "2 measures serve the objective without naming one of its actions." in page.text(
        "#served-heading ~ p"
    )
    unserved = page.texts("#unserved-heading ~ ul li .action-letter")
    assert unserved[0] == "b)"
    assert "a)" not in unserved
    assert rows(page, "#pledges-heading ~ table.figures")["In progress"] == ["1"]


def test_an_objective_page_marks_compact_texts_shown_in_another_language(client, dataset):
    page = get(client, reverse("dashboard:objective", args=[5]), HTTP_ACCEPT_LANGUAGE="da")

    assert page.one("html").get("lang") == "da"
    assert page.one("#commitment-heading ~ p[lang]").get("lang") == "da"
    # Danish has no actions: they are shown in Norwegian and marked as such.
    assert page.one("#unserved-heading ~ ul li#action-b span[lang]").get("lang") == "nb"
    assert page.all("#unserved-heading ~ ul li#action-b .fallback-note")


def test_an_organisation_page_shows_its_measures_objectives_and_pledges(client, dataset):
    p1, p3 = dataset.pledges.p1, dataset.pledges.p3
    page = get(client, reverse("dashboard:organisation", args=["MOJ"]))

    assert page.text("h1") == "Ministry of Justice (MOJ)"
    assert "2 measures." in page.text("#status-heading + p")
    table = {
        header.split(".")[0]: values for header, values in rows(page, "table.objectives").items()
    }
    assert table == {"2": ["1"], "5": ["2"]}
    assert page.texts(".pledge-summaries li p[lang]") == [p3.text, p1.text]
    pledges = rows(page, "#pledges-heading ~ table.figures")
    assert pledges["In progress"] == ["1", "1", "no change"]
    assert pledges["Fulfilled"] == ["1", "0", "+1"]


def test_an_organisation_with_drafts_only_shows_nothing(client, dataset):
    page = get(client, reverse("dashboard:organisation", args=["IDLE"]))

    assert "0 measures." in page.text("#status-heading + p")
    assert page.all(".pledge-summaries") == []
    assert "Hidden" not in page.response.content.decode()


def test_the_measure_list_shows_each_measures_freshness(client, dataset):
    m = dataset.measures
    page = get(client, reverse("dashboard:measures"))

    ids = [int(row.get("data-id")) for row in page.all("table.entries tbody tr")]
    assert sorted(ids) == sorted([m.m1.pk, m.m2.pk, m.m3.pk, m.m4.pk, m.m5.pk])
    assert page.text("#results-heading") == "5 results"
    m1 = page.all(f"#measure-{m.m1.pk} td")
    assert text(m1[6]) == "National review 2025"
    m2 = page.all(f"#measure-{m.m2.pk} td")
    assert text(m2[6]) == "none for National review 2025"
    m5 = page.all(f"#measure-{m.m5.pk} td")
    assert text(m5[6]) == "National review 2023 none for National review 2025"
    assert page.all(f"#measure-{m.m1.pk} td time")[0].get("datetime")


def test_in_a_cycle_the_measure_list_shows_the_status_in_that_cycle(client, dataset):
    m = dataset.measures
    page = get(client, reverse("dashboard:measures") + "?cycle=national-2025&status=completed")

    assert [int(row.get("data-id")) for row in page.all("table.entries tbody tr")] == [m.m1.pk]
    assert text(page.all(f"#measure-{m.m1.pk} td")[4]) == "Completed"


def test_the_pledge_list_shows_each_pledges_status_update(client, dataset):
    p = dataset.pledges
    page = get(client, reverse("dashboard:pledges"))

    ids = [int(row.get("data-id")) for row in page.all("table.entries tbody tr")]
    assert sorted(ids) == sorted([p.p1.pk, p.p2.pk, p.p3.pk])
    assert "never" in text(page.all(f"#pledge-{p.p2.pk} td")[6])
    assert "not updated in National review 2025" in text(page.all(f"#pledge-{p.p2.pk} td")[6])
    assert "not updated" not in text(page.all(f"#pledge-{p.p1.pk} td")[6])


def test_the_filter_form_has_a_label_for_every_control(client, dataset):
    page = get(client, reverse("dashboard:measures"))

    labelled = {label.get("for") for label in page.all("form.dashboard-filters label")}
    controls = page.all("form.dashboard-filters select, form.dashboard-filters input")
    assert controls
    assert all(control.get("id") in labelled for control in controls)
    assert page.one("form.dashboard-filters").get("method") == "get"


def test_the_dashboards_stylesheets_are_linked_in_the_head_so_the_page_is_drawn_styled(
    client, dataset
):
    page = get(client, reverse("dashboard:overview"))

    sheets = [link.get("href") for link in page.all("head link[rel=stylesheet]")]
    assert sheets == [
        "/static/css/site.css",
        "/static/reports/charts.css",
        "/static/reports/dashboard.css",
    ]
    assert page.all("body link") == []


@pytest.mark.parametrize(
    ("name", "heading", "lead"),
    [
        ("measures", "Measures", "The approved measures of every ministry and agency."),
        ("pledges", "Pledges", "The approved pledges the government made"),
    ],
)
def test_each_list_says_what_it_holds_above_its_filters(client, dataset, name, heading, lead):
    page = get(client, reverse(f"dashboard:{name}"))

    assert page.text("h1") == heading
    assert page.text("p.lead").startswith(lead)
    assert page.texts("form.dashboard-filters h2") == ["Filter"]
    labels = page.texts("form.dashboard-filters label, form.dashboard-filters legend")
    assert {"Review cycle", "Lead organisation", "Objective", "Status"} <= set(labels)
