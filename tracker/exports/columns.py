"""The columns of the exported sheets: their names, and where each value comes from.

A column's kind says how its value becomes a cell: text (written as it is, after formula
neutralisation), a number, a date, a moment (written in the reader's time zone), a list of
codes stored as JSON, or the codes of related rows (partner organisations, objectives,
actions, guiding principles, EU Pact items) joined by LIST_SEPARATOR in a fixed order.
"""

import enum
import re
from dataclasses import dataclass

from django.db.models import CharField, Expression
from django.db.models.functions import Cast, Concat

from tracker.exports.import_columns import IGNORED_COLUMNS, MEASURE_IMPORT, names

# The columns an officer fills in, in the order of the import template (import_columns.py).
MEASURE_COLUMNS = names(MEASURE_IMPORT)
# Written by the export, ignored by the import. pact_item_names: the Swedish titles of the EU
# Pact items, in the order of the pact_items column's codes.
MEASURE_READ_ONLY_COLUMNS = IGNORED_COLUMNS["measures"]
MEASURE_EXPORT_COLUMNS = (
    "id",
    *MEASURE_COLUMNS,
    "workflow_state",
    "last_updated",
    "pact_item_names",
)

PLEDGE_EXPORT_COLUMNS = (
    "id",
    "text",
    "language",
    "text_en",
    "lead_organisation",
    "co_pledging_organisations",
    "pledge_type",
    "objectives",
    "made_on",
    "occasion",
    "network_reference",
    "status",
    "status_narrative",
    "status_updated_on",
    "pact_items",
    "workflow_state",
    "last_updated",
)

LIST_SEPARATOR = "; "
# A cell starting with one of these is run as a formula by spreadsheet programs (OWASP's CSV
# injection list, and a line feed, skipped like a tab or CR before a formula); the CSV export
# prefixes it with an apostrophe (which the import removes) so that a title cannot run code on
# the reader's computer.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A spreadsheet program that splits lines on semicolons (as Excel does where the decimal mark is
# a comma, in the Nordic countries) or on commas reads x;=cmd|' /C calc'!A0;y as three cells,
# the second a formula. So every part of a text (the text itself, and what follows each ; or ,)
# that begins as a formula, after any apostrophes, gets one more apostrophe before it. The
# import takes one apostrophe off the same parts (restored), which undoes the export exactly,
# even for a text that had apostrophes there already. The patterns are written for Python's re
# and PostgreSQL's regular expressions alike (tracker/exports/copy.py).
_FORMULA_CHARACTER = "[" + "".join(start for start in FORMULA_STARTS if start != "-") + "-]"
FORMULA_PART = f"(^|[;,])('*{_FORMULA_CHARACTER})"
NEUTRALISED_PART = f"(^|[;,])'('*{_FORMULA_CHARACTER})"
_FORMULA_PART = re.compile(FORMULA_PART)
_NEUTRALISED_PART = re.compile(NEUTRALISED_PART)


def neutralised(text: str) -> str:
    """`text` as the CSV export writes it: an apostrophe before each part that a spreadsheet
    program would run as a formula."""
    return _FORMULA_PART.sub(r"\1'\2", text)


def restored(text: str) -> str:
    """The text that the CSV export wrote as `text` (the inverse of neutralised)."""
    return _NEUTRALISED_PART.sub(r"\1\2", text)


class Kind(enum.Enum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    MOMENT = "moment"
    # A JSON list of codes.
    CODES = "codes"
    # The related rows of a many-to-many field (Related).
    RELATED = "related"


@dataclass(frozen=True)
class Related:
    """The related rows of the many-to-many field `relation`, each written as its `parts`
    (paths on the through model, or expressions over them, such as an organisation's name in
    the reader's language) run together, such as 5 and c for action 5c, in `ordering`."""

    relation: str
    parts: tuple[str | Expression, ...]
    ordering: tuple[str, ...]

    def code(self) -> Expression:
        """A related row's code, as text."""
        parts = [Cast(part, output_field=CharField()) for part in self.parts]
        return Concat(*parts) if len(parts) > 1 else parts[0]


@dataclass(frozen=True)
class Column:
    name: str
    # A field path on the exported model, or the related rows of a many-to-many field.
    value: str | Related
    kind: Kind = Kind.TEXT
    # For a list of codes: the label to write for each code (a code without one is written
    # as it is). The machine-readable sheets write codes; the readable ones labels.
    labels: dict[str, str] | None = None


def _related(name: str, relation: str, parts: tuple[str, ...], ordering: tuple[str, ...]):
    return Column(name, Related(relation, parts, ordering), Kind.RELATED)


def pact_item_column(name: str, part: str | Expression = "pactitem__code") -> Column:
    """An entry's EU Pact items, each written as its `part` (its code, or a title), in the
    Pact's reading order."""
    return Column(name, Related("pact_items", (part,), ("pactitem__position",)), Kind.RELATED)


def measure_columns() -> tuple[Column, ...]:
    return (
        Column("id", "pk", Kind.NUMBER),
        Column("title", "title"),
        Column("title_en", "title_en"),
        Column("description", "description"),
        Column("description_en", "description_en"),
        Column("language", "language"),
        Column("lead_organisation", "lead_organisation__code"),
        _related(
            "partner_organisations",
            "partner_organisations",
            ("organisation__code",),
            ("organisation__code",),
        ),
        _related("objectives", "objectives", ("objective__number",), ("objective__number",)),
        _related(
            "actions",
            "actions",
            ("action__objective__number", "action__letter"),
            ("action__objective__number", "action__position"),
        ),
        _related(
            "guiding_principles",
            "guiding_principles",
            ("guidingprinciple__code",),
            ("guidingprinciple__position",),
        ),
        pact_item_column("pact_items"),
        Column("kind", "kind"),
        Column("status", "status"),
        Column("start_date", "start_date", Kind.DATE),
        Column("end_date", "end_date", Kind.DATE),
        Column("budget_amount", "budget_amount", Kind.NUMBER),
        Column("budget_currency", "budget_currency"),
        Column("target_groups", "target_groups", Kind.CODES),
        Column("stakeholders", "stakeholders", Kind.CODES),
        Column("workflow_state", "workflow_state"),
        Column("last_updated", "updated_at", Kind.MOMENT),
        pact_item_column("pact_item_names", "pactitem__title_sv"),
    )


def pledge_columns() -> tuple[Column, ...]:
    return (
        Column("id", "pk", Kind.NUMBER),
        Column("text", "text"),
        Column("language", "language"),
        Column("text_en", "text_en"),
        Column("lead_organisation", "lead_organisation__code"),
        _related(
            "co_pledging_organisations",
            "co_pledging_organisations",
            ("organisation__code",),
            ("organisation__code",),
        ),
        Column("pledge_type", "pledge_type"),
        _related("objectives", "objectives", ("objective__number",), ("objective__number",)),
        Column("made_on", "made_on", Kind.DATE),
        Column("occasion", "occasion"),
        Column("network_reference", "network_reference"),
        Column("status", "status"),
        Column("status_narrative", "status_narrative"),
        Column("status_updated_on", "status_updated_on", Kind.DATE),
        pact_item_column("pact_items"),
        Column("workflow_state", "workflow_state"),
        Column("last_updated", "updated_at", Kind.MOMENT),
    )
