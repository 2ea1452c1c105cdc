"""The spreadsheet's EU Pact column: codes separated as the objectives are, an unknown code
named by row and column with nothing saved, and the export writing the codes and their names
so that an exported sheet imports back."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from compact.models import PactItem
from tests.factories import MeasureFactory, OrganisationFactory, PledgeFactory, officer
from tests.tracker.test_exports import csv_rows
from tests.tracker.test_imports import csv_file, good_row, xlsx_file
from tests.tracker.test_imports_pledges import good_pledge, pledges_file
from tracker.exports import measures_export, pledges_export
from tracker.imports import RowError, entries_import, measures_import
from tracker.models import Measure, Pledge

pytestmark = pytest.mark.usefixtures("compact", "pact")


@pytest.fixture
def desk_officer():
    return officer(organisation=OrganisationFactory(code="MOL"))


def test_a_row_links_its_measure_to_the_pact_items_of_its_column(desk_officer):
    rows = [good_row(1, pact_items="ACT-04; iii.2.c, V.a"), good_row(2)]

    result = measures_import(actor=desk_officer, uploaded_file=xlsx_file(rows))

    assert result.errors == []
    first, second = Measure.objects.order_by("title")
    assert sorted(first.pact_items.values_list("code", flat=True)) == ["ACT-04", "III.2.c", "V.a"]
    assert not second.pact_items.exists()


def test_an_unknown_pact_code_is_named_by_row_and_column_and_nothing_is_saved(desk_officer):
    rows = [good_row(1, pact_items="ACT-04"), good_row(2, pact_items="III.2; ACT-12")]

    result = measures_import(actor=desk_officer, uploaded_file=csv_file(rows))

    assert not Measure.objects.exists()
    assert [(error.row, error.column) for error in result.errors] == [(3, "pact_items")]
    assert result.errors[0].message.startswith("ACT-12: not an item of the EU Pact")
    assert isinstance(result.errors[0], RowError)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_export_writes_codes_and_names_and_imports_back(desk_officer, file_format):
    measure = MeasureFactory(lead_organisation=desk_officer.organisation, objectives=[11])
    measure.pact_items.set(PactItem.objects.filter(code__in=["ACT-04", "II.1"]))

    content = measures_export(Measure.objects.all(), file_format).getvalue()

    rows = csv_rows(content) if file_format == "csv" else xlsx_rows(content)
    act, section = PactItem.objects.get(code="ACT-04"), PactItem.objects.get(code="II.1")
    assert (rows[0]["pact_items"], rows[0]["pact_item_names"]) == (
        "II.1; ACT-04",
        f"{section.title_sv}; {act.title_sv}",
    )
    exported = SimpleUploadedFile(f"export.{file_format}", content)
    result = measures_import(actor=desk_officer, uploaded_file=exported)
    assert result.errors == []
    (copy,) = result.measures
    assert sorted(copy.pact_items.values_list("code", flat=True)) == ["ACT-04", "II.1"]


def xlsx_rows(content: bytes) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    return [
        dict(zip(header, (cell.value for cell in row), strict=True))
        for row in sheet.iter_rows(min_row=2)
    ]


def test_a_pledge_row_links_its_pledge_to_pact_items_and_an_unknown_code_saves_nothing(
    desk_officer,
):
    good = pledges_file(
        [
            good_pledge(1, pact_items="ACT-04; II.1", co_pledging_organisations=""),
            good_pledge(2, co_pledging_organisations=""),
        ]
    )
    result = entries_import(actor=desk_officer, kind="pledges", uploaded_file=good)

    assert result.errors == []
    first = Pledge.objects.get(network_reference="IMRF-1")
    assert sorted(first.pact_items.values_list("code", flat=True)) == ["ACT-04", "II.1"]
    Pledge.objects.all().delete()

    bad = pledges_file(
        [
            good_pledge(1, pact_items="ACT-04", co_pledging_organisations=""),
            good_pledge(2, pact_items="ACT-12", co_pledging_organisations=""),
        ]
    )
    result = entries_import(actor=desk_officer, kind="pledges", uploaded_file=bad)

    assert not Pledge.objects.exists()
    assert [(error.row, error.column) for error in result.errors] == [(3, "pact_items")]
    assert result.errors[0].message.startswith("ACT-12: not an item of the EU Pact")


def test_an_exported_pledge_imports_back_with_its_pact_items(desk_officer):
    pledge = PledgeFactory(lead_organisation=desk_officer.organisation, objectives=[5])
    pledge.pact_items.set(PactItem.objects.filter(code__in=["ACT-04", "II.1"]))

    exported = pledges_export(Pledge.objects.filter(pk=pledge.pk), "csv")
    content = b"".join(exported.streaming_content)
    result = entries_import(
        actor=desk_officer,
        kind="pledges",
        uploaded_file=SimpleUploadedFile("pledges.csv", content),
    )

    assert result.errors == []
    (copy,) = result.entries
    assert sorted(copy.pact_items.values_list("code", flat=True)) == ["ACT-04", "II.1"]
