"""The benchmark's steps once Django is configured: per size, its database (seeded, or kept
by an earlier run with --keep), the pages, the downloads; then the verdicts."""

import io
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.db import connection, connections
from django.test import Client

from tests.benchmarks import output
from tests.benchmarks.database import use_database
from tests.benchmarks.download import BASE_DIR, Download, run_download
from tests.benchmarks.pages import Page, Scope, pages
from tests.benchmarks.seed import Seeder
from tests.benchmarks.timing import PageResult, explain, time_page, time_sql
from tests.benchmarks.world import SeedReport, seed_world
from tracker.models import Measure, Pledge, ProgressUpdate


@dataclass
class SizeRun:
    size: int
    database: str
    seed: SeedReport
    # Seeded by an earlier run and kept (--keep); then seed.rows holds only the main tables.
    reused: bool
    setup_seconds: float
    pages: list[Page] = field(default_factory=list)
    results: list[PageResult] = field(default_factory=list)
    raw: dict[tuple[str, str], float] = field(default_factory=dict)
    downloads: list[Download] = field(default_factory=list)


def main_table_rows() -> dict[str, int]:
    return {
        "measures": Measure.objects.count(),
        "progress updates": ProgressUpdate.objects.count(),
        "pledges": Pledge.objects.count(),
    }


def app_uses_cache() -> bool:
    """Whether the dashboards keep anything in Django's cache (then cold differs from warm)."""
    sources = (BASE_DIR / "reports").rglob("*.py")
    return any("django.core.cache" in Path(path).read_text() for path in sources)


class Benchmark:
    def __init__(self, arguments, server):
        self.arguments = arguments
        self.server = server
        self.client = Client()
        self.runs: list[SizeRun] = []

    def run(self) -> int:
        started = time.perf_counter()
        print(
            "Times are server time without network: Django's test Client in-process (URL "
            "resolution, middleware, view, queries, templates), DEBUG off."
        )
        cache_note = (
            "reports/ uses django.core.cache: cold requests follow cache.clear()"
            if app_uses_cache()
            else "reports/ does not use django.core.cache: cold and warm differ only by "
            "PostgreSQL's and Python's own warm-up"
        )
        print(cache_note)
        for size in self.arguments.sizes:
            run = self._prepare(size)
            try:
                self._measure(run)
            finally:
                connections.close_all()
                if not self.arguments.keep:
                    self.server.drop(run.database)
            self.runs.append(run)
        output.flatness(self.runs)
        output.slowest(self.runs[-1])
        passed = output.summary(self.runs)
        print(
            f"\nBenchmark finished in {time.perf_counter() - started:.0f} s; load average "
            f"{os.getloadavg()[0]:.2f} (other work on this machine shows in the times)."
        )
        if self.arguments.keep:
            kept = ", ".join(run.database for run in self.runs)
            print(f"Kept {kept}: a run with --keep measures them again without seeding.")
        return 0 if passed else 1

    def _prepare(self, size: int) -> SizeRun:
        """The size's database, migrated and seeded: kept from an earlier run with --keep
        when that run finished seeding it, otherwise created afresh."""
        database = f"{self.arguments.database}_{size}"
        reused = self.arguments.keep and self.server.seeded_size(database) == size
        if not reused:
            self.server.recreate(database)
        use_database(database)
        setup_seconds = self._migrate()
        seed = SeedReport()
        if reused:
            seed.rows = main_table_rows()
        else:
            Seeder(seed_world(seed)).seed_to(size, seed)
            self.server.mark_seeded(database, size)
        self._vacuum()
        return SizeRun(size, database, seed, reused, setup_seconds)

    def _measure(self, run: SizeRun) -> None:
        output.seeding(run)
        self._measure_pages(run)
        output.pages_table(run)
        if run.size == self.arguments.sizes[-1]:
            self._explain(run)
        if not self.arguments.no_downloads:
            # Each in a fresh process, which opens its own connection.
            connections.close_all()
            run.downloads = [
                run_download(run.database, run.size, file_format, self.arguments.download_timeout)
                for file_format in ("csv", "xlsx")
            ]
            output.downloads_table(run)

    def _migrate(self) -> float:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("loadcompact", stdout=io.StringIO())
        return time.perf_counter() - started

    def _vacuum(self) -> None:
        # What autovacuum does to an insert-only table: statistics and the visibility map,
        # without which PostgreSQL cannot answer from an index alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    def _measure_pages(self, run: SizeRun) -> None:
        arguments = self.arguments
        run.pages = pages(Scope.load())
        run.results = []
        for page in run.pages:
            result = time_page(
                self.client,
                page.label,
                page.url,
                repeat=arguments.repeat,
                cold_repeat=arguments.cold_repeat,
                budget_s=arguments.page_budget,
            )
            medians = []
            for name, statement in page.raw_sql.items():
                median = time_sql([statement], repeat=arguments.sql_repeat)
                run.raw[(page.label, name)] = median
                medians.append(median)
            result.raw_ms = sum(medians)
            run.results.append(result)

    def _explain(self, run: SizeRun) -> None:
        (label, name), median = max(run.raw.items(), key=lambda item: item[1])
        statement = next(p.raw_sql[name] for p in run.pages if p.label == label)
        output.heading(
            f"EXPLAIN ANALYZE of the slowest raw aggregate at {run.size:,} measures: "
            f"{label}, {name} ({median:.1f} ms)"
        )
        print(statement)
        print(explain(statement))
        timed = [r for r in run.results if r.slowest is not None and not math.isnan(r.db_ms)]
        if not timed:
            return
        slowest_page = max(timed, key=lambda result: result.warm_median)
        query = slowest_page.slowest
        output.heading(
            f"EXPLAIN ANALYZE of the slowest query of the slowest page ({slowest_page.label}, "
            f"{query.ms:.1f} ms of its {slowest_page.db_ms:.1f} ms in the database)"
        )
        print(query.sql)
        print(explain(query.sql))
