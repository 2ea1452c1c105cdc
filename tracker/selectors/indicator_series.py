"""What the public reads of the indicators: their published values only.

Public is what tracker/selectors/cycles.py's `public_indicator_datasets` says: each dataset's
current published record (one per indicator and period), or for a closed review cycle the
records its snapshot froze when it closed; in a cycle, the periods up to its end. A value is
named by its `key` (the combination of categories, "" for the total) and its series by
`dimensions` ("" for the total, "sex" for the series by sex): tracker/models/indicators.py.

Every function here runs a fixed number of queries, whatever the number of indicators,
periods and values: the list reads each indicator's two latest totals with correlated
subqueries, each a few rows of the values' (indicator, dimensions, key, period) index.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from tracker.filtering import linked_to
from tracker.models import Indicator, PublishedIndicatorValue, ReviewCycle, ValueStatus
from tracker.selectors.cycles import public_indicator_datasets

TOTAL = ""


def public_values(cycle: ReviewCycle | None = None) -> QuerySet[PublishedIndicatorValue]:
    """The published values the public sees: those of `public_indicator_datasets`."""
    return PublishedIndicatorValue.objects.filter(record__in=public_indicator_datasets(cycle))


@dataclass(frozen=True)
class Latest:
    """An indicator's latest value (of one series) and the one of the period before it."""

    period: int | None = None
    value: Decimal | None = None
    previous_period: int | None = None
    previous: Decimal | None = None
    # The latest value is provisional: its source may still revise it.
    provisional: bool = False

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


def indicator_lines(
    *, cycle: ReviewCycle | None = None, among: QuerySet[Indicator] | None = None
) -> list[tuple[Indicator, Latest]]:
    """The indicators `among` (by default all) by code, each with its source and its latest
    public total and the one before. One query."""
    if among is None:
        among = Indicator.objects.all()
    totals = (
        public_values(cycle)
        .filter(indicator=OuterRef("pk"), dimensions=TOTAL, key=TOTAL)
        .order_by("-period")
    )
    rows = (
        among.select_related("source_organisation")
        .annotate(
            latest_period=Subquery(totals.values("period")[:1]),
            latest_value=Subquery(totals.values("value")[:1]),
            previous_period=Subquery(totals.values("period")[1:2]),
            previous_value=Subquery(totals.values("value")[1:2]),
            latest_status=Subquery(totals.values("status")[:1]),
        )
        .order_by("code")
    )
    return [
        (
            row,
            Latest(
                row.latest_period,
                row.latest_value,
                row.previous_period,
                row.previous_value,
                provisional=row.latest_status == ValueStatus.PROVISIONAL,
            ),
        )
        for row in rows
    ]


def informing(objectives) -> QuerySet[Indicator]:
    """The indicators informing any of `objectives` (a queryset of objectives), each once."""
    return linked_to(Indicator.objects.all(), "objectives", pk__in=objectives.values("pk"))


@dataclass
class Series:
    """One indicator's public values of one disaggregation (`dimensions`), by period and
    key, and the latest of its totals."""

    dimensions: str
    periods: list[int] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    values: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)
    total: Latest = field(default_factory=Latest)


def indicator_series(
    *, indicator: Indicator, dimensions: str = TOTAL, cycle: ReviewCycle | None = None
) -> Series:
    """The public values of `indicator` disaggregated by `dimensions` (and its totals, for
    the latest value and its change), first period first. One query, on the values'
    (indicator, dimensions, key, period) index."""
    rows = list(
        public_values(cycle)
        .filter(indicator=indicator, dimensions__in={TOTAL, dimensions})
        .order_by("dimensions", "period", "key")
        .values("dimensions", "period", "key", "value", "note", "status", "recorded_on")
    )
    series = Series(dimensions=dimensions)
    totals = []
    for row in rows:
        if row["dimensions"] == TOTAL:
            totals.append((row["period"], row["value"], row["status"] == ValueStatus.PROVISIONAL))
        if row["dimensions"] != dimensions:
            continue
        series.rows.append(row)
        series.values[row["period"], row["key"]] = row["value"]
        if row["period"] not in series.periods:
            series.periods.append(row["period"])
        if row["key"] not in series.keys:
            series.keys.append(row["key"])
    series.keys.sort()
    series.total = latest_of(totals)
    return series


def latest_of(totals: list[tuple[int, Decimal, bool]]) -> Latest:
    """The latest and the previous of (period, value, provisional) in the order of their
    periods."""
    if not totals:
        return Latest()
    period, value, provisional = totals[-1]
    if len(totals) == 1:
        return Latest(period, value, provisional=provisional)
    previous_period, previous, _provisional = totals[-2]
    return Latest(period, value, previous_period, previous, provisional=provisional)


def totals_between(
    *, cycle: ReviewCycle, first_year: int, last_year: int, objective_ids=None
) -> dict[int, list[tuple[int, Decimal, bool]]]:
    """Per indicator id, the public totals of the years `first_year` to `last_year` as
    (period, value, provisional), first period first, of the indicators informing
    `objective_ids` (all when None). One query."""
    values = public_values(cycle).filter(
        dimensions=TOTAL, key=TOTAL, period__gte=first_year, period__lte=last_year
    )
    if objective_ids is not None:
        informing = Indicator.objectives.through.objects.filter(objective_id__in=objective_ids)
        values = values.filter(indicator_id__in=informing.values("indicator_id"))
    totals: dict[int, list[tuple[int, Decimal, bool]]] = {}
    rows = values.order_by("indicator_id", "period").values_list(
        "indicator_id", "period", "value", "status"
    )
    for indicator_id, period, value, status in rows:
        totals.setdefault(indicator_id, []).append(
            (period, value, status == ValueStatus.PROVISIONAL)
        )
    return totals
