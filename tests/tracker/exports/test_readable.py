"""The readable sheets (tracker/exports/readable.py) are written alike by PostgreSQL's COPY and
by Python, labels and names included, and neutralise what a spreadsheet would run."""

import csv
import io

import pytest
from django.db import connection
from django.utils import translation

from compact.models import GuidingPrinciple
from tests.factories import OrganisationFactory, ReviewCycleFactory, republish
from tests.reports.factories import measure, pledge, update
from tracker.exports import FORMULA_STARTS
from tracker.exports.copy import copy_csv_lines
from tracker.exports.files import csv_lines, typed_rows
from tracker.exports.readable import readable_measures, readable_pledges
from tracker.selectors import cycles as cycle_selectors

pytestmark = pytest.mark.usefixtures("compact")


def tricky_entries():
    lead = OrganisationFactory(code="MOL", name_en="=Labour", name_sv="")
    partner = OrganisationFactory(code="PES", name_en="Employment Service", name_sv="+Af")
    cycle = ReviewCycleFactory(name="2025; =review", name_sv="Omgång 2025")
    for number, start in enumerate(FORMULA_STARTS):
        entry = measure(
            lead,
            [5, 18][: 1 + number % 2],
            actions=["5c"][: number % 2],
            title=f"{start}SUM(A1)",
            title_en="" if number % 2 else f"{start}English",
            target_groups=["women", "not_a_group"][: number % 3],
            stakeholders=["trade_unions"],
        )
        entry.partner_organisations.set([partner, lead][: number % 3])
        entry.guiding_principles.set(GuidingPrinciple.objects.order_by("position")[:number])
        republish(entry)
        if number % 2:
            update(entry, cycle, status="completed")
        pledge(lead, [5], text=f"{start}pledge", text_en="" if number % 2 else "In English")


@pytest.mark.parametrize("language", ["en", "sv", "nb", "da"])
@pytest.mark.parametrize("readable", [readable_measures, readable_pledges])
def test_postgresql_writes_the_readable_lines_python_writes(language, readable):
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; elsewhere Python writes the lines")
    tricky_entries()
    public = (
        cycle_selectors.public_measures
        if readable is readable_measures
        else cycle_selectors.public_pledges
    )
    with translation.override(language):
        queryset, columns = readable(public(), language)

        written_by_postgresql = b"".join(copy_csv_lines(queryset, columns))
        written_by_python = b"".join(csv_lines(typed_rows(queryset, columns)))

    assert written_by_postgresql == written_by_python
    assert len(list(csv.reader(io.StringIO(written_by_python.decode())))) == len(FORMULA_STARTS)
    assert b"'=Labour" in written_by_python
    if readable is readable_measures and language == "en":
        assert b"Women and girls; not_a_group" in written_by_python
        assert b",2025; =review,Completed," in written_by_python
        assert b",'=Labour; Employment Service," in written_by_python
