"""The report's pieces typeset side by side, each in a short-lived process of its own.

Runs in the press (press.py). Processes come from a fork server that has imported WeasyPrint
once (reports/review/document/typeset.py), so starting one costs a fork, not an interpreter and its
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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from reports.review.document.typeset import Typeset, typeset

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
    context.set_forkserver_preload(["reports.review.document.typeset"])
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


def typeset_in_order(
    documents: Iterable[str],
    *,
    kit: str,
    stylesheets: tuple[str, ...],
    progress: Progress | None = None,
) -> Iterator[Typeset]:
    """The `kit` of furniture (furniture.py) as PDF, then each HTML document of `documents`
    as tagged PDF, in order, each as soon as it and those before it are done, so that the merge
    takes them while the rest are typeset. `progress` hears of every job finished. A failed
    job's error is raised as soon as it is seen, once the others stop."""
    with _pool() as pool:
        try:
            # The kit first: it is small, and the merge needs it with the first piece.
            jobs = [pool.submit(typeset, kit, stylesheets=stylesheets, variant=None)]
            jobs += [
                pool.submit(
                    typeset,
                    html,
                    stylesheets=stylesheets,
                    variant=PDF_VARIANT,
                    id_prefix=f"p{index}-",
                )
                for index, html in enumerate(documents)
            ]
            reported = 0
            for number, job in enumerate(jobs):
                while True:
                    finished = [other for other in jobs if other.done()]
                    for other in finished:
                        if other.exception() is not None:
                            other.result()
                    if progress is not None and len(finished) > reported:
                        reported = len(finished)
                        progress(reported, len(jobs))
                    if job.done():
                        break
                    unfinished = [other for other in jobs if not other.done()]
                    wait(unfinished, return_when=FIRST_COMPLETED)
                if number:
                    _log(number, len(jobs) - 1, job.result())
                yield job.result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
