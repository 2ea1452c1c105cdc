"""The dashboards are public: a draft, submitted, returned or withdrawn entry never shows and
is never counted, on any page or in any download, and nothing names who entered or reviewed
an entry."""

import csv
import io

import pytest
from django.urls import reverse

from tests.reports.factories import measure, update
from tests.reports.html import Page
from tracker.models import MeasureStatus, WorkflowState

pytestmark = pytest.mark.usefixtures("compact")

PAGES = [
    "/dashboard/",
    "/dashboard/?cycle=national-2023",
    "/dashboard/round-tables/1/",
    "/dashboard/round-tables/4/?cycle=national-2023",
    "/dashboard/objectives/5/",
    "/dashboard/objectives/23/?cycle=national-2023",
    "/dashboard/organisations/MOJ/",
    "/dashboard/organisations/IDLE/",
    "/dashboard/organisations/MOL/",
    "/dashboard/measures/",
    "/dashboard/measures/?cycle=national-2025&objective=5",
    "/dashboard/measures/?q=Hidden",
    "/dashboard/pledges/",
    "/dashboard/pledges/?q=Hidden",
]


@pytest.mark.parametrize("url", PAGES)
def test_no_page_shows_an_entry_that_is_not_approved_nor_who_made_it(client, dataset, url):
    reviewer = dataset.measures.m1.reviewed_by
    response = client.get(url)

    content = response.content.decode()
    assert response.status_code == 200
    for entry in dataset.hidden:
        assert entry.title not in content
    for entry in dataset.hidden_pledges:
        assert entry.text not in content
    assert "review comment" not in content.lower()
    assert reviewer is None or reviewer.username not in content


@pytest.mark.parametrize(
    "state", [WorkflowState.DRAFT, WorkflowState.SUBMITTED, WorkflowState.RETURNED, "withdrawn"]
)
def test_an_entry_that_is_not_approved_changes_no_figure(client, dataset, state):
    """Every page's figures are the same with one more hidden measure serving objective 5 of
    an organisation that has approved ones."""
    urls = [url for url in PAGES if "q=" not in url]
    before = {url: _figures(client, url) for url in urls}
    fields = {"archived_at": dataset.measures.m1.created_at} if state == "withdrawn" else {}
    extra = measure(
        dataset.organisations.mol,
        [5, 6],
        actions=["5b"],
        state=WorkflowState.APPROVED if state == "withdrawn" else state,
        title="Another hidden one",
        **fields,
    )
    update(extra, dataset.cycles.new, status=MeasureStatus.COMPLETED)

    assert {url: _figures(client, url) for url in urls} == before


def _figures(client, url) -> str:
    """The page without the parts that legitimately change between two requests."""
    page = Page(client.get(url))
    return "|".join(
        page.texts("main td, main .key-value, main .key-change, main #freshness, main h2, main h3")
    )


def test_a_draft_progress_update_changes_neither_status_nor_freshness(client, dataset):
    # m2 has a draft update for 2025 saying "completed"; it stays planned and stale.
    page = Page(client.get(reverse("dashboard:measures") + "?cycle=national-2025&status=planned"))

    assert [int(row.get("data-id")) for row in page.all("table.entries tbody tr")] == [
        dataset.measures.m2.pk
    ]
    assert "none for National review 2025" in page.text(f"#measure-{dataset.measures.m2.pk}")


@pytest.mark.parametrize("kind", ["measures", "pledges"])
def test_the_downloads_hold_approved_entries_only(client, dataset, kind):
    response = client.get(reverse(f"dashboard:{kind}") + "?format=csv")

    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert response.status_code == 200
    hidden = dataset.hidden if kind == "measures" else dataset.hidden_pledges
    assert not {str(entry.pk) for entry in hidden} & {row["ID"] for row in rows}
    assert len(rows) == (5 if kind == "measures" else 3)
