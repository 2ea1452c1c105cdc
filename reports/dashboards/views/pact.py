"""The EU Pact dashboard: every legal act and operational section of the Pact with the chosen
cycle's measures by status, the Pact items against the lead organisations, and the Pact items
against the Compact's objectives (the crosswalk), each number linked to the measures it
counts. One call for the (cached) figures, a fixed number of queries for the Pact itself.
Each of the three tables downloads as CSV or XLSX (tables.py), as the page shows it."""

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
from reports.dashboards.views.tables import Table, offer_downloads
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
class PactItems:
    """The measures per Pact item, in the groups the page shows them in."""

    groups: list[PactGroup]
    # (format, address) of each download of the table (tables.py).
    downloads: tuple = ()

    def table(self) -> Table:
        """One sheet of every group's rows, each with the group the page shows it under."""
        header = (
            _("Part"),
            _("Code"),
            _("Title"),
            _("Measures"),
            *(str(label) for _value, label in MeasureStatus.choices),
        )
        rows = tuple(
            (
                _group_label(group),
                row.item.code,
                row.title.text if row.title else "",
                row.total,
                *(cell.count for cell in row.statuses),
            )
            for group in self.groups
            for row in group.rows
        )
        return Table("pact-items", _("Measures per Pact item"), header, rows)


def _group_label(group: PactGroup) -> str:
    """The group's caption on the page, as text."""
    if not group.code:
        return str(group.title)
    return f"{group.code}. {group.title.text if group.title else ''}"


@dataclass
class Column:
    key: int
    label: str
    href: str
    organisation: object = None
    # The column's heading as the page reads it, with its hidden words ("Objective 5").
    heading: str = ""


@dataclass
class MatrixRow:
    row: PactRow
    cells: list[Cell]


@dataclass
class Matrix:
    table_id: str
    caption: str
    columns: list[Column]
    rows: list[MatrixRow]
    downloads: tuple = ()

    def table(self) -> Table:
        """The matrix as the page shows it: a row per Pact item (its code and title), a
        column per organisation or objective."""
        header = (_("Pact item"), *(column.heading or column.label for column in self.columns))
        rows = tuple(
            (
                f"{line.row.item.code} {line.row.title.text if line.row.title else ''}".strip(),
                *(cell.count for cell in line.cells),
            )
            for line in self.rows
        )
        return Table(self.table_id, self.caption, header, rows if self.columns else ())


def eu_pact(request):
    choice = chosen_cycle(request)
    figures = pact_figures(cycle=choice.cycle)
    language = reader_language()
    groups = pact_groups(choice, figures, language)
    rows = [row for group in groups for row in group.rows]
    # The matrices show every act and section, and the sub-headings some measure serves.
    crossed = [row for row in rows if row.total or not row.is_subheading]
    context = {
        "choice": choice,
        "items": PactItems(groups),
        "statuses": MeasureStatus.choices,
        "served": sum(1 for row in rows if row.total),
        "gaps": sum(1 for row in rows if not row.total),
        "language_note": rows[0].title if rows else None,
        "organisations": organisation_matrix(choice, figures, crossed),
        "crosswalk": objective_matrix(choice, figures, crossed),
    }
    download = offer_downloads(request, context, page="eu-pact", cycle=choice.cycle)
    if download is not None:
        return download
    return render(request, "reports/dashboards/eu_pact.html", context)


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
    matrix = Matrix(
        "pact-organisations", _("Measures per Pact item and lead organisation"), columns, []
    )
    return _matrix(
        matrix, choice, figures.by_organisation, rows, lambda column: {"organisation": column.label}
    )


def objective_matrix(choice: CycleChoice, figures: PactFigures, rows: list[PactRow]) -> Matrix:
    """The Pact items against the GCM objectives that some measure serves with one of them."""
    numbers = sorted({number for _item, number in figures.by_objective})
    columns = [
        Column(
            number,
            str(number),
            reverse("dashboard:objective", args=[number]) + choice.suffix,
            heading=_("Objective %(number)s") % {"number": number},
        )
        for number in numbers
    ]
    matrix = Matrix("pact-crosswalk", _("Measures per Pact item and GCM objective"), columns, [])
    return _matrix(
        matrix, choice, figures.by_objective, rows, lambda column: {"objective": column.key}
    )


def _matrix(matrix: Matrix, choice, counts, rows, column_filter) -> Matrix:
    """`matrix` filled: a row per item of `rows`, a cell per column, from `counts`."""
    maximum = max(counts.values(), default=0)
    for row in rows:
        cells = []
        for column in matrix.columns:
            count = counts.get((row.item.pk, column.key), 0)
            href = ""
            if count:
                filters = choice.query(pact_item=row.item.code, **column_filter(column))
                href = list_url("measures", **filters)
            cells.append(Cell(count, href, heat_level(count, maximum)))
        matrix.rows.append(MatrixRow(row, cells))
    return matrix
