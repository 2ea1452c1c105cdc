"""Reading the file: its type, its rows (XLSX or CSV), its header, and the limits that keep a
huge upload from being read whole: rows, columns and characters a cell are counted as the rows
are read, one at a time, and the first one past a limit stops the reading (workbook.py checks
an XLSX file before it is read at all)."""

import csv
import io
import re
from pathlib import Path

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.escape import unescape

from tracker.exports.import_columns import IGNORED_COLUMNS, MEASURE_IMPORT, names, required
from tracker.imports.cells import cell_text
from tracker.imports.workbook import Limits, Refusal, check_workbook

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
# The template's 21 columns and room for an officer's own notes beside them.
MAX_COLUMNS = 60
MAX_CELL_CHARACTERS = 10_000
# A sheet may go on to twice as many rows as measures, for blank rows between them.
MAX_SHEET_ROWS_FACTOR = 2
REQUIRED_COLUMNS = required(MEASURE_IMPORT)
TOO_MANY = gettext_lazy("The file has more than %(limit)s measures. Split it into smaller files.")
NO_ROWS = gettext_lazy("The file has no measures: there are no rows below the header.")


class FileProblem(Exception):
    """The file as a whole cannot be imported."""


def read_rows(
    uploaded_file, *, too_many=TOO_MANY, no_rows=NO_ROWS
) -> tuple[list, list[tuple[int, list]]]:
    """The header row and the non-empty rows below it, each with its row number; `too_many`
    and `no_rows` say what the file has too many of, or none."""
    if uploaded_file.size > MAX_BYTES:
        raise FileProblem(
            _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(uploaded_file.size), "limit": filesizeformat(MAX_BYTES)}
        )
    extension = Path(uploaded_file.name or "").suffix.lower()
    if extension == ".xlsx":
        rows = _xlsx_rows(uploaded_file.read())
    elif extension == ".csv":
        rows = _csv_rows(uploaded_file.read())
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
    return _records(rows, too_many, no_rows)


def _records(rows, too_many, no_rows) -> tuple[list, list[tuple[int, list]]]:
    """The header and the records of `rows`, read one at a time and refused at the first
    limit passed."""
    header = None
    records = []
    for number, values in enumerate(rows, start=1):
        values = _within_limits(number, values)
        if all(cell_text(value) == "" for value in values):
            continue
        if header is None:
            header = values
            continue
        records.append((number, values))
        if len(records) > MAX_ROWS:
            raise FileProblem(too_many % {"limit": f"{MAX_ROWS:,}"})
    if header is None:
        raise FileProblem(_("The file is empty: the first row must name the columns."))
    if not records:
        raise FileProblem(str(no_rows))
    return header, records


def _within_limits(number: int, values) -> list:
    """The row's first MAX_COLUMNS values; a value beyond them or too long is refused."""
    if any(cell_text(value) != "" for value in values[MAX_COLUMNS:]):
        raise FileProblem(
            _(
                "Row %(row)s has values beyond column %(limit)s; the import reads at most "
                "%(limit)s columns. Delete the columns to the right of the measures."
            )
            % {"row": f"{number:,}", "limit": MAX_COLUMNS}
        )
    values = list(values[:MAX_COLUMNS])
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARACTERS:
            raise FileProblem(
                _("Cell %(cell)s has %(count)s characters; a cell may hold at most %(limit)s.")
                % {
                    "cell": f"{get_column_letter(column)}{number}",
                    "count": f"{len(value):,}",
                    "limit": f"{MAX_CELL_CHARACTERS:,}",
                }
            )
    return values


def _xlsx_rows(content: bytes):
    if not content.startswith(b"PK\x03\x04"):
        raise FileProblem(_("The file is not an Excel workbook (.xlsx), whatever its name says."))
    limits = Limits(
        rows=MAX_SHEET_ROWS_FACTOR * MAX_ROWS + 1,
        columns=MAX_COLUMNS,
        cell_characters=MAX_CELL_CHARACTERS,
    )
    try:
        check_workbook(io.BytesIO(content), limits=limits)
    except Refusal as refusal:
        raise FileProblem(*refusal.args) from refusal
    # Within the limits checked above, openpyxl's streaming reader holds a row at a time.
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    # openpyxl raises many kinds of error on a damaged or foreign zip file.
    except Exception as error:
        raise _unreadable(error) from error
    return _sheet_rows(workbook)


def _sheet_rows(workbook):
    try:
        # A fixed width: a sheet formatted to its last column would give rows of 16,384 cells.
        for row in workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True):
            yield tuple(map(_unescaped, row))
    except Exception as error:
        raise _unreadable(error) from error
    finally:
        workbook.close()


def _unreadable(error: Exception) -> FileProblem:
    return FileProblem(
        _("The workbook could not be read (%(error)s). Save it again from Excel as .xlsx.")
        % {"error": type(error).__name__}
    )


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
    first_line = text[: text.find("\n")] if "\n" in text else text
    # Excel writes semicolons where the decimal separator is a comma, as in the Nordic countries.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    return _csv_reader(text, delimiter)


def _csv_reader(text: str, delimiter: str):
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise FileProblem(
            _("The CSV file could not be read: %(error)s.") % {"error": error}
        ) from error


def check_header(
    header: list, *, columns=MEASURE_IMPORT, ignored=IGNORED_COLUMNS["measures"]
) -> list[tuple[int, str]]:
    """(index, column name) of the header's columns that the import reads: those of `columns`
    (tracker/exports/import_columns.py); the `ignored` ones are left out."""
    column_names = names(columns)
    found = [(index, _column_name(value)) for index, value in enumerate(header)]
    found = [(index, name) for index, name in found if name]
    known = set(column_names) | set(ignored)
    seen = [name for _index, name in found]
    problems = []
    missing = [name for name in required(columns) if name not in seen]
    if missing:
        problems.append(
            _("The sheet has no column %(columns)s; these columns are required.")
            % {"columns": ", ".join(missing)}
        )
    unknown = [name for name in seen if name not in known]
    if unknown:
        problems.append(
            _("Unknown columns: %(columns)s. The columns are: %(known)s.")
            % {"columns": ", ".join(unknown), "known": ", ".join(column_names)}
        )
    problems += repeated_columns(seen)
    if problems:
        raise FileProblem(*problems)
    return [(index, name) for index, name in found if name in column_names]


def repeated_columns(seen: list[str]) -> list[str]:
    """The problem of a header naming a column more than once, if it does."""
    repeated = sorted({name for name in seen if seen.count(name) > 1})
    if not repeated:
        return []
    return [
        _("These columns appear more than once: %(columns)s.") % {"columns": ", ".join(repeated)}
    ]


def _column_name(value) -> str:
    return re.sub(r"\s+", "_", cell_text(value).lower())
