"""The value of one cell: text, a list of items, a choice, a date or an amount, as people write
them in Nordic spreadsheets."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl.utils.datetime import from_excel

from tracker.exports import restored

NORDIC_DATE_PATTERN = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
# Nordic spreadsheets group thousands with (narrow) non-breaking spaces.
DIGIT_GROUPING = re.compile(r"[\s\u00a0\u202f']")


class CellProblem(Exception):
    """One cell's value cannot be used."""


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    # The export writes an apostrophe before each part of a text a spreadsheet would run as a
    # formula; restored takes exactly those off.
    return restored(str(value).strip())


def cell_items(value) -> list[str]:
    """The items of a list cell, separated by semicolons or commas, without repeats."""
    items = [item.strip() for item in re.split(r"[;,]", cell_text(value))]
    return list(dict.fromkeys(item for item in items if item))


def choices_by_name(choices) -> dict[str, str]:
    """Code by code and by English label, both lower case."""
    with override("en"):
        by_label = {str(label).lower(): value for value, label in choices.choices}
    return {**by_label, **{value: value for value in choices.values}}


def cell_date(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    # An Excel serial date: day 1 is 1900-01-01; below that, openpyxl reads a time of day.
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return from_excel(value).date()
    text = cell_text(value)
    with_day_first = NORDIC_DATE_PATTERN.match(text)
    try:
        if with_day_first:
            day, month, year = map(int, with_day_first.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(re.split(r"[T ]", text)[0])
    except ValueError as error:
        raise CellProblem(
            _("%(value)s is not a date; write dates as 2024-03-31.") % {"value": text}
        ) from error


def cell_amount(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = DIGIT_GROUPING.sub("", cell_text(value))
        if "," in text and "." in text:
            # The last separator is the decimal one: 1.234,50 or 1,234.50.
            decimal_mark = "," if text.rindex(",") > text.rindex(".") else "."
            text = text.replace("." if decimal_mark == "," else ",", "")
        text = text.replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation as error:
            raise CellProblem(
                _("%(value)s is not a number.") % {"value": cell_text(value)}
            ) from error
    if not amount.is_finite():
        raise CellProblem(_("%(value)s is not a number.") % {"value": cell_text(value)})
    if amount < 0:
        raise CellProblem(_("The budget cannot be negative."))
    return amount
