"""What a coordinator should see before generating a cycle's report: what is missing, and what
would stop a final report.

Read-only, a fixed number of queries whatever the data size.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from compact.models import Objective, PactItem, RoundTable
from reports.models import ReportKind, RoundTableNarrative
from reports.review.other_languages import Group, other_language_texts
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


@dataclass
class Preflight:
    """Missing pieces (warnings) and entries still under review (which block a final report).
    Lists are cut at LISTED items; the counts are whole."""

    organisations_without_updates: list[Organisation] = field(default_factory=list)
    # What the report would print in another language than its own, by kind.
    other_language: list[Group] = field(default_factory=list)
    # A final report in English is refused while texts would be printed in another language
    # (settings.REPORT_REFUSE_OTHER_LANGUAGE_IN_FINAL); otherwise they are a warning.
    refuses_other_language: bool = False
    objectives_without_measures: list[Objective] = field(default_factory=list)
    # The EU Pact implementation report's gaps: the Pact items no measure serves.
    pact_items_without_measures: list[PactItem] = field(default_factory=list)
    round_tables_without_narrative: list[RoundTable] = field(default_factory=list)
    country_missing: bool = False
    pending_measures: int = 0
    pending_pledges: int = 0
    pending_updates: int = 0

    @property
    def pending_total(self) -> int:
        return self.pending_measures + self.pending_pledges + self.pending_updates

    @property
    def other_language_total(self) -> int:
        return sum(group.count for group in self.other_language)

    @property
    def blocks_final(self) -> bool:
        return self.pending_total > 0 or self.refuses_other_language

    @property
    def is_clear(self) -> bool:
        return not (
            self.organisations_without_updates
            or self.other_language
            or self.objectives_without_measures
            or self.pact_items_without_measures
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


def _without_updates(measures) -> list[Organisation]:
    """The ministries with one of `measures` without an approved update for the cycle."""
    without_update = measures.filter(cycle_update_status__isnull=True)
    return list(
        Organisation.objects.filter(
            Exists(without_update.filter(lead_organisation=OuterRef("pk")))
        ).order_by("code")
    )


def pact_preflight(*, cycle: ReviewCycle) -> Preflight:
    """What the EU Pact implementation report lacks: the entries it shows under review (its
    measures and their updates; it shows no pledge), its measures' ministries without an
    update, and the Pact items no measure serves (its gaps). It needs no narrative, and its
    language is no reason to refuse it: the Pact's own texts exist in Swedish only."""
    links = PublishedMeasure.pact_items.through.objects
    measures = measures_of_cycle(cycle).filter(
        Exists(links.filter(publishedmeasure=OuterRef("pk")))
    )
    served = links.filter(
        pactitem=OuterRef("pk"), publishedmeasure__in=measures_of_cycle(cycle).values("pk")
    )
    return Preflight(
        organisations_without_updates=_without_updates(measures),
        pact_items_without_measures=list(PactItem.objects.exclude(Exists(served))),
        country_missing=not settings.REPORT_COUNTRY_NAME,
        **{**_pending(cycle), "pending_pledges": 0},
    )


def report_preflight(
    *, cycle: ReviewCycle, language: str, report_kind: str = ReportKind.REVIEW
) -> Preflight:
    """The pre-flight of the cycle's report of `report_kind` in `language`."""
    if report_kind == ReportKind.PACT:
        return pact_preflight(cycle=cycle)
    measures = measures_of_cycle(cycle)
    # A ministry lacks an update when one of its measures in the cycle has no approved update.
    organisations = _without_updates(measures)
    other_language = other_language_texts(cycle=cycle, language=language)
    objectives = Objective.objects.exclude(
        Exists(
            PublishedMeasure.objectives.through.objects.filter(
                objective=OuterRef("pk"), publishedmeasure__in=measures.values("pk")
            )
        )
    ).order_by("number")
    # A narrative written in another language only is printed, marked (other_language).
    written = RoundTableNarrative.objects.filter(cycle=cycle).exclude(
        progress="", challenges="", next_steps=""
    )
    return Preflight(
        organisations_without_updates=organisations,
        other_language=other_language,
        refuses_other_language=bool(
            other_language and language == "en" and settings.REPORT_REFUSE_OTHER_LANGUAGE_IN_FINAL
        ),
        objectives_without_measures=list(objectives),
        round_tables_without_narrative=list(
            RoundTable.objects.exclude(pk__in=written.values("round_table_id")).order_by("number")
        ),
        country_missing=not settings.REPORT_COUNTRY_NAME,
        **_pending(cycle),
    )
