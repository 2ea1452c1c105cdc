"""The national overview: the chosen cycle's figures against the previous cycle's, the
objectives-by-organisation heatmap, and the trends over all cycles."""

import math
from dataclasses import dataclass, field

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from compact import selectors as compact_selectors
from compact.common.language import reader_language
from reports.charts import grouped_bar_chart
from reports.dashboards import figures as selectors
from reports.dashboards.views.common import (
    CycleChoice,
    Figure,
    chosen_cycle,
    list_url,
    pledge_status_chart,
    status_chart,
    status_figures,
)
from reports.dashboards.views.tables import Table, offer_downloads
from tracker.models import MeasureStatus, PledgeStatus

# Shades of the heatmap's cells, lightest first; the CSS gives each a text colour with
# at least 4.5:1 contrast.
HEAT_LEVELS = 5


def overview(request):
    choice = chosen_cycle(request)
    figures = selectors.overview_figures(
        cycles=choice.cycles, cycle=choice.cycle, previous=choice.previous
    )
    current = of_chosen(choice, figures.cycles)
    round_tables = list(compact_selectors.round_table_list())
    context = {
        "choice": choice,
        "key_figures": key_figures(choice, figures),
        "stale_measures": current.stale_measures if choice.cycle else None,
        "stale_pledges": figures.pledges.stale,
        "pledge_total": figures.pledges.total,
        **status_parts(choice, figures),
        "heatmap": heatmap(choice, round_tables, of_chosen(choice, figures.coverage)),
        "round_tables": round_tables,
        "trend_chart": trend_chart(choice, figures.cycles),
        "trend_rows": [(cycle, figures.cycles[cycle.pk]) for cycle in choice.cycles],
    }
    if (
        download := offer_downloads(request, context, page="overview", cycle=choice.cycle)
    ) is not None:
        return download
    return render(request, "reports/dashboards/overview.html", context)


def of_chosen(choice: CycleChoice, per_cycle: dict):
    """The chosen cycle's entry of figures per cycle id (None without cycles)."""
    return per_cycle[choice.cycle.pk if choice.cycle else None]


def of_previous(choice: CycleChoice, per_cycle: dict):
    return per_cycle[choice.previous.pk] if choice.previous else None


def key_figures(choice: CycleChoice, figures: selectors.OverviewFigures) -> list[Figure]:
    """Measures, organisations, objectives and pledges, against the previous cycle's."""
    current, coverage = of_chosen(choice, figures.cycles), of_chosen(choice, figures.coverage)
    previous = of_previous(choice, figures.cycles)
    previous_coverage = of_previous(choice, figures.coverage)
    pledges = figures.pledges
    return [
        Figure(
            _("Measures"),
            current.measures,
            previous and previous.measures,
            list_url("measures", **choice.query()),
            "measures",
        ),
        Figure(
            _("Organisations contributing"),
            current.organisations,
            previous and previous.organisations,
            key="organisations",
        ),
        Figure(
            _("Objectives covered, of 23"),
            objectives_covered(coverage),
            None if previous_coverage is None else objectives_covered(previous_coverage),
            key="objectives",
        ),
        Figure(
            _("Pledges"),
            pledges.total,
            pledges.previous_total,
            list_url("pledges", **choice.query()),
            "pledges",
        ),
    ]


def status_parts(choice: CycleChoice, figures: selectors.OverviewFigures) -> dict:
    """The measures and pledges by status, as figures against the previous cycle's and as
    charts, each linking to the list of what it counts."""
    current, previous = of_chosen(choice, figures.cycles), of_previous(choice, figures.cycles)
    pledges = figures.pledges

    def measures_with(status):
        return list_url("measures", **choice.query(status=status))

    def pledges_with(status):
        return list_url("pledges", **choice.query(status=status))

    return {
        "measure_statuses": status_figures(
            MeasureStatus,
            current.measures_by_status,
            previous and previous.measures_by_status,
            measures_with,
        ),
        "status_chart": status_chart(
            current.measures_by_status,
            title=_("Measures by status"),
            chart_id="measures-by-status",
            links=choice.query(),
        ),
        "pledge_statuses": status_figures(
            PledgeStatus, pledges.by_status, pledges.previous_by_status, pledges_with
        ),
        "pledge_chart": pledge_status_chart(
            pledges.by_status,
            title=_("Pledges by status"),
            chart_id="pledges-by-status",
            links=choice.query(),
        ),
    }


def objectives_covered(coverage: dict[tuple[int, int], int]) -> int:
    return len({objective for objective, _organisation in coverage})


@dataclass
class HeatCell:
    count: int
    level: int
    href: str


@dataclass
class HeatRow:
    objective: object
    title: object
    href: str
    cells: list[HeatCell] = field(default_factory=list)

    @property
    def total(self) -> int:
        # Each measure has one lead organisation: the row's cells add up to its measures.
        return sum(cell.count for cell in self.cells)


@dataclass
class Heatmap:
    organisations: list
    idle_organisations: list
    groups: list[tuple[object, list[HeatRow]]]
    maximum: int
    caption: str = ""
    # (format, address) of each download of the table (tables.py).
    downloads: tuple = ()

    def table(self) -> Table:
        """The table as a spreadsheet holds it: a row per objective, each with the round
        table the page shows it under."""
        header = (
            _("Round table"),
            _("Objective"),
            *(organisation.code for organisation in self.organisations),
            _("All organisations"),
        )
        rows = tuple(
            (
                round_table.title,
                f"{row.objective.number}. {row.title.text if row.title else ''}",
                *(cell.count for cell in row.cells),
                row.total,
            )
            for round_table, rows in self.groups
            for row in rows
        )
        return Table("heatmap", self.caption, header, rows if self.organisations else ())

    @property
    def legend(self) -> list[tuple[int, str]]:
        """Each shade with the counts it stands for."""
        if not self.maximum:
            return []
        bounds = []
        low = 1
        for level in range(1, HEAT_LEVELS + 1):
            high = math.floor(self.maximum * level / HEAT_LEVELS)
            if high >= low:
                bounds.append((level, str(low) if low == high else f"{low}\u2013{high}"))
                low = high + 1
        return bounds


def heat_level(count: int, maximum: int) -> int:
    return math.ceil(count * HEAT_LEVELS / maximum) if count else 0


def heatmap(choice: CycleChoice, round_tables, counts: dict[tuple[int, int], int]) -> Heatmap:
    """The objectives (rows, grouped by round table in the Declaration's order) against the
    organisations with at least one measure in the cycle (columns)."""
    language = reader_language()
    contributing = {organisation_id for _objective, organisation_id in counts}
    organisations = selectors.organisations()
    columns = [org for org in organisations if org.pk in contributing]
    maximum = max(counts.values(), default=0)
    groups = []
    for round_table in round_tables:
        rows = []
        for objective in round_table.objectives.all():
            row = HeatRow(
                objective,
                objective.localized("title", language),
                reverse("dashboard:objective", args=[objective.number]) + choice.suffix,
            )
            for organisation in columns:
                count = counts.get((objective.pk, organisation.pk), 0)
                href = ""
                if count:
                    href = list_url(
                        "measures",
                        **choice.query(objective=objective.number, organisation=organisation.code),
                    )
                row.cells.append(HeatCell(count, heat_level(count, maximum), href))
            rows.append(row)
        groups.append((round_table, rows))
    idle = [org for org in organisations if org.pk not in contributing]
    caption = (
        _("Measures per objective and lead organisation, %(cycle)s") % {"cycle": choice.cycle.name}
        if choice.cycle
        else _("Measures per objective and lead organisation")
    )
    return Heatmap(columns, idle, groups, maximum, caption)


def trend_chart(choice: CycleChoice, figures):
    """Measures by status per cycle, oldest cycle first."""
    if not choice.cycles:
        return None
    cycles = list(reversed(choice.cycles))
    return grouped_bar_chart(
        title=_("Measures by status in each review cycle"),
        categories=[cycle.name_in(reader_language()).text for cycle in cycles],
        series=[
            (str(label), [figures[cycle.pk].measures_by_status[value] for cycle in cycles])
            for value, label in MeasureStatus.choices
        ],
        value_label=_("Measures"),
        category_label=_("Review cycle"),
        chart_id="trends",
    )
