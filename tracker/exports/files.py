"""CSV and XLSX files of measures and pledges, made from one query per file whose rows stream.

A list's CSV download streams as it is read: on PostgreSQL the database writes its lines
itself (COPY ... TO STDOUT, see copy.py), elsewhere Python writes the same bytes from the same
query's rows. Its XLSX download is written row by row by XlsxWriter in constant-memory mode
to a temporary file, which is then streamed. Neither holds the list in memory.
"""

import csv
import datetime
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

import xlsxwriter
from django.db import connections
from django.db.models import (
    Aggregate,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    TextField,
    Value,
    Window,
)
from django.db.models.expressions import RowRange
from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from tracker.exports.columns import (
    LIST_SEPARATOR,
    Column,
    Kind,
    Related,
    measure_columns,
    neutralised,
    pledge_columns,
)
from tracker.exports.copy import copy_csv_lines, plain_plans
from tracker.models import PublishedRecord, WorkflowState

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE_FORMATS = ("csv", "xlsx")
# Rows fetched from the database at a time, and written to the response at a time.
CHUNK_ROWS = 2000


@dataclass
class Sheet:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence] = ()
    widths: dict[str, int] = field(default_factory=dict)
    # (column index, XlsxWriter data_validation options) for the rows below the header.
    validations: Sequence[tuple[int, dict]] = ()


def measures_export(queryset: QuerySet, file_format: str) -> HttpResponseBase:
    """The measures of `queryset` (already filtered and scoped to the user) as a spreadsheet,
    in the queryset's order."""
    widths = {"title": 50, "title_en": 50, "description": 60, "description_en": 60}
    return rows_export("measures", "Measures", queryset, measure_columns(), file_format, widths)


def pledges_export(queryset: QuerySet, file_format: str) -> HttpResponseBase:
    """The pledges of `queryset` (already filtered and scoped to the user) as a spreadsheet,
    in the queryset's order."""
    widths = {"text": 60, "text_en": 60, "status_narrative": 60}
    return rows_export("pledges", "Pledges", queryset, pledge_columns(), file_format, widths)


def rows_export(name, title, queryset, columns, file_format, widths) -> HttpResponseBase:
    """The rows of `queryset` as a spreadsheet of `columns`, named `name` and today's date."""
    check_format(file_format)
    if issubclass(queryset.model, PublishedRecord):
        queryset, columns = _as_published(queryset, columns)
    header = [column.name for column in columns]
    if file_format == "xlsx":
        sheet = Sheet(title, header, typed_rows(queryset, columns), widths)
        return _xlsx_response(name, [sheet])
    if connections[queryset.db].vendor == "postgresql":
        lines = copy_csv_lines(queryset, columns)
    else:
        lines = csv_lines(typed_rows(queryset, columns))
    return _csv_response(name, _with_header(header, lines))


def table_export(
    *, name: str, title: str, header: Sequence[str], rows: Iterable[Sequence], file_format: str
) -> HttpResponseBase:
    """A small table already in memory (a chart's data table, say) as a spreadsheet: text
    neutralised in CSV and written as text in XLSX, numbers as numbers."""
    check_format(file_format)
    # A sheet's name has at most 31 characters, none of []:*?/\.
    sheet = Sheet(re.sub(r"[\[\]:*?/\\]", " ", str(title))[:31].strip() or name[:31], header, rows)
    if file_format == "xlsx":
        return _xlsx_response(name, [sheet])
    return _csv_response(name, iter([csv_bytes(sheet)]))


# A published record (tracker/models/published.py) is exported as its entry: under the entry's
# id, approved, and last changed when it was approved.
PUBLISHED_SOURCES = {
    "pk": "entry_id",
    "workflow_state": "public_state",
    "updated_at": "approved_at",
}


def _as_published(queryset: QuerySet, columns: Sequence[Column]) -> tuple[QuerySet, list]:
    queryset = queryset.annotate(public_state=Value(WorkflowState.APPROVED.value))
    return queryset, [
        replace(column, value=PUBLISHED_SOURCES.get(column.value, column.value))
        if isinstance(column.value, str)
        else column
        for column in columns
    ]


def check_format(file_format: str) -> None:
    if file_format not in FILE_FORMATS:
        raise ValueError(f"Unknown spreadsheet format {file_format!r}; use csv or xlsx.")


def typed_rows(queryset: QuerySet, columns: Sequence[Column]) -> Iterator[list]:
    """The rows of `queryset`, one value per column as a cell shows it: text, numbers,
    dates, and moments in the reader's time zone without it (spreadsheets have no time
    zones). One query, fetched CHUNK_ROWS at a time."""
    values = queryset.prefetch_related(None).values_list(
        *(
            _related_codes(queryset.model, column.value)
            if column.kind is Kind.RELATED
            else column.value
            for column in columns
        )
    )
    moments = [index for index, column in enumerate(columns) if column.kind is Kind.MOMENT]
    code_lists = [
        (index, column.labels or {})
        for index, column in enumerate(columns)
        if column.kind is Kind.CODES
    ]
    zone = timezone.get_current_timezone()
    with plain_plans(connections[queryset.db]):
        for row in values.iterator(chunk_size=CHUNK_ROWS):
            row = list(row)
            for index in moments:
                if row[index] is not None:
                    row[index] = row[index].astimezone(zone).replace(tzinfo=None)
            for index, labels in code_lists:
                row[index] = LIST_SEPARATOR.join(
                    labels.get(code, code) for code in row[index] or ()
                )
            yield row


class _Joined(Aggregate):
    """Text joined by LIST_SEPARATOR: STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite."""

    function = "STRING_AGG"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(LIST_SEPARATOR))

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def _related_codes(model, related: Related) -> Subquery:
    """The entry's related codes, joined, as a subquery. The aggregate runs as a window over
    the whole ordered frame: SQLite's GROUP_CONCAT takes no ORDER BY, a window does."""
    field = model._meta.get_field(related.relation)
    links = field.remote_field.through.objects.filter(**{field.m2m_field_name(): OuterRef("pk")})
    joined = Window(
        _Joined(related.code()),
        order_by=[F(name) for name in related.ordering],
        frame=RowRange(None, None),
    )
    return Subquery(links.annotate(codes=joined).values("codes")[:1], output_field=TextField())


# CSV


def csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralised(value)
    return str(value)


class _Lines:
    """Where csv.writer writes: one call per row. Its terminator stays CRLF, so that it quotes
    a field holding a lone CR as PostgreSQL's COPY does; the line ends in LF, as COPY's do."""

    def __init__(self):
        self.lines: list[str] = []

    def write(self, line: str) -> None:
        self.lines.append(line[:-2] + "\n")

    def take(self) -> bytes:
        text = "".join(self.lines)
        self.lines.clear()
        return text.encode()


def csv_lines(rows: Iterable[Sequence]) -> Iterator[bytes]:
    """`rows` as CSV lines, CHUNK_ROWS at a time."""
    lines = _Lines()
    writer = csv.writer(lines)
    for number, row in enumerate(rows, start=1):
        writer.writerow([csv_text(value) for value in row])
        if number % CHUNK_ROWS == 0:
            yield lines.take()
    yield lines.take()


def _with_header(header: Sequence[str], lines: Iterable[bytes]) -> Iterator[bytes]:
    # The byte order mark makes Excel read the file as UTF-8 (å, ä, ö, ø, æ).
    yield b"\xef\xbb\xbf" + next(csv_lines([header]))
    yield from lines


def csv_bytes(sheet: Sheet) -> bytes:
    return b"".join(_with_header(sheet.header, csv_lines(sheet.rows)))


def _csv_response(name: str, content: Iterator[bytes]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(content, content_type=CSV_CONTENT_TYPE)
    return attachment(response, name, "csv")


def attachment(response: HttpResponseBase, name: str, file_format: str) -> HttpResponseBase:
    """A download named `name` and today's date."""
    filename = f"{name}-{timezone.localdate().isoformat()}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# XLSX


def _cell_writers(workbook: xlsxwriter.Workbook, worksheet) -> dict[type, Callable]:
    """How each kind of value is written: text always as text (so that no title starting with
    = becomes a formula), dates and moments as dates, amounts as formatted numbers."""
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    moment = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    amount = workbook.add_format({"num_format": "#,##0.00"})

    def text(row, column, value):
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value:
            worksheet.write_string(row, column, value)

    return {
        str: text,
        int: worksheet.write_number,
        float: worksheet.write_number,
        Decimal: lambda row, column, value: worksheet.write_number(row, column, value, amount),
        datetime.date: lambda row, column, value: worksheet.write_datetime(
            row, column, value, date
        ),
        datetime.datetime: lambda row, column, value: worksheet.write_datetime(
            row, column, value, moment
        ),
    }


def write_xlsx(sheets: Sequence[Sheet], file) -> None:
    # XlsxWriter rather than openpyxl: in constant-memory mode it writes each row to disk as
    # it comes, like openpyxl's write-only mode, in about two thirds of the time, which is
    # what keeps a national list of 100,000 measures within its 20 seconds.
    workbook = xlsxwriter.Workbook(
        file,
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    bold = workbook.add_format({"bold": True})
    for sheet in sheets:
        worksheet = workbook.add_worksheet(str(sheet.title))
        for index, name in enumerate(sheet.header):
            worksheet.set_column(index, index, sheet.widths.get(name, max(12, len(name) + 2)))
        worksheet.freeze_panes(1, 0)
        for column, options in sheet.validations:
            worksheet.data_validation(1, column, 1_048_575, column, options)
        for index, name in enumerate(sheet.header):
            worksheet.write_string(0, index, str(name), bold)
        writers = _cell_writers(workbook, worksheet)
        text = writers[str]
        for row_number, row in enumerate(sheet.rows, start=1):
            for column_number, value in enumerate(row):
                if value is None:
                    continue
                # Anything else, such as a translated label, is written as its text.
                if (write := writers.get(type(value))) is None:
                    write, value = text, str(value)
                write(row_number, column_number, value)
    workbook.close()


def _xlsx_response(name: str, sheets: Sequence[Sheet]) -> FileResponse:
    # Deleted when the response closes it.
    file = tempfile.TemporaryFile()  # noqa: SIM115
    write_xlsx(sheets, file)
    file.seek(0)
    response = FileResponse(file, content_type=XLSX_CONTENT_TYPE)
    return attachment(response, name, "xlsx")
