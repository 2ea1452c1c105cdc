"""Indicator values: begin the datasets of indicators' periods and save their values, in bulk.

One dataset or many (an import), the same code path: the datasets begun in one statement, the
values written in batches (a value for categories already there replaced), each dataset's
version raised and its change recorded in its history in one statement each
(django-simple-history's bulk_history_create: the same record entry_save writes, with who and
why). Submitting, approving and returning a dataset are the workflow's steps
(tracker/services/workflow.py), as for every entry; approving publishes its values
(tracker/services/indicator_publication.py).
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tracker.models import Indicator, IndicatorDataset, IndicatorValue, ValueStatus
from tracker.models.indicators import allowed_categories, category_key, key_check
from tracker.rules import require
from tracker.services.workflow import StaleVersionError, after_edit

# The periods a value may be for: years.
FIRST_PERIOD, LAST_PERIOD = 1900, 2100
# A value has at most 16 digits before the decimal mark and 4 after (IndicatorValue.value).
MAX_VALUE = Decimal(10) ** 16
VALUE_PLACES = Decimal("0.0001")
SAVE_BATCH = 5000
VALUE_FIELDS = ["dimensions", "value", "note", "recorded_on", "status"]
STATUSES = frozenset(ValueStatus.values)


@dataclass(frozen=True)
class ValueInput:
    """A value to save: its categories {dimension code: category code} ({} for the total)."""

    categories: Mapping[str, str]
    value: Decimal
    note: str = ""
    recorded_on: datetime.date | None = None
    status: str = ValueStatus.PROVISIONAL


@dataclass(frozen=True)
class ValuesChange:
    """Values to save into a dataset, and the keys of values to remove from it."""

    dataset: IndicatorDataset
    values: Sequence[ValueInput]
    remove_keys: Iterable[str] = ()
    expected_version: int | None = None


def value_check(value) -> Decimal:
    """`value` as the number stored: at most 16 digits before the decimal mark and 4 after."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("%(value)s is not a number.") % {"value": value}) from None
    if not number.is_finite() or abs(number) >= MAX_VALUE:
        raise ValidationError(_("%(value)s is not a number that can be kept.") % {"value": value})
    if number != number.quantize(VALUE_PLACES):
        raise ValidationError(_("Give at most four decimals."))
    return number


def period_check(period) -> int:
    if not isinstance(period, int) or not FIRST_PERIOD <= period <= LAST_PERIOD:
        raise ValidationError(
            _("%(period)s is not a year between %(first)s and %(last)s.")
            % {"period": period, "first": FIRST_PERIOD, "last": LAST_PERIOD}
        )
    return period


def datasets_open(
    *, actor, wanted: Iterable[tuple[Indicator, int]]
) -> dict[tuple[int, int], IndicatorDataset]:
    """The dataset of each (indicator, period) wanted, by (indicator id, period); those missing
    are begun as drafts of the organisation recording their indicator."""
    wanted = {(indicator.pk, period_check(period)): indicator for indicator, period in wanted}
    found = {
        (dataset.indicator_id, dataset.period): dataset
        for dataset in IndicatorDataset.objects.filter(
            indicator_id__in={pk for pk, _period in wanted},
            period__in={period for _pk, period in wanted},
        )
    }
    begun = []
    for (indicator_id, period), indicator in wanted.items():
        if (indicator_id, period) not in found:
            require(actor, "tracker.record_indicator", indicator)
            begun.append(
                IndicatorDataset(
                    indicator=indicator,
                    period=period,
                    organisation_id=indicator.source_organisation_id,
                    created_by=actor,
                )
            )
    if begun:
        try:
            with transaction.atomic():
                IndicatorDataset.objects.bulk_create(begun)
                _record(begun, actor=actor, reason=gettext_noop("Created"), update=False)
        except IntegrityError:
            raise ValidationError(
                _("Someone else began these values a moment ago. Try again.")
            ) from None
        found.update({(dataset.indicator_id, dataset.period): dataset for dataset in begun})
    return {key: found[key] for key in wanted}


def dataset_open(*, actor, indicator: Indicator, period: int) -> IndicatorDataset:
    """The dataset of `indicator` for `period`, begun as a draft if it has none yet."""
    return datasets_open(actor=actor, wanted=[(indicator, period)])[(indicator.pk, period)]


def _record(datasets: list[IndicatorDataset], *, actor, reason: str, update: bool) -> None:
    """A history record of each dataset, as entry_save writes one (who, why)."""
    IndicatorDataset.history.bulk_history_create(
        datasets, update=update, default_user=actor, default_change_reason=reason
    )


def _value_rows(
    dataset: IndicatorDataset, values: Sequence[ValueInput], allowed: Mapping[str, set[str]]
) -> list[IndicatorValue]:
    """The values as rows of `dataset`, each checked; a ValidationError names every problem."""
    rows, problems, seen = [], [], set()
    today = timezone.localdate()
    for number, given in enumerate(values, start=1):
        try:
            key_check(given.categories, allowed)
            key, dimensions = category_key(given.categories)
            value = value_check(given.value)
            if given.status not in STATUSES:
                raise ValidationError(_("The status is provisional or final."))
            if key in seen:
                raise ValidationError(_("The same categories as an earlier value."))
            seen.add(key)
            rows.append(
                IndicatorValue(
                    dataset_id=dataset.pk,
                    key=key,
                    dimensions=dimensions,
                    value=value,
                    note=given.note,
                    recorded_on=given.recorded_on or today,
                    status=given.status,
                )
            )
        except ValidationError as error:
            problems += [
                _("Value %(number)s: %(message)s") % {"number": number, "message": message}
                for message in error.messages
            ]
    if problems:
        raise ValidationError({"values": problems})
    return rows


def datasets_save_values(
    *, actor, changes: Sequence[ValuesChange], allowed: Mapping[int, Mapping] | None = None
) -> list[IndicatorDataset]:
    """Save each change's values into its dataset and remove its `remove_keys`, in bulk, as
    one change of each dataset in its history; an approved dataset goes back to review.
    `allowed` is allowed_categories of the indicators, when the caller has it already."""
    for change in changes:
        require(actor, "tracker.change_indicatordataset", change.dataset)
    if not changes:
        return []
    if allowed is None:
        allowed = allowed_categories({change.dataset.indicator_id for change in changes})
    with transaction.atomic():
        ids = sorted({change.dataset.pk for change in changes})
        locked = IndicatorDataset.objects.select_for_update().order_by("pk").in_bulk(ids)
        for change in changes:
            expected = change.expected_version
            if expected is not None and locked[change.dataset.pk].version != expected:
                raise StaleVersionError(locked[change.dataset.pk], expected)
        _write(changes, allowed)
        now = timezone.now()
        for dataset in locked.values():
            after_edit(dataset)
            dataset.version += 1
            dataset.updated_at = now
        fields = ["workflow_state", "submitted_at", "version", "updated_at"]
        IndicatorDataset.objects.bulk_update(locked.values(), fields)
        _record(
            list(locked.values()), actor=actor, reason=gettext_noop("Values saved"), update=True
        )
    return [locked[change.dataset.pk] for change in changes]


def _write(changes: Sequence[ValuesChange], allowed: Mapping[int, Mapping]) -> None:
    """Write the changes' values a batch at a time (a value already there replaced), then
    remove the values of their remove_keys. A ValidationError of a change's values ends the
    caller's transaction with nothing saved."""
    batch: list[IndicatorValue] = []
    for change in changes:
        batch += _value_rows(change.dataset, change.values, allowed[change.dataset.indicator_id])
        if len(batch) >= SAVE_BATCH or change is changes[-1]:
            IndicatorValue.objects.bulk_create(
                batch,
                update_conflicts=True,
                unique_fields=["dataset", "key"],
                update_fields=VALUE_FIELDS,
            )
            batch = []
    for change in changes:
        saved = {category_key(value.categories)[0] for value in change.values}
        removed = set(change.remove_keys) - saved
        if removed:
            IndicatorValue.objects.filter(dataset_id=change.dataset.pk, key__in=removed).delete()


def dataset_save_values(
    *,
    actor,
    dataset: IndicatorDataset,
    values: Sequence[ValueInput],
    remove_keys: Iterable[str] = (),
    expected_version: int | None = None,
) -> IndicatorDataset:
    """Save `values` into `dataset` and remove the values of `remove_keys` (datasets_save_values
    of one dataset)."""
    change = ValuesChange(dataset, values, remove_keys, expected_version)
    return datasets_save_values(actor=actor, changes=[change])[0]
