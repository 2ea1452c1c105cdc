"""Progress updates: one per measure and review cycle, editable until the cycle closes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from tracker.models import Measure, ProgressUpdate, ReviewCycle
from tracker.rules import require
from tracker.selectors.cycles import cycle_of_new_update
from tracker.services.workflow import after_edit, cycle_refuse_closed, entry_lock, entry_save

UPDATE_FIELDS = (
    "status",
    "narrative",
    "results",
    "challenges",
    "narrative_en",
    "results_en",
    "challenges_en",
)
NO_OPEN_CYCLE = gettext_lazy("No review cycle is open; a coordinator opens one first.")


def progress_update_create(
    *, actor, measure: Measure, cycle: ReviewCycle | None = None, data: dict
) -> ProgressUpdate:
    """A draft update of `measure` for `cycle`, by default the cycle `cycle_of_new_update`
    chooses."""
    cycle = cycle_of_new_update(cycle)
    if cycle is None:
        raise ValidationError({"cycle": [NO_OPEN_CYCLE]})
    cycle_refuse_closed(cycle)
    require(actor, "tracker.change_measure", measure)
    unknown = set(data) - set(UPDATE_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Not a field of a progress update.")] for name in unknown})
    if ProgressUpdate.objects.filter(measure=measure, cycle=cycle).exists():
        raise ValidationError(
            {
                "cycle": [
                    _("This measure already has an update for %(cycle)s; edit that one.")
                    % {"cycle": cycle.name}
                ]
            }
        )
    update = ProgressUpdate(measure=measure, cycle=cycle, created_by=actor, **data)
    with transaction.atomic():
        entry_save(update, actor=actor, reason=gettext_noop("Created"))
    return update


def progress_update_update(
    *, actor, update: ProgressUpdate, expected_version: int, data: dict
) -> ProgressUpdate:
    # The closed cycle is said first: "closed" tells the officer more than "not allowed".
    cycle_refuse_closed(update.cycle)
    require(actor, "tracker.change_progressupdate", update)
    data = dict(data)
    if data.pop("cycle", update.cycle) != update.cycle:
        raise ValidationError(
            {"cycle": [_("An update stays in its cycle; add one to the other cycle.")]}
        )
    unknown = set(data) - set(UPDATE_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Not a field of a progress update.")] for name in unknown})
    with transaction.atomic():
        locked = entry_lock(update, expected_version)
        for name, value in data.items():
            setattr(locked, name, value)
        after_edit(locked)
        entry_save(locked, actor=actor, reason=gettext_noop("Edited"))
    return locked
