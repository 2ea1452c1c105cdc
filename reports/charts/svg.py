"""The SVG of a horizontal bar chart, grouped or not, laid out on the server.

Hand-written rather than drawn by a charting library: the Python ones (pygal, leather,
matplotlib) add random ids, scripts or styles that WeasyPrint does not read, and leave the
accessible name and the colours to us anyway. What the pages and the PDF need is a few
rectangles and labels whose output is byte-identical for the same data, which this is.
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .text import fit, format_number, is_integral, text_width

WIDTH = 640
PADDING = 8
# Explicit sizes and fonts, so that the chart looks the same whatever CSS the page has, in
# Chromium and in WeasyPrint alike.
FONT_FAMILY = "DejaVu Sans, Noto Sans, sans-serif"
LABEL_SIZE = 13
SMALL_SIZE = 12
TEXT_COLOUR = "#1b1b1b"
AXIS_COLOUR = "#595959"
GRID_COLOUR = "#d9d9d9"
MAX_LABEL_WIDTH = 220
LABEL_GAP = 8
VALUE_GAP = 4
SINGLE_BAR_HEIGHT = 20
GROUPED_BAR_HEIGHT = 14
GROUPED_BAR_GAP = 2
ROW_GAP = 10
SWATCH = 12
LEGEND_LINE = 20
AXIS_AREA = 44

_CSS_CLASS = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Shape:
    """One drawn bar."""

    value: int | float
    colour: str
    key: str = ""
    tooltip: str = ""
    # The text printed at its end, when not its value's (a missing value, one below 0).
    text: str = ""


@dataclass(frozen=True)
class Row:
    """One category: its label and its bars (one, or one per series)."""

    label: str
    shapes: tuple[Shape, ...]
    tooltip: str


def _n(number: float | Decimal) -> str:
    """A coordinate with two decimals at most, so that the same data prints the same bytes."""
    return f"{float(number):.2f}".rstrip("0").rstrip(".")


def nice_scale(largest: float, integral: bool) -> tuple[list[Decimal], int]:
    """Axis ticks from 0 to a round maximum at or above `largest` (about five steps of 1, 2 or
    5 times a power of ten), and the decimals their labels need."""
    if largest <= 0:
        return [Decimal(0), Decimal(1)], 0
    rough = Decimal(str(largest)) / 5
    magnitude = Decimal(1).scaleb(rough.adjusted())
    step = next(factor * magnitude for factor in (1, 2, 5, 10) if factor * magnitude >= rough)
    if integral:
        step = max(step.to_integral_value(), Decimal(1))
    count = math.ceil(Decimal(str(largest)) / step)
    decimals = max(0, -step.normalize().as_tuple().exponent)
    return [step * index for index in range(count + 1)], decimals


def svg_markup(
    *,
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[Row],
    value_label: str,
    legend: Sequence[tuple[str, str]] = (),
    empty_text: str = "",
) -> SafeString:
    """The <svg>: an image named by its <title> and <desc>, with a legend of (name, colour)
    when there are several series."""
    if not rows:
        return _svg(chart_id, title, description, 64, _no_data(empty_text))
    values = [shape.value for row in rows for shape in row.shapes]
    ticks, decimals = nice_scale(max(values), all(is_integral(value) for value in values))
    tick_texts = [format_number(tick, decimals) for tick in ticks]
    value_texts = {value: format_number(value) for value in values}
    value_texts.update({s.text: s.text for row in rows for s in row.shapes if s.text})

    label_width = min(MAX_LABEL_WIDTH, max(text_width(row.label, LABEL_SIZE) for row in rows))
    value_space = max(
        max(text_width(text, SMALL_SIZE) for text in value_texts.values()) + VALUE_GAP,
        text_width(tick_texts[-1], SMALL_SIZE) / 2,
    )
    left = PADDING + label_width + LABEL_GAP
    right = WIDTH - PADDING - value_space
    top, legend_markup = _legend(legend)

    bars_per_row = len(rows[0].shapes)
    bar_height = SINGLE_BAR_HEIGHT if bars_per_row == 1 else GROUPED_BAR_HEIGHT
    row_height = bars_per_row * bar_height + (bars_per_row - 1) * GROUPED_BAR_GAP
    pitch = row_height + ROW_GAP
    bottom = top + len(rows) * pitch

    def x_of(value: float | Decimal) -> float:
        return left + (right - left) * float(value) / float(ticks[-1])

    parts = [legend_markup, _grid(ticks, tick_texts, x_of, top, bottom, value_label)]
    for index, row in enumerate(rows):
        row_top = top + index * pitch + ROW_GAP / 2
        bars = []
        for position, shape in enumerate(row.shapes):
            bar_top = row_top + position * (bar_height + GROUPED_BAR_GAP)
            text = value_texts[shape.text or shape.value]
            bars.append(_bar(shape, text, left, x_of(shape.value), bar_top, bar_height))
        parts.append(_row(row, label_width, row_top + row_height / 2, bars))
    parts.append(
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
            _n(left),
            _n(top),
            _n(left),
            _n(bottom),
            AXIS_COLOUR,
        )
    )
    return _svg(chart_id, title, description, bottom + AXIS_AREA, _join(parts))


def _svg(chart_id: str, title: str, description: str, height: float, body: SafeString):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width="{width}" '
        'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" font-family="{font}" font-size="{size}" '
        'fill="{colour}"><title id="{id}-title">{title}</title>'
        '<desc id="{id}-desc">{description}</desc>{body}</svg>',
        width=WIDTH,
        height=_n(height),
        id=chart_id,
        font=FONT_FAMILY,
        size=LABEL_SIZE,
        colour=TEXT_COLOUR,
        title=title,
        description=description,
        body=body,
    )


def _no_data(text: str) -> SafeString:
    return format_html('<text x="{}" y="36" text-anchor="middle">{}</text>', _n(WIDTH / 2), text)


def _legend(legend: Sequence[tuple[str, str]]) -> tuple[float, SafeString]:
    """The legend's markup, items flowing onto as many lines as they need, and where the
    bars start below it."""
    if not legend:
        return PADDING, SafeString("")
    items = []
    x, y = PADDING, PADDING
    max_text = WIDTH / 3
    for name, colour in legend:
        text = fit(name, max_text, SMALL_SIZE)
        item_width = SWATCH + 6 + text_width(text, SMALL_SIZE) + 18
        if x > PADDING and x + item_width > WIDTH - PADDING:
            x, y = PADDING, y + LEGEND_LINE
        items.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                '<text x="{}" y="{}" font-size="{}">{}</text>',
                _n(x),
                _n(y + 2),
                SWATCH,
                SWATCH,
                colour,
                _n(x + SWATCH + 6),
                _n(y + 12),
                SMALL_SIZE,
                text,
            )
        )
        x += item_width
    markup = format_html('<g class="chart-legend">{}</g>', _join(items))
    return y + LEGEND_LINE + 4, markup


def _grid(ticks, tick_texts, x_of, top: float, bottom: float, value_label: str) -> SafeString:
    lines = format_html_join(
        "",
        '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}"/>'
        '<text x="{0}" y="{4}" font-size="{5}" text-anchor="middle">{6}</text>',
        (
            (_n(x_of(tick)), _n(top), _n(bottom), GRID_COLOUR, _n(bottom + 15), SMALL_SIZE, text)
            for tick, text in zip(ticks, tick_texts, strict=True)
        ),
    )
    return format_html(
        '<g class="chart-axis">{}<text x="{}" y="{}" text-anchor="middle">{}</text></g>',
        lines,
        _n((x_of(ticks[0]) + x_of(ticks[-1])) / 2),
        _n(bottom + 34),
        fit(value_label, WIDTH - 2 * PADDING, LABEL_SIZE),
    )


def _bar(shape: Shape, text: str, left: float, end: float, top: float, height: float):
    markup = format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
        '<text x="{}" y="{}" font-size="{}">{}</text>',
        _n(left),
        _n(top),
        _n(end - left),
        _n(height),
        shape.colour,
        _n(end + VALUE_GAP),
        _n(top + height / 2 + SMALL_SIZE * 0.35),
        SMALL_SIZE,
        text,
    )
    if not shape.tooltip:
        return markup
    return format_html(
        '<g class="chart-series{}"><title>{}</title>{}</g>',
        _key_class(shape.key),
        shape.tooltip,
        markup,
    )


def _row(row: Row, label_width: float, middle: float, bars: list[SafeString]) -> SafeString:
    single = len(row.shapes) == 1
    return format_html(
        '<g class="chart-bar{}"><title>{}</title>'
        '<text x="{}" y="{}" text-anchor="end">{}</text>{}</g>',
        _key_class(row.shapes[0].key) if single else "",
        row.tooltip,
        _n(PADDING + label_width),
        _n(middle + LABEL_SIZE * 0.35),
        fit(row.label, label_width, LABEL_SIZE),
        _join(bars),
    )


def _key_class(key: str) -> str:
    """A class naming the bar's key, for pages that style a status."""
    return f" chart-key-{key}" if _CSS_CLASS.fullmatch(key) else ""


def _join(parts: Sequence[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))
