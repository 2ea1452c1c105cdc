"""Indicators and their disaggregations: create and edit them (administrators and
coordinators). Their values:
tracker/services/indicator_values.py."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tracker.models import (
    Category,
    Dimension,
    Indicator,
    IndicatorValue,
    PublishedIndicatorValue,
)
from tracker.models.indicators import CATEGORY_SEPARATOR, PAIR_SEPARATOR, key_categories
from tracker.rules import require
from tracker.services.workflow import entry_save

INDICATOR_MANY_FIELDS = ("objectives", "dimensions")
# What may change of a disaggregation and of its categories: their names. Their codes stay, as
# they are in the values' keys and are the import files' columns and cells.
NAME_FIELDS = ("name", "name_sv", "name_nb", "name_da")
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


def dimension_create(*, actor, data: dict, categories: list[dict]) -> Dimension:
    """A new disaggregation (sex, age group, ...) with its categories, in their order
    (administrators and coordinators)."""
    require(actor, "tracker.add_dimension")
    with transaction.atomic():
        dimension = Dimension(**data)
        dimension.full_clean()
        dimension.save()
        for order, category in enumerate(categories, start=1):
            category_add(actor=actor, dimension=dimension, data={"order": order, **category})
    return dimension


def category_add(*, actor, dimension: Dimension, data: dict) -> Category:
    """A new category of a dimension (administrators and coordinators)."""
    require(actor, "tracker.add_category")
    category = Category(dimension=dimension, **data)
    category.full_clean()
    category.save()
    return category


def dimension_update(
    *, actor, dimension: Dimension, data: dict, categories: list[dict] | None = None
) -> Dimension:
    """A disaggregation's names, and its categories as listed (None: as they are), in their
    order: a listed code is a category's new names, a new code a new category, and a category
    not listed is removed unless values (working or published) use it (administrators and
    coordinators)."""
    require(actor, "tracker.change_dimension", dimension)
    if data.get("code", dimension.code) != dimension.code:
        raise ValidationError(
            {
                "code": _(
                    "A disaggregation's code stays as it is: it is in the values and the "
                    "import files. Leave it out, or create another disaggregation."
                )
            }
        )
    with transaction.atomic():
        dimension = Dimension.objects.select_for_update().get(pk=dimension.pk)
        _set_names(dimension, data)
        if categories is None:
            return dimension
        existing = {category.code: category for category in dimension.categories.all()}
        listed = {category["code"] for category in categories}
        removed = sorted(code for code in existing if code not in listed)
        if removed:
            require(actor, "tracker.delete_category", existing[removed[0]])
            _refuse_used(dimension, removed)
            Category.objects.filter(dimension=dimension, code__in=removed).delete()
        for order, given in enumerate(categories, start=1):
            category = existing.get(given["code"])
            if category is None:
                category_add(actor=actor, dimension=dimension, data={**given, "order": order})
            else:
                category.order = order
                _set_names(category, given)
    return dimension


def _set_names(item: Dimension | Category, data: dict) -> None:
    for name in NAME_FIELDS:
        if name in data:
            setattr(item, name, data[name])
    item.full_clean()
    item.save()


def _refuse_used(dimension: Dimension, codes: list[str]) -> None:
    """Refuse to remove categories of `dimension` that a value's key names: one query for the
    working values and one for the published, whatever the number of categories."""
    # A key lists its categories as dimension=category, separated by ";".
    named = "|".join(re.escape(code) for code in codes)
    prefix = re.escape(f"{dimension.code}{CATEGORY_SEPARATOR}")
    pair = re.escape(PAIR_SEPARATOR)
    pattern = rf"(^|{pair}){prefix}({named})({pair}|$)"
    keys = set()
    for model in (IndicatorValue, PublishedIndicatorValue):
        found = model.objects.filter(key__regex=pattern).values_list("key", flat=True)
        keys.update(found.distinct())
    used = sorted({key_categories(key)[dimension.code] for key in keys})
    if used:
        raise ValidationError(
            {
                "categories": _(
                    "Values are recorded for %(categories)s: keep their lines. A category "
                    "no value uses can be removed."
                )
                % {"categories": ", ".join(used)}
            }
        )
