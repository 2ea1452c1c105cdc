"""Importing indicator values in the tidy long format: a good file becomes datasets under
review; any bad row (unknown indicator, period or category, a non-number, a duplicate, another
unit) is named by row and column, and nothing is saved."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    IndicatorDatasetFactory,
    IndicatorFactory,
    OrganisationFactory,
    coordinator,
    officer,
    sex_dimension,
)
from tracker.imports.indicators import indicator_values_import
from tracker.models import IndicatorDataset, IndicatorValue, WorkflowState

pytestmark = pytest.mark.usefixtures("compact")

HEADER = ["indicator", "period", "sex", "unit", "value", "note", "status", "recorded_on"]


def csv_file(rows, header=HEADER, name="values.csv", delimiter=","):
    lines = [delimiter.join(header), *(delimiter.join(map(str, row)) for row in rows)]
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode(), "text/csv")


def xlsx_file(rows, header=HEADER, name="values.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    content = io.BytesIO()
    workbook.save(content)
    return SimpleUploadedFile(name, content.getvalue())


@pytest.fixture
def agency():
    return OrganisationFactory(code="SCB", kind="agency")


@pytest.fixture
def indicator(agency):
    return IndicatorFactory(
        code="GCM-5.1", source_organisation=agency, dimensions=[sex_dimension()]
    )


@pytest.fixture
def statistician(agency):
    return officer(agency)


GOOD_ROWS = [
    ("GCM-5.1", 2023, "", "persons", "1 200", "", "final", "2024-03-01"),
    ("GCM-5.1", 2023, "female", "persons", "700", "Revised", "final", "2024-03-01"),
    ("GCM-5.1", 2023, "male", "persons", "500", "", "final", "2024-03-01"),
    ("gcm-5.1", 2024, "", "", "\u221212.5", "", "", ""),
]


@pytest.mark.parametrize("make_file", [csv_file, xlsx_file])
def test_a_good_file_becomes_datasets_under_the_officers_review(indicator, statistician, make_file):
    result = indicator_values_import(actor=statistician, uploaded_file=make_file(GOOD_ROWS))
    assert result.ok, result.errors
    assert result.values == 4
    datasets = {d.period: d for d in IndicatorDataset.objects.filter(indicator=indicator)}
    assert set(datasets) == {2023, 2024}
    assert datasets[2023].workflow_state == WorkflowState.DRAFT
    assert dict(datasets[2023].values.values_list("key", "value")) == {
        "": Decimal("1200"),
        "sex=female": Decimal("700"),
        "sex=male": Decimal("500"),
    }
    female = datasets[2023].values.get(key="sex=female")
    assert (female.note, female.status, str(female.recorded_on)) == (
        "Revised",
        "final",
        "2024-03-01",
    )
    total_2024 = datasets[2024].values.get()
    assert (total_2024.value, total_2024.status) == (Decimal("-12.5"), "provisional")


def test_semicolon_csv_from_nordic_excel_is_read(indicator, statistician):
    rows = [("GCM-5.1", 2023, "female", "persons", "700,25", "", "final", "01.03.2024")]
    result = indicator_values_import(
        actor=statistician, uploaded_file=csv_file(rows, delimiter=";")
    )
    assert result.ok, result.errors
    assert IndicatorValue.objects.get().value == Decimal("700.25")


def test_importing_into_an_approved_dataset_sends_it_back_to_review(indicator, statistician):
    dataset = IndicatorDatasetFactory(indicator=indicator, period=2023, values={"": 1000})
    result = indicator_values_import(actor=statistician, uploaded_file=csv_file(GOOD_ROWS[:2]))
    assert result.ok, result.errors
    dataset.refresh_from_db()
    assert dataset.workflow_state == WorkflowState.SUBMITTED
    assert dataset.values.get(key="").value == 1200
    assert dataset.published.values.get(key="").value == 1000


BAD_ROWS = [
    (("GCM-9.9", 2023, "", "persons", "1", "", "", ""), "indicator", "GCM-9.9 is not an indicator"),
    (("GCM-5.1", "last year", "", "persons", "1", "", "", ""), "period", "not a year"),
    (("GCM-5.1", 1066, "", "persons", "1", "", "", ""), "period", "not a year between"),
    (("GCM-5.1", 2023, "other", "persons", "1", "", "", ""), "sex", "other is not a category"),
    (("GCM-5.1", 2023, "", "persons", "many", "", "", ""), "value", "many is not a number"),
    (("GCM-5.1", 2023, "", "persons", "", "", "", ""), "value", "cannot be empty"),
    (("GCM-5.1", 2023, "", "%", "1", "", "", ""), "unit", "The unit of GCM-5.1 is persons, not %"),
    (("GCM-5.1", 2023, "", "persons", "1", "", "done", ""), "status", "provisional or final"),
    (("GCM-5.1", 2023, "", "persons", "1", "", "", "soon"), "recorded_on", "soon is not a date"),
    (("GCM-5.1", 2023, "", "persons", "1.00001", "", "", ""), "value", "four decimals"),
]


@pytest.mark.parametrize(("row", "column", "message"), BAD_ROWS)
def test_a_bad_row_is_named_by_row_and_column_and_nothing_is_saved(
    indicator, statistician, row, column, message
):
    result = indicator_values_import(actor=statistician, uploaded_file=csv_file([*GOOD_ROWS, row]))
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(6, column)]
    assert message in result.errors[0].message
    assert str(result.errors[0]).startswith(f"Row 6, column {column}: ")
    assert not IndicatorDataset.objects.exists()
    assert not IndicatorValue.objects.exists()


def test_a_duplicate_row_names_the_first(indicator, statistician):
    duplicate = ("GCM-5.1", "2023", "female", "persons", "701", "", "", "")
    result = indicator_values_import(
        actor=statistician, uploaded_file=csv_file([*GOOD_ROWS, duplicate])
    )
    assert [str(e) for e in result.errors] == [
        "Row 6: The same indicator, period and categories as row 3."
    ]
    assert not IndicatorValue.objects.exists()


def test_a_dimension_the_indicator_does_not_carry_is_refused(indicator, statistician, agency):
    IndicatorFactory(code="GCM-6.1", source_organisation=agency)
    row = ("GCM-6.1", 2023, "female", "persons", "1", "", "", "")
    result = indicator_values_import(actor=statistician, uploaded_file=csv_file([row]))
    assert [(e.row, e.column) for e in result.errors] == [(2, "sex")]
    assert "not disaggregated by sex" in result.errors[0].message


def test_only_the_recording_organisation_imports_its_values(indicator):
    result = indicator_values_import(actor=officer(), uploaded_file=csv_file(GOOD_ROWS))
    assert {(e.row, e.column) for e in result.errors} == {
        (2, "indicator"),
        (3, "indicator"),
        (4, "indicator"),
        (5, "indicator"),
    }
    assert "does not record" in result.errors[0].message
    with pytest.raises(PermissionDenied):
        indicator_values_import(actor=coordinator(), uploaded_file=csv_file(GOOD_ROWS))


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["indicator", "period", "colour", "value"], "Unknown columns: colour"),
        (["indicator", "sex", "value"], "no column period"),
        (["indicator", "period", "value", "value"], "more than once: value"),
    ],
)
def test_a_bad_header_is_refused_as_a_whole(indicator, statistician, header, message):
    result = indicator_values_import(
        actor=statistician, uploaded_file=csv_file([["GCM-5.1"] * len(header)], header=header)
    )
    assert result.errors[0].row is None
    assert message in result.errors[0].message


def test_checking_rows_asks_the_database_nothing_per_row(indicator, statistician):
    def queries(rows: int) -> int:
        file = csv_file(
            [("GCM-5.1", 2000 + n, "x", "persons", "1", "", "", "") for n in range(rows)]
        )
        with CaptureQueriesContext(connection) as captured:
            result = indicator_values_import(actor=statistician, uploaded_file=file)
        assert len(result.errors) == rows
        return len(captured)

    assert queries(5) == queries(50)
