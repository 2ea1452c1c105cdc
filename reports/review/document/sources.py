"""Where a report's data comes from: the published version of each entry it shows, with the
history record of that version, and the date of the data."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Max

from reports.models import RoundTableNarrative, SourceKind
from tracker.models import ReviewCycle


@dataclass
class Source:
    kind: str
    entry_id: int
    version: int
    history_id: int | None
    approved_at: datetime | None
    # The published version the report shows (tracker/models/published.py); None for a
    # narrative, which is the coordinators' own text.
    published_version: int | None


def _narrative_history(narratives) -> dict[int, int]:
    rows = RoundTableNarrative.history.model.objects.filter(
        id__in=[narrative.pk for narrative in narratives]
    )
    return {row["id"]: row["h"] for row in rows.values("id").annotate(h=Max("history_id"))}


def report_sources(measure_rows, pledges, narratives) -> list[Source]:
    """The published version of every entry the report shows (measures, their updates for the
    cycle, pledges) and the round-table narratives, by kind and id."""
    narratives = list(narratives)
    narrative_history = _narrative_history(narratives)
    sources = [
        Source(
            SourceKind.MEASURE,
            row["entry_id"],
            row["version"],
            row["history_id"],
            row["approved_at"],
            row["number"],
        )
        for row in measure_rows
    ]
    sources += [
        Source(
            SourceKind.UPDATE,
            row["update_id"],
            row["update_version"],
            row["update_history_id"],
            row["update_reviewed_at"],
            row["update_number"],
        )
        for row in measure_rows
        if row["update_id"]
    ]
    sources += [
        Source(
            SourceKind.PLEDGE,
            pledge.id,
            pledge.version,
            pledge.history_id,
            pledge.approved_at,
            pledge.published_version,
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
