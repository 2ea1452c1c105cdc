"""A row of the spreadsheet into the data of measure_create, or into problems per column."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from compact.models import Action, GuidingPrinciple, Objective, PactItem
from tracker.exports import MEASURE_COLUMNS
from tracker.imports.cells import (
    CellProblem,
    cell_amount,
    cell_date,
    cell_items,
    cell_text,
    choices_by_name,
)
from tracker.imports.reading import REQUIRED_COLUMNS
from tracker.models import MeasureKind, MeasureStatus, Organisation, Stakeholder, TargetGroup
from tracker.models.validators import validate_currency

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
ACTION_PATTERN = re.compile(r"^(\d{1,2})\s*[(.]?\s*([a-z]{1,2})\s*\)?$")


class RowParser:
    """Turns a row of cells into the data of measure_create, or into problems per column.

    The Compact and the organisations are read once for the whole file."""

    def __init__(self, actor):
        self.actor = actor
        self.objectives = {objective.number: objective for objective in Objective.objects.all()}
        self.actions = {
            (action.objective.number, action.letter): action
            for action in Action.objects.select_related("objective")
        }
        self.principles = {}
        self.principle_codes = []
        for principle in GuidingPrinciple.objects.all():
            self.principle_codes.append(principle.code)
            self.principles[principle.code] = principle
            if principle.name_en:
                self.principles[principle.name_en.lower()] = principle
        self.pact_items = {item.code.upper(): item for item in PactItem.objects.all()}
        self.organisations = {
            organisation.code: organisation for organisation in Organisation.objects.all()
        }
        self.kinds = choices_by_name(MeasureKind)
        self.statuses = choices_by_name(MeasureStatus)
        self.target_groups = choices_by_name(TargetGroup)
        self.stakeholders = choices_by_name(Stakeholder)

    def parse(self, row: dict) -> tuple[dict, list[tuple[str, str]]]:
        data = {}
        problems = []
        for column in MEASURE_COLUMNS:
            if column not in row:
                continue
            try:
                value = getattr(self, f"_{column}")(row[column])
            except CellProblem as problem:
                problems.append((column, str(problem)))
                continue
            if column in REQUIRED_COLUMNS and value in ("", [], None):
                problems.append((column, _("Required: this cell cannot be empty.")))
            elif column != "lead_organisation":
                data[column] = value
        problems.extend(self._check_together(data, problems))
        return data, problems

    def _check_together(self, data: dict, problems: list) -> list[tuple[str, str]]:
        failed = {column for column, _message in problems}
        together = []
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            together.append(
                (
                    "end_date",
                    _("The end date %(end)s is before the start date %(start)s.")
                    % {"end": end.isoformat(), "start": start.isoformat()},
                )
            )
        if (
            data.get("budget_amount") is not None
            and not data.get("budget_currency")
            and "budget_currency" not in failed
        ):
            together.append(("budget_currency", _("Give the currency of the budget.")))
        chosen = {objective.number for objective in data.get("objectives", [])}
        stray = [
            f"{action.objective.number}{action.letter}"
            for action in data.get("actions", [])
            if action.objective.number not in chosen
        ]
        if stray and "objectives" not in failed:
            together.append(
                (
                    "actions",
                    _(
                        "%(actions)s: not an action of this row's objectives; add the "
                        "objective to the objectives column or remove the action."
                    )
                    % {"actions": ", ".join(stray)},
                )
            )
        return together

    def _title(self, value):
        return cell_text(value)

    _title_en = _description = _description_en = _title

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
                    "You can import measures only for your own organisation: write %(own)s or "
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

    def _actions(self, value):
        actions = []
        for item in cell_items(value):
            match = ACTION_PATTERN.match(item.lower())
            if not match:
                raise CellProblem(
                    _("%(value)s is not an action; write the objective and letter, such as 5c.")
                    % {"value": item}
                )
            objective = self._objective(match.group(1))
            action = self.actions.get((objective.number, match.group(2)))
            if action is None:
                raise CellProblem(
                    _("Objective %(number)s has no action (%(letter)s).")
                    % {"number": objective.number, "letter": match.group(2)}
                )
            actions.append(action)
        return actions

    def _guiding_principles(self, value):
        unknown = [item for item in cell_items(value) if item.lower() not in self.principles]
        if unknown:
            raise CellProblem(
                _("%(values)s: not a guiding principle; use one of: %(codes)s.")
                % {
                    "values": ", ".join(unknown),
                    "codes": ", ".join(self.principle_codes),
                }
            )
        return list(dict.fromkeys(self.principles[item.lower()] for item in cell_items(value)))

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

    def _kind(self, value):
        return self._one_of(value, self.kinds, _("kind of measure"))

    def _status(self, value):
        return self._one_of(value, self.statuses, _("status"))

    def _many_of(self, value, choices: dict, what: str):
        return list(dict.fromkeys(self._one_of(item, choices, what) for item in cell_items(value)))

    def _target_groups(self, value):
        return self._many_of(value, self.target_groups, _("target group"))

    def _stakeholders(self, value):
        return self._many_of(value, self.stakeholders, _("stakeholder"))

    def _start_date(self, value):
        return cell_date(value)

    _end_date = _start_date

    def _budget_amount(self, value):
        return cell_amount(value)

    def _budget_currency(self, value):
        code = cell_text(value).upper()
        try:
            validate_currency(code)
        except ValidationError as error:
            raise CellProblem(error.messages[0]) from error
        return code
