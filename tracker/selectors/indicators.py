"""Read paths of indicators and their values for the API and the officers' pages (the public
pages' series: tracker/selectors/indicator_series.py).

Values are read as entries are (tracker/selectors/readings.py): desk officers and coordinators
read the working copies of the datasets they may see (their organisation's, and everyone's
approved ones; the coordinators all), everybody else the current published values, the
versions a coordinator last approved. Every list loads its related rows in a fixed number of
queries.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from tracker.models import (
    Category,
    Dimension,
    Indicator,
    IndicatorDataset,
    IndicatorValue,
    PublishedIndicatorDataset,
    PublishedIndicatorValue,
    ReviewCycle,
)
from tracker.models.published_indicators import VALUE_FIELDS
from tracker.selectors.cycles import public_indicator_datasets
from tracker.selectors.entries import _visible
from tracker.selectors.readings import lists_working_copies


def dimension_list() -> QuerySet[Dimension]:
    """Every dimension (they are public) with its categories, in their order."""
    return Dimension.objects.prefetch_related(
        Prefetch("categories", queryset=Category.objects.order_by("order", "code"))
    )


def dimension_get(*, code: str) -> Dimension:
    """The dimension `code` with its categories in their order; 404 when there is none."""
    try:
        return dimension_list().get(code=code)
    except Dimension.DoesNotExist as error:
        raise Http404("No such disaggregation") from error


def indicator_list(*, objective: int | None = None) -> QuerySet[Indicator]:
    """Every indicator (they are public), with its source, objectives and disaggregations."""
    queryset = Indicator.objects.select_related("source_organisation").prefetch_related(
        "objectives", Prefetch("dimensions", queryset=dimension_list())
    )
    if objective is not None:
        queryset = queryset.filter(objectives__number=objective)
    return queryset


def indicator_get(*, code: str) -> Indicator:
    try:
        return indicator_list().get(code=code)
    except Indicator.DoesNotExist as error:
        raise Http404("No such indicator") from error


def dataset_list(*, user) -> QuerySet[IndicatorDataset]:
    """The datasets `user` may read as working copies: the queryset form of can_view_entry."""
    queryset = IndicatorDataset.objects.select_related(
        "indicator", "organisation", "published", "created_by", "reviewed_by"
    )
    return _visible(queryset, user, "organisation_id")


def dataset_get(*, user, pk: int) -> IndicatorDataset:
    try:
        return dataset_list(user=user).get(pk=pk)
    except IndicatorDataset.DoesNotExist as error:
        raise Http404("No such indicator dataset") from error


def published_dataset_list(*, cycle: ReviewCycle | None = None):
    """The datasets' published records the public sees (a closed cycle's, else the current)."""
    return public_indicator_datasets(cycle).select_related("indicator", "organisation")


def dataset_reading(*, user, pk: int) -> IndicatorDataset | PublishedIndicatorDataset:
    """Dataset `pk` as `user` reads it: its working copy when the rules let her, else its
    current published record; 404 when neither."""
    if lists_working_copies(user):
        dataset = dataset_list(user=user).filter(pk=pk).first()
        if dataset is not None and user.has_perm(
            "tracker.read_working_copy_indicatordataset", dataset
        ):
            return dataset
    record = published_dataset_list().filter(entry_id=pk).first()
    if record is None:
        raise Http404("No such indicator dataset")
    return record


def value_list(*, user) -> QuerySet[IndicatorValue] | QuerySet[PublishedIndicatorValue]:
    """The values `user` reads: working copies (IndicatorValue) for desk officers and
    coordinators, the current published values (PublishedIndicatorValue) for everybody else;
    filter them with `values_filtered`."""
    if lists_working_copies(user):
        datasets = dataset_list(user=user).order_by().values("pk")
        return (
            IndicatorValue.objects.filter(dataset__in=datasets)
            .select_related("dataset__indicator")
            .order_by("dataset__indicator__code", "dataset__period", "dimensions", "key")
        )
    records = public_indicator_datasets().order_by().values("pk")
    return (
        PublishedIndicatorValue.objects.filter(record__in=records)
        .select_related("indicator", "record")
        .order_by("indicator__code", "period", "dimensions", "key")
    )


def values_filtered(
    values: QuerySet,
    *,
    indicator: str | None = None,
    objective: int | None = None,
    period: int | None = None,
    dimensions: str | None = None,
    key: str | None = None,
) -> QuerySet:
    """`values` (of value_list) of an indicator (its code), an objective, a period, a
    disaggregation (its dimension codes joined by ";", "" for the totals) or one key."""
    path = "indicator" if values.model is PublishedIndicatorValue else "dataset__indicator"
    period_path = "period" if values.model is PublishedIndicatorValue else "dataset__period"
    conditions = Q()
    if indicator is not None:
        conditions &= Q(**{f"{path}__code": indicator})
    if objective is not None:
        conditions &= Q(**{f"{path}__in": Indicator.objects.filter(objectives__number=objective)})
    if period is not None:
        conditions &= Q(**{period_path: period})
    if dimensions is not None:
        conditions &= Q(dimensions=dimensions)
    if key is not None:
        conditions &= Q(key=key)
    return values.filter(conditions)


def dataset_value_changes(dataset: IndicatorDataset) -> list[dict]:
    """What the dataset's working values change in its current published values: each key
    added, changed or removed, as {key, published, working} (the values' fields, or None), in
    two queries."""
    working = {row["key"]: row for row in dataset.values.order_by().values(*VALUE_FIELDS)}
    published = {}
    if dataset.published_id is not None:
        published = {
            row["key"]: row
            for row in PublishedIndicatorValue.objects.filter(record_id=dataset.published_id)
            .order_by()
            .values(*VALUE_FIELDS)
        }
    return [
        {"key": key, "published": published.get(key), "working": working.get(key)}
        for key in sorted(working.keys() | published.keys())
        if published.get(key) != working.get(key)
    ]


def changed_value_counts(datasets) -> dict[int, int]:
    """{dataset id: how many of its values are added, changed or removed since its published
    version} for a page of datasets, in two queries."""
    working: dict[int, set] = {dataset.pk: set() for dataset in datasets}
    for row in IndicatorValue.objects.filter(dataset__in=working).values_list(
        "dataset_id", *VALUE_FIELDS
    ):
        working[row[0]].add(row[1:])
    by_record = {d.published_id: d.pk for d in datasets if d.published_id is not None}
    published: dict[int, set] = {pk: set() for pk in working}
    for row in PublishedIndicatorValue.objects.filter(record__in=by_record).values_list(
        "record_id", *VALUE_FIELDS
    ):
        published[by_record[row[0]]].add(row[1:])
    return {pk: len({row[0] for row in working[pk] ^ published[pk]}) for pk in working}
