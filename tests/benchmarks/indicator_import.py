"""Indicator import benchmark: 100,000 value rows imported from CSV and from XLSX, each in a fresh
process, with its time and peak memory against issue 17's targets (60 s, 500 MB).

    .venv/bin/python -m tests.benchmarks.indicator_import [--rows 100000] [--formats csv,xlsx]

Seeds a throwaway PostgreSQL database on this machine (BENCH_POSTGRES_HOST, _PORT, _USER,
_PASSWORD, as the other benchmarks) with a statistics office, its desk officer and indicators
disaggregated by sex, age group and citizenship (200 combinations each), writes the values in
the tidy long format, 200 rows per indicator and year, and imports the file as the officer
would: tracker.imports.indicators.indicator_values_import, all rows checked, then saved in one
transaction. Each format starts from no values. The database is dropped at the end.
"""

import argparse
import csv
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

from tests.benchmarks.database import Server, configure_django

BASE_DIR = Path(__file__).resolve().parents[2]
DATABASE = "bench_indicator_import"
TARGET_SECONDS = 60
TARGET_PEAK_MB = 500
SEXES = ("female", "male")
AGES = tuple(f"{low}-{low + 9}" for low in range(0, 100, 10))
CITIZENSHIPS = ("nordic", "eu", "europe-other", "africa", "asia", "americas", "oceania", "none")
CITIZENSHIPS += ("unknown", "dual")
COMBINATIONS = list(itertools.product(SEXES, AGES, CITIZENSHIPS))
FIRST_PERIOD = 2005
PERIODS = 20
HEADER = ["indicator", "period", "sex", "age", "citizenship", "unit", "value", "status"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="value rows in the file")
    parser.add_argument("--formats", default="csv,xlsx", help="csv, xlsx or both")
    parser.add_argument("--child", nargs=2, metavar=("USER", "FILE"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    server = Server.from_environment()
    server.refuse_remote()
    if arguments.child:
        configure_django(server, DATABASE)
        return _import(*arguments.child)
    configure_django(server, DATABASE)
    passed = True
    try:
        username, indicators = _seed(server, arguments.rows)
        with tempfile.TemporaryDirectory() as directory:
            for file_format in arguments.formats.split(","):
                path = Path(directory) / f"values.{file_format}"
                _write(path, indicators, arguments.rows)
                _clear_values()
                passed &= _report(file_format, path, _child(username, path))
    finally:
        from django.db import connections

        connections.close_all()
        server.drop(DATABASE)
    print("PASS" if passed else "FAIL", flush=True)
    return 0 if passed else 1


def _seed(server: Server, rows: int) -> tuple[str, list[str]]:
    from django.core.management import call_command

    from tracker.models import Category, Dimension, Indicator, Organisation, Role, User

    server.recreate(DATABASE)
    call_command("migrate", verbosity=0)
    agency = Organisation.objects.create(code="STAT", name_en="Statistics office", kind="agency")
    officer = User.objects.create(
        username="statistician", role=Role.DESK_OFFICER, organisation=agency
    )
    dimensions = []
    for code, categories in (("sex", SEXES), ("age", AGES), ("citizenship", CITIZENSHIPS)):
        dimension = Dimension.objects.create(code=code, name=code.capitalize())
        Category.objects.bulk_create(
            Category(dimension=dimension, code=category, name=category, order=order)
            for order, category in enumerate(categories)
        )
        dimensions.append(dimension)
    count = -(-rows // (PERIODS * len(COMBINATIONS)))
    codes = [f"BENCH-{number}" for number in range(1, count + 1)]
    for code in codes:
        indicator = Indicator.objects.create(
            code=code,
            name=f"Benchmark indicator {code}",
            unit="persons",
            source_organisation=agency,
        )
        indicator.dimensions.set(dimensions)
    return officer.username, codes


def _rows(indicators: list[str], rows: int):
    values = (
        [
            code,
            FIRST_PERIOD + period,
            sex,
            age,
            citizenship,
            "persons",
            1000 + number % 997,
            "final",
        ]
        for number, (code, period, (sex, age, citizenship)) in enumerate(
            itertools.product(indicators, range(PERIODS), COMBINATIONS)
        )
    )
    return itertools.islice(values, rows)


def _write(path: Path, indicators: list[str], rows: int) -> None:
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(HEADER)
            writer.writerows(_rows(indicators, rows))
        return
    # Texts in a table of shared strings, as Excel writes them (XlsxWriter's constant-memory
    # mode writes each cell's text inline, which openpyxl reads three times slower).
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Values")
    sheet.write_row(0, 0, HEADER)
    for number, row in enumerate(_rows(indicators, rows), start=1):
        sheet.write_row(number, 0, row)
    workbook.close()


def _clear_values() -> None:
    from django.db import connection

    from tracker.models import IndicatorDataset, IndicatorValue

    tables = [
        IndicatorValue._meta.db_table,
        IndicatorDataset.history.model._meta.db_table,
        IndicatorDataset._meta.db_table,
    ]
    with connection.cursor() as cursor:
        # The benchmark publishes nothing: the tables that refer to these are empty.
        cursor.execute(f"TRUNCATE {', '.join(map(connection.ops.quote_name, tables))} CASCADE")


def _child(username: str, path: Path) -> dict:
    command = [sys.executable, "-m", "tests.benchmarks.indicator_import", "--child", username]
    finished = subprocess.run(
        [*command, str(path)], cwd=BASE_DIR, capture_output=True, text=True, check=False
    )
    lines = finished.stdout.strip().splitlines()
    if finished.returncode != 0 or not lines:
        return {"error": (finished.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(lines[-1])


def _peak_kb() -> int:
    """The process's peak resident memory since _reset_peak (VmHWM), else since it started."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _reset_peak() -> None:
    # Writing 5 to clear_refs resets VmHWM (Linux 4.0+): the peak is then the import's own.
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return


def _import(username: str, path: str) -> int:
    from django.core.files import File

    from tracker.imports.indicators import indicator_values_import
    from tracker.models import User

    actor = User.objects.select_related("organisation").get(username=username)
    _reset_peak()
    started = time.perf_counter()
    with open(path, "rb") as opened:
        result = indicator_values_import(actor=actor, uploaded_file=File(opened, name=path))
    seconds = time.perf_counter() - started
    figures = {
        "seconds": seconds,
        "peak_mb": _peak_kb() / 1024,
        "values": result.values,
        "datasets": len(result.datasets),
        "errors": [str(error) for error in result.errors[:3]],
    }
    print(json.dumps(figures))
    return 0


def _report(file_format: str, path: Path, figures: dict) -> bool:
    size = path.stat().st_size / 1024 / 1024
    if "error" in figures or figures["errors"]:
        print(f"{file_format}: FAIL {figures.get('error') or figures['errors']}", flush=True)
        return False
    in_time = figures["seconds"] <= TARGET_SECONDS
    in_memory = figures["peak_mb"] < TARGET_PEAK_MB
    memory = "PASS" if in_memory else "FAIL"
    print(
        f"{file_format} ({size:.1f} MB): {figures['values']:,} values into "
        f"{figures['datasets']:,} datasets in {figures['seconds']:.1f} s "
        f"({'PASS' if in_time else 'FAIL'} within {TARGET_SECONDS} s), peak memory "
        f"{figures['peak_mb']:.0f} MB ({memory} under {TARGET_PEAK_MB} MB)",
        flush=True,
    )
    return in_time and in_memory


if __name__ == "__main__":
    sys.exit(main())
