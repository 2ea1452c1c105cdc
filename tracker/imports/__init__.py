"""Measures, pledges and progress updates from a spreadsheet: an officer's Excel sheet (XLSX)
or CSV, all or nothing.

Every row becomes a call of its kind's create service (tracker.services), all in one
transaction: either every row is created as a draft of the officer's organisation, or nothing
is, and the officer gets every problem of the file at once, named by row (as her spreadsheet
numbers it) and column. The columns of each kind are declared in
tracker/exports/import_columns.py, one line a column.

reading: the file and its limits; workbook: an XLSX file checked before it is read; cells: one
cell's value; rows, measure_rows, entry_rows: a row into the service's data; kinds: what each
kind reads with and is created by; service: the transaction, one code path for every kind.
"""

from tracker.imports.kinds import KINDS
from tracker.imports.reading import (
    MAX_BYTES,
    MAX_CELL_CHARACTERS,
    MAX_COLUMNS,
    MAX_ROWS,
    REQUIRED_COLUMNS,
)
from tracker.imports.service import ImportResult, RowError, entries_import, measures_import

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "MAX_CELL_CHARACTERS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "REQUIRED_COLUMNS",
    "ImportResult",
    "RowError",
    "entries_import",
    "measures_import",
]
