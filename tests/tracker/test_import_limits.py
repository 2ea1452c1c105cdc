"""Hostile spreadsheets: a small upload that unpacks into gigabytes, or that would keep a worker
busy, is refused before it is read, quickly, in little memory, with a sentence that names the
limit; and nothing is saved.

The workbooks are built byte by byte (tests/tracker/hostile_files.py). Each one is read by the
import's reader in a child process, whose peak memory (getrusage) is measured around the
reading alone.
"""

import io
import json
import os
import subprocess
import sys

import openpyxl
import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import OrganisationFactory, officer
from tests.tracker.hostile_files import (
    GOOD_ROW,
    MAIN,
    MEBIBYTE,
    a_csv_cell_of_a_hundred_thousand_characters,
    a_csv_row_of_three_million_cells,
    a_million_rows_without_dimension,
    a_row_of_three_million_cells,
    one_cell_of_a_gibibyte,
    texts_of_630_megabytes,
    texts_of_630_megabytes_said_to_be_one,
    workbook,
    zip_of,
)
from tracker.exports import MEASURE_COLUMNS
from tracker.imports import measures_import
from tracker.imports import reading as imports
from tracker.imports.reading import FileProblem, read_rows
from tracker.models import Measure

# Run in a child process, so that its peak memory is the reading's alone. The address space is
# capped so that a reader without limits fails there instead of taking the machine's memory.
READER = """
import json, os, resource, sys, time
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from tracker.imports.reading import FileProblem, read_rows
name, path, defences = sys.argv[1:]
if defences == "scan":
    from tracker.imports import workbook
    workbook.MAX_UNPACKED_BYTES = workbook.MAX_RATIO = 2**62
with open(path, "rb") as file:
    upload = SimpleUploadedFile(name, file.read())
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.monotonic()
try:
    read_rows(upload)
    message = None
except FileProblem as problem:
    message = " ".join(problem.args)
seconds = time.monotonic() - start
growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(json.dumps({"message": message, "seconds": seconds, "megabytes": growth / 1024}))
"""


def read_in_child(tmp_path, name: str, content: bytes, defences: str = "all") -> dict:
    path = tmp_path / name
    path.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-c", READER, name, str(path), defences],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tracker.settings"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


HOSTILE = [
    ("measures.xlsx", one_cell_of_a_gibibyte, "characters"),
    ("measures.xlsx", a_million_rows_without_dimension, "row"),
    ("measures.xlsx", a_row_of_three_million_cells, "column"),
    ("measures.xlsx", texts_of_630_megabytes, "text"),
    ("measures.csv", a_csv_row_of_three_million_cells, "column"),
    ("measures.csv", a_csv_cell_of_a_hundred_thousand_characters, "characters"),
]


@pytest.mark.parametrize(
    ("name", "build", "limit"), HOSTILE, ids=lambda v: getattr(v, "__name__", "")
)
def test_a_hostile_file_is_refused_quickly_in_little_memory(tmp_path, name, build, limit):
    content = build()
    assert len(content) < 4 * MEBIBYTE

    outcome = read_in_child(tmp_path, name, content)

    assert outcome["message"], outcome
    assert outcome["seconds"] < 5, outcome
    assert outcome["megabytes"] < 100, outcome


@pytest.mark.parametrize(
    "build",
    [
        one_cell_of_a_gibibyte,
        a_million_rows_without_dimension,
        a_row_of_three_million_cells,
        texts_of_630_megabytes,
    ],
)
def test_the_reading_stops_at_the_first_limit_even_past_the_zip_directory_checks(tmp_path, build):
    """Without the checks of unpacked sizes and compression ratios, the streaming scan of the
    parts still stops at the first row, column, cell or text past its limit."""
    outcome = read_in_child(tmp_path, "measures.xlsx", build(), defences="scan")

    assert outcome["message"], outcome
    assert outcome["seconds"] < 5, outcome
    assert outcome["megabytes"] < 100, outcome


def test_a_part_larger_than_the_zip_directory_says_is_refused_as_damaged(tmp_path):
    outcome = read_in_child(tmp_path, "measures.xlsx", texts_of_630_megabytes_said_to_be_one())

    assert outcome["message"] == (
        "The workbook could not be read (BadZipFile). Save it again from Excel as .xlsx."
    )
    assert outcome["seconds"] < 5, outcome
    assert outcome["megabytes"] < 100, outcome


def _problem(content: bytes, name: str = "measures.xlsx") -> str:
    with pytest.raises(FileProblem) as refused:
        read_rows(SimpleUploadedFile(name, content))
    return " ".join(refused.value.args)


def test_each_refusal_names_the_problem_and_the_limit():
    assert _problem(one_cell_of_a_gibibyte()) == (
        "The workbook unpacks to 1.0\xa0GB; the limit is 50.0\xa0MB. Split it into smaller files."
    )
    assert _problem(a_row_of_three_million_cells()) == (
        "The workbook's part xl/worksheets/sheet1.xml is compressed more than 100 times, "
        "which no spreadsheet is: the file is refused."
    )
    assert _problem(a_csv_row_of_three_million_cells(), "measures.csv") == (
        "Row 2 has values beyond column 60; the import reads at most 60 columns. Delete the "
        "columns to the right of the measures."
    )
    assert _problem(a_csv_cell_of_a_hundred_thousand_characters(), "measures.csv") == (
        "Cell A2 has 100,000 characters; a cell may hold at most 10,000."
    )


def test_the_scan_names_the_row_column_or_cell_past_its_limit(monkeypatch):
    monkeypatch.setattr("tracker.imports.workbook.MAX_RATIO", 2**62)
    monkeypatch.setattr("tracker.imports.workbook.MAX_UNPACKED_BYTES", 2**62)

    assert _problem(one_cell_of_a_gibibyte()) == (
        "Cell A2 has more than 10,000 characters; a cell may hold at most 10,000."
    )
    assert _problem(a_million_rows_without_dimension()) == (
        "The sheet goes on below row 4,001; the import reads at most 4,001 rows. Delete the "
        "rows below the measures, or split the file."
    )
    assert _problem(a_row_of_three_million_cells()) == (
        "Row 2 has cells beyond column 60; the import reads at most 60 columns. Delete the "
        "columns to the right of the measures."
    )
    assert _problem(texts_of_630_megabytes()) == (
        "The workbook holds more than 240,060 texts, more than its cells can show."
    )


def test_a_long_shared_text_read_after_the_sheets_is_refused_without_naming_its_cell():
    content = zip_of(
        {
            "xl/worksheets/sheet1.xml": [
                (f'<worksheet xmlns="{MAIN}"><sheetData>', 1),
                (GOOD_ROW, 1),
                ("</sheetData></worksheet>", 1),
            ],
            "xl/texts.xml": [(f'<sst xmlns="{MAIN}"><si><t>{"x" * 10_001}</t></si></sst>', 1)],
        }
    )

    assert _problem(content) == (
        "The workbook holds a text of more than 10,000 characters; a cell may hold at most 10,000."
    )


def test_a_small_workbook_built_the_same_way_is_read():
    header, records = read_rows(SimpleUploadedFile("measures.xlsx", workbook([(GOOD_ROW, 1)])))

    assert header[:7] == ["title", "description", "language", "objectives", "kind", "status", None]
    assert [(number, values[:7]) for number, values in records] == [
        (2, ["Språkkurs", "Kurser", "sv", 16, "programme", "ongoing", None])
    ]


def _shared_texts_sheet(rows: dict) -> SimpleUploadedFile:
    """As _sheet, but written as Excel writes: texts in the table the sheet shares."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, MEASURE_COLUMNS)
    for number, cells in rows.items():
        for column, value in cells.items():
            sheet.write(number - 1, column - 1, value)
    workbook.close()
    return SimpleUploadedFile("measures.xlsx", buffer.getvalue())


def _sheet(rows: dict) -> SimpleUploadedFile:
    """An XLSX of the import's columns with `rows` (row number: {column number: value}), its
    texts written in the cells, as openpyxl writes them."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(MEASURE_COLUMNS))
    for number, cells in rows.items():
        for column, value in cells.items():
            sheet.cell(row=number, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("measures.xlsx", buffer.getvalue())


# A good row, by column number in the import's order.
GOOD = {
    MEASURE_COLUMNS.index(name) + 1: value
    for name, value in {
        "title": "Språkkurs",
        "description": "Kurser i svenska",
        "language": "sv",
        "objectives": "16",
        "kind": "programme",
        "status": "ongoing",
    }.items()
}


@pytest.fixture
def desk_officer(compact):
    return officer(organisation=OrganisationFactory(code="MOL"))


@pytest.mark.parametrize("make_sheet", [_sheet, _shared_texts_sheet])
def test_a_cell_of_ten_thousand_characters_is_imported_and_one_more_is_refused(
    desk_officer, make_sheet
):
    fits = measures_import(
        actor=desk_officer, uploaded_file=make_sheet({2: {**GOOD, 3: "x" * 10_000}})
    )
    too_long = measures_import(
        actor=desk_officer, uploaded_file=make_sheet({2: {**GOOD, 3: "x" * 10_001}})
    )

    assert fits.ok
    assert [str(error) for error in too_long.errors] == [
        "Cell C2 has more than 10,000 characters; a cell may hold at most 10,000."
    ]
    assert Measure.objects.count() == 1


def test_a_value_beyond_the_sixtieth_column_is_refused_not_dropped(desk_officer):
    result = measures_import(actor=desk_officer, uploaded_file=_sheet({2: {**GOOD, 61: "x"}}))

    assert [str(error) for error in result.errors] == [
        "Row 2 has cells beyond column 60; the import reads at most 60 columns. Delete the "
        "columns to the right of the measures."
    ]
    assert Measure.objects.count() == 0


def test_a_value_below_the_rows_the_import_reads_is_refused_not_dropped(desk_officer, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 5)

    result = measures_import(
        actor=desk_officer, uploaded_file=_sheet({2: GOOD, 3: GOOD, 12: {1: "Forgotten"}})
    )

    assert [str(error) for error in result.errors] == [
        "The sheet goes on below row 11; the import reads at most 11 rows. Delete the rows "
        "below the measures, or split the file."
    ]
    assert Measure.objects.count() == 0


def test_the_page_states_the_limits(client, desk_officer):
    client.force_login(desk_officer)

    response = client.get("/entries/import/")

    assert (
        "At most 5 MB, 2000 measures, 60 columns and 10000 characters a cell."
        in response.content.decode()
    )
