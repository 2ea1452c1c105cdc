"""The report's data as HTML (Django templates) and as PDF (WeasyPrint).

A report is typeset in pieces (reports/review/document/pieces.py: one for a small report), each an
HTML document rendered here, typeset side by side in processes of their own and merged into one
PDF by the press (press.py, pool.py, merge.py). The PDF is tagged (PDF/UA-1) so that screen
readers follow its structure, and deterministic: its creation date is the data's date
(reports/review/document/data.py) and its file identifier is derived from the input data's checksum,
so the same data gives the same bytes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from compact.languages import LocalizedText
from reports.charts import Bar, Chart, bar_chart
from reports.review.document.data import ReportData
from reports.review.document.pieces import report_pieces
from reports.review.document.press import press
from tracker.models import MeasureStatus

STYLESHEETS = ("reports/charts.css", "reports/report.css")


@dataclass
class RenderedPart:
    number: int
    title: str
    objectives: list
    narrative: object
    chart: Chart
    indicators: list = field(default_factory=list)


def _status_chart(counts: dict[str, int], *, title: str, chart_id: str) -> Chart:
    return bar_chart(
        title=title,
        bars=[
            Bar(label=str(label), value=counts[value], key=value)
            for value, label in MeasureStatus.choices
        ],
        value_label=_("Measures"),
        category_label=_("Status"),
        chart_id=chart_id,
    )


def _marked(text: LocalizedText) -> str:
    """A text with the language it is in when another than the report's, as in "(sv)"."""
    return f"{text.text} ({text.language})" if text.is_fallback else text.text


def _contents_parts() -> list[tuple[str, str]]:
    """The report's parts as the table of contents lists them: anchor and heading."""
    return [
        ("summary", _("1. Summary")),
        ("methodology", _("2. Methodology")),
        ("round-tables", _("3. Progress by round table")),
        ("pledges", _("4. Pledges and their implementation")),
        ("principles", _("5. Guiding principles")),
        ("gaps", _("6. Gaps")),
        ("annexes", _("7. Annexes")),
    ]


def _context(data: ReportData) -> dict:
    """What every piece's template is given besides the piece, in the report's language."""
    return {
        "data": data,
        "contents_parts": _contents_parts(),
        "summary_statuses": [
            (label, data.status_counts[value]) for value, label in MeasureStatus.choices
        ],
        "status_chart": _status_chart(
            data.status_counts,
            title=_("Measures by status at the end of the period"),
            chart_id="status-summary",
        ),
        "round_tables": [
            RenderedPart(
                number=part.number,
                title=part.title,
                objectives=part.objectives,
                narrative=part.narrative,
                chart=_status_chart(
                    part.status_counts,
                    title=_("Round table %(number)s: measures by status") % {"number": part.number},
                    chart_id=f"status-round-table-{part.number}",
                ),
                indicators=part.indicators,
            )
            for part in data.round_tables
        ],
    }


@dataclass(frozen=True)
class ReportHtml:
    """The report as HTML: one document per piece (reports/review/document/pieces.py), in order."""

    language: str
    running_title: str
    # The word across every page of a draft (drawn by the press), or None.
    watermark: str | None
    documents: list[str]


def report_html(data: ReportData, *, budget: float | None = None) -> ReportHtml:
    """The report as HTML documents in the report's language, one per piece of at most about
    `budget` (by default PIECE_WEIGHT): a single one for a small report or an infinite
    budget."""
    with translation.override(data.language):
        context = _context(data)
        pieces = report_pieces(data, round_tables=context["round_tables"], budget=budget)
        return ReportHtml(
            language=data.language,
            running_title=_marked(data.cycle_name),
            watermark=None if data.is_final else _("DRAFT"),
            documents=[
                render_to_string("reports/review/pdf/report.html", {**context, "piece": piece})
                for piece in pieces
            ],
        )


def _stylesheets() -> tuple[str, ...]:
    return tuple(finders.find(name) for name in STYLESHEETS)


def pdf_from_html(
    html: ReportHtml,
    *,
    identifier: str,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[bytes, int]:
    """The report as one tagged PDF and its number of pages, typeset and merged by the press
    (press.py). `identifier` (hex) becomes the PDF's file identifier instead of a hash of the
    moment; `progress` hears of every typesetting job finished."""
    pressed = press(
        html.documents,
        language=html.language,
        running_title=html.running_title,
        watermark=html.watermark,
        stylesheets=_stylesheets(),
        identifier=identifier,
        progress=progress,
    )
    return pressed.pdf, pressed.pages
