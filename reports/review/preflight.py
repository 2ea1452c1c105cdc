"""What a coordinator should see before generating a cycle's report: what is missing, and what
would stop a final report.

Read-only, a fixed number of queries whatever the data size.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from compact.models import Objective, RoundTable
from reports.models import RoundTableNarrative
from tracker.models import (
    CycleSnapshot,
    Measure,
    Organisation,
    Pledge,
    ProgressUpdate,
    PublishedMeasure,
    ReviewCycle,
    WorkflowState,
)
from tracker.selectors.cycles import active_in, measures_of_cycle

UNAPPROVED = (WorkflowState.SUBMITTED, WorkflowState.RETURNED)
LISTED = 50


@dataclass
class Preflight:
    """Missing pieces (warnings) and entries still under review (which block a final report).
    Lists are cut at LISTED items; the counts are whole."""

    organisations_without_updates: list[Organisation] = field(default_factory=list)
    untranslated_measures: list[Measure] = field(default_factory=list)
    untranslated_count: int = 0
    objectives_without_measures: list[Objective] = field(default_factory=list)
    round_tables_without_narrative: list[RoundTable] = field(default_factory=list)
    country_missing: bool = False
    pending_measures: int = 0
    pending_pledges: int = 0
    pending_updates: int = 0

    @property
    def pending_total(self) -> int:
        return self.pending_measures + self.pending_pledges + self.pending_updates

    @property
    def blocks_final(self) -> bool:
        return self.pending_total > 0

    @property
    def is_clear(self) -> bool:
        return not (
            self.organisations_without_updates
            or self.untranslated_count
            or self.objectives_without_measures
            or self.round_tables_without_narrative
            or self.country_missing
            or self.blocks_final
        )


def _pending(cycle: ReviewCycle) -> dict[str, int]:
    """The cycle's own entries under review or returned, which a final report waits for: its
    progress updates, the measures active in its period and the pledges made by its end. A
    closed cycle's snapshot is final: nothing of it is pending."""
    if cycle.closed_at is not None and CycleSnapshot.objects.filter(cycle=cycle).exists():
        return {"pending_measures": 0, "pending_pledges": 0, "pending_updates": 0}
    active = active_in(cycle)
    waiting = Q(workflow_state__in=UNAPPROVED)
    return {
        "pending_measures": Measure.objects.filter(
            waiting, active, archived_at__isnull=True
        ).count(),
        "pending_pledges": Pledge.objects.filter(
            waiting, archived_at__isnull=True, made_on__lte=cycle.period_end
        ).count(),
        "pending_updates": ProgressUpdate.objects.filter(cycle=cycle)
        .exclude(workflow_state=WorkflowState.APPROVED)
        .count(),
    }


def report_preflight(*, cycle: ReviewCycle, language: str) -> Preflight:
    measures = measures_of_cycle(cycle)
    # A ministry lacks an update when one of its measures in the cycle has no approved update.
    without_update = measures.filter(cycle_update_status__isnull=True)
    organisations = list(
        Organisation.objects.filter(
            Exists(without_update.filter(lead_organisation=OuterRef("pk")))
        ).order_by("code")
    )
    untranslated = measures.none()
    if language == "en":
        untranslated = measures.filter(~Q(language="en") & (Q(title_en="") | Q(description_en="")))
    objectives = Objective.objects.exclude(
        Exists(
            PublishedMeasure.objectives.through.objects.filter(
                objective=OuterRef("pk"), publishedmeasure__in=measures.values("pk")
            )
        )
    ).order_by("number")
    written = RoundTableNarrative.objects.filter(cycle=cycle, language=language).exclude(
        progress="", challenges="", next_steps=""
    )
    return Preflight(
        organisations_without_updates=organisations,
        untranslated_measures=list(untranslated.order_by("title", "pk")[:LISTED]),
        untranslated_count=untranslated.count() if language == "en" else 0,
        objectives_without_measures=list(objectives),
        round_tables_without_narrative=list(
            RoundTable.objects.exclude(pk__in=written.values("round_table_id")).order_by("number")
        ),
        country_missing=not settings.REPORT_COUNTRY_NAME,
        **_pending(cycle),
    )
