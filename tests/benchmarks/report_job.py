"""What the report benchmark measures, each in a process of its own so that the process's time
and memory are the job's (tests/benchmarks/report.py starts them and watches their memory):

    python -m tests.benchmarks.report_job build DATABASE RUN_ID [PIECE_WEIGHT]
        report_build on the run, as the worker runs it, with the time of each stage;
    python -m tests.benchmarks.report_job weasyprint HTML_FILE STYLESHEET...
        WeasyPrint alone: one PDF/UA pass over a whole HTML file.

Each prints one line of JSON. The typesetting processes the build starts import this module
again as their main one, so it imports nothing at the top but the standard library.
"""

import json
import resource
import sys
import time
from pathlib import Path


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class Stages:
    """Seconds spent in each wrapped function, and what each returned last."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.results: dict[str, object] = {}

    def wrap(self, name: str, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            result = function(*args, **kwargs)
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
            self.results[name] = result
            return result

        return timed


def build(database: str, run_id: int, piece_weight: float | None) -> dict:
    from tests.benchmarks.database import Server, configure_django

    configure_django(Server.from_environment(), database)
    from reports.review.document import pieces, render
    from reports.review.services import runs

    if piece_weight is not None:
        pieces.PIECE_WEIGHT = piece_weight
    stages = Stages()
    runs.report_data = stages.wrap("data", runs.report_data)
    runs.report_html = stages.wrap("html", runs.report_html)
    render.press = stages.wrap("press", render.press)
    cpu_started = time.process_time()
    started = time.perf_counter()
    run = runs.report_build(run_id=run_id)
    seconds = time.perf_counter() - started
    pressed = stages.results.get("press")
    return {
        "state": run.state,
        "error": run.error,
        "pages": run.pages,
        "bytes": run.file.size if run.file else 0,
        "seconds": seconds,
        "stages": stages.seconds,
        "documents": len(stages.results["html"].documents) if "html" in stages.results else 0,
        "press": pressed.stats if pressed else {},
        "job_cpu": time.process_time() - cpu_started,
        "job_peak": _peak_rss(),
        "piece_weight": pieces.PIECE_WEIGHT,
    }


def weasyprint(html_file: str, stylesheets: list[str]) -> dict:
    from reports.review.document.pool import PDF_VARIANT
    from reports.review.document.typeset import typeset

    html = Path(html_file).read_text()
    started = time.perf_counter()
    result = typeset(html, stylesheets=tuple(stylesheets), variant=PDF_VARIANT)
    return {
        "seconds": time.perf_counter() - started,
        "cpu": result.cpu_seconds,
        "pages": result.pages,
        "peak": _peak_rss(),
        "bytes": len(result.pdf),
    }


def main(argv: list[str]) -> None:
    command, *arguments = argv
    if command == "build":
        weight = float(arguments[2]) if len(arguments) > 2 else None
        result = build(arguments[0], int(arguments[1]), weight)
    elif command == "weasyprint":
        result = weasyprint(arguments[0], arguments[1:])
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
