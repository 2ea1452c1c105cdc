"""Helpers for the report's tests: build a run of the known dataset, read its PDF."""

import io
from dataclasses import dataclass

import pypdf
import pytest

from reports.models import ReportRun
from reports.review.services.runs import report_build, report_request


@dataclass
class Pdf:
    reader: pypdf.PdfReader

    @property
    def text(self) -> str:
        return "\n".join(page.extract_text() for page in self.reader.pages)

    @property
    def body(self) -> str:
        """The text from the page of the first bookmark (the summary) on: the report without
        its cover and table of contents, which repeats the headings."""
        first = self.reader.get_destination_page_number(self.reader.outline[0])
        return "\n".join(page.extract_text() for page in self.reader.pages[first:])

    @property
    def outline(self) -> list:
        """The bookmarks as nested (title, children) pairs."""

        def walk(items):
            result = []
            for item in items:
                if isinstance(item, list):
                    title, _children = result[-1]
                    result[-1] = (title, walk(item))
                else:
                    result.append((item.title, []))
            return result

        return walk(self.reader.outline)


def read_pdf(run: ReportRun) -> Pdf:
    with run.file.open("rb") as handle:
        return Pdf(pypdf.PdfReader(io.BytesIO(handle.read())))


def build(cycle, language="en", *, is_final=False, actor=None, report_kind="review") -> ReportRun:
    requested = report_request(
        actor=actor,
        cycle=cycle,
        language=language,
        is_final=is_final,
        report_kind=report_kind,
        enqueue=False,
    )
    return report_build(run_id=requested.run.pk)


@pytest.fixture
def built(dataset):
    """The English draft of the latest cycle of the known dataset."""
    return build(dataset.cycles.new)
