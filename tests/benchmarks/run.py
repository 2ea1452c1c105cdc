"""The benchmark's steps once Django is configured on the throwaway database."""

import copy
import io
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.core.management import call_command
from django.db import connection
from django.test import Client

from tests.benchmarks import output
from tests.benchmarks.download import BASE_DIR, Download, run_download
from tests.benchmarks.indexes import CANDIDATES
from tests.benchmarks.pages import Page, Scope, pages
from tests.benchmarks.seed import Seeder
from tests.benchmarks.timing import PageResult, explain, time_page, time_sql
from tests.benchmarks.world import SeedReport, seed_world


@dataclass
class SizeRun:
    size: int
    seed: SeedReport
    seed_seconds: float
    pages: list[Page] = field(default_factory=list)
    results: list[PageResult] = field(default_factory=list)
    raw: dict[tuple[str, str], float] = field(default_factory=dict)
    downloads: list[Download] = field(default_factory=list)


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
        setup_s = self._migrate()
        print(f"Migrations and loadcompact: {setup_s:.1f} s")
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
        seed = SeedReport()
        seeder = Seeder(seed_world(seed))
        for size in self.arguments.sizes:
            before = seed.seconds
            seeder.seed_to(size, seed)
            self._vacuum()
            run = SizeRun(size, SeedReport(seed.seconds, dict(seed.rows)), seed.seconds - before)
            output.seeding(run)
            self._measure_pages(run)
            output.pages_table(run)
            if not self.arguments.no_downloads:
                run.downloads = [
                    run_download(
                        self.arguments.database, size, file_format, self.arguments.download_timeout
                    )
                    for file_format in ("csv", "xlsx")
                ]
                output.downloads_table(run)
            self.runs.append(run)
        output.flatness(self.runs)
        largest = self.runs[-1]
        self._explain(largest)
        failing = [result for result in largest.results if not output.page_passes(result)]
        output.suggestions(largest, failing)
        if self.arguments.try_indexes:
            self._try_indexes(largest, failing)
        passed = output.summary(self.runs)
        print(
            f"\nBenchmark finished in {time.perf_counter() - started:.0f} s; load average "
            f"{os.getloadavg()[0]:.2f} (other work on this machine shows in the times)."
        )
        return 0 if passed else 1

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

    def _try_indexes(self, run: SizeRun, failing: list[PageResult]) -> None:
        missing = {result.label for result in failing if result.status == 200}
        names = sorted(
            {name for page in run.pages if page.label in missing for name in page.indexes}
        )
        if not names:
            return
        output.heading(f"Trying the suggested indexes at {run.size:,} measures: {', '.join(names)}")
        with connection.cursor() as cursor:
            for name in names:
                started = time.perf_counter()
                for statement in CANDIDATES[name].sql:
                    cursor.execute(statement)
                print(f"  created {name} in {time.perf_counter() - started:.1f} s")
        self._vacuum()
        after = copy.copy(run)
        after.raw = {}
        self._measure_pages(after)
        output.index_comparison(run, after)
