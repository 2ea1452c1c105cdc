"""The EU Pact dashboard: every legal act and operational section of the Pact with the chosen
cycle's measures by status, the Pact items against the lead organisations, and the Pact items
against the Compact's objectives (the crosswalk), each number linked to the measures it
counts. One call for the (cached) figures, a fixed number of queries for the Pact itself."""

from dataclasses import dataclass, field

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from compact import selectors as compact_selectors
from compact.common.language import reader_language
from compact.models import PactItem
from reports.dashboards.figures import organisations as organisation_list
from reports.dashboards.pact_figures import PactFigures, pact_figures
from reports.dashboards.views.common import CycleChoice, chosen_cycle, list_url
from reports.dashboards.views.overview import heat_level
from tracker.models import MeasureStatus


@dataclass
class Cell:
    count: int
    href: str = ""
    level: int = 0


@dataclass
class PactRow:
    """A Pact item with its measures: in total and per status in the cycle."""

    item: PactItem
    title: object
    href: str
    statuses: list[Cell]
    anchor: str = ""

    @property
    def total(self) -> int:
        # A measure has one status in the cycle: the statuses add up to its measures.
        return sum(cell.count for cell in self.statuses)

    @property
    def is_subheading(self) -> bool:
        return self.item.kind == PactItem.Kind.SUBHEADING


@dataclass
class PactGroup:
    """The legal acts, or one part of the communication with its sections and sub-headings."""

    key: str
    code: str
    title: object
    rows: list[PactRow] = field(default_factory=list)


@dataclass
class Column:
    key: int
    label: str
    href: str
    organisation: object = None


@dataclass
class MatrixRow:
    row: PactRow
    cells: list[Cell]


@dataclass
class Matrix:
    columns: list[Column]
    rows: list[MatrixRow]


def eu_pact(request):
    choice = chosen_cycle(request)
    figures = pact_figures(cycle=choice.cycle)
    language = reader_language()
    groups = pact_groups(choice, figures, language)
    rows = [row for group in groups for row in group.rows]
    # The matrices show every act and section, and the sub-headings some measure serves.
    crossed = [row for row in rows if row.total or not row.is_subheading]
    return render(
        request,
        "reports/dashboards/eu_pact.html",
        {
            "choice": choice,
            "groups": groups,
            "statuses": MeasureStatus.choices,
            "served": sum(1 for row in rows if row.total),
            "gaps": sum(1 for row in rows if not row.total),
            "language_note": rows[0].title if rows else None,
            "organisations": organisation_matrix(choice, figures, crossed),
            "crosswalk": objective_matrix(choice, figures, crossed),
        },
    )


def pact_groups(choice: CycleChoice, figures: PactFigures, language: str) -> list[PactGroup]:
    """The legal acts, then each part that has items, its sections and sub-headings in
    reading order, each item with its measures by status."""

    def row(item: PactItem) -> PactRow:
        counts = figures.by_status.get(item.pk, {})
        statuses = [
            Cell(
                counts.get(status, 0),
                list_url("measures", **choice.query(pact_item=item.code, status=status)),
            )
            for status in MeasureStatus.values
        ]
        href = list_url("measures", **choice.query(pact_item=item.code))
        return PactRow(item, item.localized("title", language), href, statuses)

    acts = PactGroup("legal-acts", "", _("The Pact's legal acts"))
    acts.rows = [row(act) for act in compact_selectors.pact_act_list()]
    groups = [acts] if acts.rows else []
    for part, sections in compact_selectors.pact_outline():
        group = PactGroup(f"part-{part.code}", part.code, part.localized("title", language))
        for entry in sections:
            items = ([entry.section] if entry.section else []) + entry.subheadings
            group.rows += [row(item) for item in items]
        if group.rows:
            groups.append(group)
    return groups


def organisation_matrix(choice: CycleChoice, figures: PactFigures, rows: list[PactRow]) -> Matrix:
    """The Pact items against the lead organisations with at least one linked measure."""
    contributing = {organisation_id for _item, organisation_id in figures.by_organisation}
    columns = [
        Column(
            organisation.pk,
            organisation.code,
            reverse("dashboard:organisation", args=[organisation.code]) + choice.suffix,
            organisation,
        )
        for organisation in organisation_list()
        if organisation.pk in contributing
    ]
    return _matrix(
        choice,
        figures.by_organisation,
        rows,
        columns,
        lambda column: {"organisation": column.label},
    )


def objective_matrix(choice: CycleChoice, figures: PactFigures, rows: list[PactRow]) -> Matrix:
    """The Pact items against the GCM objectives that some measure serves with one of them."""
    numbers = sorted({number for _item, number in figures.by_objective})
    columns = [
        Column(number, str(number), reverse("dashboard:objective", args=[number]) + choice.suffix)
        for number in numbers
    ]
    return _matrix(
        choice, figures.by_objective, rows, columns, lambda column: {"objective": column.key}
    )


def _matrix(choice, counts, rows, columns, column_filter) -> Matrix:
    maximum = max(counts.values(), default=0)
    matrix = Matrix(columns, [])
    for row in rows:
        cells = []
        for column in columns:
            count = counts.get((row.item.pk, column.key), 0)
            href = ""
            if count:
                filters = choice.query(pact_item=row.item.code, **column_filter(column))
                href = list_url("measures", **filters)
            cells.append(Cell(count, href, heat_level(count, maximum)))
        matrix.rows.append(MatrixRow(row, cells))
    return matrix
