"""Desk officers import progress updates from a spreadsheet: each row names one of their
organisation's measures by the id the measure export gives it, and an open cycle by its slug.
All or nothing; no update of another ministry's measure."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    ProgressUpdateFactory,
    ReviewCycleFactory,
    committee_reader,
    officer,
)
from tests.tracker.test_imports import good_row, xlsx_file
from tests.tracker.test_imports_pledges import good_pledge, pledges_file
from tracker.exports import IMPORT_COLUMNS
from tracker.exports.import_columns import names
from tracker.imports import entries_import, measures_import
from tracker.models import MeasureStatus, ProgressUpdate, WorkflowState

pytestmark = pytest.mark.usefixtures("compact")

UPDATE_COLUMNS = names(IMPORT_COLUMNS["updates"])
URL = "/entries/import/updates/"


@pytest.fixture
def ministry():
    return OrganisationFactory(code="MOL")


@pytest.fixture
def desk_officer(ministry):
    return officer(organisation=ministry)


@pytest.fixture
def cycle():
    return ReviewCycleFactory(slug="national-2025", name="National review 2025")


@pytest.fixture
def measures(ministry):
    return [MeasureFactory(lead_organisation=ministry) for _ in range(3)]


def good_update(for_measure, in_cycle, **changes) -> dict:
    row = {
        "measure": for_measure.pk,
        "cycle": in_cycle.slug,
        "status": "ongoing",
        "narrative": f"Tre kommuner har börjat: {for_measure.title}.",
        "results": "120 deltagare.",
        "challenges": "",
        "narrative_en": "Three municipalities have started.",
        "results_en": "",
        "challenges_en": "",
    }
    row.update(changes)
    return row


def updates_file(rows):
    return xlsx_file(rows, header=UPDATE_COLUMNS, name="updates.xlsx")


def test_each_row_becomes_a_draft_update_of_its_measure_in_its_cycle(desk_officer, measures, cycle):
    rows = [good_update(measure, cycle) for measure in measures]

    result = entries_import(actor=desk_officer, kind="updates", uploaded_file=updates_file(rows))

    assert result.errors == []
    updates = ProgressUpdate.objects.order_by("measure_id")
    assert [update.measure for update in updates] == measures
    assert {update.cycle for update in updates} == {cycle}
    update = updates.last()
    assert update.workflow_state == WorkflowState.DRAFT
    assert update.created_by == desk_officer
    assert (update.status, update.results) == (MeasureStatus.ONGOING, "120 deltagare.")
    assert update.narrative == f"Tre kommuner har börjat: {measures[-1].title}."


def test_an_officer_cannot_import_an_update_of_another_ministrys_measure(
    desk_officer, measures, cycle
):
    theirs = MeasureFactory(lead_organisation=OrganisationFactory(code="MOJ"))
    approved = MeasureFactory(
        lead_organisation=theirs.lead_organisation, workflow_state=WorkflowState.APPROVED
    )
    rows = [good_update(measures[0], cycle), good_update(theirs, cycle)]
    rows.append(good_update(approved, cycle))

    result = entries_import(actor=desk_officer, kind="updates", uploaded_file=updates_file(rows))

    assert [(error.row, error.column, error.message) for error in result.errors] == [
        (3, "measure", f"Your organisation has no measure with the id {theirs.pk}."),
        (4, "measure", f"Your organisation has no measure with the id {approved.pk}."),
    ]
    assert ProgressUpdate.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"measure": "twelve"}, "measure", "twelve is not a measure's id"),
        ({"measure": ""}, "measure", "Required"),
        ({"measure": 999999}, "measure", "Your organisation has no measure with the id 999999."),
        ({"cycle": "national-1999"}, "cycle", "national-1999 is not a review cycle"),
        ({"cycle": ""}, "cycle", "Required"),
        ({"status": "done"}, "status", "done is not a status"),
        ({"narrative": ""}, "narrative", "Required"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column_and_nothing_is_saved(
    desk_officer, measures, cycle, changes, column, message
):
    rows = [good_update(measures[0], cycle), good_update(measures[1], cycle, **changes)]

    result = entries_import(actor=desk_officer, kind="updates", uploaded_file=updates_file(rows))

    assert [(error.row, error.column) for error in result.errors] == [(3, column)]
    assert message in result.errors[0].message
    assert ProgressUpdate.objects.count() == 0


def test_a_closed_cycle_or_a_withdrawn_measure_takes_no_update(desk_officer, measures, cycle):
    closed = ReviewCycleFactory(slug="national-2023", name="Review 2023", closed_at=timezone.now())
    measures[2].archived_at = timezone.now()
    measures[2].save()
    rows = [good_update(measures[0], closed), good_update(measures[2], cycle)]

    result = entries_import(actor=desk_officer, kind="updates", uploaded_file=updates_file(rows))

    assert [(error.row, error.column, error.message) for error in result.errors] == [
        (
            2,
            "cycle",
            "Review 2023 is closed; its progress updates can no longer be added or changed.",
        ),
        (
            3,
            "measure",
            f"Measure {measures[2].pk} takes no progress update now: it is withdrawn, or its "
            "withdrawal waits for review.",
        ),
    ]


def test_a_second_update_of_a_measure_in_a_cycle_is_refused(desk_officer, measures, cycle):
    ProgressUpdateFactory(measure=measures[1], cycle=cycle)
    rows = [
        good_update(measures[0], cycle),
        good_update(measures[0], cycle),
        good_update(measures[1], cycle),
    ]

    result = entries_import(actor=desk_officer, kind="updates", uploaded_file=updates_file(rows))

    assert [(error.row, error.column) for error in result.errors] == [(3, "cycle"), (4, "cycle")]
    assert "already has an update for National review 2025" in result.errors[0].message
    assert ProgressUpdate.objects.count() == 1


def test_the_page_imports_a_good_file_and_lands_on_my_entries(
    client, desk_officer, measures, cycle
):
    client.force_login(desk_officer)

    response = client.post(URL, {"file": updates_file([good_update(measures[0], cycle)])})

    assert response.status_code == 302
    assert [str(m) for m in response.wsgi_request._messages] == [
        "1 progress update imported as a draft."
    ]


def test_other_roles_are_forbidden_the_update_import(client):
    client.force_login(committee_reader())

    assert client.post(URL).status_code == 403
    assert client.get(f"{URL}template.csv").status_code == 403


def test_the_template_lists_the_officers_own_measures_and_its_example_imports(
    client, desk_officer, measures, cycle
):
    theirs = MeasureFactory(lead_organisation=OrganisationFactory(code="MOJ"), title="Theirs")
    client.force_login(desk_officer)

    response = client.get(reverse("imports:updates-template", args=["xlsx"]))

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet, help_sheet = workbook.worksheets
    assert [cell.value for cell in sheet[1]] == list(UPDATE_COLUMNS)
    help_rows = list(help_sheet.iter_rows(values_only=True))
    listed = help_rows[help_rows.index(("Your measures", None, None, None)) + 1 :]
    assert [row[0] for row in listed] == [measure.pk for measure in measures]
    assert theirs.pk not in [row[0] for row in help_rows]
    assert ("national-2025", None, "National review 2025", None) in help_rows
    csv = client.get(reverse("imports:updates-template", args=["csv"])).content
    result = entries_import(
        actor=desk_officer, kind="updates", uploaded_file=SimpleUploadedFile("u.csv", csv)
    )
    assert result.errors == []
    assert ProgressUpdate.objects.get().measure == measures[0]


def _queries_per_row(import_file) -> float:
    """The import's queries for 12 rows less those for 2, per row."""
    counts = []
    for rows in (2, 12):
        upload = import_file(rows)
        with CaptureQueriesContext(connection) as context:
            result = upload()
        assert result.errors == []
        counts.append(len(context.captured_queries))
    return (counts[1] - counts[0]) / 10


def test_an_import_of_pledges_or_updates_grows_per_row_no_more_than_the_measure_import(
    desk_officer, cycle, ministry
):
    OrganisationFactory(code="PES")
    measures = [MeasureFactory(lead_organisation=ministry) for _ in range(14)]
    used = iter(measures)

    def measure_rows(count):
        upload = xlsx_file([good_row(n) for n in range(count)])
        return lambda: measures_import(actor=desk_officer, uploaded_file=upload)

    def pledge_rows(count):
        upload = pledges_file([good_pledge(n) for n in range(count)])
        return lambda: entries_import(actor=desk_officer, kind="pledges", uploaded_file=upload)

    def update_rows(count):
        upload = updates_file([good_update(next(used), cycle) for _ in range(count)])
        return lambda: entries_import(actor=desk_officer, kind="updates", uploaded_file=upload)

    per_measure = _queries_per_row(measure_rows)

    assert _queries_per_row(pledge_rows) <= per_measure
    assert _queries_per_row(update_rows) <= per_measure
