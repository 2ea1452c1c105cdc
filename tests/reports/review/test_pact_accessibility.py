"""The EU Pact implementation report's structure tree passes the review report's checks
(test_accessibility.py), read with pikepdf as an independent PDF/UA-1 checker reads it: header
cells with their scope, tables made of rows, lists made of items, headings that never skip a
level, text in another language that says which, and a catalog that names the language and shows
the title. It has no figure. One small report per language, built once for the module."""

from collections.abc import Iterator

import pytest
from django.db import transaction

from compact.models import PactItem
from reports.models import ReportKind
from tests.reports.review.conftest import build
from tests.reports.review.test_accessibility import (  # noqa: F401 - the checks, run here
    LANGUAGES,
    _dataset,
    kids,
    test_every_header_cell_says_whether_it_heads_a_column_or_a_row,
    test_every_list_is_made_of_items,
    test_every_table_is_made_of_rows_and_every_row_of_cells,
    test_headings_never_skip_a_level_going_down,
    test_text_in_another_language_says_which,
    test_the_catalog_names_the_language_and_shows_the_title,
    tree,
)
from tracker.models import Measure, PublishedMeasure

pytestmark = pytest.mark.django_db


def _link_to_the_pact() -> None:
    """Each measure of the miniature government serves a section, a sub-heading under it and a
    legal act (in its published record, which the report reads)."""
    items = list(PactItem.objects.filter(code__in=["III.2", "III.2.a", "ACT-04"]))
    assert len(items) == 3
    for published in PublishedMeasure.objects.filter(pk__in=Measure.objects.values("published_id")):
        published.pact_items.set(items)


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker) -> Iterator[dict[str, bytes]]:
    """The draft Pact report in each language, built once, in a transaction rolled back after
    the module's last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        cycle = _dataset()
        _link_to_the_pact()
        built = {}
        for language in LANGUAGES:
            run = build(cycle, language, report_kind=ReportKind.PACT)
            assert run.error == ""
            with run.file.open("rb") as handle:
                built[language] = handle.read()
        yield built
        transaction.set_rollback(True)


def test_the_pact_report_has_no_figure_to_describe(tree):  # noqa: F811
    assert tree.of_type("/Figure") == []


def test_its_header_scopes_are_what_the_html_says(tree):  # noqa: F811
    """Each table's columns are headed in its head, each measure's row by its title, and each
    key figure's by its name."""
    heads = [
        header
        for table in tree.of_type("/Table")
        for section in kids(table)
        if section.get("/S") == "/THead"
        for row in kids(section)
        for header in kids(row)
    ]
    assert {header.A.get("/Scope") for header in heads} == {"/Column"}
    # Six columns in the three items' tables with measures (III.2, III.2.a, ACT-04) and the
    # annex's.
    assert len(heads) == 6 * 4
    row_headers = [h for h in tree.of_type("/TH") if h.A.get("/Scope") == "/Row"]
    # The eight key figures, the three measures under each of three items and in the annex.
    assert len(row_headers) == 8 + 3 * 3 + 3
