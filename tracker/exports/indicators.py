"""Indicator values as a spreadsheet in the tidy long format the import reads
(tracker/imports/indicator_rows.py): indicator, period, a column per dimension (blank for the
total over it), unit, value, note, status, recorded_on; one row per value, so that an exported
file imports back unchanged."""

from django.db.models import QuerySet
from django.http import HttpResponseBase

from tracker.exports.files import table_export
from tracker.models import Dimension, Indicator, PublishedIndicatorValue
from tracker.models.indicators import key_categories

CHUNK_ROWS = 2000


def _indicator_path(values: QuerySet) -> str:
    return "indicator" if values.model is PublishedIndicatorValue else "dataset__indicator"


def indicator_value_columns(values: QuerySet) -> list[str]:
    """The columns of `values`' sheet: a column for each dimension their indicators carry."""
    indicators = Indicator.objects.filter(pk__in=values.order_by().values(_indicator_path(values)))
    dimensions = Dimension.objects.filter(indicators__in=indicators).distinct().order_by("code")
    codes = list(dimensions.values_list("code", flat=True))
    return ["indicator", "period", *codes, "unit", "value", "note", "status", "recorded_on"]


def indicator_value_rows(values: QuerySet, dimensions: list[str]):
    """The rows of `values` (working or published, with their indicator), one a value."""
    path = _indicator_path(values)
    fields = (f"{path}__code", f"{path}__unit", "key", "value", "note", "status", "recorded_on")
    period = "period" if values.model is PublishedIndicatorValue else "dataset__period"
    for code, unit, key, value, note, status, recorded_on, year in values.values_list(
        *fields, period
    ).iterator(chunk_size=CHUNK_ROWS):
        categories = key_categories(key)
        yield [
            code,
            year,
            *(categories.get(dimension, "") for dimension in dimensions),
            unit,
            value,
            note,
            status,
            recorded_on,
        ]


def indicator_values_export(values: QuerySet, file_format: str) -> HttpResponseBase:
    """`values` (already filtered and scoped to the reader) as a CSV or XLSX download."""
    header = indicator_value_columns(values)
    dimensions = header[2:-5]
    return table_export(
        name="indicator-values",
        title="Indicator values",
        header=header,
        rows=indicator_value_rows(values, dimensions),
        file_format=file_format,
    )
