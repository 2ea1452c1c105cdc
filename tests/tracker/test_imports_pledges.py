"""Desk officers import pledges from a spreadsheet, as the pledge form asks them: all or
nothing, every problem named by row and column."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import OrganisationFactory, PledgeFactory, coordinator, officer
from tests.tracker.test_import_template_lists import _offered
from tests.tracker.test_imports import csv_file, xlsx_file
from tracker.exports import IMPORT_COLUMNS, pledges_export
from tracker.exports.import_columns import names
from tracker.imports import entries_import
from tracker.models import Pledge, PledgeStatus, PledgeType, WorkflowState

pytestmark = pytest.mark.usefixtures("compact")

PLEDGE_COLUMNS = names(IMPORT_COLUMNS["pledges"])
URL = "/entries/import/pledges/"


def good_pledge(number: int, **changes) -> dict:
    row = {
        "text": f"Sverige åtar sig att korta väntetiden för validering {number}.",
        "language": "sv",
        "text_en": f"Sweden pledges to shorten the wait for recognition {number}.",
        "lead_organisation": "",
        "co_pledging_organisations": "pes",
        "pledge_type": "process_oriented",
        "objectives": "18; 16",
        "made_on": "20.05.2022",
        "occasion": "IMRF 2022",
        "network_reference": f"IMRF-{number}",
        "status": "In progress",
        "status_narrative": "Tolv veckor i stället för tjugo.",
        "status_updated_on": "2025-03-31",
    }
    row.update(changes)
    return row


def pledges_file(rows, **kwargs):
    return xlsx_file(rows, header=PLEDGE_COLUMNS, name="pledges.xlsx", **kwargs)


@pytest.fixture
def desk_officer():
    OrganisationFactory(code="PES")
    return officer(organisation=OrganisationFactory(code="MOL"))


def test_forty_rows_become_forty_draft_pledges_of_the_officers_organisation(desk_officer):
    rows = [good_pledge(number) for number in range(1, 41)]

    result = entries_import(actor=desk_officer, kind="pledges", uploaded_file=pledges_file(rows))

    assert result.errors == []
    assert Pledge.objects.count() == 40
    pledge = Pledge.objects.get(network_reference="IMRF-40")
    assert pledge.text == "Sverige åtar sig att korta väntetiden för validering 40."
    assert pledge.workflow_state == WorkflowState.DRAFT
    assert pledge.lead_organisation == desk_officer.organisation
    assert pledge.created_by == desk_officer
    assert [o.code for o in pledge.co_pledging_organisations.all()] == ["PES"]
    assert sorted(o.number for o in pledge.objectives.all()) == [16, 18]
    assert (pledge.pledge_type, pledge.status) == (
        PledgeType.PROCESS_ORIENTED,
        PledgeStatus.IN_PROGRESS,
    )
    assert pledge.made_on == datetime.date(2022, 5, 20)
    assert pledge.status_updated_on == datetime.date(2025, 3, 31)
    assert pledge.history.count() == 1


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"text": " "}, "text", "Required"),
        ({"language": "fr"}, "language", "fr is not a language"),
        ({"pledge_type": "promise"}, "pledge_type", "promise is not a type of pledge"),
        ({"pledge_type": ""}, "pledge_type", "Required"),
        ({"objectives": "24"}, "objectives", "24 is not an objective of the Compact (1 to 23)."),
        ({"objectives": ""}, "objectives", "Required"),
        ({"made_on": "last spring"}, "made_on", "last spring is not a date"),
        ({"made_on": ""}, "made_on", "Required"),
        ({"occasion": ""}, "occasion", "Required"),
        ({"status": "done"}, "status", "done is not a status of a pledge"),
        ({"status_updated_on": "2025-02-30"}, "status_updated_on", "2025-02-30 is not a date"),
        ({"lead_organisation": "PES"}, "lead_organisation", "your own organisation: write MOL"),
        ({"co_pledging_organisations": "NOPE"}, "co_pledging_organisations", "the code NOPE"),
        (
            {"co_pledging_organisations": "MOL"},
            "co_pledging_organisations",
            "The lead organisation cannot also be a co-pledging organisation.",
        ),
        ({"occasion": "x" * 201}, "occasion", "at most 200 characters"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column_and_nothing_is_saved(
    desk_officer, changes, column, message
):
    rows = [good_pledge(1), good_pledge(2), good_pledge(3, **changes)]

    result = entries_import(actor=desk_officer, kind="pledges", uploaded_file=pledges_file(rows))

    assert [(error.row, error.column) for error in result.errors] == [(4, column)]
    assert message in result.errors[0].message
    assert Pledge.objects.count() == 0
    assert Pledge.history.count() == 0


def test_a_sheet_without_the_columns_the_form_requires_is_refused(desk_officer):
    header = [name for name in PLEDGE_COLUMNS if name not in ("made_on", "occasion")]

    result = entries_import(
        actor=desk_officer, kind="pledges", uploaded_file=csv_file([good_pledge(1)], header)
    )

    assert [str(error) for error in result.errors] == [
        "The sheet has no column made_on, occasion; these columns are required."
    ]


def test_the_pledge_export_imports_back_as_new_pledges(desk_officer):
    originals = [
        PledgeFactory(lead_organisation=desk_officer.organisation, objectives=[5, 7])
        for _ in range(3)
    ]
    exported = pledges_export(Pledge.objects.filter(pk__in=[p.pk for p in originals]), "csv")

    result = entries_import(
        actor=desk_officer,
        kind="pledges",
        uploaded_file=SimpleUploadedFile("pledges.csv", b"".join(exported.streaming_content)),
    )

    assert result.errors == []
    assert Pledge.objects.count() == 6
    assert {p.text for p in result.entries} == {p.text for p in originals}


def test_the_page_imports_a_good_file_and_lands_on_my_entries(client, desk_officer):
    client.force_login(desk_officer)

    response = client.post(URL, {"file": pledges_file([good_pledge(1), good_pledge(2)])})

    assert response.status_code == 302
    assert response.url == "/entries/"
    assert [str(m) for m in response.wsgi_request._messages] == ["2 pledges imported as drafts."]


def test_the_page_lists_a_bad_files_problems_by_row_and_column(client, desk_officer):
    client.force_login(desk_officer)

    response = client.post(URL, {"file": pledges_file([good_pledge(1, pledge_type="gift")])})

    html = response.content.decode()
    assert "<h1>Import pledges from a spreadsheet</h1>" in html
    assert '<tr><th scope="row">2</th><td>pledge_type</td><td>gift is not a type of pledge' in html
    assert 'href="/entries/import/pledges/template.xlsx"' in html
    assert Pledge.objects.count() == 0


def test_other_roles_are_forbidden_the_pledge_import(client):
    client.force_login(coordinator())

    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}template.xlsx").status_code == 403


def test_the_excel_template_offers_the_pledge_codes_and_its_example_imports(client, desk_officer):
    client.force_login(desk_officer)

    response = client.get(reverse("imports:pledges-template", args=["xlsx"]))

    assert response["Content-Disposition"].startswith(
        'attachment; filename="pledges-import-template-'
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    pledges, help_sheet = workbook.worksheets
    assert [cell.value for cell in pledges[1]] == list(PLEDGE_COLUMNS)
    lists = {
        PLEDGE_COLUMNS[openpyxl.utils.column_index_from_string(str(v.sqref)[0]) - 1]: v
        for v in pledges.data_validations.dataValidation
    }
    assert _offered(workbook, lists["pledge_type"]) == PledgeType.values
    assert _offered(workbook, lists["status"]) == PledgeStatus.values
    assert _offered(workbook, lists["language"]) == ["en", "sv", "nb", "da"]
    help_rows = list(help_sheet.iter_rows(values_only=True))
    described = {row[0]: row for row in help_rows[1 : len(PLEDGE_COLUMNS) + 1]}
    assert [name for name, row in described.items() if row[1] == "yes"] == [
        "text",
        "language",
        "pledge_type",
        "objectives",
        "made_on",
        "occasion",
        "status",
    ]
    pledges.append([described[column][3] for column in PLEDGE_COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = entries_import(
        actor=desk_officer,
        kind="pledges",
        uploaded_file=SimpleUploadedFile("filled.xlsx", buffer.getvalue()),
    )
    assert result.errors == []
    assert Pledge.objects.get().occasion == "IMRF 2022"
