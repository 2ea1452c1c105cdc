"""Indicator values from a spreadsheet (CSV or XLSX, the tidy long format of indicator_rows.py),
all or nothing.

Every row is checked against maps read once; any problem, and the officer gets every problem of
the file (up to MAX_ERRORS), named by row and column, with nothing saved. A file without
problems is saved in one transaction: each (indicator, period) begins its dataset if it has
none and has its values saved, all in bulk (tracker.services.indicator_values), one change in each
dataset's history, for review as any edit.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tracker.imports.indicator_rows import MAX_ROWS, ValueRowParser, file_rows
from tracker.imports.reading import FileProblem
from tracker.imports.service import RowError
from tracker.models import IndicatorDataset
from tracker.rules import require
from tracker.services.indicator_values import (
    ValueInput,
    ValuesChange,
    datasets_open,
    datasets_save_values,
)

# Beyond this many problems the officer is told there are more: the first ones show the way.
MAX_ERRORS = 500


@dataclass
class ValuesImportResult:
    datasets: list[IndicatorDataset] = field(default_factory=list)
    values: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def indicator_values_import(*, actor, uploaded_file) -> ValuesImportResult:
    """Save the values of `uploaded_file` (.xlsx or .csv) into the datasets they are for, or
    nothing at all if any row is wrong."""
    require(actor, "tracker.import_indicator_values")
    parser = ValueRowParser(actor)
    try:
        groups, errors = _read(uploaded_file, parser)
    except FileProblem as problem:
        return ValuesImportResult(errors=[RowError(None, "", message) for message in problem.args])
    if errors:
        return ValuesImportResult(errors=errors)
    with transaction.atomic():
        try:
            datasets = datasets_open(
                actor=actor,
                wanted=[(parser.indicator_by_id[pk], period) for pk, period in groups],
            )
            changes = [ValuesChange(datasets[group], values) for group, values in groups.items()]
            saved = datasets_save_values(actor=actor, changes=changes, allowed=parser.categories)
        except ValidationError as error:
            # The rows were checked as the service checks them: this is a change made meanwhile.
            transaction.set_rollback(True)
            return ValuesImportResult(errors=[RowError(None, "", m) for m in error.messages])
    return ValuesImportResult(datasets=saved, values=sum(map(len, groups.values())))


def _blank(values) -> bool:
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def _read(uploaded_file, parser: ValueRowParser) -> tuple[dict, list[RowError]]:
    """The file's values grouped by (indicator id, period), and its problems."""
    groups: dict[tuple[int, int], list[ValueInput]] = {}
    errors: list[RowError] = []
    columns = None
    count = 0
    for number, values in file_rows(uploaded_file):
        if _blank(values):
            continue
        if columns is None:
            columns = parser.columns(values)
            continue
        count += 1
        if count > MAX_ROWS:
            raise FileProblem(
                _("The file has more than %(limit)s values. Split it into smaller files.")
                % {"limit": f"{MAX_ROWS:,}"}
            )
        row = {name: values[index] if index < len(values) else None for index, name in columns}
        group, given, problems = parser.parse(number, row)
        if problems:
            errors += [RowError(number, column, message) for column, message in problems]
        elif not errors:
            groups.setdefault(group, []).append(given)
    if columns is None:
        raise FileProblem(_("The file is empty: the first row must name the columns."))
    if count == 0:
        raise FileProblem(_("The file has no values: there are no rows below the header."))
    if len(errors) > MAX_ERRORS:
        more = RowError(
            None, "", _("… and %(count)s more problems.") % {"count": len(errors) - MAX_ERRORS}
        )
        errors = [*errors[:MAX_ERRORS], more]
    return groups, errors
