"""Who is reminded of which missing progress updates (read by tracker/services/reminders.py).

A review cycle is due for reminders while it is open, from REMINDER_DAYS days before the day of
its deadline; once the deadline has passed the updates are overdue and the reminders go on
until a coordinator closes the cycle, since updates can still be added until then.

The updates missing in a cycle are the stale measures of tracker/selectors/cycles.py (the
cycle's measures that have no approved progress update for it), less those whose update
has been submitted and waits for a coordinator: the officer has nothing left to do there. So a
measure's lead organisation is reminded of a measure with no update for the cycle yet, or with
one still in draft or returned to it.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from tracker.models import ProgressUpdate, ReviewCycle, Role, User, WorkflowState
from tracker.selectors.cycles import measures_of_cycle

REMINDER_DAYS = 7


@dataclass(frozen=True)
class MissingUpdate:
    measure_id: int
    title: str
    # The draft or returned update to finish and submit; None when none has been written.
    update_id: int | None


@dataclass(frozen=True)
class CycleReminder:
    cycle: ReviewCycle
    missing: list[MissingUpdate]


@dataclass(frozen=True)
class OfficerReminder:
    officer: User
    cycles: list[CycleReminder]


def cycles_due(*, today: datetime.date) -> list[ReviewCycle]:
    """Open cycles whose deadline falls on or before REMINDER_DAYS days after `today`."""
    window_end = timezone.make_aware(
        datetime.datetime.combine(
            today + datetime.timedelta(days=REMINDER_DAYS + 1), datetime.time()
        )
    )
    return list(
        ReviewCycle.objects.filter(closed_at__isnull=True, deadline__lt=window_end).order_by(
            "deadline", "pk"
        )
    )


def missing_updates(*, cycle: ReviewCycle) -> dict[int, list[MissingUpdate]]:
    """The updates missing in `cycle` (see the module's docstring) per lead organisation id,
    by title, in one query."""
    own = ProgressUpdate.objects.filter(measure_id=OuterRef("entry_id"), cycle=cycle)
    rows = (
        measures_of_cycle(cycle)
        .filter(cycle_update_status__isnull=True)
        .annotate(
            own_update_id=Subquery(own.values("pk")[:1]),
            own_update_state=Subquery(own.values("workflow_state")[:1]),
        )
        .filter(
            Q(own_update_id__isnull=True)
            | Q(own_update_state__in=[WorkflowState.DRAFT, WorkflowState.RETURNED])
        )
        .order_by("lead_organisation_id", "title", "entry_id")
        .values_list("lead_organisation_id", "entry_id", "title", "own_update_id")
    )
    missing: dict[int, list[MissingUpdate]] = {}
    for organisation_id, measure_id, title, update_id in rows:
        missing.setdefault(organisation_id, []).append(MissingUpdate(measure_id, title, update_id))
    return missing


def reminders_due(*, today: datetime.date) -> list[OfficerReminder]:
    """Every active desk officer with an e-mail address whose organisation has updates missing
    in a cycle due for reminders on `today`, with those cycles and updates. A fixed number of
    queries: one for the cycles, one per cycle due, one for the officers."""
    missing_by_cycle = [(cycle, missing_updates(cycle=cycle)) for cycle in cycles_due(today=today)]
    organisation_ids = {
        organisation_id for _cycle, missing in missing_by_cycle for organisation_id in missing
    }
    officers = (
        User.objects.filter(
            role=Role.DESK_OFFICER, is_active=True, organisation_id__in=organisation_ids
        )
        .exclude(email="")
        .select_related("organisation")
        .order_by("organisation__code", "username")
    )
    return [
        OfficerReminder(
            officer,
            [
                CycleReminder(cycle, missing[officer.organisation_id])
                for cycle, missing in missing_by_cycle
                if officer.organisation_id in missing
            ],
        )
        for officer in officers
    ]
