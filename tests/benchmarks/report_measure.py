"""Commands run and watched for the report benchmark: their time, and the peak of the resident
memory of the command and every process it starts, summed (psutil, sampled every 50 ms).
Summing counts pages shared between the processes once per process: an upper bound."""

import os
import resource
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.05
CHROMIUM = "/usr/bin/chromium"


@dataclass
class Measured:
    seconds: float
    # Processor seconds of the command and the processes it waited for.
    cpu_seconds: float
    peak_memory: int
    most_processes: int
    timed_out: bool
    returncode: int | None
    stdout: str
    stderr: str


def _tree(process: psutil.Process) -> list[psutil.Process]:
    try:
        return [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _resident(processes: list[psutil.Process]) -> int:
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def _stop(processes: list[psutil.Process]) -> None:
    for process in reversed(processes):
        try:
            process.kill()
        except psutil.NoSuchProcess:
            continue


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(command: list[str], *, timeout: float, env: dict | None = None) -> Measured:
    cpu_before = _children_cpu()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env, text=True)
        watched = psutil.Process(child.pid)
        peak, most, timed_out = 0, 0, False
        while child.poll() is None:
            processes = _tree(watched)
            peak = max(peak, _resident(processes))
            most = max(most, len(processes))
            if time.perf_counter() - started > timeout:
                timed_out = True
                _stop(processes)
                child.wait()
                break
            time.sleep(SAMPLE_SECONDS)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return Measured(
            seconds,
            _children_cpu() - cpu_before,
            peak,
            most,
            timed_out,
            child.returncode,
            out.read(),
            err.read(),
        )


def chromium_print(html: Path, pdf: Path, *, timeout: float) -> Measured:
    """Headless Chromium printing `html` to `pdf`, with a profile of its own; its header and
    footer (date, address) are left out, as the report has its own."""
    with tempfile.TemporaryDirectory(prefix="bench-chromium-") as profile:
        return run_measured(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf}",
                html.as_uri(),
            ],
            timeout=timeout,
            env={**os.environ, "HOME": profile},
        )
