"""Indicator values from a spreadsheet (CSV or XLSX, the tidy long format of indicator_rows.py),
all or nothing.

Every row is checked against maps read once; any problem, and the officer gets every problem of
the file (up to MAX_ERRORS), named by row and column, with nothing saved. A file without
problems is saved in one transaction: each (indicator, period) begins its dataset if it has
none (tracker.services.indicators.dataset_open) and has its values saved in bulk
(dataset_save_values), one change in each dataset's history, for review as any edit.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tracker.imports.cells import cell_text
from tracker.imports.indicator_rows import MAX_ROWS, ValueRowParser, file_rows
from tracker.imports.reading import FileProblem
from tracker.imports.service import RowError
from tracker.models import IndicatorDataset
from tracker.rules import require
from tracker.services.indicators import ValueInput, dataset_open, dataset_save_values

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
    result = ValuesImportResult()
    with transaction.atomic():
        for (indicator_id, period), values in groups.items():
            indicator = parser.indicator_by_id[indicator_id]
            try:
                dataset = dataset_open(actor=actor, indicator=indicator, period=period)
                dataset = dataset_save_values(
                    actor=actor,
                    dataset=dataset,
                    values=values,
                    allowed=parser.categories[indicator_id],
                )
            except ValidationError as error:
                result.errors += [
                    RowError(None, "", f"{indicator.code} {period}: {message}")
                    for message in error.messages
                ]
                continue
            result.datasets.append(dataset)
            result.values += len(values)
        if result.errors:
            transaction.set_rollback(True)
            return ValuesImportResult(errors=result.errors)
    return result


def _read(uploaded_file, parser: ValueRowParser) -> tuple[dict, list[RowError]]:
    """The file's values grouped by (indicator id, period), and its problems."""
    groups: dict[tuple[int, int], list[ValueInput]] = {}
    errors: list[RowError] = []
    columns = None
    count = 0
    for number, values in file_rows(uploaded_file):
        if all(cell_text(value) == "" for value in values):
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
