"""Reading the file: its type, its rows (XLSX or CSV), its header, and the limits that keep a
huge upload from being read whole."""

import csv
import io
import re
from pathlib import Path

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from tracker.exports import MEASURE_COLUMNS, MEASURE_READ_ONLY_COLUMNS
from tracker.imports.cells import cell_text

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 60
REQUIRED_COLUMNS = ("title", "description", "language", "objectives", "kind", "status")


class FileProblem(Exception):
    """The file as a whole cannot be imported."""


def read_rows(uploaded_file) -> tuple[list, list[tuple[int, list]]]:
    """The header row and the non-empty rows below it, each with its row number."""
    if uploaded_file.size > MAX_BYTES:
        raise FileProblem(
            _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(uploaded_file.size), "limit": filesizeformat(MAX_BYTES)}
        )
    extension = Path(uploaded_file.name or "").suffix.lower()
    content = uploaded_file.read()
    if extension == ".xlsx":
        rows = _xlsx_rows(content)
    elif extension == ".csv":
        rows = _csv_rows(content)
    elif extension == ".xls":
        raise FileProblem(
            _("Old Excel files (.xls) cannot be read. In Excel, save the sheet as .xlsx.")
        )
    else:
        raise FileProblem(
            _(
                "%(extension)s files cannot be imported. Upload an Excel workbook (.xlsx) or "
                "a CSV file."
            )
            % {"extension": extension or _("Extension-less")}
        )
    header = None
    records = []
    for number, values in enumerate(rows, start=1):
        if all(cell_text(value) == "" for value in values):
            continue
        if header is None:
            header = list(values)
            continue
        records.append((number, list(values)))
        if len(records) > MAX_ROWS:
            raise FileProblem(
                _("The file has more than %(limit)s measures. Split it into smaller files.")
                % {"limit": f"{MAX_ROWS:,}"}
            )
    if header is None:
        raise FileProblem(_("The file is empty: the first row must name the columns."))
    if not records:
        raise FileProblem(_("The file has no measures: there are no rows below the header."))
    return header, records


def _xlsx_rows(content: bytes):
    if not content.startswith(b"PK\x03\x04"):
        raise FileProblem(_("The file is not an Excel workbook (.xlsx), whatever its name says."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        # A fixed width: a sheet formatted to its last column would give rows of 16,384 cells.
        sheet = workbook.worksheets[0]
        rows = [
            tuple(map(_unescaped, row))
            for row in _limited(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
        ]
    # openpyxl raises many kinds of error on a damaged or foreign zip file.
    except Exception as error:
        raise FileProblem(
            _("The workbook could not be read (%(error)s). Save it again from Excel as .xlsx.")
            % {"error": type(error).__name__}
        ) from error
    workbook.close()
    return rows


def _unescaped(value):
    """A cell's text as Excel means it: Excel (and XlsxWriter, which writes our exports) stores a
    carriage return and other control characters as _x000D_ and so on, which openpyxl leaves
    as they are."""
    return unescape(value) if isinstance(value, str) else value


def _csv_rows(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileProblem(
            _(
                "The CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma "
                "delimited)”, or upload the .xlsx workbook itself."
            )
        ) from error
    first_line = text.split("\n", 1)[0]
    # Excel writes semicolons where the decimal separator is a comma, as in the Nordic countries.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        return list(_limited(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error as error:
        raise FileProblem(
            _("The CSV file could not be read: %(error)s.") % {"error": error}
        ) from error


def _limited(rows):
    """The rows, stopping a little after the row limit so a huge sheet is not read whole."""
    for index, row in enumerate(rows):
        if index > MAX_ROWS * 2:
            break
        yield row


def check_header(header: list) -> list[tuple[int, str]]:
    """(index, column name) of the header's columns that the import reads."""
    names = [(index, _column_name(value)) for index, value in enumerate(header)]
    names = [(index, name) for index, name in names if name]
    known = set(MEASURE_COLUMNS) | set(MEASURE_READ_ONLY_COLUMNS)
    seen = [name for _index, name in names]
    problems = []
    missing = [name for name in REQUIRED_COLUMNS if name not in seen]
    if missing:
        problems.append(
            _("The sheet has no column %(columns)s; these columns are required.")
            % {"columns": ", ".join(missing)}
        )
    unknown = [name for name in seen if name not in known]
    if unknown:
        problems.append(
            _("Unknown columns: %(columns)s. The columns are: %(known)s.")
            % {"columns": ", ".join(unknown), "known": ", ".join(MEASURE_COLUMNS)}
        )
    repeated = sorted({name for name in seen if seen.count(name) > 1})
    if repeated:
        problems.append(
            _("These columns appear more than once: %(columns)s.")
            % {"columns": ", ".join(repeated)}
        )
    if problems:
        raise FileProblem(*problems)
    return [(index, name) for index, name in names if name in MEASURE_COLUMNS]


def _column_name(value) -> str:
    return re.sub(r"\s+", "_", cell_text(value).lower())
