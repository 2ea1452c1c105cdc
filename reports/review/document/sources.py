"""Where a report's data comes from: the approved version of each entry it shows, with the
history record it was read at, and the date of the data."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Max

from reports.models import RoundTableNarrative, SourceKind
from tracker.models import Measure, Pledge, ProgressUpdate, ReviewCycle


@dataclass
class Source:
    kind: str
    entry_id: int
    version: int
    history_id: int | None
    approved_at: datetime | None


def _latest_history(model, ids) -> dict[int, int]:
    rows = model.history.model.objects.filter(id__in=ids).values("id").annotate(h=Max("history_id"))
    return {row["id"]: row["h"] for row in rows}


def report_sources(measure_rows, pledges, narratives) -> list[Source]:
    """The approved version of every entry the report shows (measures, their updates for the
    cycle, pledges, round-table narratives), by kind and id."""
    measure_ids = [row["pk"] for row in measure_rows]
    update_ids = [row["update_id"] for row in measure_rows if row["update_id"]]
    measure_history = _latest_history(Measure, measure_ids)
    update_history = _latest_history(ProgressUpdate, update_ids)
    pledge_history = _latest_history(Pledge, [pledge.id for pledge in pledges])
    narratives = list(narratives)
    narrative_history = {
        row["id"]: row["h"]
        for row in RoundTableNarrative.history.model.objects.filter(
            id__in=[narrative.pk for narrative in narratives]
        )
        .values("id")
        .annotate(h=Max("history_id"))
    }
    sources = [
        Source(
            SourceKind.MEASURE,
            row["pk"],
            row["version"],
            measure_history.get(row["pk"]),
            row["reviewed_at"],
        )
        for row in measure_rows
    ]
    sources += [
        Source(
            SourceKind.UPDATE,
            row["update_id"],
            row["update_version"],
            update_history.get(row["update_id"]),
            row["update_reviewed_at"],
        )
        for row in measure_rows
        if row["update_id"]
    ]
    sources += [
        Source(
            SourceKind.PLEDGE,
            pledge.id,
            pledge.version,
            pledge_history.get(pledge.id),
            pledge.approved_at,
        )
        for pledge in pledges
    ]
    sources += [
        Source(
            SourceKind.NARRATIVE,
            narrative.pk,
            narrative.version,
            narrative_history.get(narrative.pk),
            None,
        )
        for narrative in narratives
    ]
    return sorted(sources, key=lambda source: (source.kind, source.entry_id))


def data_date(cycle: ReviewCycle, sources: list[Source]) -> date:
    """The date of the data: the latest approval among the sources, or the period's end. Not
    today: the same data must give the same report, byte for byte."""
    approvals = [source.approved_at for source in sources if source.approved_at]
    if not approvals:
        return cycle.period_end
    return max(approvals).date()
