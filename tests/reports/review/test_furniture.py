"""The running title, page numbers and watermark drawn from the kit
(reports/review/document/furniture.py) read as typeset text, for numbers of every length, including
those of reports far longer than the test data's."""

import io

import pikepdf
import pypdf
import pytest

from reports.review.document.furniture import Furniture, KitError, kit_html
from reports.review.document.render import _stylesheets
from reports.review.document.typeset import typeset

TITLE = "Nationell granskning 2025-2026, Göteborg och Malmö"


def _kit(watermark: str | None) -> pikepdf.Pdf:
    html = kit_html(language="sv", running_title=TITLE, watermark=watermark)
    return pikepdf.Pdf.open(io.BytesIO(typeset(html, stylesheets=_stylesheets(), variant=None).pdf))


def _drawn(numbers: list[int], *, watermark: str | None = None) -> pypdf.PdfReader:
    pdf = pikepdf.Pdf.new()
    furniture = Furniture(pdf, _kit(watermark))
    for number in numbers:
        page = pikepdf.Page(pdf.add_blank_page(page_size=(595.28, 841.89)))
        page.obj.Resources = pikepdf.Dictionary()
        page.obj.Contents = pdf.make_stream(b"")
        furniture.draw(page, number)
    output = io.BytesIO()
    pdf.save(output)
    return pypdf.PdfReader(output)


def test_it_numbers_pages_of_every_length_under_the_running_title():
    numbers = [2, 9, 10, 42, 100, 1234, 4557, 10888, 99999]
    pages = _drawn(numbers).pages
    assert [page.extract_text().splitlines() for page in pages] == [
        [TITLE, str(number)] for number in numbers
    ]


def test_the_cover_has_neither_title_nor_number():
    (cover,) = _drawn([1]).pages
    assert cover.extract_text() == ""


def test_a_draft_has_the_watermark_on_every_page_the_cover_included():
    cover, page = _drawn([1, 2], watermark="UTKAST").pages
    assert "UTKAST" in cover.extract_text()
    assert page.extract_text().splitlines()[-2:] == [TITLE, "2"]
    assert "UTKAST" in page.extract_text()


def test_a_page_beyond_the_kits_digits_is_refused_by_name():
    furniture = Furniture(pikepdf.Pdf.new(), _kit(None))
    with pytest.raises(KitError, match="99,999 pages"):
        furniture.number(100_000)
