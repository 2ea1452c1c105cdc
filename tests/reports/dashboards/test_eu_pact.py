"""The EU Pact's dashboard (/dashboard/eu-pact/): every legal act and operational section with
the chosen cycle's published measures by status and the gaps; the Pact items against the lead
organisations and against the Compact's objectives, each number linked to the measures it
counts; published records only; the same queries for few measures as for many."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compact.models import PactItem
from tests.factories import coordinator, officer
from tests.reports.dashboards.test_lists import listed
from tests.reports.dashboards.test_query_counts import MAX_QUERIES, grow
from tests.reports.dashboards.test_record_pages import approve_edit, get
from tracker.models import PublishedMeasure
from tracker.services.measures import measure_update
from tracker.services.workflow import entry_approve

pytestmark = pytest.mark.usefixtures("compact", "pact")

URL = "/dashboard/eu-pact/"


def _items(*codes) -> list[PactItem]:
    return list(PactItem.objects.filter(code__in=codes))


@pytest.fixture
def linked(dataset):
    """In national-2025: m1 (MOJ, objectives 2 and 5, completed) serves ACT-04 and III.2;
    m4 (MOL, objectives 5 and 8, ongoing) serves ACT-04."""
    m = dataset.measures
    return (
        approve_edit(m.m1, pact_items=_items("ACT-04", "III.2")),
        approve_edit(m.m4, pact_items=_items("ACT-04")),
    )


def _row(page, code: str) -> list[str]:
    """The cells of the item's row in the table of measures per Pact item."""
    (row,) = [
        row
        for row in page.all("table.pact-items tbody tr")
        if "".join(row[0].itertext()).strip() == code
    ]
    return [re.sub(r"\s+", " ", "".join(cell.itertext())).strip() for cell in row]


def _matrix(page, table: str) -> dict[str, list[str]]:
    """Each row of a matrix: the item's code and the numbers in its cells."""
    rows = {}
    for row in page.all(f"#{table} tbody tr"):
        texts = ["".join(cell.itertext()).strip() for cell in row]
        rows[texts[0].split()[0]] = texts[1:]
    return rows


def test_each_act_and_section_shows_its_measures_by_status_and_the_gaps(client, linked):
    page = get(client, URL, HTTP_ACCEPT_LANGUAGE="en")

    # Code, title, measures, then planned, ongoing, completed, discontinued.
    assert _row(page, "ACT-04")[2:] == ["2", "0", "1", "1", "0"]
    assert _row(page, "III.2")[2:] == ["1", "0", "0", "1", "0"]
    assert _row(page, "ACT-05")[2:] == ["0 gap: no measure", "0", "0", "0", "0"]
    (link,) = [a.get("href") for a in page.all("table.pact-items a") if a.text == "2"]
    assert link == "/dashboard/measures/?cycle=national-2025&pact_item=ACT-04"
    assert "48 items have no measure in this cycle" in page.text("#pact-items-heading + p")


def test_a_measure_linked_to_both_frameworks_counts_on_both_dashboards(client, dataset, linked):
    m1 = dataset.measures.m1
    pact_page = get(client, URL)
    objective_page = get(client, "/dashboard/objectives/5/")

    # m1 serves the act ACT-04 (with m4) and objective 5 (with m2 and m4).
    assert _row(pact_page, "ACT-04")[2] == "2"
    assert "3 measures serve this objective." in objective_page.text("#status-heading + p")
    pact_list = "/dashboard/measures/?cycle=national-2025&pact_item=ACT-04"
    objective_list = "/dashboard/measures/?cycle=national-2025&objective=5"
    assert m1.pk in listed(client, pact_list)
    assert m1.pk in listed(client, objective_list)
    assert _matrix(pact_page, "pact-crosswalk")["ACT-04"][1] == "2"  # objective 5


def test_the_crosswalk_counts_the_measures_serving_both_an_item_and_an_objective(client, linked):
    page = get(client, URL)

    header = page.texts("#pact-crosswalk thead th")
    assert header == ["Pact item", "Objective 2", "Objective 5", "Objective 8"]
    rows = _matrix(page, "pact-crosswalk")
    assert rows["ACT-04"] == ["1", "2", "1"]
    assert rows["III.2"] == ["1", "1", "0"]
    assert rows["ACT-05"] == ["0", "0", "0"]
    assert "III.2.a" not in rows  # a sub-heading no measure serves
    (cell,) = [a for a in page.all("#pact-crosswalk tbody a") if a.text == "2"]
    url = cell.get("href")
    assert url == "/dashboard/measures/?cycle=national-2025&pact_item=ACT-04&objective=5"
    assert sorted(listed(client, url)) == sorted(m.pk for m in linked)


def test_the_coverage_matrix_links_each_number_to_the_filtered_list(client, dataset, linked):
    page = get(client, URL)

    assert page.texts("#pact-organisations thead th") == ["Pact item", "MOJ", "MOL"]
    assert _matrix(page, "pact-organisations")["ACT-04"] == ["1", "1"]
    links = {a.get("href") for a in page.all("#pact-organisations tbody td a")}
    moj = "/dashboard/measures/?cycle=national-2025&pact_item=ACT-04&organisation=MOJ"
    mol = "/dashboard/measures/?cycle=national-2025&pact_item=ACT-04&organisation=MOL"
    iii2 = "/dashboard/measures/?cycle=national-2025&pact_item=III.2&organisation=MOJ"
    assert links == {moj, mol, iii2}
    assert listed(client, moj) == [dataset.measures.m1.pk]
    assert listed(client, mol) == [dataset.measures.m4.pk]


def test_an_edit_adding_a_pact_item_shows_only_once_approved(client, dataset, linked):
    m2 = dataset.measures.m2
    edited = measure_update(
        actor=officer(m2.lead_organisation),
        measure=m2,
        expected_version=m2.version,
        data={"pact_items": _items("ACT-05")},
    )
    assert _row(get(client, URL), "ACT-05")[2] == "0 gap: no measure"

    entry_approve(actor=coordinator(), entry=edited, expected_version=edited.version)
    assert _row(get(client, URL), "ACT-05")[2:4] == ["1", "1"]  # planned


def test_the_swedish_titles_are_marked_on_the_english_page_and_not_on_the_swedish(client, linked):
    english = get(client, URL, HTTP_ACCEPT_LANGUAGE="en")
    act = PactItem.objects.get(code="ACT-04")
    titles = [span for span in english.all("table.pact-items th span") if span.text == act.title_sv]
    assert titles
    assert all(span.get("lang") == "sv" for span in titles)
    notes = english.texts("main .fallback-note")
    assert "Not available in the chosen language; shown in Swedish." in notes
    assert "(Swedish)" in notes  # beside each part's title

    swedish = get(client, URL, HTTP_ACCEPT_LANGUAGE="sv")
    # The Pact's texts are Swedish: nothing of them is marked (the test cycles' names, in
    # English only, are, as everywhere on the dashboards).
    assert swedish.all("table.pact-items .fallback-note") == []
    assert swedish.all("main h2 .fallback-note") == []
    assert not any("svenska" in note for note in swedish.texts("main .fallback-note"))


def test_the_overview_links_to_the_page_keeping_the_chosen_cycle(client, linked):
    page = get(client, "/dashboard/?cycle=national-2023")
    links = [a.get("href") for a in page.all(".dashboard-nav a")]
    assert reverse("dashboard:eu-pact") + "?cycle=national-2023" in links


def _link_every_measure() -> None:
    acts = _items("ACT-01", "ACT-04", "III.2", "III.2.a")
    for record in PublishedMeasure.objects.filter(pact_items__isnull=True):
        record.pact_items.set(acts)


def test_the_page_takes_the_same_queries_for_few_and_many_measures(client, dataset, linked):
    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = [URL, f"{URL}?cycle=national-2023"]
    grow(dataset, 1)
    _link_every_measure()
    few = [count(url) for url in urls]
    grow(dataset, 60)
    _link_every_measure()
    many = [count(url) for url in urls]

    assert few == many
    assert max(many) <= MAX_QUERIES
    assert _row(get(client, URL), "ACT-01")[2] == "62"  # the 61 grown and m2


def test_the_figures_come_from_the_cache_until_the_next_approval(client, dataset, linked):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    first = count()
    # The three grouped counts are read from the cache; the Pact, the cycles and the
    # organisations are still read.
    assert count() == first - 3
    approve_edit(dataset.measures.m2, pact_items=_items("ACT-05"))
    assert count() == first
