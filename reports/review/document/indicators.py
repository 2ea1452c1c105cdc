"""The indicators of a cycle's report: per round table, its objectives' indicators with the
value at the start of the cycle's period, the latest value in it and the change between them,
and the sources the methodology names.

The period is the years the review cycle covers (from its start's year to its end's); the
values are the published totals the public sees in the cycle
(tracker/selectors/indicator_series.py): for a closed cycle, what its snapshot froze. The
value at the start is that of the earliest year of the period with a value, the latest that of
the last; an indicator without a value in the period is listed with neither. Names are in the
report's language or the closest one that has them, marked as the report's other texts are.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from compact.languages import LocalizedText
from compact.models import Objective
from reports.charts.series import plain
from reports.review.document.languages import organisation_name
from tracker.models import Indicator, ReviewCycle
from tracker.selectors.indicator_series import totals_between


@dataclass
class IndicatorLine:
    code: str
    name: LocalizedText
    unit: str
    source: LocalizedText | None
    source_url: str
    start_period: int | None = None
    start: Decimal | None = None
    latest_period: int | None = None
    latest: Decimal | None = None
    # The value is provisional: its source may still revise it.
    start_provisional: bool = False
    latest_provisional: bool = False

    @property
    def change(self) -> Decimal | None:
        if self.start is None or self.latest is None or self.latest_period == self.start_period:
            return None
        return plain(self.latest - self.start)

    @property
    def change_size(self) -> Decimal | None:
        return None if self.change is None else abs(self.change)


@dataclass
class IndicatorTables:
    # Per round table (by number), its objectives' indicators by code.
    by_round_table: dict[int, list[IndicatorLine]] = field(default_factory=dict)
    # The sources of the indicators in the tables, each once: (name, link).
    sources: list[tuple[LocalizedText, str]] = field(default_factory=list)

    def attach(self, round_tables: list) -> list:
        """Give each round table's part (data.RoundTablePart) its indicators."""
        for part in round_tables:
            part.indicators = self.by_round_table.get(part.number, [])
        return round_tables


def indicator_tables(*, cycle: ReviewCycle, language: str) -> IndicatorTables:
    """The report's indicator tables and their sources, in four queries."""
    indicators = Indicator.objects.select_related("source_organisation").prefetch_related(
        Prefetch("objectives", Objective.objects.select_related("round_table"))
    )
    totals = totals_between(
        cycle=cycle, first_year=cycle.period_start.year, last_year=cycle.period_end.year
    )
    tables = IndicatorTables()
    sources: dict[tuple[str, str], tuple[LocalizedText, str]] = {}
    for indicator in indicators.order_by("code"):
        round_tables = sorted({o.round_table.number for o in indicator.objectives.all()})
        if not round_tables:
            continue
        line = _line(indicator, totals.get(indicator.pk, []), language)
        for number in round_tables:
            tables.by_round_table.setdefault(number, []).append(line)
        if line.source is not None:
            sources.setdefault((line.source.text, line.source_url), (line.source, line.source_url))
    tables.sources = [sources[key] for key in sorted(sources)]
    return tables


def _line(indicator: Indicator, totals: list, language: str) -> IndicatorLine:
    source = None
    if indicator.source_name:
        source = LocalizedText(indicator.source_name, language, language)
    elif indicator.source_organisation is not None:
        source = organisation_name(indicator.source_organisation, language)
    line = IndicatorLine(
        code=indicator.code,
        name=indicator.name_in(language),
        unit=indicator.unit,
        source=source,
        source_url=indicator.source_url,
    )
    if totals:
        line.start_period, start, line.start_provisional = totals[0]
        line.latest_period, latest, line.latest_provisional = totals[-1]
        line.start, line.latest = plain(start), plain(latest)
    return line
