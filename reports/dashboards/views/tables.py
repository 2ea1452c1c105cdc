"""Downloads of the tables a dashboard page shows, as Open SDG offers for its charts: each
chart's data table and the heatmap, as CSV or XLSX, asked for on the page's own address
(?download=<table id>&format=csv or xlsx, beside the chosen cycle). A download holds the
table the page shows (the same rows, columns and headings, in the reader's language, for the
chosen cycle), made from the same figures by the same code, with its numbers as numbers."""

from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

from django.utils.text import slugify
from django.utils.translation import gettext as _

from reports.charts import Chart
from reports.dashboards.views.common import bad_request
from tracker.exports import FILE_FORMATS, table_export

# The parameters that ask for a download, left out of the page's links.
DOWNLOAD_PARAMETERS = ("download", "format")


@dataclass(frozen=True)
class Table:
    """A table of a page, as a spreadsheet holds it."""

    table_id: str
    title: str
    header: tuple
    rows: tuple


@runtime_checkable
class ShownTable(Protocol):
    """A table a page shows without a chart (the heatmap, the EU Pact's tables): it gives its
    Table and takes the (format, address) of its downloads."""

    downloads: tuple

    def table(self) -> Table: ...


def chart_table(chart: Chart) -> Table:
    return Table(chart.chart_id, chart.title, tuple(chart.columns), chart.values)


def offer_downloads(request, context: dict, *, page: str, cycle) -> object | None:
    """The download the address asks for, or None after giving each chart and other table in
    `context` (ShownTable) the links to its downloads. `page` and `cycle` name the file."""
    charts = {key: value for key, value in context.items() if isinstance(value, Chart)}
    tables = {chart.chart_id: chart_table(chart) for chart in charts.values()}
    shown = [(value, value.table()) for value in context.values() if isinstance(value, ShownTable)]
    tables |= {table.table_id: table for _value, table in shown}
    if "download" in request.GET:
        return _download(request, tables, page, cycle)
    for key, chart in charts.items():
        context[key] = replace(chart, downloads=download_links(request, chart.chart_id))
    for value, table in shown:
        value.downloads = download_links(request, table.table_id)
    return None


def download_links(request, table_id: str) -> tuple[tuple[str, str], ...]:
    """(format, address) of each download of the table: the page's address, with its cycle."""
    query = request.GET.copy()
    for name in DOWNLOAD_PARAMETERS:
        query.pop(name, None)
    links = []
    for file_format in ("xlsx", "csv"):
        query["download"], query["format"] = table_id, file_format
        links.append((file_format, f"?{query.urlencode()}"))
    return tuple(links)


def _download(request, tables: dict[str, Table], page: str, cycle):
    table_id = request.GET.get("download", "")
    file_format = request.GET.get("format", "")
    errors = []
    if table_id not in tables:
        message = _("There is no table %(value)s on this page.") % {"value": table_id}
        errors.append((_("Table"), message))
    if file_format not in FILE_FORMATS:
        errors.append((_("Format"), _("Downloads are available as csv or xlsx.")))
    if errors:
        return bad_request(request, errors, request.path, _("Dashboard"))
    table = tables[table_id]
    name = "-".join(slugify(part) for part in (page, table_id, cycle.slug if cycle else "") if part)
    return table_export(
        name=name,
        title=table.title,
        header=table.header,
        rows=table.rows,
        file_format=file_format,
    )
