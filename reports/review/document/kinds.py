"""Which document a report run builds, by its kind (reports.models.ReportKind): the data it is
read from and the HTML it is written as. Everything else, the run, its service and task, the
typesetting, the merge, the checksum and the provenance, is one path for every kind (ADR 0021).
"""

from reports.models import ReportKind
from reports.review.document.data import report_data
from reports.review.document.pact_data import PactReportData, pact_report_data
from reports.review.document.pact_render import pact_report_html
from reports.review.document.render import ReportHtml, report_html
from tracker.models import ReviewCycle

_DATA = {ReportKind.REVIEW: report_data, ReportKind.PACT: pact_report_data}


def document_data(*, report_kind: str, cycle: ReviewCycle, language: str, is_final: bool):
    """The data of the report of `report_kind` for `cycle` in `language`."""
    return _DATA[ReportKind(report_kind)](cycle=cycle, language=language, is_final=is_final)


def document_html(data) -> ReportHtml:
    """The report's HTML documents, written by its kind's templates."""
    if isinstance(data, PactReportData):
        return pact_report_html(data)
    return report_html(data)
