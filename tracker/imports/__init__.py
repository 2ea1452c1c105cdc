"""Measures from a spreadsheet: an officer's Excel sheet (XLSX) or CSV, all or nothing.

Every row becomes a call of tracker.services.measures.measure_create, all in one transaction:
either every row is created as a draft of the officer's organisation, or nothing is, and the
officer gets every problem of the file at once, named by row (as her spreadsheet numbers it)
and column. The columns are those of tracker.exports.MEASURE_COLUMNS.

reading: the file and its limits; workbook: an XLSX file checked before it is read; cells: one
cell's value; rows: a row into measure_create's data; service: the transaction.
"""

from tracker.imports.reading import (
    MAX_BYTES,
    MAX_CELL_CHARACTERS,
    MAX_COLUMNS,
    MAX_ROWS,
    REQUIRED_COLUMNS,
)
from tracker.imports.rows import RowParser
from tracker.imports.service import ImportResult, RowError, measures_import

__all__ = [
    "MAX_BYTES",
    "MAX_CELL_CHARACTERS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "REQUIRED_COLUMNS",
    "ImportResult",
    "RowError",
    "RowParser",
    "measures_import",
]
