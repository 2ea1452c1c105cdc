"""The measure and pledge lists as CSV and XLSX: exactly the filtered rows, on every page."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.factories import MeasureFactory, PledgeFactory
from tests.tracker.api.conftest import client_for
from tracker.exports import XLSX_CONTENT_TYPE
from tracker.models import WorkflowState

pytestmark = pytest.mark.usefixtures("compact")
APPROVED = WorkflowState.APPROVED


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def xlsx_rows(response) -> list[dict]:
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture
def many_measures(own, other):
    """More matching measures than fit on one page, and some that do not match."""
    matching = [
        MeasureFactory(lead_organisation=own, objectives=[5], workflow_state=APPROVED)
        for _ in range(55)
    ]
    MeasureFactory.create_batch(4, lead_organisation=own, objectives=[7], workflow_state=APPROVED)
    drafts = MeasureFactory.create_batch(3, lead_organisation=own, objectives=[5])
    MeasureFactory.create_batch(2, lead_organisation=other, objectives=[5])
    return {"matching": matching, "own_drafts": drafts}


def test_the_csv_export_holds_every_filtered_row_not_just_a_page(many_measures):
    response = client_for().get("/api/v1/measures/", {"objective": 5, "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert sorted(int(row["id"]) for row in rows) == sorted(m.pk for m in many_measures["matching"])
    assert {row["objectives"] for row in rows} == {"5"}


def test_the_xlsx_export_is_chosen_by_the_accept_header_too(users, many_measures):
    client = client_for(users["own_officer"])

    response = client.get(
        "/api/v1/measures/",
        {"objective": 5, "workflow_state": "draft"},
        HTTP_ACCEPT=XLSX_CONTENT_TYPE,
    )

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert sorted(row["id"] for row in xlsx_rows(response)) == sorted(
        m.pk for m in many_measures["own_drafts"]
    )


def test_the_pledge_export_follows_the_filters(own):
    fulfilled = PledgeFactory.create_batch(
        3, lead_organisation=own, status="fulfilled", workflow_state=APPROVED
    )
    PledgeFactory(lead_organisation=own, status="in_progress", workflow_state=APPROVED)
    PledgeFactory(lead_organisation=own, status="fulfilled")

    response = client_for().get("/api/v1/pledges/", {"status": "fulfilled", "format": "xlsx"})

    assert response.status_code == 200
    assert sorted(row["id"] for row in xlsx_rows(response)) == sorted(p.pk for p in fulfilled)


def test_an_export_with_a_bad_filter_answers_a_readable_error(many_measures):
    response = client_for().get("/api/v1/measures/", {"status": "asleep", "format": "csv"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "status" in response.json()


@pytest.mark.parametrize(
    "url", ["/api/v1/measures/?format=pdf", "/api/v1/measures/{pk}/?format=csv"]
)
def test_only_the_lists_export_and_only_as_csv_or_xlsx(many_measures, url):
    pk = many_measures["matching"][0].pk

    assert client_for().get(url.format(pk=pk)).status_code == 404
