"""The dashboards' one cache: what a figures function returned, under the state of the data.

A figure function takes a pass over the measures per cycle; `cached_figures` keeps what it
returned under its name, its keyword arguments and the data's version, so that the next
approval (which saves its entry) makes the next view count afresh, in every process, whatever
the cache backend.
"""

import datetime
import functools
import hashlib

from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from django.http import QueryDict

from tracker.models import IndicatorDataset, Measure, Pledge, ProgressUpdate, ReviewCycle

CACHE_SECONDS = 600
VERSIONED_MODELS = (Measure, Pledge, ProgressUpdate, IndicatorDataset)
# Values that stand for themselves in a key: their repr is the same in every process.
PLAIN_TYPES = (str, int, float, bool, type(None), datetime.date)


def data_version() -> tuple:
    """The latest save of a measure, pledge, progress update and indicator dataset: it changes
    whenever one is created, edited, submitted, approved, returned or withdrawn. Entries are
    not deleted in the product; one deleted in the admin drops out within CACHE_SECONDS. One
    query that reads the end of each table's updated_at index, whatever the number of
    entries."""
    latest = ", ".join(_latest_save(model) for model in VERSIONED_MODELS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {latest}")
        return tuple(cursor.fetchone())


def _latest_save(model) -> str:
    # The table name comes from the model, nothing from the request.
    table = connection.ops.quote_name(model._meta.db_table)
    return f"(SELECT MAX(updated_at) FROM {table})"  # noqa: S608  # nosec B608


def cycle_key(cycle: ReviewCycle | None) -> tuple | None:
    """A cycle in a key: its period too, so that changing the period counts afresh."""
    return (cycle.pk, cycle.period_start, cycle.period_end) if cycle else None


def key_part(value):
    """`value` as it enters a cache key: a cycle by `cycle_key`, another model instance by its
    primary key, a query string by its sorted values, sequences item by item."""
    if isinstance(value, ReviewCycle):
        return cycle_key(value)
    if isinstance(value, Model):
        return (value._meta.label, value.pk)
    if isinstance(value, QueryDict):
        return tuple(sorted((name, tuple(values)) for name, values in value.lists()))
    if isinstance(value, list | tuple):
        return tuple(key_part(item) for item in value)
    if isinstance(value, PLAIN_TYPES):
        return value
    raise TypeError(f"{type(value).__name__} cannot be part of a dashboard cache key")


def cached_figures(function=None, *, unkeyed: tuple[str, ...] = ()):
    """Decorate a function of keyword arguments only: it runs once per data version and per
    value of its arguments, then its result (plain, picklable data) comes from the cache for
    CACHE_SECONDS. Arguments named in `unkeyed` are left out of the key: they must follow from
    the others (the request a piece is rendered for, the rows its filters select)."""
    if function is None:
        return functools.partial(cached_figures, unkeyed=unkeyed)

    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def wrapper(**arguments):
        parts = sorted(
            (argument, key_part(value))
            for argument, value in arguments.items()
            if argument not in unkeyed
        )
        digest = hashlib.sha256(repr((data_version(), name, parts)).encode()).hexdigest()
        key = f"dashboard:{function.__name__}:{digest}"
        value = cache.get(key)
        if value is None:
            value = function(**arguments)
            cache.set(key, value, CACHE_SECONDS)
        return value

    return wrapper
