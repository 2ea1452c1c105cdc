"""A time series as the dashboards draw it: a row of bars per period, one bar per series (the
total, or each category of a disaggregation), with the data table under it.

The same horizontal bars as the other charts (svg.py), so that it prints the same way on the
pages and in the PDF. A value is printed with the decimals it was recorded with. A missing
value draws no bar and prints a dash; a value below 0 draws no bar and prints its value (the
axis starts at 0): the data table holds every value as recorded.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext

from . import Chart, _check_id, _group, _sentence, _tooltip
from .palette import PALETTE
from .svg import Row, Shape, svg_markup

MISSING = "\N{EN DASH}"


def plain(value: Decimal | None) -> Decimal | None:
    """A recorded value without the zeros its column pads it with: 12.5000 is 12.5, 100.0000
    is 100 (not 1E+2)."""
    if value is None:
        return None
    normal = Decimal(value).normalize()
    return normal.quantize(Decimal(1)) if normal.as_tuple().exponent > 0 else normal


def value_text(value: Decimal | int | float | None) -> str:
    """A value in the active language's notation, with the decimals it has (none for a whole
    number), or a dash for a missing one."""
    if value is None:
        return MISSING
    decimals = max(0, -Decimal(str(value)).normalize().as_tuple().exponent)
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def series_chart(
    *,
    title: str,
    periods: Sequence[int],
    series: Sequence[tuple[str, Sequence[Decimal | None]]],
    value_label: str,
    category_label: str,
    chart_id: str,
) -> Chart:
    """A row per period (first period first) with a bar per series, in the series' order and
    colour, and a legend when there are several; the data table has a column per series."""
    _check_id(chart_id)
    for name, values in series:
        if len(values) != len(periods):
            raise ValueError(f"Series {name!r} has {len(values)} values for {len(periods)}.")
    title, value_label, category_label = str(title), str(value_label), str(category_label)
    names = [str(name) for name, _values in series]
    colours = [PALETTE[position % len(PALETTE)] for position in range(len(series))]
    labels = [str(period) for period in periods] if series else []
    table = [
        (label, *(value_text(values[index]) for _name, values in series))
        for index, label in enumerate(labels)
    ]
    rows = _rows(table, series, colours)
    description = _sentence(
        title, "; ".join(_group(label, names, texts) for label, *texts in table)
    )
    return Chart(
        title=title,
        description=description,
        svg=svg_markup(
            chart_id=chart_id,
            title=title,
            description=description,
            rows=rows,
            value_label=value_label,
            legend=list(zip(names, colours, strict=True)) if rows and len(names) > 1 else (),
            empty_text=gettext("No data"),
        ),
        columns=(category_label, *names),
        rows=tuple(tuple(row) for row in table),
        links=("",) * len(table),
        chart_id=chart_id,
        values=tuple(
            (label, *(plain(values[index]) for _name, values in series))
            for index, label in enumerate(labels)
        ),
    )


def _rows(table: list[tuple], series, colours: list[str]) -> list[Row]:
    """A row of bars per period: each series' value (none below 0) and its printed text."""
    return [
        Row(
            label=label,
            shapes=tuple(
                Shape(
                    max(values[index] or 0, 0),
                    colour,
                    tooltip=_tooltip(f"{label}, {name}", text),
                    text=text,
                )
                for (name, values), colour, text in zip(series, colours, texts, strict=True)
            ),
            tooltip=label,
        )
        for index, (label, *texts) in enumerate(table)
    ]
