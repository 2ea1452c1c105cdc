"""Hostile spreadsheets: a small upload that unpacks into gigabytes, or that would keep a worker
busy, is refused before it is read, quickly, in little memory, with a sentence that names the
limit; and nothing is saved.

The workbooks are built here, byte by byte: a zip whose parts are deflate streams of a repeated
chunk (compressed once, then repeated), so that a part of a gigabyte costs a few megabytes and
a fraction of a second to make. Each one is read by the import's reader in a child process,
whose peak memory (getrusage) is measured around the reading alone.
"""

import io
import json
import os
import struct
import subprocess
import sys
import zlib

import openpyxl
import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import OrganisationFactory, officer
from tracker.exports import MEASURE_COLUMNS
from tracker.imports import measures_import
from tracker.imports import reading as imports
from tracker.imports.reading import FileProblem, read_rows
from tracker.models import Measure

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
PACKAGE_RELATIONSHIPS = f"""<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1"
 Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = f"""<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>
<sheet name="Measures" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELATIONSHIPS = f"""<Relationships xmlns="{RELATIONSHIPS}">
<Relationship Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
HEADER_ROW = '<row r="1">{}</row>'.format(
    "".join(
        f'<c r="{letter}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for letter, name in zip(
            "ABCDEF",
            ("title", "description", "language", "objectives", "kind", "status"),
            strict=True,
        )
    )
)
GOOD_ROW = (
    '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>Kurser</t></is></c>'
    '<c r="C2" t="inlineStr"><is><t>sv</t></is></c><c r="D2"><v>16</v></c>'
    '<c r="E2" t="inlineStr"><is><t>programme</t></is></c>'
    '<c r="F2" t="inlineStr"><is><t>ongoing</t></is></c></row>'
)
MEBIBYTE = 1024 * 1024
GIBIBYTE = 1024 * MEBIBYTE


def _deflated(pieces) -> tuple[bytes, int, int]:
    """The raw deflate stream, CRC and size of the text `pieces` make: each piece a text and
    how many times it repeats, compressed once and then repeated (a full flush after each copy
    makes the copies independent, so their compressed bytes are the same)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream, crc, size = [], 0, 0
    for text, count in pieces:
        chunk = text.encode()
        stream.append((compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)) * count)
        for _copy in range(count):
            crc = zlib.crc32(chunk, crc)
        size += len(chunk) * count
    stream.append(compressor.flush())
    return b"".join(stream), crc, size


def _zip(parts: dict, declared_sizes: dict | None = None) -> bytes:
    """A zip of `parts` (name: pieces), each deflated; `declared_sizes` lies about some."""
    out = io.BytesIO()
    directory = []
    for name, pieces in parts.items():
        data, crc, size = _deflated(pieces)
        size = (declared_sizes or {}).get(name, size)
        encoded = name.encode()
        offset = out.tell()
        sizes = (crc, len(data), size, len(encoded), 0)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, *sizes) + encoded + data)
        directory.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, *sizes, 0, 0, 0, 0, offset
            )
            + encoded
        )
    start = out.tell()
    listing = b"".join(directory)
    out.write(listing)
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(listing), start, 0)
    )
    return out.getvalue()


def _workbook(sheet_rows, shared_texts=(("<si><t>Språkkurs</t></si>", 1),), **lies) -> bytes:
    sheet = [(f'<worksheet xmlns="{MAIN}"><sheetData>{HEADER_ROW}', 1), *sheet_rows]
    return _zip(
        {
            "[Content_Types].xml": [(CONTENT_TYPES, 1)],
            "_rels/.rels": [(PACKAGE_RELATIONSHIPS, 1)],
            "xl/workbook.xml": [(WORKBOOK, 1)],
            "xl/_rels/workbook.xml.rels": [(WORKBOOK_RELATIONSHIPS, 1)],
            "xl/worksheets/sheet1.xml": [*sheet, ("</sheetData></worksheet>", 1)],
            "xl/sharedStrings.xml": [(f'<sst xmlns="{MAIN}">', 1), *shared_texts, ("</sst>", 1)],
        },
        lies,
    )


def one_cell_of_a_gibibyte() -> bytes:
    return _workbook(
        [
            ('<row r="2"><c r="A2" t="inlineStr"><is><t>', 1),
            ("A" * MEBIBYTE, 1024),
            ("</t></is></c></row>", 1),
        ]
    )


def a_million_rows_without_dimension() -> bytes:
    return _workbook([("<row><c><v>1</v></c></row>" * 40_000, 25)])


def a_row_of_three_million_cells() -> bytes:
    return _workbook([('<row r="2">', 1), ("<c><v>1</v></c>" * 100_000, 30), ("</row>", 1)])


def texts_of_630_megabytes(**lies) -> bytes:
    return _workbook(
        [(GOOD_ROW, 1)], shared_texts=[("<si><t>Språkkurs</t></si>" * 40_000, 630)], **lies
    )


def texts_of_630_megabytes_said_to_be_one() -> bytes:
    return texts_of_630_megabytes(**{"xl/sharedStrings.xml": MEBIBYTE})


def a_csv_row_of_three_million_cells() -> bytes:
    return b"title;description;language;objectives;kind;status\n" + b"1;" * 1_500_000


def a_csv_cell_of_a_hundred_thousand_characters() -> bytes:
    return b"title;description;language;objectives;kind;status\n" + b"A" * 100_000 + b";x\n"


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
    content = _zip(
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
    header, records = read_rows(SimpleUploadedFile("measures.xlsx", _workbook([(GOOD_ROW, 1)])))

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


GOOD = {1: "Språkkurs", 3: "Kurser i svenska", 5: "sv", 8: "16", 11: "programme", 12: "ongoing"}


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
