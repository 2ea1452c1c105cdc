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
from weasyprint.formatting_structure import boxes

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


# A link to a place in the report whose page number the merge draws (page_references.py):
# <a href="report-page:TARGET"> around a <span class="page-ref page-ref-STYLE"> placeholder.
PAGE_REFERENCE = "report-page:"


@dataclass(frozen=True)
class PageReference:
    """A placeholder for the page number of the anchor `target`, with the text of its link,
    its style (the class page-ref-STYLE) and its bottom left corner in points."""

    page: int
    target: str
    style: str
    label: str
    left: float
    bottom: float


@dataclass(frozen=True)
class Typeset:
    pdf: bytes
    pages: int
    bookmarks: tuple[Bookmark, ...]
    # Every anchor (element id) with its page, and the page references to draw.
    anchors: tuple[tuple[str, int], ...] = ()
    references: tuple[PageReference, ...] = ()
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


def _style(box) -> str | None:
    """The STYLE of a page-ref placeholder's box (page-ref-STYLE), or None for other boxes."""
    if isinstance(box, boxes.LineBox | boxes.TextBox) or box.element_tag != "span":
        return None
    classes = (box.element.get("class") or "").split()
    if "page-ref" not in classes:
        return None
    return next(name[9:] for name in classes if name.startswith("page-ref-"))


def _page_references(document) -> tuple[PageReference, ...]:
    """The page-ref placeholders inside page reference links, once each (a link's boxes and
    their descendants each carry it)."""
    references, seen = [], set()
    for number, page in enumerate(document.pages):
        for link_type, url, _rectangle, link in page.links:
            if link_type != "external" or not url.startswith(PAGE_REFERENCE):
                continue
            for box in link.descendants():
                style = _style(box)
                if style is None or id(box.element) in seen:
                    continue
                seen.add(id(box.element))
                label = "".join(
                    text.text for text in link.descendants() if isinstance(text, boxes.TextBox)
                )
                references.append(
                    PageReference(
                        page=number,
                        target=url[len(PAGE_REFERENCE) :],
                        style=style,
                        label=" ".join(label.split()),
                        left=box.border_box_x() * POINTS_PER_PIXEL,
                        bottom=(page.height - box.border_box_y() - box.border_height())
                        * POINTS_PER_PIXEL,
                    )
                )
    return tuple(references)


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
        anchors=tuple(
            (name, number) for number, page in enumerate(document.pages) for name in page.anchors
        ),
        references=_page_references(document),
        cpu_seconds=time.process_time() - started,
        # Linux gives the peak in KiB.
        peak_memory=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    )
