"""Timing pages in-process with Django's test Client, and raw SQL on the same connection.

The times are server time without network: URL resolution, middleware, view, queries and
template rendering, as a worker process spends them; the test Client adds a few tens of
microseconds of request building.
"""

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: with 30 samples the 95th is the 29th slowest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class QueryTime:
    sql: str
    ms: float


@dataclass
class PageResult:
    label: str
    url: str
    status: int
    first_ms: float
    cold_ms: list[float]
    warm_ms: list[float]
    cold_queries: int
    warm_queries: int
    db_ms: float
    slowest: QueryTime | None
    raw_ms: float | None = None
    error: str = ""
    warm_db_ms: float = math.nan
    warm_slowest: QueryTime | None = None

    @property
    def cold_median(self) -> float:
        return statistics.median(self.cold_ms) if self.cold_ms else math.nan

    @property
    def warm_median(self) -> float:
        return statistics.median(self.warm_ms) if self.warm_ms else math.nan

    @property
    def warm_p95(self) -> float:
        return percentile(self.warm_ms, 0.95) if self.warm_ms else math.nan

    @property
    def cold_p95(self) -> float:
        return percentile(self.cold_ms, 0.95) if self.cold_ms else math.nan

    @property
    def ratio(self) -> float:
        if not self.raw_ms:
            return math.nan
        return self.warm_median / self.raw_ms


def _get(client: Client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    if response.streaming:
        for _chunk in response.streaming_content:
            pass
    else:
        _ = response.content
    elapsed = (time.perf_counter() - started) * 1000
    response.close()
    return elapsed, response.status_code


def _captured(client: Client, url: str) -> tuple[int, list[QueryTime]]:
    with CaptureQueriesContext(connection) as context:
        _get(client, url)
    return len(context), [
        QueryTime(query["sql"], float(query["time"]) * 1000) for query in context.captured_queries
    ]


def time_page(
    client: Client, label: str, url: str, *, repeat: int, cold_repeat: int, budget_s: float
) -> PageResult:
    """The page's first request, `cold_repeat` requests each after cache.clear(), then
    `repeat` requests in a row (warm). Sampling stops early after `budget_s` seconds so that a
    slow page cannot hold up the run; at least three samples of each are taken."""
    try:
        cache.clear()
        first_ms, status = _get(client, url)
        cache.clear()
        cold_queries, cold_log = _captured(client, url)
        deadline = time.perf_counter() + budget_s / 2
        cold = []
        for _ in range(cold_repeat):
            cache.clear()
            cold.append(_get(client, url)[0])
            if len(cold) >= 3 and time.perf_counter() > deadline:
                break
        _get(client, url)
        warm_queries, warm_log = _captured(client, url)
        deadline = time.perf_counter() + budget_s / 2
        warm = []
        for _ in range(repeat):
            warm.append(_get(client, url)[0])
            if len(warm) >= 3 and time.perf_counter() > deadline:
                break
    except Exception as error:  # a 500 is a result to print, not the end of the run
        return PageResult(
            label, url, 500, math.nan, [], [], 0, 0, math.nan, None, error=repr(error)
        )
    return PageResult(
        label=label,
        url=url,
        status=status,
        first_ms=first_ms,
        cold_ms=cold,
        warm_ms=warm,
        cold_queries=cold_queries,
        warm_queries=warm_queries,
        db_ms=sum(query.ms for query in cold_log),
        slowest=max(cold_log, key=lambda query: query.ms, default=None),
        warm_db_ms=sum(query.ms for query in warm_log),
        warm_slowest=max(warm_log, key=lambda query: query.ms, default=None),
    )


def time_sql(statements: list[str], *, repeat: int) -> float:
    """Median time of running `statements` one after the other and fetching their rows."""
    times = []
    with connection.cursor() as cursor:
        for _ in range(repeat + 1):
            started = time.perf_counter()
            for statement in statements:
                cursor.execute(statement)
                cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    # The first run warms the plan and buffer caches, as the page's first request does.
    return statistics.median(times[1:])


def explain(statement: str) -> str:
    # A server-side cursor's DECLARE (ModelChoiceField choices) cannot be explained as such.
    if statement.startswith("DECLARE "):
        statement = statement.split(" FOR ", 1)[1]
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement}")
            return "\n".join(row[0] for row in cursor.fetchall())
    except Exception as error:  # a plan we cannot get is a line in the report, not the end
        return f"(no plan: {error})"


def timed(function: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result
