"""Indicator values from a file in the tidy long format: reading it a row at a time, and each
row into a value, or into problems per column.

One row per value: indicator, period, a column per dimension (its category, or blank for the
total over it), unit, value, note, status, recorded_on. The indicators, their categories and
their datasets are read once for the whole file into maps, so that checking a row asks the
database nothing.
"""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from tracker.imports.cells import CellProblem, cell_amount, cell_date, cell_text, choices_by_name
from tracker.imports.reading import FileProblem, repeated_columns
from tracker.imports.workbook import Limits, Refusal, check_workbook
from tracker.models import Dimension, Indicator, IndicatorDataset, ValueStatus
from tracker.models.indicators import allowed_categories, category_key
from tracker.services.indicator_values import ValueInput, period_check, value_check

VALUE_COLUMNS = ("indicator", "period", "unit", "value", "note", "status", "recorded_on")
REQUIRED_VALUE_COLUMNS = ("indicator", "period", "value")
MAX_BYTES = 40 * 1024 * 1024
MAX_ROWS = 150_000
MAX_COLUMNS = 40
MAX_CELL_CHARACTERS = 2000
# A sheet has about two XML elements a cell.
MAX_ELEMENTS = 2 * (MAX_ROWS + 1) * (MAX_COLUMNS + 1)
MINUS_SIGNS = ("-", "\u2212")


def file_rows(uploaded_file):
    """The file's rows, as (row number, values), one at a time (CSV or XLSX)."""
    if uploaded_file.size > MAX_BYTES:
        raise FileProblem(
            _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(uploaded_file.size), "limit": filesizeformat(MAX_BYTES)}
        )
    extension = Path(uploaded_file.name or "").suffix.lower()
    if extension == ".xlsx":
        return enumerate(_xlsx_rows(uploaded_file), start=1)
    if extension == ".csv":
        return enumerate(_csv_rows(uploaded_file), start=1)
    raise FileProblem(
        _("%(extension)s files cannot be imported. Upload an Excel workbook (.xlsx) or a CSV file.")
        % {"extension": extension or _("Extension-less")}
    )


def _xlsx_rows(uploaded_file):
    limits = Limits(
        rows=MAX_ROWS + 1,
        columns=MAX_COLUMNS,
        cell_characters=MAX_CELL_CHARACTERS,
        elements=MAX_ELEMENTS,
    )
    try:
        check_workbook(uploaded_file, limits=limits)
        uploaded_file.seek(0)
        workbook = load_workbook(uploaded_file, read_only=True, data_only=True)
    except Refusal as refusal:
        raise FileProblem(*refusal.args) from refusal
    # openpyxl raises many kinds of error on a damaged or foreign zip file.
    except Exception as error:
        raise FileProblem(
            _("The workbook could not be read (%(error)s). Save it again from Excel as .xlsx.")
            % {"error": type(error).__name__}
        ) from error
    try:
        yield from workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True)
    finally:
        workbook.close()


def _csv_rows(uploaded_file):
    uploaded_file.seek(0)
    text = io.TextIOWrapper(uploaded_file.file, encoding="utf-8-sig", newline="")
    try:
        first_line = text.readline()
        # Excel writes semicolons where the decimal separator is a comma.
        delimiter = max((";", ",", "\t"), key=first_line.count)
        yield from csv.reader(io.StringIO(first_line, newline=""), delimiter=delimiter)
        yield from csv.reader(text, delimiter=delimiter)
    except UnicodeDecodeError as error:
        raise FileProblem(
            _("The CSV file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (comma delimited)”.")
        ) from error
    except csv.Error as error:
        raise FileProblem(
            _("The CSV file could not be read: %(error)s.") % {"error": error}
        ) from error
    finally:
        text.detach()


def column_name(value) -> str:
    return re.sub(r"\s+", "_", cell_text(value).lower())


def cell_number(value) -> Decimal:
    """A value as people write numbers, negative ones too (cells.cell_amount reads the rest)."""
    text = cell_text(value)
    negative = text.startswith(MINUS_SIGNS)
    amount = cell_amount(text[1:].strip() if negative else value)
    if amount is None:
        raise CellProblem(_("Required: this cell cannot be empty."))
    return -amount if negative else amount


class ValueRowParser:
    """Checks a row against the indicators, categories and datasets read once, and makes it
    into (indicator id, period) and a ValueInput, or problems per column."""

    def __init__(self, actor):
        self.organisation_id = actor.organisation_id
        self.indicator_by_id = {i.pk: i for i in Indicator.objects.order_by()}
        self.indicators = {i.code.lower(): i for i in self.indicator_by_id.values()}
        self.categories = allowed_categories(self.indicator_by_id)
        datasets = IndicatorDataset.objects.order_by()
        self.recorders = {
            (indicator_id, period): organisation_id
            for indicator_id, period, organisation_id in datasets.values_list(
                "indicator_id", "period", "organisation_id"
            )
        }
        self.dimensions = set(Dimension.objects.values_list("code", flat=True))
        self.statuses = choices_by_name(ValueStatus)
        self.seen: dict[tuple, int] = {}

    def columns(self, header) -> list[tuple[int, str]]:
        """(index, name) of the header's columns; a FileProblem names unknown or missing ones."""
        names = [(index, column_name(value)) for index, value in enumerate(header)]
        names = [(index, name) for index, name in names if name]
        seen = [name for _index, name in names]
        problems = []
        missing = [name for name in REQUIRED_VALUE_COLUMNS if name not in seen]
        if missing:
            problems.append(
                _("The sheet has no column %(columns)s; these columns are required.")
                % {"columns": ", ".join(missing)}
            )
        unknown = [
            name for name in seen if name not in VALUE_COLUMNS and name not in self.dimensions
        ]
        if unknown:
            problems.append(
                _("Unknown columns: %(columns)s. The columns are %(known)s and one per dimension.")
                % {"columns": ", ".join(unknown), "known": ", ".join(VALUE_COLUMNS)}
            )
        problems += repeated_columns(seen)
        if problems:
            raise FileProblem(*problems)
        return names

    def parse(self, number: int, row: dict) -> tuple[tuple | None, ValueInput | None, list]:
        """((indicator id, period), the value, []) for a good row, else (.., .., problems)."""
        problems: list[tuple[str, str]] = []
        indicator = self._cell(problems, "indicator", self._indicator, row.get("indicator"))
        period = self._cell(problems, "period", self._period, row.get("period"))
        if indicator is not None and period is not None:
            self._cell(problems, "indicator", self._records, (indicator, period))
        texts = {name: cell_text(row[name]) for name in self.dimensions.intersection(row)}
        categories = {name: text for name, text in texts.items() if text}
        if indicator is not None:
            self._cell(problems, "unit", self._unit, (indicator, row.get("unit")))
            for dimension, category in categories.items():
                self._cell(problems, dimension, self._category, (indicator, dimension, category))
        value = self._cell(problems, "value", self._value, row.get("value"))
        status = self._cell(problems, "status", self._status, row.get("status"))
        recorded_on = self._cell(problems, "recorded_on", cell_date, row.get("recorded_on"))
        note = self._cell(problems, "note", self._note, row.get("note"))
        if problems:
            return None, None, problems
        identity = (indicator.pk, period, category_key(categories)[0])
        if identity in self.seen:
            message = _("The same indicator, period and categories as row %(row)s.")
            return None, None, [("", message % {"row": self.seen[identity]})]
        self.seen[identity] = number
        given = ValueInput(categories, value, note, recorded_on, status)
        return (indicator.pk, period), given, []

    @staticmethod
    def _cell(problems: list, column: str, read, value):
        try:
            return read(value)
        except CellProblem as problem:
            problems.append((column, str(problem)))
        except ValidationError as problem:
            problems.extend((column, message) for message in problem.messages)
        return None

    def _indicator(self, value) -> Indicator:
        code = cell_text(value)
        if not code:
            raise CellProblem(_("Required: this cell cannot be empty."))
        if code.lower() not in self.indicators:
            raise CellProblem(_("%(code)s is not an indicator's code.") % {"code": code})
        return self.indicators[code.lower()]

    @staticmethod
    def _period(value) -> int:
        text = cell_text(value)
        if not text.isdigit():
            raise CellProblem(_("%(value)s is not a year, such as 2024.") % {"value": text})
        return period_check(int(text))

    def _records(self, found: tuple[Indicator, int]) -> None:
        indicator, period = found
        recorder = self.recorders.get((indicator.pk, period), indicator.source_organisation_id)
        if recorder is None or recorder != self.organisation_id:
            raise CellProblem(
                _("Your organisation does not record the values of %(code)s.")
                % {"code": indicator.code}
            )

    @staticmethod
    def _unit(given: tuple) -> None:
        indicator, value = given
        unit = cell_text(value)
        if unit and unit.lower() != indicator.unit.lower():
            raise CellProblem(
                _("The unit of %(code)s is %(unit)s, not %(given)s.")
                % {"code": indicator.code, "unit": indicator.unit, "given": unit}
            )

    def _category(self, given: tuple) -> None:
        indicator, dimension, category = given
        allowed = self.categories[indicator.pk]
        if dimension not in allowed:
            raise CellProblem(
                _("%(code)s is not disaggregated by %(dimension)s; leave the cell empty.")
                % {"code": indicator.code, "dimension": dimension}
            )
        if category not in allowed[dimension]:
            raise CellProblem(
                _("%(category)s is not a category of %(dimension)s.")
                % {"category": category, "dimension": dimension}
            )

    @staticmethod
    def _note(value) -> str:
        note = cell_text(value)
        ProhibitNullCharactersValidator()(note)
        return note

    @staticmethod
    def _value(value) -> Decimal:
        return value_check(cell_number(value))

    def _status(self, value) -> str:
        text = cell_text(value).lower()
        if not text:
            return ValueStatus.PROVISIONAL
        if text not in self.statuses:
            raise CellProblem(_("The status is provisional or final."))
        return self.statuses[text]
