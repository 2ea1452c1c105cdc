"""What is drawn on the report's pages besides their content: the running title and page
number on every page but the cover, and the DRAFT watermark on every page of a draft.

Pieces are typeset side by side, before the page each starts on is known, so their pages carry
none of it; merge.py draws it over the merged pages. WeasyPrint typesets it once, as a small
kit document (kit_html): the running title, the watermark, and page numbers of every length up
to MAX_DIGITS digits. Typesetting the furniture page by page instead cost about 5 ms of
processor a page (WeasyPrint lays out every margin box of every page), 23 s for a 4,500-page
report. The kit's pages become form XObjects, drawn as artifacts, shared by every page; a page
number is the kit's number of as many digits with its glyphs replaced by the page's digits
(Furniture.number). That is exact because the kit sets its digits as tabular figures, of one
width, so a number of n digits sits where the kit's n-digit number sits.

The kit also sets a number of each length in each style of page reference (the placeholders
`<span class="page-ref page-ref-STYLE">` of the "see page" lines and the table of contents,
styled by report.css, which the kit is typeset with): page_references.py draws a reference's
number from them, moved from the kit's placeholder to the piece's.

Written here rather than as a Django template because the kit is made in the typesetting
process (press.py), which does not set Django up.
"""

from html import escape
from urllib.parse import quote

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator

# Page numbers of up to 99,999 pages, some twenty times the largest report measured.
MAX_DIGITS = 5
DIGITS = "0123456789"

_DOCUMENT = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<style>
.running-title {{ position: running(running-title); font-size: 8pt; color: #444; }}
.page-number {{ position: running(page-number); font-size: 9pt; margin: 0;
  font-variant-numeric: tabular-nums lining-nums; }}
.title {{ page: title; }}
.number {{ page: number; }}
.watermark {{ page: watermark; }}
@page title {{ @top-left {{ content: element(running-title); }} }}
@page number {{ @bottom-center {{ content: element(page-number); }} }}
@page watermark {{ background: url("{watermark}") center / 150mm no-repeat; }}
.sheet + .sheet {{ break-before: page; }}
</style>
</head>
<body>
<div class="sheet title"><p class="running-title">{running_title}</p></div>
{numbers}
{references}
{watermark_sheet}
</body>
</html>
"""


def watermark_url(word: str) -> str:
    """The watermark: `word` across the page, as an SVG data URL for a CSS background."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">'
        '<text x="300" y="300" transform="rotate(-35 300 300)" text-anchor="middle" '
        'dominant-baseline="middle" font-family="Noto Sans, DejaVu Sans, sans-serif" '
        'font-size="120" font-weight="bold" fill="#a00000" fill-opacity="0.13">'
        f"{escape(word)}</text></svg>"
    )
    return "data:image/svg+xml," + quote(svg)


# The styles of page references (report.css: .page-ref-see, .page-ref-toc).
REFERENCE_STYLES = ("see", "toc")
# The target of the kit's page references: a number of `length` digits.
KIT_TARGET = "kit-{length}"

# The kit's pages: the running title, the digits in order (for the page numbers' glyphs), a
# number of each length from 1 to MAX_DIGITS, a page reference of each length in each style,
# then the watermark if there is one.
TITLE_PAGE = 0
DIGITS_PAGE = 1
WATERMARK_PAGE = 2 + MAX_DIGITS + len(REFERENCE_STYLES) * MAX_DIGITS


def _number_page(length: int) -> int:
    return 1 + length


def kit_html(*, language: str, running_title: str, watermark: str | None) -> str:
    """The kit document (see the module): `watermark` is the word drawn across a draft's
    pages, or None."""
    numbers = [DIGITS] + ["0" * digits for digits in range(1, MAX_DIGITS + 1)]
    return _DOCUMENT.format(
        language=escape(language),
        running_title=escape(running_title),
        numbers="\n".join(
            f'<div class="sheet number"><p class="page-number">{number}</p></div>'
            for number in numbers
        ),
        references="\n".join(
            f'<div class="sheet"><p><a href="report-page:{KIT_TARGET.format(length=length)}">'
            f'<span class="page-ref page-ref-{style}">{"0" * length}</span></a></p></div>'
            for style in REFERENCE_STYLES
            for length in range(1, MAX_DIGITS + 1)
        ),
        watermark=watermark_url(watermark) if watermark else "",
        watermark_sheet='<div class="sheet watermark"></div>' if watermark else "",
    )


class KitError(Exception):
    """The kit's numbers are not set as this module expects."""


# A form's own keys, besides those of its stream data.
_STREAM_KEYS = {"/Length", "/Filter", "/DecodeParms"}
# Marked as artifacts (PDF 14.8.2.2): skipped by screen readers and kept out of the structure.
_HEADER = b"/Artifact <</Type /Pagination /Subtype /Header>> BDC q /ReportTitle Do Q EMC\n"
_FOOTER = b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q /ReportNumber Do Q EMC\n"
_WATERMARK = (
    b"/Artifact <</Type /Pagination /Subtype /Watermark>> BDC q /ReportWatermark Do Q EMC\n"
)


def _shown_text(operations) -> list[int]:
    """The indexes of the text-showing operations (TJ) of a content stream."""
    return [
        index
        for index, (_operands, operator) in enumerate(operations)
        if operator == Operator("TJ")
    ]


def _glyph_codes(operation) -> list[bytes]:
    """The character codes a TJ shows, two bytes each (WeasyPrint's fonts are Identity-H)."""
    (array,), _operator = operation
    shown = b"".join(bytes(item) for item in array if isinstance(item, pikepdf.String))
    adjusted = [item for item in array if not isinstance(item, pikepdf.String) and item != 0]
    if adjusted or len(shown) % 2:
        raise KitError("The kit's page numbers are not set as plain two-byte glyph codes.")
    return [shown[index : index + 2] for index in range(0, len(shown), 2)]


class Furniture:
    """The kit's forms in `pdf` (the merged document), and each page's furniture drawn from
    them."""

    def __init__(self, pdf: pikepdf.Pdf, kit: pikepdf.Pdf):
        self.pdf = pdf
        # Streams every page shares: its own content wrapped in q/Q, and the furniture drawn.
        self.save = pdf.make_stream(b"q\n")
        self.restore = pdf.make_stream(b"Q\n")
        self.draw_watermark = pdf.make_stream(_WATERMARK)
        self.draw_title_and_number = pdf.make_stream(_HEADER + _FOOTER)
        pages = kit.pages
        self.title = pdf.copy_foreign(pages[TITLE_PAGE].as_form_xobject())
        self.watermark = (
            pdf.copy_foreign(pages[WATERMARK_PAGE].as_form_xobject())
            if len(pages) > WATERMARK_PAGE
            else None
        )
        operations = self._operations(pages[DIGITS_PAGE])
        (shown,) = _shown_text(operations)
        digits = _glyph_codes(operations[shown])
        if len(digits) != len(DIGITS):
            raise KitError("The kit's digits are not one glyph each.")
        self.codes = dict(zip(DIGITS, digits, strict=True))
        self.numbers = self.number_templates(
            [pages[_number_page(length)] for length in range(1, MAX_DIGITS + 1)]
        )

    @staticmethod
    def _operations(page: pikepdf.Page) -> list:
        return [
            (list(operands), operator) for operands, operator in pikepdf.parse_content_stream(page)
        ]

    def _number_template(self, page: pikepdf.Page, length: int):
        """The kit's number of `length` digits as a form with its content stream parsed: the
        operations, and the index of the one showing the digits."""
        operations = self._operations(page)
        (shown,) = _shown_text(operations)
        if len(_glyph_codes(operations[shown])) != length:
            raise KitError(f"The kit's {length}-digit number is not {length} glyphs.")
        form = self.pdf.copy_foreign(page.as_form_xobject())
        keys = {key: value for key, value in form.items() if key not in _STREAM_KEYS}
        return keys, operations, shown

    def number_templates(self, pages: list[pikepdf.Page]) -> dict:
        """The kit's `pages` showing a number of 1, 2, ... digits, as templates for number()."""
        return {
            length: self._number_template(page, length)
            for length, page in enumerate(pages, start=1)
        }

    def number(self, number: int, templates: dict | None = None) -> pikepdf.Object:
        """A form drawing `number` where the kit draws its numbers, or those of `templates`
        (number_templates)."""
        text = str(number)
        if len(text) > MAX_DIGITS:
            raise KitError(
                f"A report of more than {10**MAX_DIGITS - 1:,} pages cannot be numbered."
            )
        keys, operations, shown = (templates or self.numbers)[len(text)]
        operations = list(operations)
        glyphs = b"".join(self.codes[digit] for digit in text)
        operations[shown] = ([Array([pikepdf.String(glyphs)])], Operator("TJ"))
        return self.pdf.make_stream(pikepdf.unparse_content_stream(operations), Dictionary(keys))

    def draw(self, page: pikepdf.Page, number: int) -> None:
        """The furniture of page `number` (the first is the cover: watermark only), drawn over
        the page's own content, which is wrapped in q/Q so that its graphics state cannot move
        the furniture; the watermark is drawn under it, as a page background would be."""
        xobjects = {}
        before, after = [], []
        if self.watermark is not None:
            xobjects[Name("/ReportWatermark")] = self.watermark
            before.append(self.draw_watermark)
        if number > 1:
            xobjects[Name("/ReportTitle")] = self.title
            xobjects[Name("/ReportNumber")] = self.number(number)
            after.append(self.draw_title_and_number)
        if not xobjects:
            return
        resources = Dictionary(dict(page.obj.Resources.items()))
        own_xobjects = Dictionary(dict(resources.get("/XObject", Dictionary()).items()))
        for name, form in xobjects.items():
            own_xobjects[name] = form
        resources.XObject = own_xobjects
        page.obj.Resources = resources
        contents = page.obj.Contents
        own = list(contents) if isinstance(contents, Array) else [contents]
        page.obj.Contents = Array([*before, self.save, *own, self.restore, *after])
