"""Review cycles: a coordinator opens one with its period and deadline, closes it (which freezes
its snapshot of published records) and may reopen it with a reason."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tracker.models import ReviewCycle
from tracker.rules import require
from tracker.services.publication import cycle_snapshot_drop, cycle_snapshot_take
from tracker.services.workflow import entry_save

# The history records a reopening as "Reopened: <reason>", in at most 100 characters.
REOPENED = "Reopened: "
REOPEN_REASON_MAX_LENGTH = 100 - len(REOPENED)


def cycle_create(
    *,
    actor,
    name: str,
    slug: str,
    kind: str,
    period_start,
    period_end,
    deadline,
    name_sv: str = "",
    name_nb: str = "",
    name_da: str = "",
) -> ReviewCycle:
    """Open a cycle; `name` is in English, name_sv, name_nb and name_da in those languages."""
    require(actor, "tracker.add_reviewcycle")
    if deadline is not None and timezone.is_naive(deadline):
        raise ValidationError({"deadline": [_("The deadline needs a time zone.")]})
    cycle = ReviewCycle(
        name=name,
        name_sv=name_sv,
        name_nb=name_nb,
        name_da=name_da,
        slug=slug,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        deadline=deadline,
    )
    with transaction.atomic():
        entry_save(cycle, actor=actor, reason=gettext_noop("Opened"))
    return cycle


def cycle_close(*, actor, cycle: ReviewCycle) -> ReviewCycle:
    """Close a cycle: its progress updates are frozen from now on."""
    require(actor, "tracker.change_reviewcycle", cycle)
    with transaction.atomic():
        locked = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.is_closed:
            raise ValidationError({"cycle": [_("This cycle is already closed.")]})
        locked.closed_at = timezone.now()
        entry_save(locked, actor=actor, reason=gettext_noop("Closed"))
        cycle_snapshot_take(cycle=locked, taken_at=locked.closed_at)
    return locked


def cycle_reopen(*, actor, cycle: ReviewCycle, reason: str) -> ReviewCycle:
    """Reopen a closed cycle, saying why: its snapshot is dropped until it closes again, and
    the history records who reopened it and why."""
    require(actor, "tracker.reopen_reviewcycle", cycle)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Say why the cycle is reopened: a reason is required.")]}
        )
    if len(reason) > REOPEN_REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": [
                    _("Say it in at most %(limit)s characters: the history keeps no more.")
                    % {"limit": REOPEN_REASON_MAX_LENGTH}
                ]
            }
        )
    with transaction.atomic():
        locked = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
        if not locked.is_closed:
            raise ValidationError({"cycle": [_("This cycle is open already.")]})
        locked.closed_at = None
        entry_save(locked, actor=actor, reason=REOPENED + reason)
        cycle_snapshot_drop(cycle=locked)
    return locked


CYCLE_NAME_FIELDS = ("name", "name_sv", "name_nb", "name_da")


def cycle_rename(*, actor, cycle: ReviewCycle, names: dict[str, str]) -> ReviewCycle:
    """Give a cycle its name in English (`name`, required) and in Swedish, Norwegian and Danish
    (may stay empty: the report then prints the closest name, marked with its language)."""
    require(actor, "tracker.change_reviewcycle", cycle)
    unknown = set(names) - set(CYCLE_NAME_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Not a name of a review cycle.")] for name in unknown})
    with transaction.atomic():
        locked = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
        for field, value in names.items():
            setattr(locked, field, value.strip())
        entry_save(locked, actor=actor, reason=gettext_noop("Renamed"))
    return locked
