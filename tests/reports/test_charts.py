"""The charts of the dashboards and the PDF report: server-rendered SVG that reads the same in
the browser and in WeasyPrint, with its data as a table for screen readers."""

import itertools
import logging
import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
import weasyprint
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, gettext_lazy

from reports.charts import Bar, bar_chart, grouped_bar_chart
from reports.charts.palette import KEY_COLOURS, NEUTRAL, PALETTE

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def status_chart(chart_id="measures-by-status", **overrides):
    bars = [
        Bar("Planned", 12, "/dashboard/measures/?status=planned", "planned"),
        Bar("Ongoing", 30, "/dashboard/measures/?status=ongoing&cycle=2026", "ongoing"),
        Bar("Completed", 7, "", "completed"),
        Bar("Discontinued", 0, "/dashboard/measures/?status=discontinued", "discontinued"),
    ]
    arguments = {
        "title": "Measures by status",
        "bars": bars,
        "value_label": "Measures",
        "category_label": "Status",
        "chart_id": chart_id,
    }
    return bar_chart(**(arguments | overrides))


def trend_chart(chart_id="trends"):
    return grouped_bar_chart(
        title="Measures over review cycles",
        categories=["IMRF 2022", "GA 2024", "IMRF 2026"],
        series=[("Planned", [3, 5, 2]), ("Ongoing", [1, 4, 9]), ("Completed", [0, 2, 6])],
        value_label="Measures",
        category_label="Review cycle",
        chart_id=chart_id,
    )


def parse(chart):
    return ET.fromstring(str(chart.svg))  # noqa: S314 (our own markup, not untrusted input)


def bar_groups(svg):
    return svg.findall(f".//{SVG}g[@class]")


def texts(element):
    return [text.text for text in element.iter(f"{SVG}text")]


def rects(svg):
    return [rect for rect in svg.iter(f"{SVG}rect")]


class Table(HTMLParser):
    """The data table of a rendered chart: header, rows of cell texts, first-cell links."""

    def __init__(self, html):
        super().__init__()
        self.header, self.rows, self.links, self.scopes = [], [], [], []
        self._row = self._cell = None
        self._link = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self._row, self._link = [], ""
        elif tag in ("th", "td") and self._row is not None:
            self._cell = ""
            if tag == "th":
                self.scopes.append(attrs.get("scope"))
        elif tag == "a" and self._cell is not None:
            self._link = attrs["href"]

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr":
            if self.header:
                self.rows.append(tuple(self._row))
                self.links.append(self._link)
            else:
                self.header = tuple(self._row)
            self._row = None


def test_the_same_data_gives_byte_identical_charts():
    assert status_chart().svg == status_chart().svg
    assert trend_chart().svg == trend_chart().svg
    # No random or counter-based ids: every id derives from the chart's id.
    ids = re.findall(r'\bid="([^"]+)"', str(status_chart().svg) + str(trend_chart().svg))
    assert sorted(ids) == sorted(
        ["measures-by-status-title", "measures-by-status-desc", "trends-title", "trends-desc"]
    )


def test_the_svg_is_an_image_named_by_its_title_and_description():
    svg = parse(status_chart())
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "measures-by-status-title measures-by-status-desc"
    assert svg.find(f"{SVG}title").get("id") == "measures-by-status-title"
    assert svg.find(f"{SVG}title").text == "Measures by status"
    assert svg.find(f"{SVG}desc").text == (
        "Measures by status: Planned 12, Ongoing 30, Completed 7, Discontinued 0."
    )
    assert (svg.get("width"), svg.get("viewBox")) == ("640", f"0 0 640 {svg.get('height')}")
    assert "DejaVu Sans" in svg.get("font-family")
    assert svg.get("font-size") == "13"


def test_two_charts_on_a_page_have_distinct_ids():
    page = render_to_string("reports/_chart.html", {"chart": status_chart("a")})
    page += render_to_string("reports/_chart.html", {"chart": status_chart("b")})
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert sorted(ids) == ["a", "a-desc", "a-title", "b", "b-desc", "b-title"]
    for reference in re.findall(r'aria-labelledby="([^"]+)"', page):
        assert set(reference.split()) <= set(ids)


@pytest.mark.parametrize("chart_id", ["", "1st", "a b", 'x"y'])
def test_a_chart_id_that_is_not_a_valid_html_id_is_refused(chart_id):
    with pytest.raises(ValueError, match="chart_id"):
        status_chart(chart_id)


def test_labels_are_escaped_in_the_svg_and_the_table():
    label = '<script>alert("x")</script> Health & Care'
    chart = bar_chart(
        title="Measures & <b>pledges</b>",
        bars=[Bar(label, 3, "/dashboard/measures/?organisation=a&status=b")],
        value_label="Measures",
        category_label="Organisation",
        chart_id="escaping",
    )
    html = render_to_string("reports/_chart.html", {"chart": chart})
    assert "<script" not in html
    assert "<b>" not in html
    svg = parse(chart)  # well-formed XML despite the markup in the data
    assert svg.find(f"{SVG}title").text == "Measures & <b>pledges</b>"
    assert bar_groups(svg)[-1].find(f"{SVG}title").text == f"{label}: 3"
    table = Table(html)
    assert table.rows == [(label, "3")]
    assert table.links == ["/dashboard/measures/?organisation=a&status=b"]


def test_the_data_table_holds_the_data_with_links_on_the_first_cells():
    chart = status_chart()
    assert chart.columns == ("Status", "Measures")
    assert chart.rows == (
        ("Planned", "12"),
        ("Ongoing", "30"),
        ("Completed", "7"),
        ("Discontinued", "0"),
    )
    assert chart.links == (
        "/dashboard/measures/?status=planned",
        "/dashboard/measures/?status=ongoing&cycle=2026",
        "",
        "/dashboard/measures/?status=discontinued",
    )
    html = render_to_string("reports/_chart.html", {"chart": chart})
    table = Table(html)
    assert table.header == chart.columns
    assert table.rows == list(chart.rows)
    assert table.links == list(chart.links)
    assert table.scopes == ["col", "col", "row", "row", "row", "row"]
    assert "<caption>Measures by status</caption>" in html
    assert '<figcaption class="chart-title">Measures by status</figcaption>' in html


def test_a_bars_length_is_proportional_to_its_value():
    chart = bar_chart(
        title="Measures by organisation",
        bars=[Bar("A", 40), Bar("B", 10), Bar("C", 25), Bar("D", 0)],
        value_label="Measures",
        category_label="Organisation",
        chart_id="organisations",
    )
    widths = [float(rect.get("width")) for rect in rects(parse(chart))]
    assert widths[3] == 0
    assert widths[0] / widths[1] == pytest.approx(4, abs=0.01)
    assert widths[2] / widths[1] == pytest.approx(2.5, abs=0.01)
    starts = {rect.get("x") for rect in rects(parse(chart))}
    assert len(starts) == 1


def test_the_axis_ends_on_a_round_number_and_every_value_is_printed():
    svg = parse(status_chart())
    axis = svg.find(f".//{SVG}g[@class='chart-axis']")
    assert texts(axis) == ["0", "10", "20", "30", "Measures"]
    values = [texts(group)[-1] for group in bar_groups(svg) if "chart-bar" in group.get("class")]
    assert values == ["12", "30", "7", "0"]
    # The longest bar (30) reaches the last gridline, at the axis maximum.
    gridlines = [float(line.get("x1")) for line in axis.iter(f"{SVG}line")]
    longest = max(rects(svg), key=lambda rect: float(rect.get("width")))
    assert float(longest.get("x")) + float(longest.get("width")) == pytest.approx(gridlines[-1])

    chart = bar_chart(
        title="Shares",
        bars=[Bar("A", 12.4), Bar("B", 3)],
        value_label="Per cent",
        category_label="Organisation",
        chart_id="shares",
    )
    assert texts(parse(chart).find(f".//{SVG}g[@class='chart-axis']"))[-2] == "15"
    assert chart.rows == (("A", "12.4"), ("B", "3"))


def test_numbers_follow_the_active_language():
    with translation.override("sv"):
        chart = bar_chart(
            title="Åtgärder",
            bars=[Bar("Justitiedepartementet", 100000), Bar("Migrationsverket", 2.5)],
            value_label="Åtgärder",
            category_label="Organisation",
            chart_id="sv",
        )
    assert chart.rows == (("Justitiedepartementet", "100\xa0000"), ("Migrationsverket", "2,5"))


def test_lazy_translations_become_text_in_the_language_the_chart_is_built_in():
    with translation.override("sv"):
        chart = status_chart(
            title=gettext_lazy("Planned"),
            bars=[Bar(gettext_lazy("Ongoing"), 1)],
            value_label=gettext_lazy("Completed"),
        )
        expected = [gettext("Planned"), gettext("Ongoing"), gettext("Completed")]
    assert expected != ["Planned", "Ongoing", "Completed"]
    assert [chart.title, chart.rows[0][0], chart.columns[1]] == expected
    assert all(type(text) is str for text in (chart.title, *chart.rows[0], *chart.columns))


def test_a_long_label_is_cut_in_the_svg_but_whole_in_its_tooltip_and_the_table():
    title = (
        "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies"
    )
    chart = bar_chart(
        title="Measures by objective",
        bars=[Bar(title, 5), Bar("Short", 2)],
        value_label="Measures",
        category_label="Objective",
        chart_id="objectives",
    )
    first, second = [
        group for group in bar_groups(parse(chart)) if "chart-bar" in group.get("class")
    ]
    shown = texts(first)[0]
    assert shown.endswith("…")
    assert title.startswith(shown[:-1])
    assert len(shown) < len(title)
    assert first.find(f"{SVG}title").text == f"{title}: 5"
    assert texts(second)[0] == "Short"
    assert chart.rows[0][0] == title


def test_no_data_gives_a_chart_and_a_table_that_say_so():
    empty = status_chart(bars=[])
    grouped = grouped_bar_chart(
        title="Trends",
        categories=[],
        series=[("Planned", []), ("Ongoing", [])],
        value_label="Measures",
        category_label="Review cycle",
        chart_id="no-trends",
    )
    for chart in (empty, grouped):
        svg = parse(chart)
        assert texts(svg) == ["No data"]
        assert rects(svg) == []
        assert chart.rows == chart.links == ()
        assert chart.description.endswith(": No data.")
        table = Table(render_to_string("reports/_chart.html", {"chart": chart}))
        assert table.rows == [("No data",)]
    assert grouped.columns == ("Review cycle", "Planned", "Ongoing")


def test_a_grouped_chart_has_a_legend_and_a_column_per_series():
    chart = trend_chart()
    svg = parse(chart)
    legend = svg.find(f".//{SVG}g[@class='chart-legend']")
    assert texts(legend) == ["Planned", "Ongoing", "Completed"]
    swatches = [rect.get("fill") for rect in legend.iter(f"{SVG}rect")]
    assert swatches == [KEY_COLOURS["planned"], KEY_COLOURS["ongoing"], KEY_COLOURS["completed"]]
    bars = [group for group in bar_groups(svg) if group.get("class") == "chart-series"]
    assert [bar.find(f"{SVG}rect").get("fill") for bar in bars[:3]] == swatches
    assert bars[5].find(f"{SVG}title").text == "GA 2024, Completed: 2"
    assert chart.columns == ("Review cycle", "Planned", "Ongoing", "Completed")
    assert chart.rows == (
        ("IMRF 2022", "3", "1", "0"),
        ("GA 2024", "5", "4", "2"),
        ("IMRF 2026", "2", "9", "6"),
    )
    table = Table(render_to_string("reports/_chart.html", {"chart": chart}))
    assert table.header == chart.columns
    assert table.rows == list(chart.rows)
    assert table.links == ["", "", ""]
    assert chart.description == (
        "Measures over review cycles: IMRF 2022 (Planned 3, Ongoing 1, Completed 0); "
        "GA 2024 (Planned 5, Ongoing 4, Completed 2); "
        "IMRF 2026 (Planned 2, Ongoing 9, Completed 6)."
    )


def test_a_series_with_the_wrong_number_of_values_is_refused():
    with pytest.raises(ValueError, match="'Ongoing' has 1 values for 2 categories"):
        grouped_bar_chart(
            title="Trends",
            categories=["2024", "2026"],
            series=[("Planned", [1, 2]), ("Ongoing", [1])],
            value_label="Measures",
            category_label="Review cycle",
            chart_id="trends",
        )


@pytest.mark.parametrize("value", [-1, math.nan, math.inf, "3", None])
def test_a_value_that_is_not_a_count_is_refused(value):
    with pytest.raises(ValueError, match="value"):
        status_chart(bars=[Bar("Planned", value)])


def test_statuses_keep_their_colour_across_charts():
    def fills(chart):
        return [rect.get("fill") for rect in rects(parse(chart))]

    measures = status_chart()
    pledges = bar_chart(
        title="Pledges by status",
        bars=[
            Bar(key, 1, key=key) for key in ("not_started", "in_progress", "fulfilled", "withdrawn")
        ],
        value_label="Pledges",
        category_label="Status",
        chart_id="pledges",
    )
    assert fills(measures) == fills(pledges) == list(PALETTE[:4])
    reordered = status_chart(
        bars=[Bar("Completed", 1, key="completed"), Bar("Planned", 1, key="planned")]
    )
    assert fills(reordered) == [PALETTE[2], PALETTE[0]]
    organisations = status_chart(bars=[Bar("Ministry of Justice", 4), Bar("Ministry of Health", 2)])
    assert fills(organisations) == [NEUTRAL, NEUTRAL]


def _linear(channel):
    channel /= 255
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _rgb(colour):
    return [_linear(int(colour[index : index + 2], 16)) for index in (1, 3, 5)]


def _contrast_with_white(colour):
    red, green, blue = _rgb(colour)
    return 1.05 / (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05)


def test_every_colour_has_enough_contrast_against_white():
    for colour in (*PALETTE, NEUTRAL):
        assert _contrast_with_white(colour) >= 3, colour  # graphical objects
    assert _contrast_with_white("#1b1b1b") >= 4.5  # the charts' text


# Machado, Oliveira and Fernandes (2009), full severity, on linear RGB.
COLOUR_BLINDNESS = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _lab(linear_rgb):
    red, green, blue = (min(1, max(0, channel)) for channel in linear_rgb)
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


@pytest.mark.parametrize("vision", COLOUR_BLINDNESS)
def test_the_status_colours_stay_apart_for_colour_blind_readers(vision):
    matrix = COLOUR_BLINDNESS[vision]

    def seen(colour):
        rgb = _rgb(colour)
        return _lab([sum(row[index] * rgb[index] for index in range(3)) for row in matrix])

    for first, second in itertools.combinations(PALETTE[:4], 2):
        # A CIE76 difference above 10 is plainly visible between neighbouring bars.
        assert math.dist(seen(first), seen(second)) > 10, (vision, first, second)


def _page(*charts):
    css = finders.find("reports/charts.css")
    with open(css, encoding="utf-8") as stylesheet:
        style = stylesheet.read()
    body = "".join(render_to_string("reports/_chart.html", {"chart": chart}) for chart in charts)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Charts</title>'
        f"<style>{style}</style></head><body><main><h1>Charts</h1>{body}</main></body></html>"
    )


def test_weasyprint_draws_the_charts_without_a_warning(caplog):
    html = _page(status_chart(), trend_chart())
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = weasyprint.HTML(string=html).write_pdf(uncompressed_pdf=True)
    assert pdf.startswith(b"%PDF")
    assert [record for record in caplog.records if record.name.startswith("weasyprint")] == []
    # The bars were drawn: each status colour is set as a fill in the page's content.
    fills = {
        tuple(float(part) for part in match.split())
        for match in re.findall(rb"([\d.]+ [\d.]+ [\d.]+) rg", pdf)
    }
    for colour in PALETTE[:4]:
        expected = tuple(int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5))
        assert any(
            all(abs(a - b) < 0.002 for a, b in zip(fill, expected, strict=True)) for fill in fills
        )


@pytest.mark.browser
def test_a_page_of_charts_has_no_accessibility_violation_in_chromium(page):
    from axe_playwright_python.sync_playwright import Axe

    page.set_content(_page(status_chart(), trend_chart(), status_chart("empty", bars=[])))
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    # The image's name is its title followed by its description.
    assert page.get_by_role("img", name="Measures by status: Planned 12,").count() == 1
    assert page.get_by_role("link", name="Ongoing").get_attribute("href") == (
        "/dashboard/measures/?status=ongoing&cycle=2026"
    )
