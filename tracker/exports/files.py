"""CSV and XLSX files of measures and pledges, made from one query per file whose rows stream.

A list's CSV download streams as it is read: on PostgreSQL the database writes its lines
itself (COPY ... TO STDOUT, see copy.py), elsewhere Python writes the same bytes from the same
query's rows. Its XLSX download is written row by row in openpyxl's write-only mode to a
temporary file, which is then streamed. Neither holds the list in memory.
"""

import csv
import datetime
import itertools
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connections
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tracker.exports.columns import (
    FORMULA_STARTS,
    LIST_SEPARATOR,
    Column,
    Kind,
    Related,
    measure_columns,
    pledge_columns,
)
from tracker.exports.copy import copy_csv_lines

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


def measures_export(queryset: QuerySet, file_format: str) -> HttpResponseBase:
    """The measures of `queryset` (already filtered and scoped to the user) as a spreadsheet,
    in the queryset's order."""
    widths = {"title": 50, "title_en": 50, "description": 60, "description_en": 60}
    return _export("measures", "Measures", queryset, measure_columns(), file_format, widths)


def pledges_export(queryset: QuerySet, file_format: str) -> HttpResponseBase:
    """The pledges of `queryset` (already filtered and scoped to the user) as a spreadsheet,
    in the queryset's order."""
    widths = {"text": 60, "text_en": 60, "status_narrative": 60}
    return _export("pledges", "Pledges", queryset, pledge_columns(), file_format, widths)


def _export(name, title, queryset, columns, file_format, widths) -> HttpResponseBase:
    check_format(file_format)
    header = [column.name for column in columns]
    if file_format == "xlsx":
        sheet = Sheet(title, header, typed_rows(queryset, columns), widths)
        return _xlsx_response(name, [sheet])
    if connections[queryset.db].vendor == "postgresql":
        lines = copy_csv_lines(queryset, columns)
    else:
        lines = csv_lines(typed_rows(queryset, columns))
    return _csv_response(name, _with_header(header, lines))


def check_format(file_format: str) -> None:
    if file_format not in FILE_FORMATS:
        raise ValueError(f"Unknown spreadsheet format {file_format!r}; use csv or xlsx.")


def typed_rows(queryset: QuerySet, columns: Sequence[Column]) -> Iterator[list]:
    """The rows of `queryset`, one value per column as a cell shows it: text, numbers,
    dates, and moments in the reader's time zone without it (spreadsheets have no time
    zones). CHUNK_ROWS at a time: one query for the rows, and one per many-to-many column for
    the related codes of a chunk's rows."""
    own = [column for column in columns if column.kind is not Kind.RELATED]
    values = queryset.prefetch_related(None).values_list("pk", *(column.value for column in own))
    rows = values.iterator(chunk_size=CHUNK_ROWS)
    zone = timezone.get_current_timezone()
    while chunk := list(itertools.islice(rows, CHUNK_ROWS)):
        ids = [row[0] for row in chunk]
        related = {
            column.name: _related_codes(queryset.model, column.value, ids)
            for column in columns
            if column.kind is Kind.RELATED
        }
        for pk, *row_values in chunk:
            by_name = dict(zip((column.name for column in own), row_values, strict=True))
            yield [
                related[column.name].get(pk, "")
                if column.kind is Kind.RELATED
                else _cell_value(column.kind, by_name[column.name], zone)
                for column in columns
            ]


def _cell_value(kind: Kind, value, zone):
    if kind is Kind.MOMENT and value is not None:
        return value.astimezone(zone).replace(tzinfo=None)
    if kind is Kind.CODES:
        return LIST_SEPARATOR.join(value or ())
    return value


def _related_codes(model, related: Related, ids: list) -> dict:
    """Per id of `ids`, its related rows' codes, joined."""
    field = model._meta.get_field(related.relation)
    own = field.m2m_field_name()
    links = (
        field.remote_field.through.objects.filter(**{f"{own}__in": ids})
        .order_by(own, *related.ordering)
        .values_list(own, *related.parts)
    )
    codes = defaultdict(list)
    for pk, *parts in links:
        codes[pk].append("".join(str(part) for part in parts))
    return {pk: LIST_SEPARATOR.join(items) for pk, items in codes.items()}


# CSV


def csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
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


def _xlsx_cell(worksheet, value):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            # openpyxl would store it as a formula; it is text.
            cell = WriteOnlyCell(worksheet, value=value)
            cell.data_type = "s"
            return cell
        return value or None
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "#,##0.00"
        return cell
    return value


def write_xlsx(sheets: Sequence[Sheet], file) -> None:
    # Write-only: rows go to the file as they come instead of piling up as cell objects.
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet.title)
        for index, name in enumerate(sheet.header, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = sheet.widths.get(
                name, max(12, len(name) + 2)
            )
        worksheet.freeze_panes = "A2"
        header = []
        for name in sheet.header:
            cell = WriteOnlyCell(worksheet, value=name)
            cell.font = bold
            header.append(cell)
        worksheet.append(header)
        for row in sheet.rows:
            worksheet.append([_xlsx_cell(worksheet, value) for value in row])
    workbook.save(file)


def _xlsx_response(name: str, sheets: Sequence[Sheet]) -> FileResponse:
    # Deleted when the response closes it.
    file = tempfile.TemporaryFile()  # noqa: SIM115
    write_xlsx(sheets, file)
    file.seek(0)
    response = FileResponse(file, content_type=XLSX_CONTENT_TYPE)
    return attachment(response, name, "xlsx")
