"""CSV exports read by a spreadsheet program that splits lines on semicolons (Excel where the
decimal mark is a comma, as in the Nordic countries) or on commas: no part of a text becomes a
cell that runs as a formula, and the import gives back exactly the text that was exported."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tests.factories import MeasureFactory, OrganisationFactory, officer
from tracker.exports import FORMULA_STARTS, measures_export
from tracker.exports.columns import measure_columns
from tracker.exports.copy import copy_csv_lines
from tracker.exports.files import csv_lines, typed_rows
from tracker.imports import measures_import
from tracker.models import Measure

pytestmark = pytest.mark.usefixtures("compact")

TEXTS = [
    "x;=cmd|' /C calc'!A0;y",
    "Tolkning;+46 8 123 45,-10 %;@mention",
    "Steg 1,\t=2;\t@3",
    "'=already protected;''=twice;'",
    "Budget 1,5;-",
    ";=;,=,",
]


@pytest.fixture
def ministry():
    return OrganisationFactory(code="MOL")


@pytest.fixture
def exported(ministry) -> bytes:
    for number, text in enumerate(TEXTS):
        MeasureFactory(
            lead_organisation=ministry,
            title=text,
            description=f"Beskrivning {number}: {text}",
            objectives=[5],
        )
    response = measures_export(Measure.objects.order_by("pk"), "csv")
    return b"".join(response.streaming_content) if response.streaming else response.getvalue()


@pytest.mark.parametrize("delimiter", [";", ","])
def test_no_cell_runs_as_a_formula_whichever_separator_the_spreadsheet_splits_on(
    exported, delimiter
):
    text = exported.decode("utf-8-sig")

    # Split as a program that knows no quotes would, and as one that does.
    cells = [cell for line in text.split("\n") for cell in line.split(delimiter)]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    quoted = [cell for row in reader for cell in row]

    assert [cell for cell in cells + quoted if cell.startswith(FORMULA_STARTS)] == []
    assert "x;'=cmd|' /C calc'!A0;y" in text


def test_the_import_gives_back_exactly_the_texts_exported(exported, ministry):
    desk_officer = officer(organisation=ministry)
    originals = list(Measure.objects.order_by("pk").values_list("title", "description"))

    result = measures_import(
        actor=desk_officer, uploaded_file=SimpleUploadedFile("export.csv", exported)
    )

    assert result.errors == []
    imported = [(measure.title, measure.description) for measure in result.measures]
    assert imported == originals
    assert imported[0][0] == "x;=cmd|' /C calc'!A0;y"


def test_postgresql_and_python_write_the_parts_alike(exported):
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; elsewhere Python writes the lines")
    queryset = Measure.objects.order_by("pk")

    written_by_postgresql = b"".join(copy_csv_lines(queryset, measure_columns()))
    written_by_python = b"".join(csv_lines(typed_rows(queryset, measure_columns())))

    assert written_by_postgresql == written_by_python
    assert b"x;'=cmd" in written_by_postgresql
