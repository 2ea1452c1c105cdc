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
    IndicatorDataset,
    Measure,
    Pledge,
    ProgressUpdate,
    PublishedIndicatorDataset,
    PublishedMeasure,
    PublishedPledge,
    PublishedRecord,
    PublishedUpdate,
    ReviewCycle,
    ReviewedEntry,
)
from tracker.models.published import RECORD_FIELDS
from tracker.selectors.cycles import (
    current_records,
    datasets_of_cycle,
    measures_of_cycle,
    pledges_of_cycle,
)
from tracker.services.indicator_publication import dataset_values_match, dataset_values_publish

PUBLISHED_MODEL = {
    Measure: PublishedMeasure,
    Pledge: PublishedPledge,
    ProgressUpdate: PublishedUpdate,
    IndicatorDataset: PublishedIndicatorDataset,
}
# Entries whose published record has rows of its own beside its columns: an indicator
# dataset's values. (copy onto the new record, compare with the record)
PUBLISHED_ROWS = {IndicatorDataset: (dataset_values_publish, dataset_values_match)}
# Said to the second of two coordinators approving the same version at once: the version is
# published once (each record is unique per entry and version, and per entry and number).
ALREADY_PUBLISHED = _(
    "Another coordinator approved this version a moment ago; it is published once. Reload the "
    "entry to see it."
)


def _public_values(entry: ReviewedEntry) -> tuple[dict, dict]:
    """What the published record of `entry` as it is now would hold: its columns, and the
    ids of its many-to-many rows. A measure's evidence is the public evidence not removed."""
    model = PUBLISHED_MODEL[type(entry)]
    copied = [field for field in model._meta.get_fields() if field.name not in RECORD_FIELDS]
    scalars = {
        field.attname: getattr(entry, field.attname)
        for field in copied
        if field.concrete and not field.many_to_many
    }
    many = {}
    for field in copied:
        if field.many_to_many:
            related = getattr(entry, field.name).all()
            if field.name == "evidence":
                related = related.filter(public=True, removed_at__isnull=True)
            many[field.name] = set(related.values_list("pk", flat=True))
    return scalars, many


def entry_publish(*, entry: ReviewedEntry, actor, approved_at, withdrawn=False) -> PublishedRecord:
    """Write the published record of `entry` as it is now (the version the coordinator
    approved), numbered after the entry's earlier ones, and point the entry at it. The caller
    saves the entry. Call inside transaction.atomic, on a locked entry."""
    model = PUBLISHED_MODEL[type(entry)]
    last = model.objects.filter(entry=entry).aggregate(last=Max("number"))["last"] or 0
    scalars, many = _public_values(entry)
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
        **scalars,
    )
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise ValidationError({"workflow_state": [ALREADY_PUBLISHED]}) from None
    for name, ids in many.items():
        getattr(record, name).set(ids)
    if type(entry) in PUBLISHED_ROWS:
        copy_rows, _match = PUBLISHED_ROWS[type(entry)]
        copy_rows(dataset=entry, record=record)
    entry.published = record
    return record


def entry_matches_published(entry: ReviewedEntry) -> bool:
    """Whether the public would see nothing new if `entry` were approved as it is now: its
    current published record holds the same values (not withdrawn)."""
    record = entry.published
    if record is None or record.withdrawn:
        return False
    scalars, many = _public_values(entry)
    if type(entry) in PUBLISHED_ROWS:
        _copy_rows, rows_match = PUBLISHED_ROWS[type(entry)]
        if not rows_match(dataset=entry, record=record):
            return False
    return all(getattr(record, name) == value for name, value in scalars.items()) and all(
        set(getattr(record, name).values_list("pk", flat=True)) == ids for name, ids in many.items()
    )


def cycle_snapshot_take(*, cycle: ReviewCycle, taken_at) -> CycleSnapshot:
    """Freeze the current published records of `cycle`'s entries, with the meaning of
    tracker/selectors/cycles.py: its updates, its measures, its pledges, the indicator
    datasets of its periods and before. Call inside
    transaction.atomic, before the snapshot exists (the selectors then read current records)."""
    # Read before the snapshot exists: the selectors read a closed cycle's snapshot once it does.
    measures = _ids(measures_of_cycle(cycle, current_records(PublishedMeasure)))
    pledges = _ids(pledges_of_cycle(cycle, current_records(PublishedPledge)))
    updates = _ids(current_records(PublishedUpdate).filter(cycle=cycle))
    datasets = _ids(datasets_of_cycle(cycle, current_records(PublishedIndicatorDataset)))
    snapshot = CycleSnapshot.objects.create(cycle=cycle, taken_at=taken_at)
    snapshot.measures.set(measures)
    snapshot.pledges.set(pledges)
    snapshot.updates.set(updates)
    snapshot.indicator_datasets.set(datasets)
    return snapshot


def _ids(records) -> list[int]:
    return list(records.order_by().values_list("pk", flat=True))


def cycle_snapshot_drop(*, cycle: ReviewCycle) -> None:
    """Forget a reopened cycle's snapshot; the published records themselves stay."""
    CycleSnapshot.objects.filter(cycle=cycle).delete()
