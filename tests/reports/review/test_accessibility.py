"""The report's structure tree, read as an independent PDF/UA-1 checker reads it (pikepdf):
header cells with their scope, tables made of rows, lists made of items, headings that never
skip a level, figures with alternative text, and a catalog that names the language and shows
the title. One small report per language, built once for the module."""

import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf
import pytest
from django.db import transaction

from compact.models import Objective
from tests.factories import (
    IndicatorDatasetFactory,
    IndicatorFactory,
    OrganisationFactory,
    ReviewCycleFactory,
)
from tests.reports.factories import measure, pledge, update
from tests.reports.review.conftest import build
from tracker.models import MeasureStatus, PledgeStatus

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "sv", "nb", "da")
TABLE_SECTIONS = ("/THead", "/TBody", "/TFoot")


def _dataset():
    """A government in miniature: measures in every round table, some written in Swedish and
    some in English, with results and progress updates, and pledges."""
    cycle = ReviewCycleFactory(name="Accessible review 2025", slug="accessible-2025")
    justice = OrganisationFactory(code="AMOJ", name_en="Ministry of Justice")
    labour = OrganisationFactory(code="AMOL", name_en="Ministry of Labour")
    swedish = measure(justice, [2, 5], actions=["2a"], title="Rättshjälp", language="sv")
    english = measure(labour, [8, 13, 23], title="Safe routes", language="en")
    measure(justice, [1, 17], title="Migration data", language="en")
    update(swedish, cycle, status=MeasureStatus.COMPLETED, results="Fler fick hjälp.")
    update(english, cycle, status=MeasureStatus.ONGOING, results="Routes opened.")
    pledge(justice, [5], status=PledgeStatus.IN_PROGRESS)
    pledge(labour, [8], status=PledgeStatus.FULFILLED)
    # An indicator, so that its round table's table of indicators is checked too.
    permits = IndicatorFactory(code="A-5.1", name="Work permits", name_sv="Arbetstillstånd")
    permits.objectives.set(Objective.objects.filter(number=5))
    IndicatorDatasetFactory(indicator=permits, period=cycle.period_end.year, values={"": 7})
    return cycle


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker) -> Iterator[dict[str, bytes]]:
    """The draft report in each language, built once, in a transaction rolled back after the
    module's last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        cycle = _dataset()
        built = {}
        for language in LANGUAGES:
            run = build(cycle, language)
            with run.file.open("rb") as handle:
                built[language] = handle.read()
        yield built
        transaction.set_rollback(True)


@dataclass
class Tree:
    language: str
    pdf: pikepdf.Pdf
    # Every structure element in document order, with its parent.
    elements: list[tuple[pikepdf.Dictionary, pikepdf.Dictionary | None]]

    def of_type(self, *types: str) -> list[pikepdf.Dictionary]:
        return [element for element, _parent in self.elements if element.get("/S") in types]


def kids(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """The structure elements among an element's kids (not its marked content)."""
    k = element.get("/K")
    items = list(k) if isinstance(k, pikepdf.Array) else [k]
    return [item for item in items if isinstance(item, pikepdf.Dictionary) and "/S" in item]


def _walk(element, parent=None):
    yield element, parent
    for kid in kids(element):
        yield from _walk(kid, element)


@pytest.fixture(params=LANGUAGES)
def tree(request, reports) -> Iterator[Tree]:
    with pikepdf.open(io.BytesIO(reports[request.param])) as pdf:
        document = pdf.Root.StructTreeRoot.K[0]
        yield Tree(request.param, pdf, list(_walk(document)))


def test_every_header_cell_says_whether_it_heads_a_column_or_a_row(tree):
    headers = tree.of_type("/TH")
    assert headers
    scopes = [str(header.get("/A", {}).get("/Scope")) for header in headers]
    assert set(scopes) == {"/Column", "/Row"}, scopes
    for header in headers:
        assert header.A.O == "/Table"


def test_the_header_scopes_are_what_the_html_says(tree):
    """Annex B's organisations head rows, its objectives head columns."""
    column_headers = [
        header
        for row in tree.of_type("/TR")
        for header in kids(row)
        if header.get("/S") == "/TH" and header.A.get("/Scope") == "/Column"
    ]
    row_headers = [h for h in tree.of_type("/TH") if h.A.get("/Scope") == "/Row"]
    # The key figures (9 rows) and the matrix's two organisations, at least.
    assert len(row_headers) >= 11
    assert len(column_headers) >= 6 + 24  # Annex A's six columns and Annex B's 24
    for table in tree.of_type("/Table"):
        for section in kids(table):
            if section.get("/S") == "/THead":
                for row in kids(section):
                    assert {h.A.get("/Scope") for h in kids(row)} == {"/Column"}


def test_every_table_is_made_of_rows_and_every_row_of_cells(tree):
    tables = tree.of_type("/Table")
    assert tables
    for table in tables:
        rows = [kid for kid in kids(table) if kid.get("/S") == "/TR"]
        for section in kids(table):
            assert section.get("/S") in ("/TR", "/Caption", *TABLE_SECTIONS), section.get("/S")
            if section.get("/S") in TABLE_SECTIONS:
                assert {kid.get("/S") for kid in kids(section)} == {"/TR"}
                rows += kids(section)
        assert rows, "a table without rows"
        for row in rows:
            cells = [kid.get("/S") for kid in kids(row)]
            assert cells
            assert set(cells) <= {"/TH", "/TD"}, cells


def test_every_list_is_made_of_items(tree):
    lists = tree.of_type("/L")
    assert lists
    for element in lists:
        assert {kid.get("/S") for kid in kids(element)} == {"/LI"}
    for element, parent in tree.elements:
        if element.get("/S") == "/LI":
            assert parent.get("/S") == "/L"
            assert {kid.get("/S") for kid in kids(element)} <= {"/Lbl", "/LBody"}


def test_headings_never_skip_a_level_going_down(tree):
    levels = [int(str(h.S)[2]) for h in tree.of_type(*(f"/H{n}" for n in range(1, 7)))]
    assert levels[0] == 1
    assert {1, 2, 3, 4} <= set(levels)
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_every_figure_has_alternative_text(tree):
    figures = tree.of_type("/Figure")
    assert len(figures) == 5  # the summary's chart and one per round table
    for figure in figures:
        assert str(figure.get("/Alt", "")).strip()


def test_text_in_another_language_says_which(tree):
    """The Swedish measure's title in the English, Norwegian and Danish reports; the English
    ones' in the Swedish, Norwegian and Danish reports."""
    languages = {str(element.Lang) for element, _parent in tree.elements if "/Lang" in element}
    other = {"sv", "en"} - {tree.language}
    assert other <= languages


def test_the_catalog_names_the_language_and_shows_the_title(tree):
    root = tree.pdf.Root
    assert str(root.Lang) == tree.language
    assert bool(root.MarkInfo.Marked) is True
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True
    title = str(tree.pdf.docinfo.Title)
    assert "Accessible review 2025" in title
    with tree.pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == title
