"""The sheets officers fill in to import measures, pledges or progress updates: the header
row, and in XLSX a Help sheet with each column, the allowed values and an example row, and
drop-down lists of the coded columns (template_lists.py); in CSV the example row itself. The
columns are declared in import_columns.py, the Help sheet's code lists in
template_sections.py."""

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from tracker.exports.files import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Sheet,
    attachment,
    check_format,
    csv_bytes,
    write_xlsx,
)
from tracker.exports.import_columns import IMPORT_COLUMNS, names
from tracker.exports.template_lists import section_ranges, template_validations
from tracker.exports.template_sections import help_sections
from tracker.selectors.entries import cycle_current, measure_list

# The entry sheet's name, in English as the exports' sheets are.
SHEET_NAMES = {"measures": "Measures", "pledges": "Pledges", "updates": "Progress updates"}
WIDTHS = {"title": 50, "description": 60, "text": 60, "narrative": 60}


def _examples(kind: str, columns, *, actor) -> dict[str, object]:
    """Each column's example; a progress update's names the officer's first measure and the
    current cycle, so that the example row imports as it stands."""
    examples = {column.name: column.example for column in columns}
    if kind == "updates":
        measure = measure_list(user=actor).prefetch_related(None)
        measure = measure.filter(lead_organisation_id=actor.organisation_id).order_by("pk")
        first, cycle = measure.first(), cycle_current()
        examples["measure"] = first.pk if first else ""
        examples["cycle"] = cycle.slug if cycle else ""
    return examples


def _help_rows(columns, examples: dict, *, actor):
    yes, no = _("yes"), _("no")
    for column in columns:
        required = yes if column.required else no
        yield (column.name, required, str(column.help), examples[column.name])
    yield from help_sections(columns, actor=actor)


def import_template(kind: str, file_format: str, *, actor) -> HttpResponse:
    """The template of `kind` (measures, pledges or updates) as a download: a few rows, so an
    ordinary response."""
    check_format(file_format)
    columns = IMPORT_COLUMNS[kind]
    header = names(columns)
    examples = _examples(kind, columns, actor=actor)
    if file_format == "csv":
        example = [examples[name] for name in header]
        content = csv_bytes(Sheet(SHEET_NAMES[kind], header, [example]))
        response = HttpResponse(content, content_type=CSV_CONTENT_TYPE)
    else:
        help_rows = list(_help_rows(columns, examples, actor=actor))
        ranges = section_ranges(help_rows, first_row=2)
        sheets = [
            Sheet(
                SHEET_NAMES[kind],
                header,
                widths={name: WIDTHS[name] for name in header if name in WIDTHS},
                validations=template_validations(columns, "Help", ranges),
            ),
            Sheet(
                "Help",
                (_("column"), _("required"), _("what to write"), _("example")),
                help_rows,
                widths={_("column"): 24, _("what to write"): 90, _("example"): 50},
            ),
        ]
        buffer = io.BytesIO()
        write_xlsx(sheets, buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    return attachment(response, f"{kind}-import-template", file_format)
