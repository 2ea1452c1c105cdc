"""What can be imported: measures, pledges and progress updates, each with its columns
(tracker/exports/import_columns.py), the permission to import it (tracker/rules.py), its row
parser and the service that creates it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tracker.exports import IGNORED_COLUMNS, IMPORT_COLUMNS
from tracker.imports.entry_rows import PledgeRowParser, UpdateRowParser
from tracker.imports.measure_rows import MeasureRowParser
from tracker.imports.reading import NO_ROWS, TOO_MANY
from tracker.imports.rows import RowParser
from tracker.services.measures import measure_create
from tracker.services.pledges import pledge_create
from tracker.services.updates import progress_update_create


def _update_create(*, actor, data: dict):
    """progress_update_create, with the measure and cycle the row names."""
    data = dict(data)
    measure, cycle = data.pop("measure"), data.pop("cycle")
    return progress_update_create(actor=actor, measure=measure, cycle=cycle, data=data)


@dataclass(frozen=True)
class ImportKind:
    name: str
    permission: str
    parser: type[RowParser]
    # The service that creates one entry: create(actor=, data=).
    create: Callable
    too_many: Promise
    no_rows: Promise

    @property
    def columns(self):
        return IMPORT_COLUMNS[self.name]

    @property
    def ignored(self) -> tuple[str, ...]:
        return IGNORED_COLUMNS[self.name]


KINDS = {
    "measures": ImportKind(
        "measures",
        "tracker.import_measures",
        MeasureRowParser,
        measure_create,
        TOO_MANY,
        NO_ROWS,
    ),
    "pledges": ImportKind(
        "pledges",
        "tracker.import_pledges",
        PledgeRowParser,
        pledge_create,
        _("The file has more than %(limit)s pledges. Split it into smaller files."),
        _("The file has no pledges: there are no rows below the header."),
    ),
    "updates": ImportKind(
        "updates",
        "tracker.import_progressupdates",
        UpdateRowParser,
        _update_create,
        _("The file has more than %(limit)s progress updates. Split it into smaller files."),
        _("The file has no progress updates: there are no rows below the header."),
    ),
}
