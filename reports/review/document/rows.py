"""The report's measures, read from the published records of its cycle (a closed cycle's
snapshot), with each one's published update for the cycle, in one query."""

from django.db.models import OuterRef, QuerySet, Subquery

from tracker.models import ReviewCycle
from tracker.selectors.cycles import measures_of_cycle, public_updates


def with_updates(cycle: ReviewCycle) -> QuerySet:
    """The published measures of `cycle`, each with its published update for the cycle's id and
    texts (update_id, update_results, update_results_en)."""
    update = public_updates(cycle).filter(cycle=cycle, measure_id=OuterRef("entry_id"))
    return measures_of_cycle(cycle).annotate(
        update_id=Subquery(update.values("entry_id")[:1]),
        update_results=Subquery(update.values("results")[:1]),
        update_results_en=Subquery(update.values("results_en")[:1]),
    )


def measure_rows(cycle: ReviewCycle) -> list[dict]:
    """The published measures of `cycle` by title, with their published update for the cycle,
    as values (`pk` names the published record, `entry_id` the measure)."""
    update = public_updates(cycle).filter(cycle=cycle, measure_id=OuterRef("entry_id"))

    def of_update(field: str) -> Subquery:
        return Subquery(update.values(field)[:1])

    return list(
        with_updates(cycle)
        .annotate(
            update_version=of_update("version"),
            update_number=of_update("number"),
            update_history_id=of_update("history_id"),
            update_reviewed_at=of_update("approved_at"),
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
