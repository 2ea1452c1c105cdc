"""Numbers and labels as the charts print them.

The SVG is laid out on the server, so label widths are estimated here from DejaVu Sans, the
first font the charts ask for (installed for both Chromium and WeasyPrint); Noto Sans, the
fallback, is about a tenth narrower, so a label that fits here also fits there.
"""

import unicodedata
from decimal import Decimal

from django.utils.formats import number_format

ELLIPSIS = "…"

# Advance widths of DejaVu Sans in hundredths of an em, for the characters " " to "~".
_ASCII_WIDTHS = (
    32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53,
    100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79,
    60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50,
    50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61,
    63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
)  # fmt: skip
_WIDE_LIGATURES = frozenset("æÆœŒ")


def _char_width(char: str) -> int:
    code = ord(char)
    if 32 <= code <= 126:
        return _ASCII_WIDTHS[code - 32]
    if char == ELLIPSIS or char in _WIDE_LIGATURES:
        return 100
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 100
    # Accented letters (å, ö, é) are as wide as their base letter; the no-break space that
    # Swedish and Norwegian group digits with is as wide as a space.
    base = unicodedata.normalize("NFKD", char)[:1]
    if base and 32 <= ord(base) <= 126:
        return _ASCII_WIDTHS[ord(base) - 32]
    return 64


def text_width(text: str, font_size: float) -> float:
    """The width of the text in pixels at this font size."""
    return sum(_char_width(char) for char in text) * font_size / 100


def fit(text: str, max_width: float, font_size: float) -> str:
    """The text on one line, cut with an ellipsis if it is wider than max_width."""
    text = " ".join(text.split())
    if text_width(text, font_size) <= max_width:
        return text
    room = max_width * 100 / font_size - _char_width(ELLIPSIS)
    kept = 0
    for char in text:
        room -= _char_width(char)
        if room < 0:
            break
        kept += 1
    return text[:kept].rstrip() + ELLIPSIS


def is_integral(value: int | float | Decimal) -> bool:
    return float(value).is_integer()


def format_number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """The value in the active language's notation: integers without decimals, other values
    with one (or with `decimals`), digits grouped as the language groups them."""
    if decimals is None:
        decimals = 0 if is_integral(value) else 1
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
