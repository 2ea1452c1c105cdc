"""The drop-down lists of the import template (Excel data validation): each coded column offers
the codes its section of the Help sheet lists, and says what to write when the cell is chosen.

Each column declares its list and how strictly it holds the cell (import_columns.py). A column
that takes one value (language, kind, status, a pledge's type, an update's measure and cycle)
refuses anything else; a column that takes several codes separated by semicolons (target
groups, stakeholders, guiding principles) offers them one at a time and only informs when a
cell holds more; the currency column offers the usual currencies and warns about others, which
any ISO 4217 code may be; the objectives and actions, too many for a list, say where their
codes are.
"""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from tracker.exports.import_columns import ANY
from tracker.exports.template_sections import section_titles

# Excel's limits: the input message's title and text.
TITLE_LENGTH, MESSAGE_LENGTH = 32, 255


def _messages(error_type: str) -> tuple[str, str]:
    """What the cell says when chosen, and when it holds a value not in the list."""
    if error_type == "stop":
        return (
            _("Choose one code from the list (see the Help sheet)."),
            _("Choose one of the codes the list offers; the Help sheet says what each means."),
        )
    if error_type == "warning":
        return (
            _("Choose a currency, or type another ISO 4217 code."),
            _("Not one of the usual currencies: keep it if it is an ISO 4217 code."),
        )
    return (
        _("Choose a code; for several, type them separated by semicolons (see the Help sheet)."),
        _("Several codes go in one cell, separated by semicolons; each must be in the list."),
    )


def section_ranges(rows: Sequence[tuple], *, first_row: int) -> dict[str, tuple[int, int]]:
    """The Excel rows (first, last) of each section's codes in the Help sheet's `rows`, where
    a section is a row holding only its title followed by code rows, up to an empty row;
    `first_row` is the Excel row of rows[0]."""
    ranges, title = {}, None
    for index, row in enumerate(rows):
        if len(row) == 1:
            title = str(row[0])
            ranges[title] = (first_row + index + 1, first_row + index)
        elif not row:
            title = None
        elif title is not None:
            ranges[title] = (ranges[title][0], first_row + index)
    return ranges


def template_validations(columns, help_title: str, ranges: dict) -> list[tuple[int, dict]]:
    """(column index, XlsxWriter data_validation options) of each coded column of `columns`
    (tracker/exports/import_columns.py), its list read from the Help sheet's section."""
    titles = section_titles()
    validations = []
    for index, column in enumerate(columns):
        if not column.drop_down or column.section not in titles:
            continue
        section = str(titles[column.section])
        if column.drop_down == ANY:
            validations.append((index, _pointer(column.name, section)))
            continue
        first, last = ranges.get(section, (0, -1))
        if last < first:
            continue
        message, error = _messages(column.drop_down)
        validations.append(
            (
                index,
                {
                    "validate": "list",
                    "source": f"='{help_title}'!$A${first}:$A${last}",
                    "input_title": column.name[:TITLE_LENGTH],
                    "input_message": message[:MESSAGE_LENGTH],
                    "error_type": column.drop_down,
                    "error_title": column.name[:TITLE_LENGTH],
                    "error_message": error[:MESSAGE_LENGTH],
                },
            )
        )
    return validations


def _pointer(name: str, section: str) -> dict:
    """No list (the codes are many, or a cell holds several), but where to find them."""
    message = _(
        "Codes separated by semicolons: see “%(section)s” in the Help sheet for "
        "each code and its title."
    ) % {"section": section}
    return {
        "validate": "any",
        "input_title": name[:TITLE_LENGTH],
        "input_message": message[:MESSAGE_LENGTH],
    }
