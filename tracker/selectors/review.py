"""The coordinators' review queue: the submitted entries of every ministry in one list, oldest
first, whatever their kind, filtered by organisation, kind, cycle and how long they have
waited.

Indicator datasets (one indicator's values for a period) wait among them, each with the
number of its values changed since its published version.

The list is one query over the kinds (a UNION of their ids and submission times), so
that it pages as one list; a page's entries are then loaded kind by kind with what the queue
shows of them, in a fixed number of queries however many entries wait.
"""

import datetime

from django.db.models import CharField, Count, Q, QuerySet, Value
from django.utils import timezone

from tracker.models import IndicatorDataset, Measure, Pledge, ProgressUpdate, WorkflowState
from tracker.selectors.changes import pending_changes
from tracker.selectors.indicators import changed_value_counts

MEASURE, PLEDGE, UPDATE, WITHDRAWAL = "measure", "pledge", "update", "withdrawal"
DATASET = "dataset"
KINDS = (MEASURE, PLEDGE, UPDATE, WITHDRAWAL, DATASET)
MODELS = {MEASURE: Measure, PLEDGE: Pledge, UPDATE: ProgressUpdate, DATASET: IndicatorDataset}


def _submitted(kind: str, *, organisation=None, cycle=None, waiting_days=None) -> QuerySet:
    """The submitted entries of one model (`kind` MEASURE, PLEDGE or UPDATE) under the filters
    other than the kind; measures and pledges belong to no cycle."""
    model = MODELS[kind]
    queryset = model.objects.filter(workflow_state=WorkflowState.SUBMITTED)
    if kind == UPDATE:
        organisation_path = "measure__lead_organisation"
        if cycle is not None:
            queryset = queryset.filter(cycle=cycle)
    elif kind == DATASET:
        organisation_path = "organisation"
        if cycle is not None:
            queryset = queryset.none()
    else:
        organisation_path = "lead_organisation"
        queryset = queryset.filter(archived_at__isnull=True)
        if cycle is not None:
            queryset = queryset.none()
    if organisation is not None:
        queryset = queryset.filter(**{organisation_path: organisation})
    if waiting_days:
        since = timezone.now() - datetime.timedelta(days=waiting_days)
        queryset = queryset.filter(submitted_at__lte=since)
    return queryset


def _parts(kind: str, filters: dict) -> list[QuerySet]:
    withdrawal = Q(withdrawal_requested_at__isnull=False)
    parts = []
    for model_kind in (MEASURE, PLEDGE):
        queryset = _submitted(model_kind, **filters)
        if kind in ("", model_kind):
            parts.append(queryset.exclude(withdrawal) if kind else queryset)
        elif kind == WITHDRAWAL:
            parts.append(queryset.filter(withdrawal))
    for model_kind in (UPDATE, DATASET):
        if kind in ("", model_kind):
            parts.append(_submitted(model_kind, **filters))
    return parts


def review_queue(*, kind: str = "", organisation=None, cycle=None, waiting_days=None) -> QuerySet:
    """The queue's rows, oldest first: (queue_kind, id, submitted_at) of each submitted entry
    of the `kind` (one of KINDS, or "" for every kind) that matches the filters. A withdrawal
    request is of the kind WITHDRAWAL only."""
    filters = {"organisation": organisation, "cycle": cycle, "waiting_days": waiting_days}
    parts = [
        queryset.annotate(queue_kind=Value(_kind_of(queryset.model), CharField()))
        .values_list("queue_kind", "id", "submitted_at")
        .order_by()
        for queryset in _parts(kind, filters)
    ]
    return parts[0].union(*parts[1:], all=True).order_by("submitted_at", "queue_kind", "id")


def _kind_of(model) -> str:
    return next(kind for kind, kind_model in MODELS.items() if kind_model is model)


def review_queue_counts(*, organisation=None, cycle=None, waiting_days=None) -> dict[str, int]:
    """How many entries of each kind wait under the filters other than the kind: one query
    per model."""
    filters = {"organisation": organisation, "cycle": cycle, "waiting_days": waiting_days}
    withdrawal = Q(withdrawal_requested_at__isnull=False)
    counts = dict.fromkeys(KINDS, 0)
    for kind in (MEASURE, PLEDGE):
        totals = _submitted(kind, **filters).aggregate(
            changes=Count("pk", filter=~withdrawal), withdrawals=Count("pk", filter=withdrawal)
        )
        counts[kind] = totals["changes"]
        counts[WITHDRAWAL] += totals["withdrawals"]
    counts[UPDATE] = _submitted(UPDATE, **filters).count()
    counts[DATASET] = _submitted(DATASET, **filters).count()
    return counts


ENTRIES = {
    MEASURE: lambda ids: (
        Measure.objects.filter(pk__in=ids)
        .select_related("lead_organisation", "published")
        .prefetch_related("objectives")
    ),
    PLEDGE: lambda ids: (
        Pledge.objects.filter(pk__in=ids)
        .select_related("lead_organisation", "published")
        .prefetch_related("objectives")
    ),
    UPDATE: lambda ids: ProgressUpdate.objects.filter(pk__in=ids).select_related(
        "measure", "measure__lead_organisation", "cycle", "published"
    ),
    DATASET: lambda ids: IndicatorDataset.objects.filter(pk__in=ids).select_related(
        "indicator", "organisation", "published"
    ),
}


def review_queue_entries(rows) -> list:
    """The entries of a page of `review_queue`'s rows, in its order, each with `queue_kind`
    and `pending` (tracker/selectors/changes.py: what changed since its published version;
    for a dataset, the number of its values changed)."""
    rows = list(rows)
    loaded = {}
    for kind, load in ENTRIES.items():
        ids = [pk for row_kind, pk, _submitted_at in rows if row_kind == kind]
        if not ids:
            continue
        entries = list(load(ids))
        changes = (changed_value_counts if kind == DATASET else pending_changes)(entries)
        for entry in entries:
            entry.queue_kind = kind
            entry.pending = changes[entry.pk]
            loaded[kind, entry.pk] = entry
    return [loaded[kind, pk] for kind, pk, _submitted_at in rows if (kind, pk) in loaded]
