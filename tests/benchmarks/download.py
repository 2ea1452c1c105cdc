"""Downloads of the full list of measures, each in a fresh process so that its peak memory is
its own: run_download starts `python -m tests.benchmarks.download DATABASE URL`, whose main()
prints one JSON line: status, whether the response was streamed, time to the first byte and
to the last, bytes, lines, the process's resident memory before and at its peak, and the CPU
time the process and its PostgreSQL backend spent on it (what the download takes on an idle
machine, give or take parallel workers, where other work stretches the wall time)."""

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.benchmarks.targets import (
    CSV_GROWTH_MB,
    CSV_SECONDS,
    XLSX_PEAK_MB,
    XLSX_SECONDS,
)

BASE_DIR = Path(__file__).resolve().parents[2]


@dataclass
class Download:
    size: int
    file_format: str
    result: dict = field(default_factory=dict)
    error: str = ""

    @property
    def growth_mb(self) -> float:
        return self.result["rss_peak_mb"] - self.result["rss_before_mb"]

    def figures(self) -> str:
        if self.error:
            return self.error
        result = self.result
        return (
            f"{result['seconds']:.2f} s, {result['bytes'] / 1e6:.1f} MB, "
            f"{'streamed' if result['streaming'] else 'not streamed'}, process "
            f"{result['rss_before_mb']:.0f} → {result['rss_peak_mb']:.0f} MB"
        )

    def verdicts(self) -> list[tuple[str, bool]]:
        if self.error or self.result.get("status") != 200:
            return [("answers 200", False)]
        seconds = self.result["seconds"]
        if self.file_format == "csv":
            return [
                (f"within {CSV_SECONDS} s", seconds <= CSV_SECONDS),
                (f"memory flat (grows < {CSV_GROWTH_MB} MB)", self.growth_mb < CSV_GROWTH_MB),
            ]
        return [
            (f"within {XLSX_SECONDS} s", seconds <= XLSX_SECONDS),
            (f"peak under {XLSX_PEAK_MB} MB", self.result["rss_peak_mb"] < XLSX_PEAK_MB),
        ]


def run_download(database: str, size: int, file_format: str, timeout: int) -> Download:
    """The full unfiltered list of measures in `file_format`, fetched by a fresh process."""
    download = Download(size, file_format)
    command = [
        sys.executable,
        "-m",
        "tests.benchmarks.download",
        database,
        f"/dashboard/measures/?format={file_format}",
    ]
    try:
        finished = subprocess.run(
            command, cwd=BASE_DIR, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        download.error = f"no answer within {timeout} s"
        return download
    lines = finished.stdout.strip().splitlines()
    if finished.returncode != 0 or not lines:
        download.error = (finished.stderr.strip().splitlines() or ["failed"])[-1]
        return download
    download.result = json.loads(lines[-1])
    return download


def _status_kb(name: str) -> int | None:
    """VmRSS or VmHWM from /proc (Linux), in kB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{name}:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    # Writing 5 to clear_refs resets VmHWM (Linux 4.0+), so the peak is the download's alone.
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _backend_cpu_s(pid: int) -> float | None:
    """User and system CPU time of a process on this machine (Linux), in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(database: str, url: str) -> None:
    from tests.benchmarks.database import Server, configure_django

    configure_django(Server.from_environment(), database)
    from django.db import connection
    from django.test import Client

    client = Client()
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    backend_before = _backend_cpu_s(backend)
    cpu_before = _cpu_s()
    before_kb = _status_kb("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_reset = _reset_peak()
    started = time.perf_counter()
    response = client.get(url)
    first_byte_s = None
    size = lines = 0
    chunks = response.streaming_content if response.streaming else [response.content]
    for chunk in chunks:
        if first_byte_s is None:
            first_byte_s = time.perf_counter() - started
        size += len(chunk)
        lines += chunk.count(b"\n")
    total_s = time.perf_counter() - started
    cpu_s = _cpu_s() - cpu_before
    backend_after = _backend_cpu_s(backend)
    response.close()
    peak_kb = (_status_kb("VmHWM") if peak_reset else None) or resource.getrusage(
        resource.RUSAGE_SELF
    ).ru_maxrss
    print(
        json.dumps(
            {
                "status": response.status_code,
                "content_type": response.get("Content-Type", ""),
                "streaming": response.streaming,
                "first_byte_s": first_byte_s,
                "seconds": total_s,
                "bytes": size,
                "lines": lines,
                "rss_before_mb": before_kb / 1024,
                "rss_peak_mb": peak_kb / 1024,
                "cpu_s": cpu_s,
                "db_cpu_s": None
                if backend_before is None or backend_after is None
                else backend_after - backend_before,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
