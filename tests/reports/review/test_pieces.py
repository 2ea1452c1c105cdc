"""A report typeset in several pieces (reports/review/document/pieces.py) reads as the same report
typeset in one: the same bookmarks and text in the same order, page numbers that run on, one
structure tree, and the same bytes for the same data."""

import datetime
import io
import math
import re

import pikepdf
import pypdf
import pytest
from pikepdf import NumberTree

from reports.models import ReportStage, ReportState
from reports.review.document import pieces
from reports.review.document.data import report_data
from reports.review.document.render import report_html
from reports.review.services import runs
from tests.factories import ReviewCycleFactory
from tests.reports.review.conftest import build, read_pdf

pytestmark = pytest.mark.django_db

# Weights of pieces.py: a piece of about four measures, so that the first round table is cut
# between two measures of objective 5 and every other part is a piece or more of its own.
SMALL_PIECE = 4.0
D = datetime.date


def _build(cycle, piece_weight: float):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pieces, "PIECE_WEIGHT", piece_weight)
        return build(cycle)


@pytest.fixture
def single(dataset):
    return _build(dataset.cycles.new, math.inf)


@pytest.fixture
def in_pieces(dataset):
    return _build(dataset.cycles.new, SMALL_PIECE)


def _furniture_and_body(page) -> tuple[list[str], list[str]]:
    """The page's running title and number, drawn last over it (reports/review/document/merge.py),
    and the lines of its own text; the cover has no furniture."""
    lines = page.extract_text().splitlines()
    if page.page_number == 0:
        return [], lines
    return lines[-2:], lines[:-2]


def _open(run) -> bytes:
    with run.file.open("rb") as handle:
        return handle.read()


def _marked_words(data: bytes) -> dict[tuple[int, int], list[str]]:
    """The words of each marked-content sequence, by page index and MCID (pypdf)."""
    words: dict[tuple[int, int], list[str]] = {}
    for index, page in enumerate(pypdf.PdfReader(io.BytesIO(data)).pages):
        marks: list[int | None] = []

        def operator(name, operands, _cm, _tm, marks=marks):
            if name == b"BDC":
                properties = operands[1]
                marks.append(properties.get("/MCID") if isinstance(properties, dict) else None)
            elif name == b"BMC":
                marks.append(None)
            elif name == b"EMC":
                marks.pop()

        def text(value, *_position, marks=marks, index=index):
            if marks and marks[-1] is not None:
                words.setdefault((index, marks[-1]), []).extend(value.split())

        page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return words


def _reading_order(run) -> list[str]:
    """The words as assistive technology reads them: the marked content of the structure
    tree's elements, in the tree's order. Artifacts (furniture, watermark) are not in it."""
    data = _open(run)
    words = _marked_words(data)
    pdf = pikepdf.Pdf.open(io.BytesIO(data))
    page_index = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    result = []

    def walk(element):
        for kid in element.get("/K", ()):
            if isinstance(kid, int):
                result.extend(words.get((page_index[element.Pg.objgen], kid), []))
            elif kid.get("/Type") == "/StructElem":
                walk(kid)

    walk(pdf.Root.StructTreeRoot.K[0])
    return result


def test_the_report_is_cut_into_several_pieces(dataset, monkeypatch):
    monkeypatch.setattr(pieces, "PIECE_WEIGHT", SMALL_PIECE)
    data = report_data(cycle=dataset.cycles.new, language="en", is_final=False)
    documents = report_html(data).documents
    assert len(documents) > 8
    # Objective 5's three measures are split between two pieces; its heading is in the first.
    with_objective_5 = [html for html in documents if 'class="objective" id="objective-5"' in html]
    assert len(with_objective_5) == 1
    continued = documents[documents.index(with_objective_5[0]) + 1]
    assert re.search(r'<section class="objective">\s*<article', continued)
    # A small report is a single piece, which is the whole report.
    monkeypatch.undo()
    assert len(report_html(data).documents) == 1


def _contents(cut: list[pieces.Piece]) -> list[tuple]:
    """What the pieces show, in order, whatever the cuts: parts, round tables, objectives
    with their measures, annex rows."""
    shown = []
    for piece in cut:
        shown += ["front"] * piece.front + ["round tables"] * piece.round_tables_first
        for part in piece.round_tables:
            shown += [("round table", part.part.number)] * part.first
            for objective in part.objectives:
                shown += [("objective", objective.number)] * objective.first
                shown += [("measure", measure.id) for measure in objective.measures]
            shown += [("narrative", part.part.number)] * part.last
        shown += ["back"] * piece.back + ["annexes"] * piece.annex_first
        shown += [("row", measure.id) for measure in piece.annex_measures or []]
        shown += ["matrix"] * piece.matrix
    return shown


@pytest.mark.parametrize("budget", [1, SMALL_PIECE, 10, 50])
def test_the_pieces_show_everything_once_in_the_reports_order(dataset, budget):
    empty = ReviewCycleFactory(slug="empty", period_start=D(2030, 1, 1), period_end=D(2030, 12, 31))
    for cycle in (dataset.cycles.new, empty):
        data = report_data(cycle=cycle, language="en", is_final=False)
        whole = pieces.report_pieces(data, round_tables=data.round_tables, budget=math.inf)
        cut = pieces.report_pieces(data, round_tables=data.round_tables, budget=budget)
        assert len(whole) == 1
        assert len(cut) > 1
        assert _contents(cut) == _contents(whole)
        assert all(not piece.is_empty for piece in cut)


def test_its_pages_are_numbered_on_from_piece_to_piece(in_pieces, single, dataset):
    assert in_pieces.state == ReportState.DONE, in_pieces.error
    pages = read_pdf(in_pieces).reader.pages
    assert in_pieces.pages == len(pages) > single.pages
    numbers = [_furniture_and_body(page)[0] for page in pages]
    assert numbers == [[]] + [
        [dataset.cycles.new.name, str(number)] for number in range(2, len(pages) + 1)
    ]


def _without_repeated(words: list[str], header: list[str]) -> list[str]:
    """`words` with `header` kept only where it first occurs: a table's header row is
    repeated on each page the table continues on, and pieces start pages of their own."""
    result, seen = [], False
    index = 0
    while index < len(words):
        if words[index : index + len(header)] == header:
            if seen:
                index += len(header)
                continue
            seen = True
        result.append(words[index])
        index += 1
    return result


def test_it_has_the_bookmarks_and_text_of_the_single_pass(in_pieces, single):
    assert read_pdf(in_pieces).outline == read_pdf(single).outline
    annex_header = [
        "Identifier",
        "Measure",
        "Lead",
        "organisation",
        "Objectives",
        "Status",
        "Approved",
    ]
    in_order = _reading_order(in_pieces)
    assert in_order.count("Identifier") == 2  # the annex is in two pieces
    assert _without_repeated(in_order, annex_header) == _reading_order(single)


def test_it_has_one_structure_tree_over_every_page(in_pieces):
    with in_pieces.file.open("rb") as handle:
        pdf = pikepdf.Pdf.open(io.BytesIO(handle.read()))
    root = pdf.Root.StructTreeRoot
    assert pdf.Root.MarkInfo.Marked
    assert str(pdf.Root.Lang) == "en"
    assert "National review 2025" in str(pdf.docinfo.Title)
    (document,) = root.K
    assert document.S == "/Document"
    parent_tree = NumberTree(root.ParentTree)
    keys = [int(page.obj.StructParents) for page in pdf.pages]
    assert len(set(keys)) == len(keys)
    assert all(key in parent_tree for key in keys)
    assert int(root.ParentTreeNextKey) > max(keys)
    # Every element hangs from the one Document and marks content on a page of this file;
    # table header identifiers are unique across the pieces.
    pages = {page.obj.objgen for page in pdf.pages}
    marked_pages, identifiers, elements = set(), [], [document]
    while elements:
        element = elements.pop()
        if "/Pg" in element:
            assert element.Pg.objgen in pages
            marked_pages.add(element.Pg.objgen)
        if "/ID" in element:
            identifiers.append(str(element.ID))
        for kid in element.get("/K", ()):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                assert kid.P.objgen == element.objgen
                elements.append(kid)
    assert marked_pages == pages
    assert len(set(identifiers)) == len(identifiers) > 0


def test_it_is_deterministic(in_pieces, dataset):
    again = _build(dataset.cycles.new, SMALL_PIECE)
    assert again.pk != in_pieces.pk
    assert again.file_sha256 == in_pieces.file_sha256
    with again.file.open("rb") as handle:
        identifier = pikepdf.Pdf.open(io.BytesIO(handle.read())).trailer.ID[0]
    assert bytes(identifier).hex() == again.input_sha256[:32]


def test_its_progress_moves_with_every_piece(dataset, monkeypatch):
    monkeypatch.setattr(pieces, "PIECE_WEIGHT", SMALL_PIECE)
    beats = []
    beat = runs._beat

    def recording(run_id, attempt, progress, stage):
        beats.append((progress, stage))
        beat(run_id, attempt, progress, stage)

    monkeypatch.setattr(runs, "_beat", recording)
    assert build(dataset.cycles.new).state == ReportState.DONE
    typesetting = [progress for progress, stage in beats if stage == ReportStage.TYPESETTING]
    assert typesetting == sorted(typesetting)
    assert len(set(typesetting)) > 10
    assert typesetting[0] == 45
    assert typesetting[-1] == 90
