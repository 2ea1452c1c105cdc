"""The EU Pact implementation report's data (pact_data.py) as HTML documents for the press.

The same typesetting, merge, tagging, furniture and determinism as the voluntary national
review (render.py): only the templates (reports/review/pact/) and the cut into pieces differ.
A piece is the front matter, the legal acts, one part of the communication, or the gaps with
the annex; each starts a page, as each part of the report does anyway.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from compact.languages import LocalizedText
from reports.review.document.pact_data import PactGroupPart, PactReportData
from reports.review.document.render import ReportHtml
from tracker.models import MeasureStatus

TEMPLATE = "reports/review/pact/report.html"


@dataclass
class PactPiece:
    front: bool = False
    acts: bool = False
    part: PactGroupPart | None = None
    parts_first: bool = False
    back: bool = False


def _marked(text: LocalizedText) -> str:
    """A text with the language it is in when another than the report's, as in "(sv)"."""
    return f"{text.text} ({text.language})" if text.is_fallback else text.text


def _contents_parts() -> list[tuple[str, str]]:
    return [
        ("pact-summary", _("1. Summary")),
        ("pact-acts", _("2. The Pact's legal acts")),
        ("pact-parts", _("3. Operational sections of the communication")),
        ("pact-gaps", _("4. Gaps")),
        ("pact-annex", _("5. Annex: measures with their Pact items and GCM objectives")),
    ]


def pact_pieces(data: PactReportData) -> list[PactPiece]:
    parts = [PactPiece(part=part, parts_first=index == 0) for index, part in enumerate(data.parts)]
    return [PactPiece(front=True), PactPiece(acts=True), *parts, PactPiece(back=True)]


def pact_report_html(data: PactReportData) -> ReportHtml:
    """The report as HTML documents in the report's language, one per piece."""
    with translation.override(data.language):
        context = {
            "data": data,
            "contents_parts": _contents_parts(),
            "summary_statuses": [
                (label, data.status_counts[value]) for value, label in MeasureStatus.choices
            ],
        }
        return ReportHtml(
            language=data.language,
            running_title=f"{data.title}: {_marked(data.cycle_name)}",
            watermark=None if data.is_final else _("DRAFT"),
            documents=[
                render_to_string(TEMPLATE, {**context, "piece": piece})
                for piece in pact_pieces(data)
            ],
        )
