"""The report's data as HTML (Django templates) and as PDF (WeasyPrint).

The PDF is tagged (PDF/UA-1) so that screen readers follow its structure, and deterministic: its
creation date is the data's date (reports/document/data.py) and its file identifier is derived
from the input data's checksum, so the same data gives the same bytes.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML

from reports.charts import Bar, Chart, bar_chart
from reports.document.data import ReportData
from tracker.models import MeasureStatus

STYLESHEETS = ("reports/charts.css", "reports/report.css")
PDF_VARIANT = "pdf/ua-1"


@dataclass
class RenderedPart:
    number: int
    title: str
    objectives: list
    narrative: object
    chart: Chart


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


def _watermark() -> str:
    """The DRAFT watermark as a page background: a background is an artifact in the tagged
    PDF, so screen readers and text extraction skip it."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">'
        '<text x="300" y="300" transform="rotate(-35 300 300)" text-anchor="middle" '
        'dominant-baseline="middle" font-family="Noto Sans, DejaVu Sans, sans-serif" '
        'font-size="120" font-weight="bold" fill="#a00000" fill-opacity="0.13">'
        f"{escape(_('DRAFT'))}</text></svg>"
    )
    return "data:image/svg+xml," + quote(svg)


def report_html(data: ReportData) -> str:
    """The whole report as one HTML document, in the report's language."""
    with translation.override(data.language):
        context = {
            "data": data,
            "watermark": "" if data.is_final else _watermark(),
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
                        title=_("Round table %(number)s: measures by status")
                        % {"number": part.number},
                        chart_id=f"status-round-table-{part.number}",
                    ),
                )
                for part in data.round_tables
            ],
        }
        return render_to_string("reports/pdf/report.html", context)


def _stylesheets() -> list[CSS]:
    return [CSS(filename=finders.find(name)) for name in STYLESHEETS]


def pdf_from_html(html: str, *, identifier: str) -> tuple[bytes, int]:
    """The PDF of `html` and its number of pages. `identifier` (hex) becomes the PDF's file
    identifier instead of a hash of the moment."""
    document = HTML(string=html).render(stylesheets=_stylesheets())
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=bytes.fromhex(identifier)[:16])
    return pdf, len(document.pages)
