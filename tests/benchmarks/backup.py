"""Backup benchmark: export_all and import_all at national scale, their time and peak memory.

    .venv/bin/python -m tests.benchmarks.backup [--sizes 10000,100000] [--history 3]

For each size, seeds a throwaway PostgreSQL database on this machine (BENCH_POSTGRES_HOST,
_PORT, _USER, _PASSWORD, as the dashboard benchmark) with the dashboard benchmark's data and an
audit trail (--history records per measure, progress update and pledge, with their
many-to-many history, as the services would have written), then in child processes: exports
it, restores the archive into a second new database, and exports that again. It prints each
step's seconds and peak memory, and fails unless the two archives hold the same rows (the same
SHA-256 for every table). The databases are dropped at the end.
"""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from tests.benchmarks.database import Server, configure_django, use_database

BASE_DIR = Path(__file__).resolve().parents[2]
DATABASE = "bench_backup"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="numbers of measures")
    parser.add_argument("--history", type=int, default=3, help="history records per entry")
    arguments = parser.parse_args()
    server = Server.from_environment()
    server.refuse_remote()
    configure_django(server, "postgres")
    failed = False
    for size in (int(size) for size in arguments.sizes.split(",")):
        source, target = f"{DATABASE}_{size}", f"{DATABASE}_{size}_restored"
        try:
            failed |= not _measure(server, size, arguments.history, source, target)
        finally:
            use_database("postgres")
            server.drop(source)
            server.drop(target)
    return 1 if failed else 0


def _measure(server: Server, size: int, history: int, source: str, target: str) -> bool:
    rows = _seed(server, source, size, history)
    print(f"\n{size:,} measures: {rows:,} rows with the history", flush=True)
    server.recreate(target)
    with tempfile.TemporaryDirectory(prefix="backup-benchmark-") as folder:
        archive, again = Path(folder) / "backup.zip", Path(folder) / "again.zip"
        media = Path(folder) / "media"
        export = _child(server, source, media, "export_all", "--out", archive)
        _child(server, target, media, "migrate", "--verbosity", "0")
        restore = _child(server, target, media, "import_all", archive)
        _child(server, target, media, "export_all", "--out", again)
        for step, (seconds, peak) in (("export_all", export), ("import_all", restore)):
            print(f"  {step}: {seconds:7.1f} s, peak memory {peak / 1024:6.0f} MiB")
        print(f"  archive: {archive.stat().st_size / 1024 / 1024:.0f} MiB")
        same = _tables(archive) == _tables(again)
    print("  restored rows identical to the original's" if same else "  ROWS DIFFER", flush=True)
    return same


def _seed(server: Server, database: str, size: int, history: int) -> int:
    from django.core.management import call_command

    from tests.benchmarks.seed import Seeder
    from tests.benchmarks.world import SeedReport, seed_world

    server.recreate(database)
    use_database(database)
    call_command("migrate", verbosity=0)
    call_command("loadcompact", stdout=io.StringIO())
    report = SeedReport()
    Seeder(seed_world(report)).seed_to(size, report)
    return _add_history(history)


def _add_history(copies: int) -> int:
    """History records as the services write them, copied from the rows in SQL."""
    from django.apps import apps
    from django.db import connection, transaction

    from tracker.models import Measure, Pledge, ProgressUpdate

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for model in (Measure, ProgressUpdate, Pledge):
            history = model.history.model
            columns = ", ".join(quote(f.column) for f in model._meta.local_concrete_fields)
            for copy in range(copies):
                cursor.execute(
                    f"INSERT INTO {quote(history._meta.db_table)} ({columns}, history_date, "  # noqa: S608
                    f"history_type) SELECT {columns}, updated_at - interval '{copy} days', "
                    f"'{'+' if copy == 0 else '~'}' FROM {quote(model._meta.db_table)}"
                )
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                history_through = next(
                    (m for m in apps.get_models() if getattr(m, "instance_type", None) is through),
                    None,
                )
                if history_through is None:
                    continue
                links = [f.column for f in through._meta.local_concrete_fields]
                owner = field.m2m_column_name()
                cursor.execute(
                    f"INSERT INTO {quote(history_through._meta.db_table)} "  # noqa: S608
                    f"({', '.join(quote(c) for c in links)}, history_id) "
                    f"SELECT {', '.join('t.' + quote(c) for c in links)}, h.history_id "
                    f"FROM {quote(through._meta.db_table)} t "
                    f"JOIN {quote(history._meta.db_table)} h ON h.id = t.{quote(owner)}"
                )
        cursor.execute("ANALYZE")
        cursor.execute(
            "SELECT sum(n_live_tup) FROM pg_stat_user_tables WHERE relname NOT LIKE 'django_%'"
        )
        return int(cursor.fetchone()[0])


def _child(server: Server, database: str, media: Path, *command) -> tuple[float, int]:
    """Run a management command in its own process: its seconds and peak memory (KiB)."""
    environment = {**os.environ, "DATABASE_URL": server.url(database), "MEDIA_ROOT": str(media)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(BASE_DIR / "manage.py"), *map(str, command)],
        env=environment,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(map(str, command))} failed ({process.returncode})")
    return time.perf_counter() - started, usage.ru_maxrss


def _tables(archive: Path) -> dict[str, str]:
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    return {entry["table"]: entry["sha256"] for entry in manifest["tables"]}


if __name__ == "__main__":
    sys.exit(main())
