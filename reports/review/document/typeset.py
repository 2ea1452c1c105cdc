"""WeasyPrint in a process of its own: an HTML string in, a PDF and its page count out.

This module runs in the short-lived processes of reports/review/document/pieces.py and imports
nothing of Django: the parent renders the templates and hands over finished HTML, so a
typesetting process costs a fork and WeasyPrint, not a Django setup, and gives all its memory
back when it ends.
"""

import resource
import time
from dataclasses import dataclass

import pydyf
from weasyprint import CSS, HTML

from reports.review.document.tagging import carry_html_attributes, repair_structure

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


def _prefix_header_ids(pdf: pydyf.PDF, prefix: str) -> None:
    """Prefix the identifiers WeasyPrint gives table header cells (made of its own object
    numbers, so equal in every piece) and the cells' references to them: in the merged
    document each must name one header."""
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


_PLAIN_SPAN_KEYS = {"Type", "S", "K", "Pg", "P"}


def _fold_line_spans(pdf: pydyf.PDF) -> None:
    """Hand each line's marked content to the element the line belongs to.

    WeasyPrint makes a Span structure element for every line of text, with nothing but the
    line's marked content: two thirds of a report's objects, which the merge would copy and
    hold. The line's MCID goes into its element's kids in the Span's place, and the parent
    tree points to that element; the emptied Span is no longer referred to, and is left out
    when the pieces are merged. What assistive technology reads is unchanged."""
    by_reference = {item.reference: item for item in pdf.objects if isinstance(item, dict)}
    folded = {}
    for item in list(by_reference.values()):
        kids = item.get("K")
        if not (
            item.get("S") == "/Span"
            and set(item) <= _PLAIN_SPAN_KEYS
            and len(kids) == 1
            and isinstance(kids[0], int)
        ):
            continue
        parent = by_reference.get(item["P"])
        if parent is None or parent.get("Pg") != item["Pg"]:
            continue  # an MCID kid is on its element's page
        position = parent["K"].index(item.reference)
        parent["K"][position] = kids[0]
        folded[item.reference] = parent.reference
        item.clear()
    root = by_reference[pdf.catalog["StructTreeRoot"]]
    nums = by_reference[root["ParentTree"]]["Nums"]
    for mapping in nums[1::2]:
        if isinstance(mapping, list):
            mapping[:] = [folded.get(reference, reference) for reference in mapping]


def _finisher(id_prefix: str):
    def finish(_document, pdf: pydyf.PDF) -> None:
        if "StructTreeRoot" not in pdf.catalog:
            return
        _prefix_header_ids(pdf, id_prefix)
        _fold_line_spans(pdf)
        repair_structure(pdf)

    return finish


def typeset(
    html: str, *, stylesheets: tuple[str, ...], variant: str | None, id_prefix: str = ""
) -> Typeset:
    """`html` as PDF with the stylesheets (file paths); tagged when `variant` is PDF/UA."""
    started = time.process_time()
    carry_html_attributes()
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
        finisher=_finisher(id_prefix),
    )
    return Typeset(
        pdf=pdf,
        pages=len(document.pages),
        bookmarks=bookmarks,
        cpu_seconds=time.process_time() - started,
        # Linux gives the peak in KiB.
        peak_memory=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    )
