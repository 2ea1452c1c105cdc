"""A row of the spreadsheet into the data of a service's create function, or into problems per
column: the reading shared by every kind of entry, and the readers of the cells every kind has
(texts, languages, organisations, objectives, EU Pact items, codes, dates). measure_rows.py and
entry_rows.py add each kind's own readers.

A column is read by the method named `_` and its reader (tracker/exports/import_columns.py), so
a column declared there reads with the reader of the same name, here or in the kind's parser.
"""

from django.utils.translation import gettext as _

from compact.models import Objective, PactItem
from tracker.imports.cells import (
    CellProblem,
    cell_date,
    cell_items,
    cell_text,
)
from tracker.models import Organisation

LANGUAGE_BY_NAME = {
    "en": "en",
    "english": "en",
    "sv": "sv",
    "swedish": "sv",
    "nb": "nb",
    "no": "nb",
    "norwegian": "nb",
    "norwegian bokmål": "nb",
    "da": "da",
    "danish": "da",
}


class RowParser:
    """Turns a row of cells into a service's data, or into problems per column.

    The Compact and the organisations are read once for the whole file; `prepare` reads once
    what the file's rows name (the measures of progress updates)."""

    # Columns that are checked but not given to the service (the officer's own organisation).
    checked_only = ("lead_organisation",)

    def __init__(self, actor, columns):
        self.actor = actor
        self.columns = columns
        self.objectives = {objective.number: objective for objective in Objective.objects.all()}
        self.pact_items = {item.code.upper(): item for item in PactItem.objects.all()}
        self.organisations = {
            organisation.code: organisation for organisation in Organisation.objects.all()
        }

    def prepare(self, rows: list[dict]) -> None:
        """Read what the rows name, before they are parsed one by one."""

    def parse(self, row: dict) -> tuple[dict, list[tuple[str, str]]]:
        data = {}
        problems = []
        for column in self.columns:
            if column.name not in row:
                continue
            try:
                value = getattr(self, f"_{column.reads_with}")(row[column.name])
            except CellProblem as problem:
                problems.append((column.name, str(problem)))
                continue
            if column.required and value in ("", [], None):
                problems.append((column.name, _("Required: this cell cannot be empty.")))
            elif column.name not in self.checked_only:
                data[column.name] = value
        problems.extend(self.check_together(data, problems))
        return data, problems

    def check_together(self, data: dict, problems: list) -> list[tuple[str, str]]:
        """Problems of cells read together, such as dates in the wrong order."""
        return []

    def _text(self, value):
        return cell_text(value)

    def _date(self, value):
        return cell_date(value)

    def _language(self, value):
        text = cell_text(value)
        if text and text.lower() not in LANGUAGE_BY_NAME:
            raise CellProblem(
                _("%(value)s is not a language; use en, sv, nb or da.") % {"value": text}
            )
        return LANGUAGE_BY_NAME.get(text.lower(), "")

    def _lead_organisation(self, value):
        code = cell_text(value).upper()
        own = self.actor.organisation.code
        if code and code != own:
            raise CellProblem(
                _(
                    "You can import entries only for your own organisation: write %(own)s or "
                    "leave the cell empty."
                )
                % {"own": own}
            )
        return code

    def _partner_organisations(self, value):
        codes = [code.upper() for code in cell_items(value)]
        unknown = [code for code in codes if code not in self.organisations]
        if unknown:
            raise CellProblem(
                _("No organisation has the code %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return [self.organisations[code] for code in codes]

    def _objective(self, number: str) -> Objective:
        if not number.isdigit():
            raise CellProblem(
                _("%(value)s is not an objective number; separate numbers with ;")
                % {"value": number}
            )
        if int(number) not in self.objectives:
            raise CellProblem(
                _("%(value)s is not an objective of the Compact (1 to 23).") % {"value": number}
            )
        return self.objectives[int(number)]

    def _objectives(self, value):
        return [self._objective(item) for item in cell_items(value)]

    def _pact_items(self, value):
        codes = [code.upper() for code in cell_items(value)]
        unknown = [code for code in codes if code not in self.pact_items]
        if unknown:
            raise CellProblem(
                _(
                    "%(codes)s: not an item of the EU Pact; write codes such as III.2 or "
                    "ACT-04 (see the EU Pact in the template's help)."
                )
                % {"codes": ", ".join(unknown)}
            )
        return list(dict.fromkeys(self.pact_items[code] for code in codes))

    def _one_of(self, value, choices: dict, what: str):
        text = cell_text(value)
        if text and text.lower() not in choices:
            raise CellProblem(
                _("%(value)s is not a %(what)s; use one of: %(codes)s.")
                % {"value": text, "what": what, "codes": ", ".join(sorted(set(choices.values())))}
            )
        return choices.get(text.lower(), "")

    def _many_of(self, value, choices: dict, what: str):
        return list(dict.fromkeys(self._one_of(item, choices, what) for item in cell_items(value)))
