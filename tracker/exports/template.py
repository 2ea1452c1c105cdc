"""The sheet officers fill in to import measures: the header row, and in XLSX a Help sheet
with each column, the allowed values and an example row, and drop-down lists of the coded
columns (template_lists.py); in CSV the example row itself."""

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from compact.common.language import reader_language
from compact.languages import LANGUAGE_CODES, LANGUAGE_NAMES
from compact.models import Action, GuidingPrinciple, Objective, PactItem
from tracker.exports.columns import MEASURE_COLUMNS
from tracker.exports.files import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    Sheet,
    attachment,
    check_format,
    csv_bytes,
    write_xlsx,
)
from tracker.exports.template_lists import CURRENCIES, section_ranges, template_validations
from tracker.models import MeasureKind, MeasureStatus, Organisation, Stakeholder, TargetGroup


def action_code(action) -> str:
    """An action as the sheets write it: objective number and letter, such as 5c."""
    return f"{action.objective.number}{action.letter}"


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
        "pact_items": (
            False,
            _(
                "Codes of the EU Pact items the measure serves, such as III.2 or ACT-04, "
                "separated by semicolons (see EU Pact)."
            ),
        ),
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
    "pact_items": "",
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
    language = reader_language()
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
    yield from section(_("Currencies"), ((code, _("Usual currency")) for code in CURRENCIES))
    yield from section(_("Kinds"), named(MeasureKind))
    yield from section(_("Statuses"), named(MeasureStatus))
    yield from section(_("Target groups"), named(TargetGroup))
    yield from section(_("Stakeholders"), named(Stakeholder))
    yield from section(
        _("Guiding principles"),
        ((p.code, text(p, "name")) for p in GuidingPrinciple.objects.all()),
    )
    yield from section(
        _("EU Pact"),
        ((item.code, text(item, "title")) for item in PactItem.objects.all()),
    )
    yield from section(
        _("Organisations"),
        ((o.code, o.name(language)) for o in Organisation.objects.all()),
    )


def measures_import_template(file_format: str) -> HttpResponse:
    """The template as a download: a few rows, so an ordinary response."""
    check_format(file_format)
    if file_format == "csv":
        example = [TEMPLATE_EXAMPLE[column] for column in MEASURE_COLUMNS]
        content = csv_bytes(Sheet("Measures", MEASURE_COLUMNS, [example]))
        response = HttpResponse(content, content_type=CSV_CONTENT_TYPE)
    else:
        help_rows = list(_help_rows())
        ranges = section_ranges(help_rows, first_row=2)
        sheets = [
            Sheet(
                "Measures",
                MEASURE_COLUMNS,
                widths={"title": 50, "description": 60},
                validations=template_validations("Help", ranges),
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
    return attachment(response, "measures-import-template", file_format)
