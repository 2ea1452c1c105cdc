"""The columns officers fill in to import measures, pledges and progress updates: one line per
column, in the order of the import template.

Each column says whether it is required, what to write in it (the template's Help sheet), an
example value (a row that imports as it stands), the Help sheet's section that lists its codes
and whether the template offers them as a drop-down list, and the cell reader of
tracker/imports/ that reads it (by default the reader named as the column). Adding a column to
an import is one line here, when the reader exists and the service takes the field.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# How a drop-down list holds a cell to its codes (XlsxWriter's error types): "stop" refuses
# anything else, "warning" warns, "information" only informs (a cell of several codes);
# "any" offers no list but says where the codes are.
STOP, WARNING, INFORMATION, ANY = "stop", "warning", "information", "any"


@dataclass(frozen=True)
class ImportColumn:
    name: str
    help: Promise
    required: bool = False
    example: str = ""
    # The Help sheet's section of this column's codes (tracker/exports/template_sections.py).
    section: str = ""
    drop_down: str = ""
    reader: str = ""

    @property
    def reads_with(self) -> str:
        return self.reader or self.name


def names(columns: tuple[ImportColumn, ...]) -> tuple[str, ...]:
    return tuple(column.name for column in columns)


def required(columns: tuple[ImportColumn, ...]) -> tuple[str, ...]:
    return tuple(column.name for column in columns if column.required)


SEVERAL_ORGANISATIONS = _(
    "Codes of partner organisations, separated by semicolons (see Organisations)."
)
OWN_ORGANISATION = _(
    "Your organisation's code; leave empty, as you can import only your own measures."
)
OBJECTIVES = _("Objective numbers (1 to 23), separated by semicolons.")
LANGUAGE = _("The language of title and description: en, sv, nb or da.")

MEASURE_IMPORT = (
    ImportColumn(
        "title",
        _("The measure's title, in the language of the language column."),
        True,
        "Språkstöd på arbetsplatsen för nyanlända",
    ),
    ImportColumn(
        "title_en",
        _("The title in English, for reports to the UN."),
        example="Language support at the workplace for newly arrived migrants",
    ),
    ImportColumn(
        "description",
        _("What the measure is and does."),
        True,
        "Kommunerna får bidrag för att erbjuda svenskundervisning på arbetstid i samarbete "
        "med arbetsgivare och fackliga organisationer.",
    ),
    ImportColumn(
        "description_en",
        _("The description in English."),
        example="Municipalities receive grants to offer Swedish lessons during working hours "
        "together with employers and trade unions.",
    ),
    ImportColumn("language", LANGUAGE, True, "sv", "languages", STOP),
    ImportColumn("lead_organisation", OWN_ORGANISATION, section="organisations"),
    ImportColumn("partner_organisations", SEVERAL_ORGANISATIONS, section="organisations"),
    ImportColumn("objectives", OBJECTIVES, True, "16; 18", "objectives", ANY),
    ImportColumn(
        "actions",
        _("Actions as objective number and letter, such as 5c, of the chosen objectives."),
        example="16b; 18h",
        section="actions",
        drop_down=ANY,
    ),
    ImportColumn(
        "guiding_principles",
        _("Codes of guiding principles, separated by semicolons."),
        example="whole_of_society; gender_responsive",
        section="guiding_principles",
        drop_down=INFORMATION,
    ),
    ImportColumn(
        "pact_items",
        _(
            "Codes of the EU Pact items the measure serves, such as III.2 or ACT-04, "
            "separated by semicolons (see EU Pact)."
        ),
        section="pact",
    ),
    ImportColumn(
        "kind",
        _("One kind of measure, as code or English name (see Kinds)."),
        True,
        "programme",
        "kinds",
        STOP,
    ),
    ImportColumn(
        "status",
        _("One status, as code or English name (see Statuses)."),
        True,
        "ongoing",
        "statuses",
        STOP,
    ),
    ImportColumn("start_date", _("A date, such as 2024-03-31."), example="2025-01-01"),
    ImportColumn("end_date", _("A date, not before the start date."), example="2027-12-31"),
    ImportColumn(
        "budget_amount",
        _("A number, not negative; a comma or a point before decimals."),
        example="2500000",
    ),
    ImportColumn(
        "budget_currency",
        _("ISO 4217 currency code, such as SEK, NOK, DKK or EUR; required with a budget."),
        example="SEK",
        section="currencies",
        drop_down=WARNING,
    ),
    ImportColumn(
        "target_groups",
        _("Codes of target groups, separated by semicolons."),
        example="migrant_workers; women",
        section="target_groups",
        drop_down=INFORMATION,
    ),
    ImportColumn(
        "stakeholders",
        _("Codes of stakeholders involved, separated by semicolons."),
        example="local_government; trade_unions",
        section="stakeholders",
        drop_down=INFORMATION,
    ),
)

# As the pledge form asks them; the export's pledge sheet imports back.
PLEDGE_IMPORT = (
    ImportColumn(
        "text",
        _("The pledge as made, in the language of the language column."),
        True,
        "Sverige åtar sig att korta väntetiden för validering av utländska examina.",
    ),
    ImportColumn(
        "language",
        _("The language of the pledge: en, sv, nb or da."),
        True,
        "sv",
        "languages",
        STOP,
    ),
    ImportColumn(
        "text_en",
        _("The pledge in English."),
        example="Sweden pledges to shorten the wait for the recognition of foreign degrees.",
    ),
    ImportColumn(
        "lead_organisation",
        _("Your organisation's code; leave empty, as you can import only your own pledges."),
        section="organisations",
    ),
    ImportColumn(
        "co_pledging_organisations",
        _("Codes of co-pledging organisations, separated by semicolons (see Organisations)."),
        section="organisations",
        reader="partner_organisations",
    ),
    ImportColumn(
        "pledge_type",
        _("One type of pledge, as code or English name (see Pledge types)."),
        True,
        "process_oriented",
        "pledge_types",
        STOP,
    ),
    ImportColumn("objectives", OBJECTIVES, True, "18", "objectives", ANY),
    ImportColumn(
        "pact_items",
        _(
            "Codes of the EU Pact items the pledge serves, such as III.2 or ACT-04, "
            "separated by semicolons (see EU Pact)."
        ),
        section="pact",
    ),
    ImportColumn(
        "made_on", _("The date the pledge was made, such as 2022-05-20."), True, "2022-05-20"
    ),
    ImportColumn(
        "occasion", _("Where the pledge was made, for example IMRF 2022."), True, "IMRF 2022"
    ),
    ImportColumn(
        "network_reference", _("The pledge's reference with the UN Network on Migration.")
    ),
    ImportColumn(
        "status",
        _("One status of the pledge, as code or English name (see Pledge statuses)."),
        True,
        "in_progress",
        "pledge_statuses",
        STOP,
    ),
    ImportColumn(
        "status_narrative",
        _("How far the pledge has come."),
        example="Valideringen tar nu tolv veckor i stället för tjugo.",
    ),
    ImportColumn(
        "status_updated_on",
        _("The date of the status narrative; empty for today when there is one."),
        example="2025-03-31",
    ),
)

# A progress update names its measure by the id the measure export gives it, and its cycle.
UPDATE_IMPORT = (
    ImportColumn(
        "measure",
        _("The id of one of your organisation's measures, as the measure export gives it."),
        True,
        section="own_measures",
        drop_down=STOP,
    ),
    ImportColumn(
        "cycle",
        _("The slug of an open review cycle (see Review cycles)."),
        True,
        section="open_cycles",
        drop_down=STOP,
    ),
    ImportColumn(
        "status",
        _("The measure's status at the end of the period, as code or English name."),
        True,
        "ongoing",
        "statuses",
        STOP,
    ),
    ImportColumn(
        "narrative",
        _("What happened in the period, in the measure's language."),
        True,
        "Tre kommuner har börjat erbjuda kurserna.",
    ),
    ImportColumn("results", _("The results, in the measure's language.")),
    ImportColumn("challenges", _("The challenges met, in the measure's language.")),
    ImportColumn("narrative_en", _("What happened, in English.")),
    ImportColumn("results_en", _("The results, in English.")),
    ImportColumn("challenges_en", _("The challenges, in English.")),
)

IMPORT_COLUMNS = {"measures": MEASURE_IMPORT, "pledges": PLEDGE_IMPORT, "updates": UPDATE_IMPORT}
# Written by the exports, ignored by the import: an exported sheet imports back.
IGNORED_COLUMNS = {
    "measures": ("id", "pact_item_names", "workflow_state", "last_updated"),
    "pledges": ("id", "workflow_state", "last_updated"),
    "updates": ("id", "workflow_state", "last_updated"),
}
