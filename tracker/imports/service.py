"""The import itself: every parsed row through measure_create in one transaction, all or
nothing, with every problem of the file named by row and column."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tracker.exports import MEASURE_COLUMNS
from tracker.imports.reading import FileProblem, check_header, read_rows
from tracker.imports.rows import RowParser
from tracker.models import Measure
from tracker.rules import require
from tracker.services.measures import measure_create


@dataclass(frozen=True)
class RowError:
    """A problem of the file: `row` as the spreadsheet numbers it (the header is row 1), or
    None for the file as a whole; `column` as in the header row, or "" for the whole row."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if not self.column:
            return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportResult:
    measures: list[Measure] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def measures_import(*, actor, uploaded_file) -> ImportResult:
    """Create a draft measure of the actor's organisation for each row of `uploaded_file`
    (.xlsx or .csv), or none at all if any row is wrong."""
    require(actor, "tracker.import_measures")
    try:
        header, records = read_rows(uploaded_file)
        columns = check_header(header)
    except FileProblem as problem:
        return ImportResult(errors=[RowError(None, "", message) for message in problem.args])
    parser = RowParser(actor)
    errors = []
    parsed = []
    for number, values in records:
        row = {name: values[index] if index < len(values) else None for index, name in columns}
        data, row_errors = parser.parse(row)
        errors.extend(RowError(number, column, message) for column, message in row_errors)
        if not row_errors:
            parsed.append((number, data))
    measures = []
    with transaction.atomic():
        # Rows that parsed are created even when others did not, so that the officer learns
        # at once what the service refuses too; the rollback below then undoes them all.
        for number, data in parsed:
            try:
                measures.append(measure_create(actor=actor, data=data))
            except ValidationError as error:
                errors.extend(_service_errors(number, error))
        if errors:
            transaction.set_rollback(True)
    if errors:
        return ImportResult(errors=sorted(errors, key=lambda error: (error.row, error.column)))
    return ImportResult(measures=measures)


def _service_errors(number: int, error: ValidationError) -> list[RowError]:
    return [
        RowError(number, name if name in MEASURE_COLUMNS else "", message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]
