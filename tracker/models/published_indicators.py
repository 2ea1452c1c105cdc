"""Published indicator datasets: what the public may see of an indicator's values for a period,
fixed when a coordinator approves the dataset (as tracker/models/published.py does for
measures, pledges and progress updates).

Approving a dataset writes a `PublishedIndicatorDataset`, numbered per dataset, and a
`PublishedIndicatorValue` for each of its values, in bulk; the dataset's `published` points to
its current record. A revised figure is a new published version; the earlier one keeps the
earlier figure. Neither is ever updated or deleted: the models refuse it, and on PostgreSQL
the trigger of migration 0005 refuses it too (migration 0010 puts it on these tables).

The indicator and period are copied onto every value, so that a series (an indicator, one
disaggregation, over the periods) is read from one index without joining the records.
"""

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from tracker.models.indicators import IndicatorDataset, IndicatorValue
from tracker.models.published import Immutable, PublishedRecord, _copy, _entry_constraints


class PublishedIndicatorDataset(PublishedRecord):
    entry = models.ForeignKey(
        IndicatorDataset, on_delete=models.PROTECT, related_name="published_versions"
    )
    indicator = _copy(IndicatorDataset, "indicator")
    period = _copy(IndicatorDataset, "period")
    organisation = _copy(IndicatorDataset, "organisation")

    class Meta:
        ordering = ["-approved_at", "-id"]
        indexes = [
            models.Index(fields=["indicator", "period"], name="published_dataset_series"),
            models.Index(F("approved_at").desc(), F("id").desc(), name="published_dataset_recent"),
        ]
        verbose_name = _("published indicator dataset")
        verbose_name_plural = _("published indicator datasets")
        constraints = _entry_constraints("published_indicator_dataset")

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} ({self.number})"


# The fields of a working value its published copy holds as they are.
VALUE_FIELDS = ("key", "dimensions", "value", "note", "recorded_on", "status")


class PublishedIndicatorValue(Immutable):
    record = models.ForeignKey(
        PublishedIndicatorDataset,
        on_delete=models.PROTECT,
        related_name="values",
        verbose_name=_("published dataset"),
    )
    indicator = _copy(IndicatorDataset, "indicator")
    period = _copy(IndicatorDataset, "period")
    key = _copy(IndicatorValue, "key")
    dimensions = _copy(IndicatorValue, "dimensions")
    value = _copy(IndicatorValue, "value")
    note = _copy(IndicatorValue, "note")
    recorded_on = _copy(IndicatorValue, "recorded_on")
    status = _copy(IndicatorValue, "status")

    class Meta:
        ordering = ["record", "dimensions", "key"]
        indexes = [
            models.Index(
                fields=["indicator", "dimensions", "key", "period"],
                name="published_value_series",
            )
        ]
        verbose_name = _("published indicator value")
        verbose_name_plural = _("published indicator values")
        constraints = [
            models.UniqueConstraint(fields=["record", "key"], name="published_value_once_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period} {self.key or 'total'}: {self.value}"
