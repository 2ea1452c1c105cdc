"""Measures from a spreadsheet: an officer's Excel sheet (XLSX) or CSV, all or nothing.

Every row becomes a call of tracker.services.measures.measure_create, all in one transaction:
either every row is created as a draft of the officer's organisation, or nothing is, and the
officer gets every problem of the file at once, named by row (as her spreadsheet numbers it)
and column. The columns are those of tracker.exports.MEASURE_COLUMNS.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel

from compact.models import Action, GuidingPrinciple, Objective
from tracker.exports import FORMULA_STARTS, MEASURE_COLUMNS, MEASURE_READ_ONLY_COLUMNS
from tracker.models import (
    Measure,
    MeasureKind,
    MeasureStatus,
    Organisation,
    Stakeholder,
    TargetGroup,
)
from tracker.models.validators import validate_currency
from tracker.rules import require
from tracker.services.measures import measure_create

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
MAX_COLUMNS = 60
REQUIRED_COLUMNS = ("title", "description", "language", "objectives", "kind", "status")
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
NORDIC_DATE_PATTERN = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
# Nordic spreadsheets group thousands with (narrow) non-breaking spaces.
DIGIT_GROUPING = re.compile(r"[\s\u00a0\u202f']")


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


class FileProblem(Exception):
    """The file as a whole cannot be imported."""


class CellProblem(Exception):
    """One cell's value cannot be used."""


def measures_import(*, actor, uploaded_file) -> ImportResult:
    """Create a draft measure of the actor's organisation for each row of `uploaded_file`
    (.xlsx or .csv), or none at all if any row is wrong."""
    require(actor, "tracker.import_measures")
    try:
        header, records = _read(uploaded_file)
        columns = _check_header(header)
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


# Reading the file


def _read(uploaded_file) -> tuple[list, list[tuple[int, list]]]:
    """The header row and the non-empty rows below it, each with its row number."""
    if uploaded_file.size > MAX_BYTES:
        raise FileProblem(
            _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(uploaded_file.size), "limit": filesizeformat(MAX_BYTES)}
        )
    extension = Path(uploaded_file.name or "").suffix.lower()
    content = uploaded_file.read()
    if extension == ".xlsx":
        rows = _xlsx_rows(content)
    elif extension == ".csv":
        rows = _csv_rows(content)
    elif extension == ".xls":
        raise FileProblem(
            _("Old Excel files (.xls) cannot be read. In Excel, save the sheet as .xlsx.")
        )
    else:
        raise FileProblem(
            _(
                "%(extension)s files cannot be imported. Upload an Excel workbook (.xlsx) or "
                "a CSV file."
            )
            % {"extension": extension or _("Extension-less")}
        )
    header = None
    records = []
    for number, values in enumerate(rows, start=1):
        if all(_text(value) == "" for value in values):
            continue
        if header is None:
            header = list(values)
            continue
        records.append((number, list(values)))
        if len(records) > MAX_ROWS:
            raise FileProblem(
                _("The file has more than %(limit)s measures. Split it into smaller files.")
                % {"limit": f"{MAX_ROWS:,}"}
            )
    if header is None:
        raise FileProblem(_("The file is empty: the first row must name the columns."))
    if not records:
        raise FileProblem(_("The file has no measures: there are no rows below the header."))
    return header, records


def _xlsx_rows(content: bytes):
    if not content.startswith(b"PK\x03\x04"):
        raise FileProblem(_("The file is not an Excel workbook (.xlsx), whatever its name says."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        # A fixed width: a sheet formatted to its last column would give rows of 16,384 cells.
        sheet = workbook.worksheets[0]
        rows = list(_limited(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)))
    # openpyxl raises many kinds of error on a damaged or foreign zip file.
    except Exception as error:
        raise FileProblem(
            _("The workbook could not be read (%(error)s). Save it again from Excel as .xlsx.")
            % {"error": type(error).__name__}
        ) from error
    workbook.close()
    return rows


def _csv_rows(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileProblem(
            _(
                "The CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma "
                "delimited)”, or upload the .xlsx workbook itself."
            )
        ) from error
    first_line = text.split("\n", 1)[0]
    # Excel writes semicolons where the decimal separator is a comma, as in the Nordic countries.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        return list(_limited(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))
    except csv.Error as error:
        raise FileProblem(
            _("The CSV file could not be read: %(error)s.") % {"error": error}
        ) from error


def _limited(rows):
    """The rows, stopping a little after the row limit so a huge sheet is not read whole."""
    for index, row in enumerate(rows):
        if index > MAX_ROWS * 2:
            break
        yield row


def _check_header(header: list) -> list[tuple[int, str]]:
    """(index, column name) of the header's columns that the import reads."""
    names = [(index, _column_name(value)) for index, value in enumerate(header)]
    names = [(index, name) for index, name in names if name]
    known = set(MEASURE_COLUMNS) | set(MEASURE_READ_ONLY_COLUMNS)
    seen = [name for _index, name in names]
    problems = []
    missing = [name for name in REQUIRED_COLUMNS if name not in seen]
    if missing:
        problems.append(
            _("The sheet has no column %(columns)s; these columns are required.")
            % {"columns": ", ".join(missing)}
        )
    unknown = [name for name in seen if name not in known]
    if unknown:
        problems.append(
            _("Unknown columns: %(columns)s. The columns are: %(known)s.")
            % {"columns": ", ".join(unknown), "known": ", ".join(MEASURE_COLUMNS)}
        )
    repeated = sorted({name for name in seen if seen.count(name) > 1})
    if repeated:
        problems.append(
            _("These columns appear more than once: %(columns)s.")
            % {"columns": ", ".join(repeated)}
        )
    if problems:
        raise FileProblem(*problems)
    return [(index, name) for index, name in names if name in MEASURE_COLUMNS]


def _column_name(value) -> str:
    return re.sub(r"\s+", "_", _text(value).lower())


# Reading the cells


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = str(value).strip()
    # The export writes an apostrophe before text a spreadsheet would run as a formula.
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _items(value) -> list[str]:
    """The items of a list cell, separated by semicolons or commas, without repeats."""
    items = [item.strip() for item in re.split(r"[;,]", _text(value))]
    return list(dict.fromkeys(item for item in items if item))


def _choices_by_name(choices) -> dict[str, str]:
    """Code by code and by English label, both lower case."""
    with override("en"):
        by_label = {str(label).lower(): value for value, label in choices.choices}
    return {**by_label, **{value: value for value in choices.values}}


def _date(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 2958466:
        return from_excel(value).date()
    text = _text(value)
    with_day_first = NORDIC_DATE_PATTERN.match(text)
    try:
        if with_day_first:
            day, month, year = map(int, with_day_first.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(re.split(r"[T ]", text)[0])
    except ValueError as error:
        raise CellProblem(
            _("%(value)s is not a date; write dates as 2024-03-31.") % {"value": text}
        ) from error


def _amount(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = DIGIT_GROUPING.sub("", _text(value))
        if "," in text and "." in text:
            # The last separator is the decimal one: 1.234,50 or 1,234.50.
            decimal_mark = "," if text.rindex(",") > text.rindex(".") else "."
            text = text.replace("." if decimal_mark == "," else ",", "")
        text = text.replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation as error:
            raise CellProblem(_("%(value)s is not a number.") % {"value": _text(value)}) from error
    if not amount.is_finite():
        raise CellProblem(_("%(value)s is not a number.") % {"value": _text(value)})
    if amount < 0:
        raise CellProblem(_("The budget cannot be negative."))
    return amount


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
        self.organisations = {
            organisation.code: organisation for organisation in Organisation.objects.all()
        }
        self.kinds = _choices_by_name(MeasureKind)
        self.statuses = _choices_by_name(MeasureStatus)
        self.target_groups = _choices_by_name(TargetGroup)
        self.stakeholders = _choices_by_name(Stakeholder)

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
        return _text(value)

    _title_en = _description = _description_en = _title

    def _language(self, value):
        text = _text(value)
        if text and text.lower() not in LANGUAGE_BY_NAME:
            raise CellProblem(
                _("%(value)s is not a language; use en, sv, nb or da.") % {"value": text}
            )
        return LANGUAGE_BY_NAME.get(text.lower(), "")

    def _lead_organisation(self, value):
        code = _text(value).upper()
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
        codes = [code.upper() for code in _items(value)]
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
        return [self._objective(item) for item in _items(value)]

    def _actions(self, value):
        actions = []
        for item in _items(value):
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
        unknown = [item for item in _items(value) if item.lower() not in self.principles]
        if unknown:
            raise CellProblem(
                _("%(values)s: not a guiding principle; use one of: %(codes)s.")
                % {
                    "values": ", ".join(unknown),
                    "codes": ", ".join(self.principle_codes),
                }
            )
        return list(dict.fromkeys(self.principles[item.lower()] for item in _items(value)))

    def _one_of(self, value, choices: dict, what: str):
        text = _text(value)
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
        return list(dict.fromkeys(self._one_of(item, choices, what) for item in _items(value)))

    def _target_groups(self, value):
        return self._many_of(value, self.target_groups, _("target group"))

    def _stakeholders(self, value):
        return self._many_of(value, self.stakeholders, _("stakeholder"))

    def _start_date(self, value):
        return _date(value)

    _end_date = _start_date

    def _budget_amount(self, value):
        return _amount(value)

    def _budget_currency(self, value):
        code = _text(value).upper()
        try:
            validate_currency(code)
        except ValidationError as error:
            raise CellProblem(error.messages[0]) from error
        return code
