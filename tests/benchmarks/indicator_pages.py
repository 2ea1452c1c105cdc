# ruff: noqa: S608 - the SQL is built from the benchmark's own constants and rows.
"""Benchmark of the public indicator pages at national scale (issue 17, "Speed").

    .venv/bin/python -m tests.benchmarks.indicator_pages [--scale 1.0] [--keep]

It creates its own database on a PostgreSQL server on this machine (BENCH_POSTGRES_HOST,
_PORT, _USER, _PASSWORD; default 127.0.0.1:55432, user postgres), named --database, migrates
it, loads the Compact and seeds indicators at --scale of the national scale (1.0: 500
indicators x 20 periods x 200 category combinations, 2,000,000 published values; see
indicator_seed.py). With --keep the database stays, and the next run with --keep measures it
again without seeding. It requests the list of indicators and one indicator's page (its total
and its series by sex) with Django's test Client, in-process (server time without network):
warm median and 95th percentile of requests in a row (and, for information, the median after
clearing the cache) and the query count, against the raw SQL of the page's data measured in
the same run, and prints PASS or FAIL against the targets: a warm median under 150 ms, and
within 3 times the raw SQL where that takes 10 ms or more (below, the ratio is printed but not
judged, as in the dashboard benchmark). Exits 1 when a target is missed.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
if str(BASE_DIR) not in sys.path:  # run as a file rather than with -m
    sys.path.insert(0, str(BASE_DIR))

from tests.benchmarks.database import Server, configure_django  # noqa: E402


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Benchmark the public indicator pages.")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="share of the national scale (default 1.0)"
    )
    parser.add_argument("--database", default="bench_indicator_pages")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the database")
    parser.add_argument("--repeat", type=int, default=30, help="warm requests per page")
    parser.add_argument("--sql-repeat", type=int, default=10, help="runs of each raw query")
    parser.add_argument("--page-budget", type=float, default=30, help="seconds per page")
    arguments = parser.parse_args(argv)
    if not arguments.database.startswith("bench_"):
        parser.error("--database must start with bench_: it is dropped and re-created.")
    return arguments


def _public(alias: str) -> str:
    """The join that keeps the values of the current published datasets of the cycle shown
    (periods up to 2025, not withdrawn): tracker/selectors/cycles.py's meaning."""
    return (
        f"JOIN tracker_indicatordataset d ON d.published_id = {alias}.record_id "
        f"JOIN tracker_publishedindicatordataset p ON p.id = {alias}.record_id "
        "AND p.period <= 2025 AND NOT p.withdrawn"
    )


def raw_list_sql() -> list[str]:
    return [
        "SELECT i.id, i.code, i.name, i.unit, t.period, t.value FROM tracker_indicator i "
        "LEFT JOIN LATERAL (SELECT v.period, v.value FROM tracker_publishedindicatorvalue v "
        f"{_public('v')} WHERE v.indicator_id = i.id AND v.dimensions = '' AND v.key = '' "
        "ORDER BY v.period DESC LIMIT 2) t ON true ORDER BY i.code"
    ]


def raw_series_sql(indicator_id: int, dimensions: str) -> list[str]:
    return [
        "SELECT v.dimensions, v.period, v.key, v.value, v.note, v.status, v.recorded_on "
        f"FROM tracker_publishedindicatorvalue v {_public('v')} "
        f"WHERE v.indicator_id = {indicator_id} AND v.dimensions IN ('', '{dimensions}') "
        "ORDER BY v.dimensions, v.period, v.key",
    ]


def prepare(server: Server, arguments, reuse: bool) -> str:
    """The database migrated and seeded (or kept from an earlier run): what was done."""
    from django.core.management import call_command

    from tests.benchmarks.indicator_seed import seed

    if reuse:
        call_command("migrate", verbosity=0)
        return "kept by an earlier run with --keep"
    call_command("migrate", verbosity=0)
    call_command("loadcompact", stdout=io.StringIO())
    report = seed(arguments.scale)
    server.mark_seeded(arguments.database, round(arguments.scale * 1000))
    rows = ", ".join(f"{count:,} {table}" for table, count in report.rows.items())
    return f"seeded in {report.seconds:.0f} s (bulk_create and COPY, then VACUUM ANALYZE): {rows}"


def measure(arguments) -> bool:
    from django.test import Client

    from tests.benchmarks.output import mark
    from tests.benchmarks.targets import PAGE_MEDIAN_MS, RATIO_FLOOR_MS, RAW_RATIO
    from tests.benchmarks.timing import time_page, time_sql
    from tracker.models import Indicator

    indicator = Indicator.objects.order_by("code").first()
    pages = [
        ("list of indicators", "/dashboard/indicators/", raw_list_sql()),
        (
            f"{indicator.code}, total",
            f"/dashboard/indicators/{indicator.code}/",
            raw_series_sql(indicator.pk, ""),
        ),
        (
            f"{indicator.code}, by sex",
            f"/dashboard/indicators/{indicator.code}/?by=sex",
            raw_series_sql(indicator.pk, "sex"),
        ),
    ]
    client, passed = Client(), True
    print(
        f"\n{'page':28} {'warm median':>12} {'p95':>8} {'cold':>8} {'queries':>8} "
        f"{'raw SQL':>8} {'ratio':>6}"
    )
    for label, url, statements in pages:
        result = time_page(
            client,
            label,
            url,
            repeat=arguments.repeat,
            cold_repeat=3,
            budget_s=arguments.page_budget,
        )
        raw = time_sql(statements, repeat=arguments.sql_repeat)
        ratio = result.warm_median / raw if raw else float("nan")
        fast = result.status == 200 and result.warm_median < PAGE_MEDIAN_MS
        close = raw < RATIO_FLOOR_MS or ratio <= RAW_RATIO
        passed = passed and fast and close
        judged = "" if raw >= RATIO_FLOOR_MS else " (raw under 10 ms: ratio not judged)"
        print(
            f"{label:28} {result.warm_median:10.1f}ms {result.warm_p95:6.1f}ms "
            f"{result.cold_median:6.1f}ms {result.warm_queries:8} {raw:6.1f}ms {ratio:5.1f}x  "
            f"{mark(fast)} <{PAGE_MEDIAN_MS} ms, {mark(close)} <={RAW_RATIO}x raw{judged}"
            + (f"  {result.error}" if result.error else "")
        )
    return passed


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    server = Server.from_environment()
    server.refuse_remote()
    os.environ.setdefault("DB_CONN_MAX_AGE", "3600")
    print(f"Indicator pages benchmark, {time.strftime('%Y-%m-%d %H:%M')}, scale {arguments.scale}")
    print(
        f"PostgreSQL {server.version()} at {server.host}:{server.port}, database "
        f"{arguments.database}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
    )
    # The scale in thousandths, in the note a kept database carries.
    reuse = arguments.keep and server.seeded_size(arguments.database) == round(
        arguments.scale * 1000
    )
    if not reuse:
        server.recreate(arguments.database)
    configure_django(server, arguments.database)
    print(f"Data: {prepare(server, arguments, reuse)}.")
    passed = measure(arguments)
    from django.db import connections

    connections.close_all()
    if not arguments.keep:
        server.drop(arguments.database)
    print(f"\n{'PASS' if passed else 'FAIL'}: the indicator pages' targets.")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
