"""What a review cycle contains: the one meaning of "in this cycle", "public" and "stale", used
by data entry, the API, the dashboards, the reminders and the report alike.

Public is what coordinators approved: each entry's current published record
(tracker/models/published.py), unless its withdrawal was approved; for a closed cycle, the
published records its snapshot froze when it closed, whatever was approved since.

The measures of a review cycle are the measures that were active during its period (started on
or before the period's end, or with no start date, and not ended before the period's start) or
that have an approved progress update for the cycle. A measure's status in a cycle is the status
its approved progress update for the cycle gives at the end of the period; a measure without one
counts with its current status. A measure counts for its lead organisation and for each of its
objectives.

A new progress update goes to the cycle chosen for it, or else to the open cycle whose period
is the latest (`cycle_of_new_update`), on the pages as in the API.

The pledges of a review cycle are the pledges made on or before the end of its period, counted
with their current status (pledges have no status per cycle). Its indicator datasets are those
of the years up to its period's end.

Stale: a measure is stale in a cycle when it has no approved progress update for the cycle; an
open pledge (not started or in progress) is stale in a cycle when its status has not been
updated since the cycle's period began (or never). Without a cycle nothing is stale. The
dashboards ask this of the cycle shown; the officers' pages of the current cycle.
"""

import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from tracker.models import (
    CycleSnapshot,
    Pledge,
    PledgeStatus,
    PublishedIndicatorDataset,
    PublishedMeasure,
    PublishedPledge,
    PublishedRecord,
    PublishedUpdate,
    ReviewCycle,
    WorkflowState,
)
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


def active_in(cycle: ReviewCycle) -> Q:
    """Measures (entries or published records) active during `cycle`'s period: started on or
    before its end, or with no start date, and not ended before its start."""
    return (Q(start_date__isnull=True) | Q(start_date__lte=cycle.period_end)) & (
        Q(end_date__isnull=True) | Q(end_date__gte=cycle.period_start)
    )


def current_records(model: type[PublishedRecord]):
    """The published records the public sees now: each entry's current one, not withdrawn."""
    # A withdrawal is a reviewed change (ADR 0016): the entry stays public until a coordinator
    # approves it, which publishes a withdrawn record.
    entries = model._meta.get_field("entry").related_model
    current = entries.objects.filter(published__isnull=False).values("published_id")
    return model.objects.filter(pk__in=current, withdrawn=False)


def _public(model, cycle: ReviewCycle | None, relation: str) -> QuerySet:
    """The published records of `model` the public sees in `cycle`: what a closed cycle's
    snapshot froze, or else (an open cycle, no cycle, a closed cycle without a snapshot) the
    current ones. One condition in SQL, no query of its own."""
    current = current_records(model)
    if cycle is None or cycle.closed_at is None:
        return current
    frozen = getattr(CycleSnapshot, relation).through.objects.filter(cyclesnapshot__cycle=cycle)
    has_snapshot = Exists(CycleSnapshot.objects.filter(cycle=cycle))
    return model.objects.filter(
        Q(has_snapshot, pk__in=frozen.values(f"{model._meta.model_name}_id"))
        | Q(~has_snapshot, pk__in=current.values("pk"))
    )


def public_measures(cycle: ReviewCycle | None = None) -> QuerySet[PublishedMeasure]:
    """What the public sees of the measures: the published records a closed cycle froze, or
    else each measure's current published record (not withdrawn). Link to a measure by its
    `entry_id`; the record's own id names one published version."""
    return _public(PublishedMeasure, cycle, "measures")


def public_pledges(cycle: ReviewCycle | None = None) -> QuerySet[PublishedPledge]:
    """As `public_measures`, for the pledges."""
    return _public(PublishedPledge, cycle, "pledges")


def public_updates(cycle: ReviewCycle | None = None) -> QuerySet[PublishedUpdate]:
    """As `public_measures`, for the progress updates."""
    return _public(PublishedUpdate, cycle, "updates")


def public_indicator_datasets(
    cycle: ReviewCycle | None = None,
) -> QuerySet[PublishedIndicatorDataset]:
    """As `public_measures`, for the indicator datasets: those of `cycle` (datasets_of_cycle)."""
    return datasets_of_cycle(cycle, _public(PublishedIndicatorDataset, cycle, "indicator_datasets"))


def datasets_of_cycle(
    cycle: ReviewCycle | None, datasets: QuerySet[PublishedIndicatorDataset]
) -> QuerySet[PublishedIndicatorDataset]:
    """The indicator datasets of `cycle` among `datasets`: of its periods and before."""
    return datasets if cycle is None else datasets.filter(period__lte=cycle.period_end.year)


def measures_of_cycle(
    cycle: ReviewCycle | None, measures: QuerySet[PublishedMeasure] | None = None
) -> QuerySet[PublishedMeasure]:
    """The measures of `cycle` (see the module's docstring) among `measures` (by default the
    public ones of the cycle), annotated with `cycle_status` and `cycle_update_status` (None:
    stale); with their current status when there is no cycle."""
    if measures is None:
        measures = public_measures(cycle)
    if cycle is None:
        return measures.annotate(cycle_status=F("status"))
    active = active_in(cycle)
    # A list of published records, or of entries as the API gives them to their readers.
    key = "entry_id" if issubclass(measures.model, PublishedMeasure) else "pk"
    update = public_updates(cycle).filter(cycle=cycle, measure_id=OuterRef(key))
    return measures.annotate(
        cycle_update_status=Subquery(update.values("status")[:1]),
        cycle_status=Coalesce(F("cycle_update_status"), F("status")),
    ).filter(active | Q(cycle_update_status__isnull=False))


def pledges_of_cycle(
    cycle: ReviewCycle | None, pledges: QuerySet[PublishedPledge] | None = None
) -> QuerySet[PublishedPledge]:
    """The pledges of `cycle` among `pledges` (by default the public ones of the cycle)."""
    if pledges is None:
        pledges = public_pledges(cycle)
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


def with_freshness(
    measures: QuerySet[PublishedMeasure], cycle: ReviewCycle | None
) -> QuerySet[PublishedMeasure]:
    """Annotate each measure with the id of the latest cycle it has a published progress
    update for (`latest_update_cycle_id`) and whether it has one for `cycle`
    (`updated_in_cycle`; a measure without is stale). Correlated subqueries: use them on a page
    of rows, not on all."""
    latest = _latest_updates().values("cycle_id")[:1]
    in_cycle = public_updates(cycle).filter(measure_id=OuterRef("entry_id"), cycle=cycle)
    return measures.annotate(
        latest_update_cycle_id=Subquery(latest),
        updated_in_cycle=Exists(in_cycle) if cycle else Value(False),
    )


def _latest_updates() -> QuerySet[PublishedUpdate]:
    """The public progress updates of the outer measure, the latest cycle's first."""
    updates = public_updates().filter(measure_id=OuterRef("entry_id"))
    return updates.order_by("-cycle__period_start", "-cycle_id")


def with_latest_update(measures: QuerySet[PublishedMeasure]) -> QuerySet[PublishedMeasure]:
    """Annotate each measure with the cycle (`latest_update_cycle_id`) and status
    (`latest_update_status`) of its published progress update for the latest cycle (None
    without one). Correlated subqueries, part of the rows' one query."""
    latest = _latest_updates()
    return measures.annotate(
        latest_update_cycle_id=Subquery(latest.values("cycle_id")[:1]),
        latest_update_status=Subquery(latest.values("status")[:1]),
    )


def cycle_snapshot_contents(*, cycle: ReviewCycle) -> dict | None:
    """What `cycle` froze when it closed, by kind: each entry's id with the published version
    kept and when it was approved; None when the cycle has no snapshot. Three queries."""
    snapshot = CycleSnapshot.objects.filter(cycle=cycle).first()
    if snapshot is None:
        return None
    fields = ("entry_id", "number", "approved_at")
    return {
        "taken_at": snapshot.taken_at,
        **{
            kind: [
                {"entry_id": entry_id, "published_version": number, "approved_at": approved_at}
                for entry_id, number, approved_at in getattr(snapshot, kind)
                .order_by("entry_id")
                .values_list(*fields)
            ]
            for kind in ("measures", "pledges", "updates")
        },
    }
