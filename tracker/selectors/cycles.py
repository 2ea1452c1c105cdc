"""What a review cycle contains: the one meaning of "in this cycle", "public" and "stale", used
by data entry, the API, the dashboards, the reminders and the report alike.

Public entries are the approved ones that are not withdrawn.

The measures of a review cycle are the measures that were active during its period (started on
or before the period's end, or with no start date, and not ended before the period's start) or
that have an approved progress update for the cycle. A measure's status in a cycle is the status
its approved progress update for the cycle gives at the end of the period; a measure without one
counts with its current status. A measure counts for its lead organisation and for each of its
objectives.

A new progress update goes to the cycle chosen for it, or else to the open cycle whose period
is the latest (`cycle_of_new_update`), on the pages as in the API.

The pledges of a review cycle are the pledges made on or before the end of its period, counted
with their current status (pledges have no status per cycle).

Stale: a measure is stale in a cycle when it has no approved progress update for the cycle; an
open pledge (not started or in progress) is stale in a cycle when its status has not been
updated since the cycle's period began (or never). Without a cycle nothing is stale. The
dashboards ask this of the cycle shown; the officers' pages of the current cycle.
"""

import datetime

from django.db.models import Exists, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from tracker.models import Measure, Pledge, PledgeStatus, ProgressUpdate, ReviewCycle, WorkflowState
from tracker.selectors.entries import cycle_current

APPROVED = WorkflowState.APPROVED
OPEN_PLEDGE_STATUSES = (PledgeStatus.NOT_STARTED, PledgeStatus.IN_PROGRESS)


def cycles_latest_first() -> list[ReviewCycle]:
    """Every review cycle, latest period first."""
    return list(ReviewCycle.objects.order_by("-period_start", "-pk"))


def previous_cycle(cycles: list[ReviewCycle], cycle: ReviewCycle | None) -> ReviewCycle | None:
    """The cycle whose period starts before `cycle`'s, in the list `cycles_latest_first`
    gives."""
    if cycle is None:
        return None
    later = cycles.index(cycle)
    return cycles[later + 1] if later + 1 < len(cycles) else None


def cycle_of_new_update(cycle: ReviewCycle | None = None) -> ReviewCycle | None:
    """The cycle a new progress update goes to: `cycle` when one is chosen, otherwise the open
    cycle whose period is the latest; None when no cycle is open."""
    return cycle if cycle is not None else cycle_current()


def public_measures() -> QuerySet[Measure]:
    return Measure.objects.filter(workflow_state=APPROVED, archived_at__isnull=True)


def public_pledges() -> QuerySet[Pledge]:
    return Pledge.objects.filter(workflow_state=APPROVED, archived_at__isnull=True)


def measures_of_cycle(
    cycle: ReviewCycle | None, measures: QuerySet[Measure] | None = None
) -> QuerySet[Measure]:
    """The measures of `cycle` (see the module's docstring) among `measures` (by default all
    public ones), annotated with `cycle_status` and `cycle_update_status` (None: stale); with
    their current status when there is no cycle."""
    if measures is None:
        measures = public_measures()
    if cycle is None:
        return measures.annotate(cycle_status=F("status"))
    active = (Q(start_date__isnull=True) | Q(start_date__lte=cycle.period_end)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=cycle.period_start)
    )
    # A join, not a subquery per measure: a measure has at most one update per cycle.
    return measures.annotate(
        cycle_update=FilteredRelation(
            "updates",
            condition=Q(updates__cycle=cycle, updates__workflow_state=APPROVED),
        ),
        cycle_update_status=F("cycle_update__status"),
        cycle_status=Coalesce(F("cycle_update__status"), F("status")),
        # Not cycle_update__isnull: Django would join the updates a second time.
    ).filter(active | Q(cycle_update_status__isnull=False))


def pledges_of_cycle(
    cycle: ReviewCycle | None, pledges: QuerySet[Pledge] | None = None
) -> QuerySet[Pledge]:
    """The pledges of `cycle` among `pledges` (by default all public ones)."""
    if pledges is None:
        pledges = public_pledges()
    if cycle is None:
        return pledges
    return pledges.filter(in_cycle_pledges(cycle))


def in_cycle_pledges(cycle: ReviewCycle | None) -> Q:
    """The condition of `pledges_of_cycle`, for an aggregate's filter."""
    return Q(made_on__lte=cycle.period_end) if cycle else Q()


def stale_pledges(cycle: ReviewCycle | None) -> Q:
    """Open pledges whose status has not been updated since `cycle`'s period began (see the
    module's docstring), as a condition; matches nothing without a cycle."""
    if cycle is None:
        return Q(pk__in=[])
    not_updated = Q(status_updated_on__isnull=True) | Q(status_updated_on__lt=cycle.period_start)
    return Q(status__in=OPEN_PLEDGE_STATUSES) & not_updated


def pledge_is_stale(pledge: Pledge, cycle: ReviewCycle | None) -> bool:
    """`stale_pledges` for one pledge already read."""
    if cycle is None or pledge.status not in OPEN_PLEDGE_STATUSES:
        return False
    updated: datetime.date | None = pledge.status_updated_on
    return updated is None or updated < cycle.period_start


def with_freshness(measures: QuerySet[Measure], cycle: ReviewCycle | None) -> QuerySet[Measure]:
    """Annotate each measure with the id of the latest cycle it has an approved progress
    update for (`latest_update_cycle_id`) and whether it has one for `cycle`
    (`updated_in_cycle`; a measure without is stale). Correlated subqueries: use them on a page
    of rows, not on all."""
    updates = ProgressUpdate.objects.filter(measure=OuterRef("pk"), workflow_state=APPROVED)
    latest = updates.order_by("-cycle__period_start").values("cycle_id")[:1]
    return measures.annotate(
        latest_update_cycle_id=Subquery(latest),
        updated_in_cycle=Exists(updates.filter(cycle=cycle)) if cycle else Value(False),
    )
