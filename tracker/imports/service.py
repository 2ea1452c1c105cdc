"""The import itself: every parsed row through its kind's create service in one transaction,
all or nothing, with every problem of the file named by row and column. One code path for
measures, pledges and progress updates (kinds.py)."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tracker.exports.import_columns import names
from tracker.imports.kinds import KINDS, ImportKind
from tracker.imports.reading import FileProblem, check_header, read_rows
from tracker.rules import require


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
    entries: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def measures(self) -> list:
        """The entries, as the measure import's callers name them."""
        return self.entries


def entries_import(*, actor, kind: str, uploaded_file) -> ImportResult:
    """Create a draft entry of `kind` (measures, pledges or updates) for each row of
    `uploaded_file` (.xlsx or .csv), or none at all if any row is wrong."""
    what = KINDS[kind]
    require(actor, what.permission)
    try:
        header, records = read_rows(uploaded_file, too_many=what.too_many, no_rows=what.no_rows)
        columns = check_header(header, columns=what.columns, ignored=what.ignored)
    except FileProblem as problem:
        return ImportResult(errors=[RowError(None, "", message) for message in problem.args])
    rows = [
        (number, {name: values[index] if index < len(values) else None for index, name in columns})
        for number, values in records
    ]
    parser = what.parser(actor, what.columns)
    parser.prepare([row for _number, row in rows])
    errors = []
    parsed = []
    for number, row in rows:
        data, row_errors = parser.parse(row)
        errors.extend(RowError(number, column, message) for column, message in row_errors)
        if not row_errors:
            parsed.append((number, data))
    entries = _create(actor, what, parsed, errors)
    if errors:
        return ImportResult(errors=sorted(errors, key=lambda error: (error.row, error.column)))
    return ImportResult(entries=entries)


def _create(actor, what: ImportKind, parsed: list, errors: list) -> list:
    entries = []
    with transaction.atomic():
        # Rows that parsed are created even when others did not, so that the officer learns
        # at once what the service refuses too; the rollback below then undoes them all.
        for number, data in parsed:
            try:
                entries.append(what.create(actor=actor, data=data))
            except ValidationError as error:
                errors.extend(_service_errors(number, error, names(what.columns)))
        if errors:
            transaction.set_rollback(True)
    return entries


def measures_import(*, actor, uploaded_file) -> ImportResult:
    return entries_import(actor=actor, kind="measures", uploaded_file=uploaded_file)


def _service_errors(number: int, error: ValidationError, columns) -> list[RowError]:
    if not hasattr(error, "error_dict"):
        return [RowError(number, "", message) for message in error.messages]
    return [
        RowError(number, name if name in columns else "", message)
        for name, messages in error.message_dict.items()
        for message in messages
    ]
