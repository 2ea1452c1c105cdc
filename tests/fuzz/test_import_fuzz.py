"""The measure import on generated files: any bytes as a CSV or XLSX file, real workbooks
with cells of every type, and CSVs of the template's columns with generated values. Each
either imports every row or is refused with errors and leaves no measure behind: the number
of measures grows by exactly the file's rows, or not at all, and nothing but the import's own
answer (ImportResult) comes out of it."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tests.factories import OrganisationFactory, officer
from tracker.exports import MEASURE_COLUMNS
from tracker.imports import measures_import
from tracker.imports.cells import cell_text
from tracker.models import Measure

FUZZ = settings(
    max_examples=120,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

GOOD_ROW = {
    "title": "Språkkurs för nyanlända",
    "description": "Kurser i svenska.",
    "language": "sv",
    "objectives": "16; 18",
    "actions": "16b; 18h",
    "guiding_principles": "whole_of_society",
    "kind": "programme",
    "status": "ongoing",
    "start_date": "2024-01-01",
    "end_date": "2026-12-31",
    "budget_amount": "1 500 000,50",
    "budget_currency": "SEK",
    "target_groups": "women",
    "stakeholders": "trade_unions",
}
HOSTILE = ["\x00", "=1+1", "'=1", "-", "@x", "\t", "\r\n", '"', ";", ",", "\ufeff", "\U0001f600"]

any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
hostile_text = st.builds("".join, st.lists(st.sampled_from(HOSTILE) | any_text, max_size=4))


def _cell(column: str):
    """A cell of `column`: its good value mostly, or anything."""
    return st.one_of(
        st.just(GOOD_ROW.get(column, "")),
        st.just(GOOD_ROW.get(column, "")),
        hostile_text,
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        st.sampled_from(["", "5", "5c", "99", "sv", "en", "fr", "2024-02-30", "1e309", "NaN"]),
    )


template_rows = st.lists(
    st.fixed_dictionaries({column: _cell(column) for column in MEASURE_COLUMNS}),
    min_size=1,
    max_size=4,
)
headers = st.one_of(
    st.just(list(MEASURE_COLUMNS)),
    st.permutations(MEASURE_COLUMNS).map(list),
    st.lists(st.sampled_from([*MEASURE_COLUMNS, "", "Title", "unknown"]), max_size=20),
)
workbook_values = st.one_of(
    st.none(),
    any_text.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1)),  # noqa: DTZ001
    st.sampled_from([*GOOD_ROW.values(), "=SUM(1,2)"]),
)


@pytest.fixture
def desk_officer(compact):
    return officer(organisation=OrganisationFactory(code="MOL"))


def _import_holds(actor, uploaded_file, rows: list[list] | None = None) -> None:
    """The import's promise on one file: all of its rows, or nothing and errors."""
    before = Measure.objects.count()

    result = measures_import(actor=actor, uploaded_file=uploaded_file)

    after = Measure.objects.count()
    if result.ok:
        assert after == before + len(result.measures)
        if rows is not None:
            data_rows = [row for row in rows if any(cell_text(value) for value in row)]
            assert len(result.measures) == len(data_rows)
    else:
        assert after == before
        assert all(str(error) for error in result.errors)


def _csv(header, rows, delimiter) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig", errors="surrogatepass")


def _xlsx(header, rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@FUZZ
@given(content=st.binary(max_size=2000), name=st.sampled_from(["m.csv", "m.xlsx"]))
def test_any_bytes_are_imported_or_refused_whole(desk_officer, content, name):
    _import_holds(desk_officer, SimpleUploadedFile(name, content))


@FUZZ
@given(
    header=st.one_of(st.just(list(MEASURE_COLUMNS)), headers),
    rows=st.lists(st.lists(workbook_values, max_size=20), min_size=1, max_size=4),
)
def test_a_workbook_of_any_cells_is_imported_or_refused_whole(desk_officer, header, rows):
    _import_holds(desk_officer, SimpleUploadedFile("m.xlsx", _xlsx(header, rows)), rows)


@FUZZ
@given(
    header=headers,
    rows=template_rows,
    delimiter=st.sampled_from([";", ","]),
    file_format=st.sampled_from(["csv", "xlsx"]),
)
def test_rows_of_the_template_are_imported_or_refused_whole(
    desk_officer, header, rows, delimiter, file_format
):
    cells = [[row.get(column, "") for column in header] for row in rows]
    if file_format == "csv":
        content = _csv(header, cells, delimiter)
    else:
        cleaned = [[ILLEGAL_CHARACTERS_RE.sub("", value) for value in row] for row in cells]
        content = _xlsx(header, cleaned)
    _import_holds(desk_officer, SimpleUploadedFile(f"m.{file_format}", content))


def test_a_time_of_day_where_a_date_belongs_is_refused_naming_the_cell(desk_officer):
    # Found by the workbook test: Excel numbers below 1 are times, and were a crash.
    row = [{**GOOD_ROW, "start_date": 0.5}.get(column) for column in MEASURE_COLUMNS]

    result = measures_import(
        actor=desk_officer,
        uploaded_file=SimpleUploadedFile("m.xlsx", _xlsx(list(MEASURE_COLUMNS), [row])),
    )

    assert [(error.row, error.column) for error in result.errors] == [(2, "start_date")]
    assert "0.5 is not a date" in str(result.errors[0])
    assert not Measure.objects.exists()
