"""A measure's row: the readers of the cells only measures have (actions, guiding principles,
kind, status, dates, budget, target groups, stakeholders), and its cells read together."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from compact.models import Action, GuidingPrinciple
from tracker.imports.cells import CellProblem, cell_amount, cell_items, cell_text, choices_by_name
from tracker.imports.rows import RowParser
from tracker.models import MeasureKind, MeasureStatus, Stakeholder, TargetGroup
from tracker.models.validators import validate_currency

ACTION_PATTERN = re.compile(r"^(\d{1,2})\s*[(.]?\s*([a-z]{1,2})\s*\)?$")


class MeasureRowParser(RowParser):
    """A row into the data of measure_create."""

    def __init__(self, actor, columns):
        super().__init__(actor, columns)
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
        self.kinds = choices_by_name(MeasureKind)
        self.statuses = choices_by_name(MeasureStatus)
        self.target_groups = choices_by_name(TargetGroup)
        self.stakeholders = choices_by_name(Stakeholder)

    def check_together(self, data: dict, problems: list) -> list[tuple[str, str]]:
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

    def _kind(self, value):
        return self._one_of(value, self.kinds, _("kind of measure"))

    def _status(self, value):
        return self._one_of(value, self.statuses, _("status"))

    def _target_groups(self, value):
        return self._many_of(value, self.target_groups, _("target group"))

    def _stakeholders(self, value):
        return self._many_of(value, self.stakeholders, _("stakeholder"))

    def _start_date(self, value):
        return self._date(value)

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
