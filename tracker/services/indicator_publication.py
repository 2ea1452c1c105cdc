"""Publishing an indicator dataset's values: the approval's published record of the dataset
(tracker/services/publication.py) gets a copy of each value, written in bulk."""

from tracker.models import IndicatorDataset, PublishedIndicatorDataset, PublishedIndicatorValue
from tracker.models.published_indicators import VALUE_FIELDS

BATCH = 5000


def dataset_values_publish(*, dataset: IndicatorDataset, record: PublishedIndicatorDataset) -> int:
    """Copy the dataset's values as they are now onto its new published record, in batches;
    the number copied. Call inside the approval's transaction."""
    rows = dataset.values.order_by().values_list(*VALUE_FIELDS)
    batch: list[PublishedIndicatorValue] = []
    copied = 0
    for row in rows.iterator(chunk_size=BATCH):
        batch.append(
            PublishedIndicatorValue(
                record=record,
                indicator_id=record.indicator_id,
                period=record.period,
                **dict(zip(VALUE_FIELDS, row, strict=True)),
            )
        )
        if len(batch) == BATCH:
            copied += len(PublishedIndicatorValue.objects.bulk_create(batch))
            batch = []
    copied += len(PublishedIndicatorValue.objects.bulk_create(batch))
    return copied


def dataset_values_match(*, dataset: IndicatorDataset, record: PublishedIndicatorDataset) -> bool:
    """Whether the dataset's values are those of its published record."""
    working = set(dataset.values.order_by().values_list(*VALUE_FIELDS))
    return working == set(record.values.order_by().values_list(*VALUE_FIELDS))
