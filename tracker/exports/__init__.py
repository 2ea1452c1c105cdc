"""Spreadsheets of measures and pledges, as CSV or XLSX.

The measure sheet has the import template's columns (tracker/imports/) plus read-only ones
(id, workflow state, last updated) that the import ignores, so an exported sheet can be edited
and imported again as new measures. Values are codes, not translated labels, so a sheet reads
the same in every interface language and imports back whatever the language.

columns.py says what each column holds, files.py writes the files (streamed, from one query),
copy.py lets PostgreSQL write the CSV lines itself, template.py makes the import templates
of the columns import_columns.py declares.

These are the machine-readable sheets (the API's format=csv and xlsx, the officers' pages).
The public dashboards' lists download readable.py's sheets instead, in the reader's language;
table_export writes a small table already made, such as a chart's data table.
"""

from tracker.exports.columns import (
    FORMULA_STARTS,
    MEASURE_COLUMNS,
    MEASURE_EXPORT_COLUMNS,
    MEASURE_READ_ONLY_COLUMNS,
    PLEDGE_EXPORT_COLUMNS,
    neutralised,
    restored,
)
from tracker.exports.files import (
    CSV_CONTENT_TYPE,
    FILE_FORMATS,
    XLSX_CONTENT_TYPE,
    measures_export,
    pledges_export,
    table_export,
)
from tracker.exports.import_columns import IGNORED_COLUMNS, IMPORT_COLUMNS
from tracker.exports.readable import measures_readable_export, pledges_readable_export
from tracker.exports.template import import_template

__all__ = [
    "CSV_CONTENT_TYPE",
    "FILE_FORMATS",
    "FORMULA_STARTS",
    "IGNORED_COLUMNS",
    "IMPORT_COLUMNS",
    "MEASURE_COLUMNS",
    "MEASURE_EXPORT_COLUMNS",
    "MEASURE_READ_ONLY_COLUMNS",
    "PLEDGE_EXPORT_COLUMNS",
    "XLSX_CONTENT_TYPE",
    "import_template",
    "measures_export",
    "measures_readable_export",
    "neutralised",
    "pledges_export",
    "pledges_readable_export",
    "restored",
    "table_export",
]
