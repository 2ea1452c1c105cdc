"""Spreadsheets of measures and pledges, as CSV or XLSX.

The measure sheet has the import template's columns (tracker/imports/) plus read-only ones
(id, workflow state, last updated) that the import ignores, so an exported sheet can be edited
and imported again as new measures. Values are codes, not translated labels, so a sheet reads
the same in every interface language and imports back whatever the language.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from compact.languages import LANGUAGE_CODES, LANGUAGE_NAMES, normalize_language
from compact.models import Action, GuidingPrinciple, Objective
from tracker.models import (
    Measure,
    MeasureKind,
    MeasureStatus,
    Organisation,
    Pledge,
    Stakeholder,
    TargetGroup,
)

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE_FORMATS = ("csv", "xlsx")

# The columns an officer fills in, in the order of the import template.
MEASURE_COLUMNS = (
    "title",
    "title_en",
    "description",
    "description_en",
    "language",
    "lead_organisation",
    "partner_organisations",
    "objectives",
    "actions",
    "guiding_principles",
    "kind",
    "status",
    "start_date",
    "end_date",
    "budget_amount",
    "budget_currency",
    "target_groups",
    "stakeholders",
)
# Written by the export, ignored by the import.
MEASURE_READ_ONLY_COLUMNS = ("id", "workflow_state", "last_updated")
MEASURE_EXPORT_COLUMNS = ("id", *MEASURE_COLUMNS, "workflow_state", "last_updated")

PLEDGE_EXPORT_COLUMNS = (
    "id",
    "text",
    "language",
    "text_en",
    "lead_organisation",
    "co_pledging_organisations",
    "pledge_type",
    "objectives",
    "made_on",
    "occasion",
    "network_reference",
    "status",
    "status_narrative",
    "status_updated_on",
    "workflow_state",
    "last_updated",
)

LIST_SEPARATOR = "; "
# A cell starting with one of these is run as a formula by spreadsheet programs; the CSV export
# prefixes it with an apostrophe (which the import removes) so that a title cannot run code on
# the reader's computer.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Sheet:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence] = ()
    widths: dict[str, int] = field(default_factory=dict)


def _codes(items) -> str:
    return LIST_SEPARATOR.join(item.code for item in items)


def _numbers(objectives) -> str:
    return LIST_SEPARATOR.join(str(objective.number) for objective in objectives)


def action_code(action) -> str:
    """An action as the sheets write it: objective number and letter, such as 5c."""
    return f"{action.objective.number}{action.letter}"


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    # Excel has no time zones: write the time as the product's users read it.
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def measure_row(measure: Measure) -> tuple:
    return (
        measure.pk,
        measure.title,
        measure.title_en,
        measure.description,
        measure.description_en,
        measure.language,
        measure.lead_organisation.code,
        _codes(measure.partner_organisations.all()),
        _numbers(measure.objectives.all()),
        LIST_SEPARATOR.join(action_code(action) for action in measure.actions.all()),
        _codes(measure.guiding_principles.all()),
        measure.kind,
        measure.status,
        measure.start_date,
        measure.end_date,
        measure.budget_amount,
        measure.budget_currency,
        LIST_SEPARATOR.join(measure.target_groups),
        LIST_SEPARATOR.join(measure.stakeholders),
        measure.workflow_state,
        _local(measure.updated_at),
    )


def pledge_row(pledge: Pledge) -> tuple:
    return (
        pledge.pk,
        pledge.text,
        pledge.language,
        pledge.text_en,
        pledge.lead_organisation.code,
        _codes(pledge.co_pledging_organisations.all()),
        pledge.pledge_type,
        _numbers(pledge.objectives.all()),
        pledge.made_on,
        pledge.occasion,
        pledge.network_reference,
        pledge.status,
        pledge.status_narrative,
        pledge.status_updated_on,
        pledge.workflow_state,
        _local(pledge.updated_at),
    )


def measures_export(queryset: QuerySet[Measure], file_format: str) -> HttpResponse:
    """The measures of `queryset` (already filtered and scoped to the user) as a spreadsheet."""
    # Plain lookups: they reuse the selectors' prefetches where the queryset has them.
    queryset = queryset.select_related("lead_organisation").prefetch_related(
        "partner_organisations", "objectives", "actions__objective", "guiding_principles"
    )
    sheet = Sheet(
        "Measures",
        MEASURE_EXPORT_COLUMNS,
        (measure_row(measure) for measure in queryset),
        widths={"title": 50, "title_en": 50, "description": 60, "description_en": 60},
    )
    return spreadsheet_response("measures", [sheet], file_format)


def pledges_export(queryset: QuerySet[Pledge], file_format: str) -> HttpResponse:
    """The pledges of `queryset` (already filtered and scoped to the user) as a spreadsheet."""
    queryset = queryset.select_related("lead_organisation").prefetch_related(
        "co_pledging_organisations", "objectives"
    )
    sheet = Sheet(
        "Pledges",
        PLEDGE_EXPORT_COLUMNS,
        (pledge_row(pledge) for pledge in queryset),
        widths={"text": 60, "text_en": 60, "status_narrative": 60},
    )
    return spreadsheet_response("pledges", [sheet], file_format)


def spreadsheet_response(name: str, sheets: list[Sheet], file_format: str) -> HttpResponse:
    """A download named `name` and today's date. A CSV file holds only the first sheet."""
    if file_format not in FILE_FORMATS:
        raise ValueError(f"Unknown spreadsheet format {file_format!r}; use csv or xlsx.")
    if file_format == "csv":
        content, content_type = _csv(sheets[0]), CSV_CONTENT_TYPE
    else:
        content, content_type = _xlsx(sheets), XLSX_CONTENT_TYPE
    filename = f"{name}-{timezone.localdate().isoformat()}.{file_format}"
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return str(value)


def _csv(sheet: Sheet) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow([_csv_value(value) for value in row])
    # The byte order mark makes Excel read the file as UTF-8 (å, ä, ö, ø, æ).
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_cell(worksheet, value):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            # openpyxl would store it as a formula; it is text.
            cell = WriteOnlyCell(worksheet, value=value)
            cell.data_type = "s"
            return cell
        return value or None
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(worksheet, value=value)
        cell.number_format = "#,##0.00"
        return cell
    return value


def _xlsx(sheets: list[Sheet]) -> bytes:
    # Write-only: rows go to the file as they come instead of piling up as cell objects.
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(title=sheet.title)
        for index, name in enumerate(sheet.header, start=1):
            worksheet.column_dimensions[get_column_letter(index)].width = sheet.widths.get(
                name, max(12, len(name) + 2)
            )
        worksheet.freeze_panes = "A2"
        header = []
        for name in sheet.header:
            cell = WriteOnlyCell(worksheet, value=name)
            cell.font = bold
            header.append(cell)
        worksheet.append(header)
        for row in sheet.rows:
            worksheet.append([_xlsx_cell(worksheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The import template


def _column_help() -> dict[str, tuple[bool, str]]:
    """Per column of the template: whether it is required and what to write in it."""
    return {
        "title": (True, _("The measure's title, in the language of the language column.")),
        "title_en": (False, _("The title in English, for reports to the UN.")),
        "description": (True, _("What the measure is and does.")),
        "description_en": (False, _("The description in English.")),
        "language": (True, _("The language of title and description: en, sv, nb or da.")),
        "lead_organisation": (
            False,
            _("Your organisation's code; leave empty, as you can import only your own measures."),
        ),
        "partner_organisations": (
            False,
            _("Codes of partner organisations, separated by semicolons (see Organisations)."),
        ),
        "objectives": (True, _("Objective numbers (1 to 23), separated by semicolons.")),
        "actions": (
            False,
            _("Actions as objective number and letter, such as 5c, of the chosen objectives."),
        ),
        "guiding_principles": (False, _("Codes of guiding principles, separated by semicolons.")),
        "kind": (True, _("One kind of measure, as code or English name (see Kinds).")),
        "status": (True, _("One status, as code or English name (see Statuses).")),
        "start_date": (False, _("A date, such as 2024-03-31.")),
        "end_date": (False, _("A date, not before the start date.")),
        "budget_amount": (False, _("A number, not negative; a comma or a point before decimals.")),
        "budget_currency": (
            False,
            _("ISO 4217 currency code, such as SEK, NOK, DKK or EUR; required with a budget."),
        ),
        "target_groups": (False, _("Codes of target groups, separated by semicolons.")),
        "stakeholders": (False, _("Codes of stakeholders involved, separated by semicolons.")),
    }


# A measure that imports as it stands: officers copy it and change it.
TEMPLATE_EXAMPLE = {
    "title": "Språkstöd på arbetsplatsen för nyanlända",
    "title_en": "Language support at the workplace for newly arrived migrants",
    "description": (
        "Kommunerna får bidrag för att erbjuda svenskundervisning på arbetstid i samarbete "
        "med arbetsgivare och fackliga organisationer."
    ),
    "description_en": (
        "Municipalities receive grants to offer Swedish lessons during working hours together "
        "with employers and trade unions."
    ),
    "language": "sv",
    "lead_organisation": "",
    "partner_organisations": "",
    "objectives": "16; 18",
    "actions": "16b; 18h",
    "guiding_principles": "whole_of_society; gender_responsive",
    "kind": MeasureKind.PROGRAMME.value,
    "status": MeasureStatus.ONGOING.value,
    "start_date": "2025-01-01",
    "end_date": "2027-12-31",
    "budget_amount": "2500000",
    "budget_currency": "SEK",
    "target_groups": "migrant_workers; women",
    "stakeholders": "local_government; trade_unions",
}


def _help_rows():
    language = normalize_language(get_language())
    yes, no = _("yes"), _("no")
    for column, (required, text) in _column_help().items():
        yield (column, yes if required else no, text, TEMPLATE_EXAMPLE[column])

    # Codes in the first column, what they mean in the wide third one.
    def section(title, rows):
        yield ()
        yield (title,)
        for code, meaning in rows:
            yield (code, "", meaning)

    def named(choices):
        return ((value, str(label)) for value, label in choices.choices)

    def text(instance, name):
        localized = instance.localized(name, language)
        return localized.text if localized else ""

    yield from section(
        _("Objectives"),
        ((o.number, text(o, "title")) for o in Objective.objects.all()),
    )
    yield from section(
        _("Actions"),
        ((action_code(a), text(a, "text")) for a in Action.objects.select_related("objective")),
    )
    yield from section(
        _("Languages"), ((code, str(LANGUAGE_NAMES[code])) for code in LANGUAGE_CODES)
    )
    yield from section(_("Kinds"), named(MeasureKind))
    yield from section(_("Statuses"), named(MeasureStatus))
    yield from section(_("Target groups"), named(TargetGroup))
    yield from section(_("Stakeholders"), named(Stakeholder))
    yield from section(
        _("Guiding principles"),
        ((p.code, text(p, "name")) for p in GuidingPrinciple.objects.all()),
    )
    yield from section(
        _("Organisations"),
        ((o.code, o.name(language)) for o in Organisation.objects.all()),
    )


def measures_import_template(file_format: str) -> HttpResponse:
    """The sheet officers fill in: the header row, and in XLSX a Help sheet with each column,
    the allowed values and an example row; in CSV the example row itself."""
    if file_format == "csv":
        example = [TEMPLATE_EXAMPLE[column] for column in MEASURE_COLUMNS]
        sheets = [Sheet("Measures", MEASURE_COLUMNS, [example])]
    else:
        sheets = [
            Sheet("Measures", MEASURE_COLUMNS, widths={"title": 50, "description": 60}),
            Sheet(
                "Help",
                (_("column"), _("required"), _("what to write"), _("example")),
                _help_rows(),
                widths={_("column"): 24, _("what to write"): 90, _("example"): 50},
            ),
        ]
    return spreadsheet_response("measures-import-template", sheets, file_format)
