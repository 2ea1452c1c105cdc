"""Benchmark of the public dashboards at national scale (issue 6, "Speed at national scale").

    .venv/bin/python -m tests.benchmarks.dashboard [--sizes 10000,100000] [--keep]

For each size it creates its own database on a PostgreSQL server on this machine
(BENCH_POSTGRES_HOST, _PORT, _USER, _PASSWORD; default 127.0.0.1:55432, user postgres), named
after --database and the size (bench_dashboard_100000), migrates it, loads the Compact and
seeds synthetic data with bulk_create (see seed.py). With --keep the databases stay, and the
next run with --keep measures them again after applying any new migrations, without seeding.
It requests every dashboard page with Django's test Client, in-process, so the times are
server time without network: the first request, requests after cache.clear() (cold) and
requests in a row (warm), with their median, 95th percentile and query count, against the raw
SQL of the page's main aggregates. Then it downloads the full list as CSV and XLSX in a fresh
process each and reports time and peak memory. It prints every figure with its target, PASS
or FAIL, EXPLAIN ANALYZE of the slowest aggregate and the slowest queries of a page that
misses its target.

Deterministic (fixed seed), bounded (fixed repetitions, a time budget per page, a statement
timeout and a download timeout) and loopback-only. Exits 1 when a target is missed.
"""

import argparse
import os
import platform
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
if str(BASE_DIR) not in sys.path:  # run as a file rather than with -m
    sys.path.insert(0, str(BASE_DIR))

from tests.benchmarks.database import Server, configure_django  # noqa: E402


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Benchmark the dashboards on a throwaway PostgreSQL database."
    )
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="numbers of measures to seed and measure at, comma-separated (default %(default)s)",
    )
    parser.add_argument(
        "--database",
        default="bench_dashboard",
        help="start of the databases' names, bench_ and more; each size's database is dropped "
        "and re-created (default %(default)s)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the databases at the end, and measure those an earlier run kept again "
        "without seeding them",
    )
    parser.add_argument("--repeat", type=int, default=30, help="warm requests per page")
    parser.add_argument("--cold-repeat", type=int, default=10, help="requests after clearing")
    parser.add_argument("--sql-repeat", type=int, default=10, help="runs of each raw query")
    parser.add_argument(
        "--page-budget", type=float, default=30, help="seconds of sampling per page at most"
    )
    parser.add_argument("--no-downloads", action="store_true", help="skip CSV and XLSX")
    parser.add_argument(
        "--download-timeout", type=int, default=300, help="seconds per download at most"
    )
    arguments = parser.parse_args(argv)
    # The database is dropped at start and end: never let a typo name the product's own.
    if not arguments.database.startswith("bench_"):
        parser.error("--database must start with bench_: it is dropped and re-created.")
    arguments.sizes = sorted({int(size.replace("_", "")) for size in arguments.sizes.split(",")})
    return arguments


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    server = Server.from_environment()
    server.refuse_remote()
    # A busy worker keeps its database connection; reconnecting mid-run would show in p95.
    os.environ.setdefault("DB_CONN_MAX_AGE", "3600")
    print(f"Dashboard benchmark, {time.strftime('%Y-%m-%d %H:%M')}")
    print(
        f"PostgreSQL {server.version()} at {server.host}:{server.port}, databases "
        f"{arguments.database}_<size>; Python {platform.python_version()} on {os.cpu_count()} "
        f"CPUs, load average {os.getloadavg()[0]:.2f}"
    )
    # Django starts on the postgres database; each size then points it at its own.
    configure_django(server, "postgres")
    from tests.benchmarks.run import Benchmark

    return Benchmark(arguments, server).run()


if __name__ == "__main__":
    sys.exit(main())
