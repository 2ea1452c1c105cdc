"""What the report prints of each measure, and its table of contents: a measure in full once,
under the first of its objectives in the report's order, and under each of its others one line
whose "see page N" is the page its entry starts on and links there; the contents' page numbers
are the outline's. Built in several pieces (reports/review/document/pieces.py), so that
references and contents point into other pieces of the merged PDF."""

import datetime
import io
import re
from dataclasses import dataclass

import pypdf
import pytest

from reports.review.document import pieces
from reports.review.document.data import report_data
from reports.review.document.render import report_html
from tests.factories import republish
from tests.reports.factories import measure
from tests.reports.review.conftest import build
from tracker.models import Measure

pytestmark = pytest.mark.django_db

D = datetime.date
# A piece of about four measures (as in test_pieces.py): the report is cut into many.
SMALL_PIECE = 4.0


@pytest.fixture
def spread(dataset):
    """The known dataset, with measures serving objectives of several round tables, and every
    measure's description its own."""
    o = dataset.organisations
    start = {"start_date": D(2024, 2, 1)}
    measure(o.mol, [21, 1, 16], title="Return and reintegration", **start)  # round tables 2, 4, 3
    measure(o.moj, [18, 6, 19], title="Skills partnerships", **start)  # 1 (6 before 18), 3
    measure(o.mfa, [1, 23], title="Data for policy", **start)  # 4
    measure(o.mfa, [14, 8], title="Consular help", **start)  # 3, 2
    for pk in Measure.objects.values_list("pk", flat=True):
        Measure.objects.filter(pk=pk).update(
            description=f"The full description of measure {pk}, printed once."
        )
        republish(Measure.objects.get(pk=pk))
    return dataset


def _build(cycle):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pieces, "PIECE_WEIGHT", SMALL_PIECE)
        run = build(cycle)
    assert run.state == "done", run.error
    with run.file.open("rb") as handle:
        return pypdf.PdfReader(io.BytesIO(handle.read()))


def _words(text: str) -> str:
    return " ".join(text.split())


def _product(m, n):
    """The product of two PDF matrices [a b c d e f]."""
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def _placed_text(page) -> list[tuple[float, float, str, bool]]:
    """The page's pieces of text with where they start (x, y in points) and whether they are
    drawn by a form (the furniture and page references are), read with pypdf. pypdf reports a
    form's text in the form's own space: it is moved by the page's matrix at the Do."""
    placed, outer = [], []

    def before(operator, _operands, cm, _tm):
        if operator == b"Do":
            outer.append(list(cm))

    def after(operator, _operands, _cm, _tm):
        if operator == b"Do":
            outer.pop()

    def text(value, cm, tm, _font, _size):
        if not value.strip():
            return
        matrix = _product(tm, cm)
        if outer:
            matrix = _product(matrix, outer[-1])
        placed.append((matrix[4], matrix[5], value.strip(), bool(outer)))

    page.extract_text(visitor_operand_before=before, visitor_operand_after=after, visitor_text=text)
    return placed


@dataclass
class Link:
    page: int  # index
    destination: str
    destination_page: int  # index
    number: str  # the page number drawn in it
    text: str  # the page's own text in it


def _links(reader: pypdf.PdfReader) -> list[Link]:
    """Every link to a named destination, with the page number drawn inside it. WeasyPrint
    gives a link an annotation for each of its boxes: a link is the union of those to the
    same destination on a page."""
    destinations = {
        name: reader.get_destination_page_number(value)
        for name, value in reader.named_destinations.items()
    }
    links = []
    for index, page in enumerate(reader.pages):
        areas: dict[str, list] = {}
        for annotation in page.get("/Annots", ()):
            annotation = annotation.get_object()
            if "/Dest" in annotation:
                x1, y1, x2, y2 = (float(value) for value in annotation["/Rect"])
                areas.setdefault(str(annotation["/Dest"]), []).append(
                    (min(x1, x2) - 0.5, min(y1, y2), max(x1, x2), max(y1, y2))
                )
        placed = _placed_text(page) if areas else []
        for name, rectangles in areas.items():
            inside = [
                (value, drawn)
                for x, y, value, drawn in placed
                if any(x1 <= x <= x2 and y1 <= y <= y2 for x1, y1, x2, y2 in rectangles)
            ]
            numbers = [value for value, drawn in inside if drawn and value.isdigit()]
            assert len(numbers) == 1, (index, name, numbers)
            links.append(
                Link(
                    page=index,
                    destination=name,
                    destination_page=destinations[name],
                    number=numbers[0],
                    text=" ".join(value for value, drawn in inside if not drawn),
                )
            )
    return links


def _report_measures(cycle):
    return report_data(cycle=cycle, language="en", is_final=False).measures


def test_each_measure_is_printed_in_full_once_and_as_one_line_elsewhere(spread):
    reader = _build(spread.cycles.new)
    text = _words("\n".join(page.extract_text() for page in reader.pages))
    measures = _report_measures(spread.cycles.new)
    assert len(measures) == 7
    for line in measures:
        assert text.count(f"The full description of measure {line.id}, printed once.") == 1
        reference = (
            f"M-{line.id} · {line.title.text} · {line.lead_organisation} · "
            f"{line.status_label} · see page"
        )
        assert text.count(reference) == len(line.objective_numbers) - 1, reference
    # The objective headings still count every measure serving them.
    assert "3 measures serve this objective." in text  # objective 5: m1, m2, m4
    assert "2 measures serve this objective." in text  # objective 1, among others


def _entry_pages(reader) -> dict[int, int]:
    """The index of the page each measure's full entry is on, by measure id."""
    pages = {}
    for index, page in enumerate(reader.pages):
        for match in re.finditer(
            r"The full description of measure (\d+),", _words(page.extract_text())
        ):
            pages[int(match[1])] = index
    return pages


def test_every_reference_gives_and_links_to_the_page_its_entry_starts_on(spread):
    cycle = spread.cycles.new
    reader = _build(cycle)
    entries = _entry_pages(reader)
    references = [link for link in _links(reader) if link.destination.startswith("measure-")]
    measures = _report_measures(cycle)
    assert len(references) == sum(len(line.objective_numbers) - 1 for line in measures)
    for link in references:
        entry = entries[int(link.destination.removeprefix("measure-"))]
        assert link.destination_page == entry
        assert link.number == str(entry + 1)  # pages are numbered from the cover, 1
        assert link.text == "see page"
    # References point back and forth between pieces: the report is cut into many.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pieces, "PIECE_WEIGHT", SMALL_PIECE)
        documents = report_html(report_data(cycle=cycle, language="en", is_final=False)).documents
    piece_of = {
        line.id: next(n for n, html in enumerate(documents) if f'id="measure-{line.id}"' in html)
        for line in measures
    }
    referring = {
        n
        for n, html in enumerate(documents)
        for line in measures
        if f'href="report-page:measure-{line.id}"' in html and piece_of[line.id] != n
    }
    assert len(documents) > 5
    assert len(referring) > 2


def _outline(reader) -> dict[str, int]:
    """Every bookmark's title (its words) and the index of the page it leads to."""
    pages = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                pages[_words(item.title)] = reader.get_destination_page_number(item)

    walk(reader.outline)
    return pages


def test_the_contents_give_the_outlines_pages_and_link_to_them(spread):
    reader = _build(spread.cycles.new)
    outline = _outline(reader)
    contents = [link for link in _links(reader) if not link.destination.startswith("measure-")]
    # After the cover, before the first part.
    assert min(link.page for link in contents) == 1
    assert max(link.page for link in contents) < outline["1. Summary"]
    listed = {}
    for link in contents:
        # A title broken at a hyphen reads back with a space after it.
        title = _words(link.text).replace("- ", "-")
        listed[title] = link
        assert link.number == str(outline[title] + 1), title
        assert link.destination_page == outline[title]
    # Every part, round table and objective, and nothing else; the annexes' own two bookmarks
    # are not in the contents.
    assert set(outline) - set(listed) == {
        "Annex A. All measures",
        "Annex B. Measures by objective and organisation",
    }
    assert len(listed) == 7 + 4 + 23
    # The numbers run on from piece to piece: the annexes are well beyond the contents' piece.
    assert int(listed["7. Annexes"].number) > 10
