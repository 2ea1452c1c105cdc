"""WeasyPrint in a process of its own: an HTML string in, a PDF and its page count out.

This module runs in the short-lived processes of reports/document/pieces.py and imports
nothing of Django: the parent renders the templates and hands over finished HTML, so a
typesetting process costs a fork and WeasyPrint, not a Django setup, and gives all its memory
back when it ends.
"""

import resource
import time
from dataclasses import dataclass

import pydyf
from weasyprint import CSS, HTML

# CSS pixels (1/96 in) to PDF points (1/72 in), as WeasyPrint computes its own bookmarks.
POINTS_PER_PIXEL = 0.75


@dataclass(frozen=True)
class Bookmark:
    """An outline entry: its bookmark-level (h1 is 1), title, page and position in points."""

    level: int
    title: str
    page: int
    left: float
    top: float


@dataclass(frozen=True)
class Typeset:
    pdf: bytes
    pages: int
    bookmarks: tuple[Bookmark, ...]
    # What it cost the process: processor seconds, and its peak resident memory in bytes.
    cpu_seconds: float = 0.0
    peak_memory: int = 0


def _prefixed_header_ids(prefix: str):
    """A finisher that prefixes the identifiers WeasyPrint gives table header cells (made of
    its own object numbers, so equal in every piece) and the cells' references to them: in the
    merged document each must name one header."""

    def finish(document, pdf):
        for item in pdf.objects:
            if not isinstance(item, pydyf.Dictionary):
                continue
            if isinstance(item.get("ID"), pydyf.String):
                item["ID"] = pydyf.String(prefix + item["ID"].string)
            attributes = item.get("A")
            if isinstance(attributes, dict) and "Headers" in attributes:
                attributes["Headers"] = pydyf.Array(
                    pydyf.String(prefix + header.string) for header in attributes["Headers"]
                )

    return finish


def typeset(
    html: str, *, stylesheets: tuple[str, ...], variant: str | None, id_prefix: str = ""
) -> Typeset:
    """`html` as PDF with the stylesheets (file paths); tagged when `variant` is PDF/UA."""
    started = time.process_time()
    document = HTML(string=html).render(stylesheets=[CSS(filename=path) for path in stylesheets])
    bookmarks = tuple(
        Bookmark(
            level=level,
            title=title,
            page=number,
            left=x * POINTS_PER_PIXEL,
            top=(page.height - y) * POINTS_PER_PIXEL,
        )
        for number, page in enumerate(document.pages)
        for level, title, (x, y), _state in page.bookmarks
    )
    pdf = document.write_pdf(
        pdf_variant=variant,
        finisher=_prefixed_header_ids(id_prefix) if id_prefix else None,
    )
    return Typeset(
        pdf=pdf,
        pages=len(document.pages),
        bookmarks=bookmarks,
        cpu_seconds=time.process_time() - started,
        # Linux gives the peak in KiB.
        peak_memory=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    )
