"""The page numbers of references from one place of the report to another ("see page N" and
the table of contents), and their links, resolved in the merged PDF.

A piece is typeset before the pages of the pieces before it are known, and WeasyPrint drops a
link to an anchor it does not hold, so neither target-counter() nor href="#id" reaches into
another piece. A reference is written instead as <a href="report-page:ID"> around an empty
placeholder of fixed width, <span class="page-ref page-ref-STYLE">, and typeset.py reads each
placeholder's position and every anchor's page. Once the pieces are merged, the page of each
anchor is known: the number is drawn in its placeholder, as the furniture's page numbers are
(furniture.py: the kit's number of as many digits in the same style, its glyphs replaced,
moved from the kit's placeholder to this one), and the link becomes a link to the anchor's
named destination, which the merge keeps. See docs/architecture/decisions/0013.
"""

from collections import defaultdict
from collections.abc import Iterable

import pikepdf
from pikepdf import Array, Dictionary, Name

from reports.review.document.furniture import (
    KIT_TARGET,
    MAX_DIGITS,
    REFERENCE_STYLES,
    Furniture,
)
from reports.review.document.typeset import PAGE_REFERENCE, PageReference


class UnresolvedReference(Exception):
    """A page reference to an anchor the report does not have."""


# Like the furniture, a drawn number is an artifact: the link around it says where it leads.
_DRAW = b"/Artifact BMC q 1 0 0 1 %.3f %.3f cm /%s Do Q EMC\n"


class PageReferences:
    """The kit's numbers for page references, drawn on the merged document's pages."""

    def __init__(
        self, furniture: Furniture, kit: pikepdf.Pdf, kit_references: Iterable[PageReference]
    ):
        self.furniture = furniture
        # The page's own content is wrapped in q/Q, so that its graphics state (WeasyPrint's
        # pages end with their coordinates turned upside down) cannot move the numbers.
        self.save = furniture.pdf.make_stream(b"q\n")
        self.restore = furniture.pdf.make_stream(b"Q\n")
        placed = {(reference.style, reference.target): reference for reference in kit_references}
        self.templates, self.origins = {}, {}
        for style in REFERENCE_STYLES:
            samples = [placed[style, KIT_TARGET.format(length=n)] for n in range(1, MAX_DIGITS + 1)]
            self.templates[style] = furniture.number_templates(
                [kit.pages[sample.page] for sample in samples]
            )
            for length, sample in enumerate(samples, start=1):
                self.origins[style, length] = (sample.left, sample.bottom)

    def draw(self, page: pikepdf.Page, references: list[tuple[PageReference, int]]) -> None:
        """Each reference's page number (1 is the cover) in its placeholder on `page`, and its
        links made links to its anchor."""
        content, xobjects = b"", {}
        for index, (reference, number) in enumerate(references):
            name = f"ReportPageRef{index}"
            xobjects[Name("/" + name)] = self.furniture.number(
                number, self.templates[reference.style]
            )
            kit_left, kit_bottom = self.origins[reference.style, len(str(number))]
            content += _DRAW % (
                reference.left - kit_left,
                reference.bottom - kit_bottom,
                name.encode(),
            )
        resources = Dictionary(dict(page.obj.Resources.items()))
        own_xobjects = Dictionary(dict(resources.get("/XObject", Dictionary()).items()))
        for name, form in xobjects.items():
            own_xobjects[name] = form
        resources.XObject = own_xobjects
        page.obj.Resources = resources
        contents = page.obj.Contents
        own = list(contents) if isinstance(contents, Array) else [contents]
        page.obj.Contents = Array(
            [self.save, *own, self.restore, self.furniture.pdf.make_stream(content)]
        )
        _link(
            page,
            {reference.target: f"{reference.label} {number}" for reference, number in references},
        )


def _link(page: pikepdf.Page, descriptions: dict[str, str]) -> None:
    """The page's page reference links made links to their anchors' named destinations, each
    described by its text and number (PDF/UA asks links for a description)."""
    for annotation in page.obj.get("/Annots", ()):
        action = annotation.get("/A")
        if action is None or "/URI" not in action:
            continue
        uri = bytes(action.URI).decode()
        if not uri.startswith(PAGE_REFERENCE):
            continue
        target = uri[len(PAGE_REFERENCE) :]
        del annotation["/A"]
        annotation.Dest = pikepdf.String(target)
        annotation.Contents = pikepdf.String(descriptions.get(target, target).strip())


def draw_page_references(
    pdf: pikepdf.Pdf,
    furniture: Furniture,
    kit: pikepdf.Pdf,
    *,
    kit_references: Iterable[PageReference],
    references: Iterable[PageReference],
    anchors: dict[str, int],
) -> None:
    """Every page reference of the merged `pdf` (its `page` counted in the merged document)
    numbered and linked from `anchors` (name: page index in the merged document)."""
    by_page = defaultdict(list)
    for reference in references:
        if reference.target not in anchors:
            raise UnresolvedReference(f"Nothing in the report is #{reference.target}.")
        by_page[reference.page].append((reference, anchors[reference.target] + 1))
    if not by_page:
        return
    drawer = PageReferences(furniture, kit, kit_references)
    for index, page_references in sorted(by_page.items()):
        drawer.draw(pdf.pages[index], page_references)
