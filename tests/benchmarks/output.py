"""The dashboard benchmark's printed tables: figures beside their targets, each marked PASS or FAIL.

A page is judged on its warm median (requests in a row), as the issue welcomes caching; its
cold median (each request after cache.clear(), what the first reader after an approval gets
from a caching page) is printed and marked beside it for information. The ratio to the raw
SQL is judged where the raw SQL takes RATIO_FLOOR_MS or more.
"""

import math

from tests.benchmarks.targets import PAGE_MEDIAN_MS, RATIO_FLOOR_MS, RAW_RATIO, TARGET_SIZE
from tests.benchmarks.timing import PageResult


def mark(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def heading(text: str) -> None:
    print(f"\n== {text}")


def _ms(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.1f}"


def _table(header: list[str], rows: list[list[str]], left: int = 1) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells):
        return "  ".join(
            str(cell).ljust(width) if i < left else str(cell).rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    print(line(header))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))


def seeding(run) -> None:
    heading(f"{run.size:,} measures, database {run.database}")
    rows = ", ".join(f"{count:,} {table}" for table, count in run.seed.rows.items())
    print(f"Migrations and loadcompact: {run.setup_seconds:.1f} s.")
    if run.reused:
        print(
            f"Kept by an earlier run with --keep, seeded there, then VACUUM ANALYZE. Rows: {rows}."
        )
        return
    print(
        f"Seeded in {run.seed.seconds:.1f} s with bulk_create, no history rows (the dashboards "
        f"do not read the history), then VACUUM ANALYZE. Rows: {rows}."
    )


def ratio_passes(result: PageResult) -> bool | None:
    """None where the raw SQL is too quick for the ratio to say anything (RATIO_FLOOR_MS)."""
    if result.raw_ms is None or result.raw_ms < RATIO_FLOOR_MS:
        return None
    return result.ratio <= RAW_RATIO


def page_passes(result: PageResult) -> bool:
    return (
        result.status == 200
        and result.warm_median < PAGE_MEDIAN_MS
        and ratio_passes(result) is not False
    )


def _ratio_mark(result: PageResult) -> str:
    verdict = ratio_passes(result)
    return "n/a" if verdict is None else mark(verdict)


def _ratio(result: PageResult) -> str:
    return "-" if math.isnan(result.ratio) else f"{result.ratio:.1f}x"


def pages_table(run) -> None:
    print(
        f"\nPages at {run.size:,} measures (ms; cold = each after cache.clear(), warm = in a row; "
        f"raw = the page's main aggregates as hand-written SQL; targets: warm median < "
        f"{PAGE_MEDIAN_MS} ms and ≤ {RAW_RATIO}x raw where raw ≥ {RATIO_FLOOR_MS} ms)"
    )
    rows = []
    for result in run.results:
        rows.append(
            [
                result.label,
                result.status,
                f"{result.cold_queries}/{result.warm_queries}",
                _ms(result.first_ms),
                _ms(result.cold_median),
                _ms(result.cold_p95),
                _ms(result.warm_median),
                _ms(result.warm_p95),
                f"{_ms(result.db_ms)}/{_ms(result.warm_db_ms)}",
                _ms(result.raw_ms),
                _ratio(result),
                mark(result.status == 200 and result.warm_median < PAGE_MEDIAN_MS),
                _ratio_mark(result),
                mark(result.status == 200 and result.cold_median < PAGE_MEDIAN_MS),
            ]
        )
    _table(
        [
            "page",
            "status",
            "queries",
            "first",
            "cold med",
            "cold p95",
            "warm med",
            "warm p95",
            "in db",
            "raw SQL",
            "ratio",
            f"warm<{PAGE_MEDIAN_MS}",
            f"≤{RAW_RATIO}xraw",
            f"(cold<{PAGE_MEDIAN_MS})",
        ],
        rows,
    )
    print(
        "(queries and in db: cold/warm, the number of queries and their time as Django "
        "measured it; ratio: warm median / raw SQL)"
    )
    for result in run.results:
        if result.error:
            print(f"  {result.label} ({result.url}) failed: {result.error}")
    print("\nRaw SQL medians (ms):")
    for (label, name), median in run.raw.items():
        print(f"  {label:32} {name:36} {median:8.1f}")


def downloads_table(run) -> None:
    print(f"\nDownloads of the full unfiltered list at {run.size:,} measures (fresh process each)")
    rows = []
    for download in run.downloads:
        result = download.result
        verdicts = "; ".join(f"{name} {mark(ok)}" for name, ok in download.verdicts())
        if download.error:
            rows.append([download.file_format, "-", "-", "-", "-", "-", "-", "-", "-", verdicts])
            print(f"  {download.file_format} failed: {download.error}")
            continue
        rows.append(
            [
                download.file_format,
                result["status"],
                "yes" if result["streaming"] else "no",
                f"{result['first_byte_s']:.2f}" if result["first_byte_s"] is not None else "-",
                f"{result['seconds']:.2f}",
                f"{result['bytes'] / 1e6:.1f}",
                f"{result['rss_before_mb']:.0f} → {result['rss_peak_mb']:.0f}",
                f"{download.growth_mb:+.0f}",
                _cpu(result),
                verdicts,
            ]
        )
    _table(
        [
            "format",
            "status",
            "streamed",
            "1st byte s",
            "total s",
            "MB",
            "RSS MB before → peak",
            "growth MB",
            "CPU s app+db",
            "targets",
        ],
        rows,
    )


def _cpu(result: dict) -> str:
    database = "-" if result.get("db_cpu_s") is None else f"{result['db_cpu_s']:.1f}"
    return f"{result['cpu_s']:.1f}+{database}"


def flatness(runs) -> None:
    if len(runs) < 2:
        return
    heading("Query counts by size (constant whatever the data size)")
    labels = [result.label for result in runs[0].results]
    rows = []
    for label in labels:
        counts = [_counts(run, label) for run in runs]
        rows.append(
            [label, *(f"{cold}/{warm}" for cold, warm in counts), mark(len(set(counts)) == 1)]
        )
    _table(["page", *(f"{run.size:,} cold/warm" for run in runs), "flat"], rows)


def _counts(run, label: str) -> tuple[int, int] | None:
    return next(((r.cold_queries, r.warm_queries) for r in run.results if r.label == label), None)


def slowest(run) -> None:
    """The slowest queries of each page that misses a target."""
    failing = [result for result in run.results if not page_passes(result)]
    if not failing:
        return
    heading(f"The slowest queries of the pages that miss a target at {run.size:,} measures")
    for result in failing:
        if result.status != 200:
            print(f"  {result.label} answered {result.status}: {result.error}")
            continue
        print(f"  {result.label}")
        queries = (
            ("cold", result.slowest, result.db_ms, result.cold_queries),
            ("warm", result.warm_slowest, result.warm_db_ms, result.warm_queries),
        )
        for name, query, total, count in queries:
            if query is not None:
                print(
                    f"    slowest {name} query, {query.ms:.1f} ms of {total:.1f} ms in {count} "
                    f"queries: {_shorten(query.sql)}"
                )


def _shorten(sql: str, limit: int = 400) -> str:
    return sql if len(sql) <= limit else f"{sql[:limit]}… ({len(sql):,} characters)"


def summary(runs) -> bool:
    """Print the verdicts; True when every target is met at the sizes they are set for."""
    judged = [run for run in runs if run.size >= TARGET_SIZE] or runs[-1:]
    heading("Summary")
    if judged[0].size < TARGET_SIZE:
        print(
            f"The targets are set at {TARGET_SIZE:,} measures; this run went up to "
            f"{judged[0].size:,}, judged against the same targets."
        )
    passed = True
    for run in judged:
        for result in run.results:
            ok = page_passes(result)
            passed &= ok
            figures = (
                f"warm median {_ms(result.warm_median)} ms (cold {_ms(result.cold_median)} ms), "
                f"{_ratio(result)} raw SQL ({_ms(result.raw_ms)} ms)"
                if result.status == 200
                else f"answered {result.status} {result.error}"
            )
            print(f"  {mark(ok)}  {result.label} at {run.size:,}: {figures}")
        for download in run.downloads:
            for name, ok in download.verdicts():
                passed &= ok
                print(
                    f"  {mark(ok)}  {download.file_format} download at {run.size:,} {name}: "
                    f"{download.figures()}"
                )
    if len(runs) > 1:
        for label in [result.label for result in runs[0].results]:
            counts = {_counts(run, label) for run in runs}
            if len(counts) > 1:
                passed = False
                print(f"  FAIL  {label}: query count changes with the data size {sorted(counts)}")
    print(f"\nOverall: {mark(passed)}")
    return passed
