"""One PDF from the report's pieces (reports/review/document/pieces.py), with pikepdf.

What a single WeasyPrint pass would have written is rebuilt across the pieces:
- the pages in order, each with its running title, page number and, in a draft, watermark
  drawn from one small kit document (furniture.py) as artifacts, so that numbering runs on;
- one structure tree: the first piece's Document element takes the top-level elements of the
  others, and the parent tree is renumbered (a piece's keys, /StructParents of its pages and
  /StructParent of its annotations move up by what the pieces before it used); each piece
  comes with unique table header identifiers and without its per-line Span elements
  (typeset.py), which would be two thirds of what is copied here;
- one outline from every piece's bookmarks, nested by level as WeasyPrint nests them;
- the named destinations of every piece;
- the page numbers and links of page references from one piece to another
  (page_references.py);
- the first piece's catalog (language, PDF/UA metadata, viewer preferences) and document
  information, and a file identifier from the input checksum, so the same data gives the same
  bytes.
"""

import dataclasses
import io
from collections.abc import Iterable

import pikepdf
from pikepdf import Array, Dictionary, NameTree, NumberTree, OutlineItem, PageLocation

from reports.review.document.furniture import Furniture
from reports.review.document.page_references import draw_page_references
from reports.review.document.typeset import Bookmark, PageReference, Typeset


def _open(pdf: bytes) -> pikepdf.Pdf:
    return pikepdf.Pdf.open(io.BytesIO(pdf))


def _parent_tree_items(pdf: pikepdf.Pdf) -> list[tuple[int, object]]:
    return sorted(NumberTree(pdf.Root.StructTreeRoot.ParentTree).items())


def _copy(pdf: pikepdf.Pdf, value):
    """`value` of another PDF in `pdf`: indirect objects are copied once, with what they
    refer to; direct arrays (the parent tree's) are rebuilt around their copied items."""
    if isinstance(value, Array) and not value.is_indirect:
        return Array([_copy(pdf, item) for item in value])
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return pdf.copy_foreign(value)
    return value


def _renumber_page(page: pikepdf.Page, offset: int) -> None:
    if "/StructParents" in page.obj:
        page.obj.StructParents = int(page.obj.StructParents) + offset
    for annotation in page.obj.get("/Annots", ()):
        if "/StructParent" in annotation:
            annotation.StructParent = int(annotation.StructParent) + offset


class _Merger:
    def __init__(self, first: bytes):
        self.pdf = _open(first)
        root = self.pdf.Root.StructTreeRoot
        self.document = root.K[0]
        self.parent_tree: list[tuple[int, object]] = _parent_tree_items(self.pdf)
        self.next_key = self.parent_tree[-1][0] + 1 if self.parent_tree else 0
        self.destinations = self._destinations(self.pdf, copy=lambda value: value)
        self.sources = [self.pdf]
        self.furniture: Furniture | None = None

    @staticmethod
    def _destinations(pdf: pikepdf.Pdf, copy) -> list[tuple[str, object]]:
        names = pdf.Root.get("/Names")
        if names is None or "/Dests" not in names:
            return []
        return [(str(name), copy(value)) for name, value in NameTree(names.Dests).items()]

    def append(self, piece: bytes) -> None:
        source = _open(piece)
        self.sources.append(source)
        first_page = len(self.pdf.pages)
        self.pdf.pages.extend(source.pages)
        offset = self.next_key
        for page in self.pdf.pages[first_page:]:
            _renumber_page(page, offset)
        document = self.pdf.copy_foreign(source.Root.StructTreeRoot.K[0])
        for element in document.K:
            element.P = self.document
            self.document.K.append(element)
        for key, value in _parent_tree_items(source):
            self.parent_tree.append((key + offset, _copy(self.pdf, value)))
            self.next_key = key + offset + 1
        self.destinations += self._destinations(source, copy=lambda value: _copy(self.pdf, value))

    def finish_structure(self) -> None:
        root = self.pdf.Root.StructTreeRoot
        nums = Array()
        for key, value in self.parent_tree:
            nums.append(key)
            nums.append(value)
        root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=nums))
        root.ParentTreeNextKey = self.next_key
        if self.destinations:
            names = Array()
            for name, value in sorted(self.destinations, key=lambda item: item[0]):
                names.append(pikepdf.String(name))
                names.append(value)
            if "/Names" not in self.pdf.Root:
                self.pdf.Root.Names = Dictionary()
            self.pdf.Root.Names.Dests = self.pdf.make_indirect(Dictionary(Names=names))

    def _furniture(self, kit: bytes) -> Furniture:
        """The kit's forms (furniture.py) in the merged document, read once."""
        if self.furniture is None:
            self.kit = _open(kit)
            self.sources.append(self.kit)
            self.furniture = Furniture(self.pdf, self.kit)
        return self.furniture

    def draw_furniture(self, kit: bytes) -> None:
        """Every page's running title, number and watermark, from the kit (furniture.py)."""
        furniture = self._furniture(kit)
        for number, page in enumerate(self.pdf.pages, start=1):
            furniture.draw(page, number)

    def draw_page_references(self, kit: bytes, kit_references, references: "_References"):
        """The numbers and links of the pieces' page references (page_references.py), drawn
        from the kit before the furniture, which stays the last thing on a page."""
        draw_page_references(
            self.pdf,
            self._furniture(kit),
            self.kit,
            kit_references=kit_references,
            references=references.references,
            anchors=references.anchors,
        )

    def write_outline(self, bookmarks: list[Bookmark]) -> None:
        """The outline as WeasyPrint makes it: each bookmark under the last one of a lower
        level before it."""
        with self.pdf.open_outline() as outline:
            outline.root.clear()
            stack: list[tuple[int, list[OutlineItem]]] = [(0, outline.root)]
            for bookmark in bookmarks:
                while stack[-1][0] >= bookmark.level:
                    stack.pop()
                item = OutlineItem(
                    bookmark.title,
                    bookmark.page,
                    PageLocation.XYZ,
                    left=bookmark.left,
                    top=bookmark.top,
                    zoom=0,
                )
                stack[-1][1].append(item)
                stack.append((bookmark.level, item.children))

    def save(self, identifier: str) -> bytes:
        identifier_bytes = bytes.fromhex(identifier)[:16]
        self.pdf.trailer.ID = Array([pikepdf.String(identifier_bytes)] * 2)
        output = io.BytesIO()
        self.pdf.save(
            output,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            fix_metadata_version=False,
        )
        for source in self.sources:
            source.close()
        return output.getvalue()


class _References:
    """The pieces' anchors and page references, their pages counted in the merged document."""

    def __init__(self):
        self.anchors: dict[str, int] = {}
        self.references: list[PageReference] = []

    def add(self, piece: Typeset, first_page: int) -> None:
        for name, page in piece.anchors:
            self.anchors.setdefault(name, page + first_page)
        self.references += [
            dataclasses.replace(reference, page=reference.page + first_page)
            for reference in piece.references
        ]


def merge(
    pieces: Iterable[Typeset],
    *,
    kit: bytes,
    identifier: str,
    kit_references: Iterable[PageReference] = (),
) -> bytes:
    """The pieces as one tagged PDF, with the furniture of `kit` (furniture.py; its page
    references are `kit_references`), identified by `identifier` (hex). Each piece is merged
    as it comes, so that an iterator of pieces being typeset is merged while the rest are
    typeset."""
    pieces = iter(pieces)
    first = next(pieces)
    merger = _Merger(first.pdf)
    bookmarks: list[Bookmark] = list(first.bookmarks)
    references = _References()
    references.add(first, 0)
    first_page = first.pages
    for piece in pieces:
        merger.append(piece.pdf)
        bookmarks += [
            Bookmark(b.level, b.title, b.page + first_page, b.left, b.top) for b in piece.bookmarks
        ]
        references.add(piece, first_page)
        first_page += piece.pages
    merger.finish_structure()
    merger.draw_page_references(kit, kit_references, references)
    merger.draw_furniture(kit)
    merger.write_outline(bookmarks)
    return merger.save(identifier)
