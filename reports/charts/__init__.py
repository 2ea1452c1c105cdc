"""Charts for the dashboards and the PDF report: one code path for both.

Each chart is server-rendered SVG (no JavaScript, identical in Chromium and WeasyPrint) plus the
same data as a table, the accessible equivalent. Render one with
`{% include "reports/_chart.html" with chart=chart %}`; the page links reports/charts.css.
Build charts with the language active in which they are shown: numbers and sentences are
formatted when the chart is built.
"""

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext

from .palette import PALETTE, colour_for
from .svg import Row, Shape, svg_markup
from .text import format_number

__all__ = ["Bar", "Chart", "bar_chart", "grouped_bar_chart"]

_CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Bar:
    label: str  # shown on the axis and in the data table (already translated)
    value: int | float
    # An optional link, on the data table's first cell. Not on the bar itself: the SVG is an image
    # (role="img"), and a link inside an image is an interactive control that screen readers do
    # not announce (axe's nested-interactive, a serious violation, even with tabindex="-1").
    href: str = ""
    key: str = ""  # a stable code ("ongoing") that chooses the colour and a CSS class


@dataclass(frozen=True)
class Chart:
    title: str  # the figure's caption and the SVG's <title>
    description: str  # the SVG's <desc>: one sentence with the data
    svg: SafeString
    columns: tuple[str, ...]  # the data table's header
    rows: tuple[tuple[str, ...], ...]  # the data table's rows as text, in the bars' order
    links: tuple[str, ...]  # the link of each row's first cell, "" if none
    chart_id: str = ""  # the figure's id; its <title> and <desc> are "<id>-title", "<id>-desc"
    # The data table's rows with their numbers as numbers, for a spreadsheet of the table.
    values: tuple[tuple[str | int | float | Decimal, ...], ...] = ()
    # (format, address) of each download of the data table offered under it; none in print.
    downloads: tuple[tuple[str, str], ...] = ()

    @property
    def table_rows(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """(link, first cell, other cells) per row, for the template."""
        return tuple(
            (link, row[0], row[1:]) for link, row in zip(self.links, self.rows, strict=True)
        )


def bar_chart(
    *, title: str, bars: Sequence[Bar], value_label: str, category_label: str, chart_id: str
) -> Chart:
    """Horizontal bars, one per category (labels may be long), each value printed at its end."""
    _check_id(chart_id)
    _check_values(bar.value for bar in bars)
    # Lazy translations become text now, in the language the chart is built in.
    title, value_label, category_label = str(title), str(value_label), str(category_label)
    labels = [str(bar.label) for bar in bars]
    texts = [format_number(bar.value) for bar in bars]
    description = _sentence(
        title, ", ".join(_item(label, text) for label, text in zip(labels, texts, strict=True))
    )
    rows = [
        Row(
            label=label,
            shapes=(Shape(bar.value, colour_for(bar.key, position), bar.key),),
            tooltip=_tooltip(label, text),
        )
        for position, (bar, label, text) in enumerate(zip(bars, labels, texts, strict=True))
    ]
    return Chart(
        title=title,
        description=description,
        svg=svg_markup(
            chart_id=chart_id,
            title=title,
            description=description,
            rows=rows,
            value_label=value_label,
            empty_text=gettext("No data"),
        ),
        columns=(category_label, value_label),
        rows=tuple(zip(labels, texts, strict=True)),
        links=tuple(str(bar.href) for bar in bars),
        chart_id=chart_id,
        values=tuple((label, bar.value) for label, bar in zip(labels, bars, strict=True)),
    )


def grouped_bar_chart(
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | float]]],
    value_label: str,
    category_label: str,
    chart_id: str,
) -> Chart:
    """Horizontal bars grouped by category, one bar per series in the series' order and colour,
    with a legend; the data table has a column per series. Series given in the order of the
    statuses take the statuses' colours."""
    _check_id(chart_id)
    for name, values in series:
        if len(values) != len(categories):
            raise ValueError(
                f"Series {name!r} has {len(values)} values for {len(categories)} categories."
            )
        _check_values(values)
    title, value_label, category_label = str(title), str(value_label), str(category_label)
    names = [str(name) for name, _values in series]
    columns = [values for _name, values in series]
    colours = [PALETTE[position % len(PALETTE)] for position in range(len(series))]
    # Without series there is nothing to draw, whatever the categories.
    values, table = _grouped_table(categories if series else (), columns)
    description = _sentence(
        title,
        "; ".join(_group(category, names, texts) for category, *texts in table),
    )
    rows = [
        Row(
            label=category,
            shapes=tuple(
                Shape(column[index], colour, tooltip=_tooltip(f"{category}, {name}", text))
                for name, column, colour, text in zip(names, columns, colours, texts, strict=True)
            ),
            tooltip=category,
        )
        for index, (category, *texts) in enumerate(table)
    ]
    return Chart(
        title=title,
        description=description,
        svg=svg_markup(
            chart_id=chart_id,
            title=title,
            description=description,
            rows=rows,
            value_label=value_label,
            legend=list(zip(names, colours, strict=True)) if rows else (),
            empty_text=gettext("No data"),
        ),
        columns=(category_label, *names),
        rows=tuple(tuple(row) for row in table),
        links=("",) * len(table),
        chart_id=chart_id,
        values=values,
    )


def _grouped_table(categories: Sequence[str], columns: Sequence[Sequence]) -> tuple:
    """A row per category, its name and its value in each series: as numbers, and as text."""
    values = tuple(
        (str(category), *(column[index] for column in columns))
        for index, category in enumerate(categories)
    )
    table = [
        (category, *(format_number(value) for value in numbers)) for category, *numbers in values
    ]
    return values, table


def _check_id(chart_id: str) -> None:
    # The id names the SVG's <title> and <desc>; it must be a valid, unique-per-page HTML id.
    if not _CHART_ID.fullmatch(chart_id):
        raise ValueError(f"chart_id {chart_id!r} must be a letter followed by [A-Za-z0-9_-].")


def _check_values(values: Iterable[object]) -> None:
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise ValueError(f"A bar's value must be a number, not {value!r}.")
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"A bar's value must be finite and 0 or more, not {value!r}.")


def _item(label: str, value: str) -> str:
    # Translators: one bar in the sentence describing a chart, e.g. "Planned 12".
    return gettext("%(label)s %(value)s") % {"label": label, "value": value}


def _group(category: str, names: Sequence[str], texts: Sequence[str]) -> str:
    items = ", ".join(_item(name, text) for name, text in zip(names, texts, strict=True))
    # Translators: one category of a grouped chart in the sentence describing it, e.g.
    # "2026 (Planned 3, Ongoing 2)".
    return gettext("%(category)s (%(items)s)") % {"category": category, "items": items}


def _tooltip(label: str, value: str) -> str:
    # Translators: the tooltip of one bar in a chart, e.g. "Ministry of Justice: 12".
    return gettext("%(label)s: %(value)s") % {"label": label, "value": value}


def _sentence(title: str, items: str) -> str:
    if not items:
        items = gettext("No data")
    # Translators: the sentence describing a chart to screen readers, e.g.
    # "Measures by status: Planned 12, Ongoing 3, Completed 0."
    return gettext("%(title)s: %(items)s.") % {"title": title, "items": items}
