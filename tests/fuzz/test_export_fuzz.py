"""Formula injection (OWASP's CSV injection guidance), checked on generated text: measure
titles and descriptions of every kind go through the export, as CSV (PostgreSQL's COPY) and
as XLSX, and are read back. In the CSV, a cell, or a part of it after a ; or a , (where a
spreadsheet program splits the line), that begins with =, +, -, @, a tab, a carriage return or
a line feed (after any apostrophes) comes back behind one more apostrophe, which keeps
spreadsheet programs from running it; in the XLSX every text is a text cell (never a
formula) holding the value as it is. Every other value comes back unchanged."""

import csv
import io
import re

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.escape import unescape

from tests.factories import MeasureFactory
from tracker.exports import measures_export
from tracker.models import Measure

# OWASP: "=, +, -, @, Tab (0x09), Carriage return (0x0D)"; and a line feed, which spreadsheet
# programs skip like the others before reading a formula.
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
ROWS = 40
TEXT_FIELDS = ("title", "title_en", "description", "description_en")

# What a text field can hold: any character PostgreSQL stores (not NUL) and UTF-8 encodes (no
# lone surrogates).
characters = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
plain_text = st.text(characters, max_size=40)
tricky_text = st.builds(
    "".join,
    st.lists(
        st.sampled_from(
            [
                *DANGEROUS_STARTS,
                "'",
                '"',
                ",",
                ";",
                " ",
                "\r\n",
                "\\",
                "=cmd|' /C calc'!A0",
                "é",
                "_x000D_",
            ]
        ),
        max_size=6,
    ),
)
texts = st.one_of(
    plain_text,
    tricky_text,
    st.builds(str.__add__, st.sampled_from(DANGEROUS_STARTS), plain_text),
    st.builds(str.__add__, tricky_text, plain_text),
)
# A title must not be blank; the other fields may be.
rows = st.lists(
    st.tuples(texts.filter(bool), texts, texts, texts).map(lambda values: values),
    min_size=ROWS,
    max_size=ROWS,
)

FUZZ = settings(
    phases=[Phase.explicit, Phase.generate],
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def neutralised(value: str) -> str:
    """An apostrophe before each part (the text, and what follows each ; or ,) that begins as
    a formula after any apostrophes: a spreadsheet program may split a line on either."""
    parts = re.split(r"([;,])", value)
    return "".join(
        f"'{part}" if index % 2 == 0 and part.lstrip("'").startswith(DANGEROUS_STARTS) else part
        for index, part in enumerate(parts)
    )


@pytest.fixture
def measures(compact) -> list[Measure]:
    return [MeasureFactory() for _row in range(ROWS)]


def _with_texts(measures, generated) -> None:
    for measure, values in zip(measures, generated, strict=True):
        for name, value in zip(TEXT_FIELDS, values, strict=True):
            setattr(measure, name, value[:300] if name.startswith("title") else value)
    Measure.objects.bulk_update(measures, TEXT_FIELDS)


def _exported(file_format: str) -> bytes:
    response = measures_export(Measure.objects.order_by("pk"), file_format)
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.getvalue()


@FUZZ
@given(generated=rows)
def test_csv_cells_are_neutralised_and_every_other_value_comes_back(measures, generated):
    _with_texts(measures, generated)

    content = _exported("csv").decode("utf-8-sig")
    header, *lines = csv.reader(io.StringIO(content, newline=""))

    columns = [header.index(name) for name in TEXT_FIELDS]
    for measure, line in zip(measures, lines, strict=True):
        for name, column in zip(TEXT_FIELDS, columns, strict=True):
            assert line[column] == neutralised(getattr(measure, name)), name


@FUZZ
@given(generated=rows)
def test_xlsx_cells_are_text_never_formulas_and_hold_the_value(measures, generated):
    _with_texts(measures, generated)

    sheet = openpyxl.load_workbook(io.BytesIO(_exported("xlsx"))).active
    header, *lines = sheet.iter_rows()

    columns = [[cell.value for cell in header].index(name) for name in TEXT_FIELDS]
    for measure, line in zip(measures, lines, strict=True):
        for name, column in zip(TEXT_FIELDS, columns, strict=True):
            cell = line[column]
            # XML cannot hold control characters other than tab, CR and LF: they are left out.
            expected = ILLEGAL_CHARACTERS_RE.sub("", getattr(measure, name)) or None
            # As Excel reads it: a CR is stored as _x000D_, and a literal _x000D_ escaped.
            assert (cell.value and unescape(cell.value)) == expected, name
            assert cell.data_type in ("s", "n"), name
