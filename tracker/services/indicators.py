"""Indicators and their values: create and edit an indicator, begin a dataset (an indicator's
values for a period) and save its values. Submitting, approving and returning a dataset are the
workflow's steps (tracker/services/workflow.py), as for every entry; approving publishes its
values (tracker/services/indicator_publication.py)."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tracker.models import Indicator, IndicatorDataset, IndicatorValue, ValueStatus
from tracker.models.indicators import category_key, key_check
from tracker.rules import require
from tracker.services.workflow import after_edit, entry_lock, entry_save

INDICATOR_MANY_FIELDS = ("objectives", "dimensions")
INDICATOR_FIELDS = (
    "code",
    "name",
    "name_sv",
    "name_nb",
    "name_da",
    "definition",
    "definition_sv",
    "definition_nb",
    "definition_da",
    "unit",
    "source_organisation",
    "source_name",
    "source_url",
    "sdg_code",
    "is_demonstration",
    *INDICATOR_MANY_FIELDS,
)
# The periods a value may be for: years.
FIRST_PERIOD, LAST_PERIOD = 1900, 2100
# A value has at most 16 digits before the decimal mark and 4 after (IndicatorValue.value).
MAX_VALUE = Decimal(10) ** 16
VALUE_PLACES = Decimal("0.0001")
SAVE_BATCH = 5000


def _indicator_save(indicator: Indicator, *, actor, data: dict, reason: str) -> Indicator:
    unknown = set(data) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of an indicator: {', '.join(sorted(unknown))}")
    many = {name: list(data[name]) for name in INDICATOR_MANY_FIELDS if name in data}
    for name, value in data.items():
        if name not in INDICATOR_MANY_FIELDS:
            setattr(indicator, name, value)
    with transaction.atomic():
        entry_save(indicator, actor=actor, reason=reason, many=many)
    return indicator


def indicator_create(*, actor, data: dict) -> Indicator:
    """A new indicator (administrators and coordinators)."""
    require(actor, "tracker.add_indicator")
    return _indicator_save(Indicator(), actor=actor, data=data, reason=gettext_noop("Created"))


def indicator_update(*, actor, indicator: Indicator, data: dict) -> Indicator:
    """Change an indicator. A disaggregation its values use cannot be taken away."""
    require(actor, "tracker.change_indicator", indicator)
    if "dimensions" in data:
        kept = {dimension.code for dimension in data["dimensions"]}
        used = {
            code
            for dimensions in IndicatorValue.objects.filter(dataset__indicator=indicator)
            .values_list("dimensions", flat=True)
            .distinct()
            for code in dimensions.split(";")
            if code
        }
        if used - kept:
            raise ValidationError(
                {
                    "dimensions": _("Values of %(indicator)s are disaggregated by %(dimensions)s.")
                    % {"indicator": indicator.code, "dimensions": ", ".join(sorted(used - kept))}
                }
            )
    return _indicator_save(indicator, actor=actor, data=data, reason=gettext_noop("Changed"))


@dataclass(frozen=True)
class ValueInput:
    """A value to save: its categories {dimension code: category code} ({} for the total)."""

    categories: Mapping[str, str]
    value: Decimal
    note: str = ""
    recorded_on: datetime.date | None = None
    status: str = ValueStatus.PROVISIONAL


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


def dataset_open(*, actor, indicator: Indicator, period: int) -> IndicatorDataset:
    """The dataset of `indicator` for `period`, begun as a draft of the organisation recording
    the indicator if it has none yet."""
    period = period_check(period)
    dataset = IndicatorDataset.objects.filter(indicator=indicator, period=period).first()
    if dataset is not None:
        return dataset
    require(actor, "tracker.record_indicator", indicator)
    dataset = IndicatorDataset(
        indicator=indicator,
        period=period,
        organisation_id=indicator.source_organisation_id,
        created_by=actor,
    )
    with transaction.atomic():
        entry_save(dataset, actor=actor, reason=gettext_noop("Created"))
    return dataset


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
            if given.status not in ValueStatus.values:
                raise ValidationError(_("The status is provisional or final."))
            if key in seen:
                raise ValidationError(_("The same categories as an earlier value."))
            seen.add(key)
            rows.append(
                IndicatorValue(
                    dataset=dataset,
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


def dataset_save_values(
    *,
    actor,
    dataset: IndicatorDataset,
    values: Sequence[ValueInput],
    remove_keys: Iterable[str] = (),
    expected_version: int | None = None,
    allowed: Mapping[str, set[str]] | None = None,
) -> IndicatorDataset:
    """Save `values` into `dataset` (a value for categories already there replaces it) and
    remove the values of `remove_keys`, in bulk, as one change of the dataset in its history.
    An approved dataset goes back to review. `allowed` is the indicator's categories, when the
    caller has them already (an import of many datasets)."""
    require(actor, "tracker.change_indicatordataset", dataset)
    if allowed is None:
        allowed = dataset.indicator.allowed_categories()
    rows = _value_rows(dataset, values, allowed)
    with transaction.atomic():
        locked = entry_lock(dataset, expected_version)
        IndicatorValue.objects.bulk_create(
            rows,
            batch_size=SAVE_BATCH,
            update_conflicts=True,
            unique_fields=["dataset", "key"],
            update_fields=["dimensions", "value", "note", "recorded_on", "status"],
        )
        removed = set(remove_keys) - {row.key for row in rows}
        if removed:
            IndicatorValue.objects.filter(dataset=locked, key__in=removed).delete()
        after_edit(locked)
        entry_save(locked, actor=actor, reason=gettext_noop("Values saved"))
    return locked
