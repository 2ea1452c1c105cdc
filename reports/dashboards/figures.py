"""The public dashboards' figures, aggregated in the database.

What a review cycle contains (its measures and pledges, what is public, what is stale) is
defined once, in tracker/selectors/cycles.py; this module counts it. Nothing here reads who
entered or reviewed an entry. Every function runs a fixed number of queries, whatever the number
of measures, pledges or organisations.

Each dashboard page makes one call, to its figures function at the end of this module
(`overview_figures`, `round_table_figures`, `objective_figures`, `organisation_figures`): keyword
arguments in, plain data out, cached by `reports.dashboards.cache.cached_figures`.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.functions import RowNumber

from compact.models import Action, Objective, RoundTable
from reports.dashboards.cache import cached_figures
from tracker.models import (
    MeasureStatus,
    Organisation,
    PledgeStatus,
    PublishedMeasure,
    PublishedPledge,
    ReviewCycle,
)
from tracker.selectors.cycles import (
    in_cycle_pledges,
    measures_of_cycle,
    pledges_of_cycle,
    public_pledges,
    stale_pledges,
)

MEASURES_PER_ACTION = 10


def serving_objectives(objectives) -> Q:
    """Measures linked to any of `objectives` (a queryset of objectives), each listed once."""
    links = PublishedMeasure.objectives.through.objects.filter(objective__in=objectives)
    return Q(pk__in=links.values("publishedmeasure_id"))


def status_counts(measures: QuerySet[PublishedMeasure]) -> dict[str, int]:
    """Measures (from `measures_of_cycle`) per status in their cycle, every status present."""
    counts = dict.fromkeys(MeasureStatus.values, 0)
    rows = measures.order_by().values("cycle_status").annotate(n=Count("pk"))
    counts.update({row["cycle_status"]: row["n"] for row in rows})
    return counts


@dataclass
class CycleFigures:
    """The overview's figures of the measures of one cycle."""

    measures_by_status: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(MeasureStatus.values, 0)
    )
    measures: int = 0
    organisations: int = 0
    stale_measures: int = 0


def _per_cycle(cycles: list[ReviewCycle], part) -> QuerySet | list:
    """`part(cycle)`, a values() query with a cycle_id column, for every cycle (or for all
    public measures, under cycle_id None, when there is none) as one query."""
    first, *others = [part(cycle) for cycle in cycles or [None]]
    return first.union(*others, all=True) if others else first


def _cycle_id(cycle: ReviewCycle | None) -> Value:
    # A constant: Django leaves it out of GROUP BY.
    return Value(cycle.pk if cycle else None, output_field=IntegerField())


def figures_by_cycle(cycles: list[ReviewCycle]) -> dict[int | None, CycleFigures]:
    """Per cycle id: measures by status, contributing organisations and measures without an
    approved update for the cycle, in one query for all cycles. Without cycles, the figures
    of all public measures under the key None.

    Each part groups by status, organisation and whether there is an update: a few hundred
    rows that add up here, instead of COUNT(DISTINCT ...) over joined rows."""

    def part(cycle):
        measures = measures_of_cycle(cycle)
        has_update = (
            ExpressionWrapper(Q(cycle_update_status__isnull=False), output_field=BooleanField())
            if cycle
            else Value(False)
        )
        return (
            measures.order_by()
            .annotate(cycle_id=_cycle_id(cycle), has_update=has_update)
            .values("cycle_id", "cycle_status", "lead_organisation", "has_update")
            .annotate(n=Count("pk"))
        )

    figures = {cycle.pk: CycleFigures() for cycle in cycles} if cycles else {None: CycleFigures()}
    organisations = defaultdict(set)
    for row in _per_cycle(cycles, part):
        cycle_figures = figures[row["cycle_id"]]
        cycle_figures.measures_by_status[row["cycle_status"]] += row["n"]
        cycle_figures.measures += row["n"]
        if not row["has_update"]:
            cycle_figures.stale_measures += row["n"]
        organisations[row["cycle_id"]].add(row["lead_organisation"])
    for cycle_id, cycle_figures in figures.items():
        cycle_figures.organisations = len(organisations[cycle_id])
    return figures


def coverage_by_cycle(
    cycles: list[ReviewCycle],
) -> dict[int | None, dict[tuple[int, int], int]]:
    """Per cycle id: measures per (objective id, lead organisation id), in one query."""

    def part(cycle):
        return (
            measures_of_cycle(cycle)
            .order_by()
            .annotate(cycle_id=_cycle_id(cycle))
            .values("cycle_id", "objectives", "lead_organisation")
            .annotate(n=Count("pk"))
        )

    coverage = {cycle.pk: {} for cycle in cycles} if cycles else {None: {}}
    for row in _per_cycle(cycles, part):
        if row["objectives"] is not None:
            coverage[row["cycle_id"]][(row["objectives"], row["lead_organisation"])] = row["n"]
    return coverage


@dataclass
class PledgeFigures:
    by_status: dict[str, int]
    previous_by_status: dict[str, int] | None
    stale: int | None

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def previous_total(self) -> int | None:
        return None if self.previous_by_status is None else sum(self.previous_by_status.values())


def pledge_figures(
    cycle: ReviewCycle | None,
    previous: ReviewCycle | None,
    pledges: QuerySet[PublishedPledge] | None = None,
) -> PledgeFigures:
    """Pledges (by default all public ones) by status in `cycle` and in `previous`, and the
    stale ones, in one query."""
    if pledges is None:
        pledges = public_pledges(cycle)
    in_cycle = in_cycle_pledges(cycle)
    aggregates = {"n": Count("pk", filter=in_cycle)}
    if previous is not None:
        aggregates["previous"] = Count("pk", filter=in_cycle_pledges(previous))
    if cycle is not None:
        aggregates["stale"] = Count("pk", filter=in_cycle & stale_pledges(cycle))
    rows = list(pledges.order_by().values("status").annotate(**aggregates))
    by_status = dict.fromkeys(PledgeStatus.values, 0)
    by_status.update({row["status"]: row["n"] for row in rows})
    previous_by_status = None
    if previous is not None:
        previous_by_status = dict.fromkeys(PledgeStatus.values, 0)
        previous_by_status.update({row["status"]: row["previous"] for row in rows})
    stale = sum(row["stale"] for row in rows) if cycle is not None else None
    return PledgeFigures(by_status, previous_by_status, stale)


def objective_counts(measures: QuerySet[PublishedMeasure]) -> dict[int, int]:
    """Measures per objective id, one query."""
    rows = measures.order_by().values("objectives").annotate(n=Count("pk"))
    return {row["objectives"]: row["n"] for row in rows if row["objectives"] is not None}


def pledge_objective_counts(pledges: QuerySet[PublishedPledge]) -> dict[int, int]:
    rows = pledges.order_by().values("objectives").annotate(n=Count("pk"))
    return {row["objectives"]: row["n"] for row in rows if row["objectives"] is not None}


def organisations() -> list[Organisation]:
    return list(Organisation.objects.order_by("code"))


@dataclass
class ActionCoverage:
    action: Action
    count: int = 0
    measures: list[PublishedMeasure] = field(default_factory=list)


def action_coverage(
    objective: Objective, measures: QuerySet[PublishedMeasure]
) -> list[ActionCoverage]:
    """The objective's actions in order, each with how many of `measures` serve it and the
    most recently updated of them (at most MEASURES_PER_ACTION), in two queries, or three
    when the objective's actions are not prefetched (compact.selectors.objective_list)."""
    links = PublishedMeasure.actions.through.objects.filter(
        action__objective=objective, publishedmeasure__in=measures.order_by().values("pk")
    )
    counts = dict(
        links.order_by()
        .values("action_id")
        .annotate(n=Count("publishedmeasure_id"))
        .values_list("action_id", "n")
    )
    latest = (
        links.select_related("publishedmeasure__lead_organisation")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("action_id"),
                order_by=[
                    F("publishedmeasure__approved_at").desc(),
                    F("publishedmeasure_id").desc(),
                ],
            )
        )
        .filter(rank__lte=MEASURES_PER_ACTION)
        .order_by("action_id", "rank")
    )
    coverage = [
        ActionCoverage(action, counts.get(action.pk, 0)) for action in objective.actions.all()
    ]
    by_id = {item.action.pk: item for item in coverage}
    for link in latest:
        by_id[link.action_id].measures.append(link.publishedmeasure)
    return coverage


def measures_without_action(objective: Objective, measures: QuerySet[PublishedMeasure]) -> int:
    """How many of `measures` serve `objective` without naming any of its actions."""
    with_action = PublishedMeasure.actions.through.objects.filter(action__objective=objective)
    return (
        measures.order_by()
        .filter(serving_objectives(Objective.objects.filter(pk=objective.pk)))
        .exclude(pk__in=with_action.values("publishedmeasure_id"))
        .count()
    )


# What each page counts, one call per view, cached under the data's version.


@dataclass
class OverviewFigures:
    """Per cycle for the trends; for the chosen cycle and the one before it, the coverage and
    the pledges."""

    cycles: dict[int | None, CycleFigures]
    coverage: dict[int | None, dict[tuple[int, int], int]]
    pledges: PledgeFigures


@cached_figures
def overview_figures(
    *, cycles: list[ReviewCycle], cycle: ReviewCycle | None, previous: ReviewCycle | None
) -> OverviewFigures:
    compared = [each for each in (cycle, previous) if each]
    return OverviewFigures(
        cycles=figures_by_cycle(cycles),
        coverage=coverage_by_cycle(compared),
        pledges=pledge_figures(cycle, previous),
    )


@dataclass
class RoundTableFigures:
    status_counts: dict[str, int]
    measures_per_objective: dict[int, int]
    pledges_per_objective: dict[int, int]


@cached_figures
def round_table_figures(*, round_table: RoundTable, cycle: ReviewCycle | None) -> RoundTableFigures:
    """The round table's measures by status in `cycle`, and measures and pledges per
    objective."""
    measures = measures_of_cycle(cycle)
    objectives = Objective.objects.filter(round_table=round_table)
    return RoundTableFigures(
        status_counts=status_counts(measures.filter(serving_objectives(objectives))),
        measures_per_objective=objective_counts(measures),
        pledges_per_objective=pledge_objective_counts(pledges_of_cycle(cycle)),
    )


@dataclass
class ObjectiveFigures:
    status_counts: dict[str, int]
    actions: list[ActionCoverage]
    without_action: int
    pledges: PledgeFigures


@cached_figures
def objective_figures(*, objective: Objective, cycle: ReviewCycle | None) -> ObjectiveFigures:
    """The objective's measures by status in `cycle`, its actions' coverage and its
    pledges."""
    measures = measures_of_cycle(cycle)
    serving = serving_objectives(Objective.objects.filter(pk=objective.pk))
    return ObjectiveFigures(
        status_counts=status_counts(measures.filter(serving)),
        actions=action_coverage(objective, measures),
        without_action=measures_without_action(objective, measures),
        pledges=pledge_figures(cycle, None, public_pledges(cycle).filter(objectives=objective)),
    )


@dataclass
class OrganisationFigures:
    status_counts: dict[str, int]
    measures_per_objective: dict[int, int]
    pledges: PledgeFigures


@cached_figures
def organisation_figures(
    *, organisation: Organisation, cycle: ReviewCycle | None, previous: ReviewCycle | None
) -> OrganisationFigures:
    """The organisation's measures by status and per objective in `cycle`, and its pledges
    in `cycle` and in `previous`."""
    measures = measures_of_cycle(cycle).filter(lead_organisation=organisation)
    own_pledges = public_pledges(cycle).filter(lead_organisation=organisation)
    return OrganisationFigures(
        status_counts=status_counts(measures),
        measures_per_objective=objective_counts(measures),
        pledges=pledge_figures(cycle, previous, own_pledges),
    )
