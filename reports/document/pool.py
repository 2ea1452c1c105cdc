"""The report's pieces typeset side by side, each in a short-lived process of its own.

Runs in the press (press.py). Processes come from a fork server that has imported WeasyPrint
once (reports/document/typeset.py), so starting one costs a fork, not an interpreter and its
imports; each does one job and ends, giving back all its memory. One runs per core this process
may use, up to TYPESETTERS: typesetting is bound by the processor, and each holds a piece's
memory (up to about 200 MB). Page numbers cannot be typeset with a piece, whose first page is
known only when the pieces before it are done: the pieces have none, and a small kit of
furniture (running title, numbers, watermark; furniture.py) is typeset with them, for the merge
to draw on every page.
"""

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from reports.document.typeset import Typeset, typeset

logger = logging.getLogger(__name__)

TYPESETTERS = 4
PDF_VARIANT = "pdf/ua-1"

# (jobs done, jobs in all)
Progress = Callable[[int, int], None]


def typesetters() -> int:
    """How many pieces are typeset at a time."""
    return min(TYPESETTERS, len(os.sched_getaffinity(0)))


def _pool() -> ProcessPoolExecutor:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["reports.document.typeset"])
    return ProcessPoolExecutor(typesetters(), mp_context=context, max_tasks_per_child=1)


def _log(number: int, count: int, piece: Typeset) -> None:
    logger.info(
        "Typeset piece %d of %d: %d pages, %.1f s of processor, %d MB",
        number,
        count,
        piece.pages,
        piece.cpu_seconds,
        piece.peak_memory // 2**20,
    )


def typeset_pieces(
    documents: Iterable[str],
    *,
    kit: str,
    stylesheets: tuple[str, ...],
    progress: Progress | None = None,
) -> tuple[list[Typeset], Typeset]:
    """Each HTML document of `documents` as tagged PDF, and the `kit` of furniture
    (furniture.py) as PDF; `progress` hears of every job finished. A failed job's error is
    raised once the others stop."""
    with _pool() as pool:
        try:
            # The kit first: it is small, and the merge needs it with the first piece.
            kit_job = pool.submit(typeset, kit, stylesheets=stylesheets, variant=None)
            pieces = [
                pool.submit(
                    typeset,
                    html,
                    stylesheets=stylesheets,
                    variant=PDF_VARIANT,
                    id_prefix=f"p{index}-",
                )
                for index, html in enumerate(documents)
            ]
            pending = {kit_job, *pieces}
            logged = 0
            while pending:
                _done, pending = wait(pending, return_when=FIRST_COMPLETED)
                while logged < len(pieces) and pieces[logged].done():
                    _log(logged + 1, len(pieces), pieces[logged].result())
                    logged += 1
                if progress is not None:
                    progress(1 + len(pieces) - len(pending), 1 + len(pieces))
            return [job.result() for job in pieces], kit_job.result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
