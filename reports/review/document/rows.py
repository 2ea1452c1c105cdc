"""The report's measures, read from the published records of its cycle (a closed cycle's
snapshot), with each one's published update for the cycle, in one query."""

from django.db.models import OuterRef, Subquery

from tracker.models import ReviewCycle
from tracker.selectors.cycles import measures_of_cycle, public_updates


def measure_rows(cycle: ReviewCycle) -> list[dict]:
    """The published measures of `cycle` by title, with their published update for the cycle,
    as values (`pk` names the published record, `entry_id` the measure)."""
    update = public_updates(cycle).filter(cycle=cycle, measure_id=OuterRef("entry_id"))

    def of_update(field: str) -> Subquery:
        return Subquery(update.values(field)[:1])

    return list(
        measures_of_cycle(cycle)
        .annotate(
            update_id=of_update("entry_id"),
            update_version=of_update("version"),
            update_number=of_update("number"),
            update_history_id=of_update("history_id"),
            update_reviewed_at=of_update("approved_at"),
            update_results=of_update("results"),
            update_results_en=of_update("results_en"),
        )
        .order_by("title", "entry_id")
        .values(
            "pk",
            "entry_id",
            "number",
            "history_id",
            "title",
            "title_en",
            "description",
            "description_en",
            "language",
            "lead_organisation_id",
            "cycle_status",
            "start_date",
            "end_date",
            "approved_at",
            "version",
            "stakeholders",
            "update_id",
            "update_version",
            "update_number",
            "update_history_id",
            "update_reviewed_at",
            "update_results",
            "update_results_en",
        )
    )
