"""The report's typesetting and merging, in a process of its own: `press` starts it.

    python -m reports.review.document.press     (started by press(), never by hand)

The caller (a Celery worker, the command line) hands over the report's HTML documents; the
press typesets them side by side (pool.py), merges each in order as soon as it is typeset while
the others still are (merge.py), and hands back the PDF, reporting each typesetting job as it
finishes. A process of its own because a Celery worker's process is daemonic and may not start
the typesetting processes itself, and so that the caller never holds WeasyPrint's or pikepdf's
memory.

On its standard input the press reads one JSON request; on its standard output it writes JSON
lines, {"done": n, "total": m} as jobs finish, then {"pages": n, "size": s, "stats": {...}}
followed by the PDF's s bytes. Anything else it or WeasyPrint prints goes to standard error,
which the caller logs; a failure exits non-zero with the reason as the last line there.
"""

import contextlib
import json
import logging
import os
import resource
import signal
import subprocess  # nosec B404 - starts this interpreter on this module, nothing else
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

# The directory holding the reports package, for `python -m reports.review.document.press`.
SOURCE_ROOT = Path(__file__).resolve().parents[3]


class TypesettingFailed(Exception):
    """The press stopped without a PDF; the message is its last word."""


@dataclass(frozen=True)
class Pressed:
    pdf: bytes
    pages: int
    # What it cost: seconds until the last piece was typeset and merging after it (the merge
    # takes each piece as it comes), each piece's pages, processor seconds and peak memory,
    # the press's peak memory then and at the end (bytes).
    stats: dict = field(default_factory=dict)


def press(
    documents: list[str],
    *,
    language: str,
    running_title: str,
    watermark: str | None,
    stylesheets: tuple[str, ...],
    identifier: str,
    progress: Callable[[int, int], None] | None = None,
) -> Pressed:
    """The documents as one tagged PDF, numbered and titled on every page but the first, and
    with `watermark` (a word, or None) across every page.
    `progress` hears of every typesetting job finished; if it raises, the press and its
    typesetting processes are stopped."""
    request = json.dumps(
        {
            "documents": documents,
            "language": language,
            "running_title": running_title,
            "watermark": watermark,
            "stylesheets": list(stylesheets),
            "identifier": identifier,
        }
    ).encode()
    with (
        tempfile.TemporaryFile() as errors,
        subprocess.Popen(  # nosec B603 - this interpreter on this module
            [sys.executable, "-m", "reports.review.document.press"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            cwd=SOURCE_ROOT,
            # Its own process group, so that stopping it stops its typesetting processes too.
            start_new_session=True,
        ) as child,
    ):
        try:
            pressed = _exchange(child, request, progress)
        except BaseException:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
            raise
        errors.seek(0)
        said = errors.read().decode(errors="replace").strip()
    if pressed is None:
        reason = said.splitlines()[-1] if said else f"exit status {child.returncode}"
        raise TypesettingFailed(reason)
    if said:
        logger.warning("Typesetting said: %s", said[-5000:])
    return pressed


def _exchange(child, request: bytes, progress) -> Pressed | None:
    child.stdin.write(request)
    child.stdin.close()
    pressed = None
    while line := child.stdout.readline():
        message = json.loads(line)
        if "done" in message:
            if progress is not None:
                progress(message["done"], message["total"])
            continue
        pressed = Pressed(
            pdf=child.stdout.read(message["size"]), pages=message["pages"], stats=message["stats"]
        )
        break
    return pressed if child.wait() == 0 else None


def _peak_memory() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def main() -> None:
    from reports.review.document.furniture import kit_html
    from reports.review.document.merge import merge
    from reports.review.document.pool import typeset_in_order, typesetters

    # Standard output carries the answer: whatever else is printed goes to standard error.
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    request = json.load(sys.stdin.buffer)

    def progress(done: int, total: int) -> None:
        answer.write(json.dumps({"done": done, "total": total}).encode() + b"\n")
        answer.flush()

    started = time.perf_counter()
    kit = kit_html(
        language=request["language"],
        running_title=request["running_title"],
        watermark=request["watermark"],
    )
    typeset = typeset_in_order(
        request["documents"],
        kit=kit,
        stylesheets=tuple(request["stylesheets"]),
        progress=progress,
    )
    kit_typeset = next(typeset)
    pieces: list[dict] = []
    # Set when the last piece is typeset: what the merge still has to do after it is serial.
    last_piece = {"seconds": 0.0, "memory": 0}

    def recorded():
        for piece in typeset:
            pieces.append(
                {"pages": piece.pages, "cpu": piece.cpu_seconds, "memory": piece.peak_memory}
            )
            yield piece
        last_piece.update(seconds=time.perf_counter() - started, memory=_peak_memory())

    pdf = merge(
        recorded(),
        kit=kit_typeset.pdf,
        identifier=request["identifier"],
        kit_references=kit_typeset.references,
    )
    stats = {
        "typesetting": last_piece["seconds"],
        "merge": time.perf_counter() - started - last_piece["seconds"],
        "memory_at_last_piece": last_piece["memory"],
        "memory_at_end": _peak_memory(),
        "pieces": pieces,
        "furniture_cpu": kit_typeset.cpu_seconds,
        "press_cpu": time.process_time(),
        "typesetters": typesetters(),
    }
    pages = sum(piece["pages"] for piece in pieces)
    header = {"pages": pages, "size": len(pdf), "stats": stats}
    answer.write(json.dumps(header).encode() + b"\n")
    answer.write(pdf)
    answer.flush()


if __name__ == "__main__":
    main()
