"""A pledge's row and a progress update's row: the readers of the cells only they have."""

from django.utils.translation import gettext as _

from tracker.imports.cells import CellProblem, cell_text, choices_by_name
from tracker.imports.rows import RowParser
from tracker.models import MeasureStatus, PledgeStatus, PledgeType
from tracker.rules import is_own_organisation
from tracker.selectors.entries import cycle_list, measure_list


class PledgeRowParser(RowParser):
    """A row into the data of pledge_create, as the pledge form asks it."""

    def __init__(self, actor, columns):
        super().__init__(actor, columns)
        self.pledge_types = choices_by_name(PledgeType)
        self.statuses = choices_by_name(PledgeStatus)

    _text_en = _occasion = _network_reference = _status_narrative = RowParser._text
    _made_on = _status_updated_on = RowParser._date

    def _pledge_type(self, value):
        return self._one_of(value, self.pledge_types, _("type of pledge"))

    def _status(self, value):
        return self._one_of(value, self.statuses, _("status of a pledge"))


class UpdateRowParser(RowParser):
    """A row into a progress update of one of the officer's measures in an open cycle."""

    def __init__(self, actor, columns):
        super().__init__(actor, columns)
        self.statuses = choices_by_name(MeasureStatus)
        self.cycles = {cycle.slug: cycle for cycle in cycle_list()}
        self.measures = {}

    def prepare(self, rows: list[dict]) -> None:
        """The measures the rows name, in one query; those the officer may not read are not
        found."""
        ids = {cell_text(row.get("measure")) for row in rows}
        ids = [int(text) for text in ids if text.isdigit() and len(text) < 10]
        measures = measure_list(user=self.actor, include_archived=True).prefetch_related(None)
        self.measures = {measure.pk: measure for measure in measures.filter(pk__in=ids)}

    def _measure(self, value):
        text = cell_text(value)
        if not text:
            return None
        if not text.isdigit():
            raise CellProblem(
                _(
                    "%(value)s is not a measure's id; write the id the measure export gives, "
                    "such as 12."
                )
                % {"value": text}
            )
        measure = self.measures.get(int(text)) if len(text) < 10 else None
        if measure is None or not is_own_organisation(self.actor, measure):
            raise CellProblem(
                _("Your organisation has no measure with the id %(id)s.") % {"id": text}
            )
        if not self.actor.has_perm("tracker.change_measure", measure):
            raise CellProblem(
                _(
                    "Measure %(id)s takes no progress update now: it is withdrawn, or its "
                    "withdrawal waits for review."
                )
                % {"id": text}
            )
        return measure

    def _cycle(self, value):
        slug = cell_text(value)
        if not slug:
            return None
        cycle = self.cycles.get(slug) or self.cycles.get(slug.lower())
        if cycle is None:
            open_slugs = [slug for slug, cycle in self.cycles.items() if not cycle.is_closed]
            raise CellProblem(
                _("%(value)s is not a review cycle; write the slug of an open one: %(slugs)s.")
                % {"value": slug, "slugs": ", ".join(open_slugs) or "—"}
            )
        if cycle.is_closed:
            raise CellProblem(
                _("%(cycle)s is closed; its progress updates can no longer be added or changed.")
                % {"cycle": cycle.name}
            )
        return cycle

    def _status(self, value):
        return self._one_of(value, self.statuses, _("status"))

    _narrative = _results = _challenges = RowParser._text
    _narrative_en = _results_en = _challenges_en = RowParser._text
