"""Publishing: an approval writes the entry's published record; closing a cycle freezes the
published records of its entries in a snapshot (tracker/models/published.py).

Both run inside the caller's transaction: `entry_publish` in the approval's, on the entry row the
approval has locked, and `cycle_snapshot_take` in the cycle's close.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from tracker.models import (
    CycleSnapshot,
    Measure,
    Pledge,
    ProgressUpdate,
    PublishedMeasure,
    PublishedPledge,
    PublishedRecord,
    PublishedUpdate,
    ReviewCycle,
    ReviewedEntry,
)
from tracker.selectors.cycles import current_records, measures_of_cycle, pledges_of_cycle

PUBLISHED_MODEL = {
    Measure: PublishedMeasure,
    Pledge: PublishedPledge,
    ProgressUpdate: PublishedUpdate,
}
# Said to the second of two coordinators approving the same version at once: the version is
# published once (each record is unique per entry and version, and per entry and number).
ALREADY_PUBLISHED = _(
    "Another coordinator approved this version a moment ago; it is published once. Reload the "
    "entry to see it."
)
RECORD_FIELDS = {
    "id",
    "entry",
    "number",
    "version",
    "approved_at",
    "approved_by",
    "withdrawn",
    "history_id",
}


def entry_publish(*, entry: ReviewedEntry, actor, approved_at, withdrawn=False) -> PublishedRecord:
    """Write the published record of `entry` as it is now (the version the coordinator
    approved), numbered after the entry's earlier ones, and point the entry at it. The caller
    saves the entry. Call inside transaction.atomic, on a locked entry."""
    model = PUBLISHED_MODEL[type(entry)]
    last = model.objects.filter(entry=entry).aggregate(last=Max("number"))["last"] or 0
    copied = [field for field in model._meta.get_fields() if field.name not in RECORD_FIELDS]
    record = model(
        entry=entry,
        number=last + 1,
        version=entry.version,
        approved_at=approved_at,
        approved_by=actor,
        withdrawn=withdrawn,
        # The history record of the version approved: the approval's own is written after.
        history_id=entry.history.order_by("-history_id")
        .values_list("history_id", flat=True)
        .first(),
        **{
            field.attname: getattr(entry, field.attname)
            for field in copied
            if field.concrete and not field.many_to_many
        },
    )
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise ValidationError({"workflow_state": [ALREADY_PUBLISHED]}) from None
    for field in copied:
        if field.many_to_many:
            getattr(record, field.name).set(getattr(entry, field.name).all())
    entry.published = record
    return record


def cycle_snapshot_take(*, cycle: ReviewCycle, taken_at) -> CycleSnapshot:
    """Freeze the current published records of `cycle`'s entries, with the meaning of
    tracker/selectors/cycles.py: its updates, its measures, its pledges. Call inside
    transaction.atomic, before the snapshot exists (the selectors then read current records)."""
    # Read before the snapshot exists: the selectors read a closed cycle's snapshot once it does.
    measures = _ids(measures_of_cycle(cycle, current_records(PublishedMeasure)))
    pledges = _ids(pledges_of_cycle(cycle, current_records(PublishedPledge)))
    updates = _ids(current_records(PublishedUpdate).filter(cycle=cycle))
    snapshot = CycleSnapshot.objects.create(cycle=cycle, taken_at=taken_at)
    snapshot.measures.set(measures)
    snapshot.pledges.set(pledges)
    snapshot.updates.set(updates)
    return snapshot


def _ids(records) -> list[int]:
    return list(records.order_by().values_list("pk", flat=True))


def cycle_snapshot_drop(*, cycle: ReviewCycle) -> None:
    """Forget a reopened cycle's snapshot; the published records themselves stay."""
    CycleSnapshot.objects.filter(cycle=cycle).delete()
