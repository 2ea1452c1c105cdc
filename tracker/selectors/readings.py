"""What a reader reads of an entry: its working copy or its published record.

Those who write an entry (its organisation's desk officers) and those who review it (the
coordinators) read its working copy: drafts, changes under review and their review
(`reads_working_copy` in tracker/rules.py). Everyone else reads its current published record
(tracker/models/published.py), the version a coordinator last approved, whatever is under
review since; an entry without one, or whose withdrawal was approved, is not found.

A list is one or the other: desk officers' and coordinators' lists hold working copies (scoped
by tracker/selectors/entries.py as before), everybody else's the published records. A single
entry is decided on its own, so that a desk officer reading another ministry's measure gets its
published record, even while a change of it is under review.

The design: docs/architecture/decisions/0014-the-api-reads-published-records.md.
"""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from compact.models import Action
from tracker.models import (
    Measure,
    Pledge,
    ProgressUpdate,
    PublishedMeasure,
    PublishedPledge,
    PublishedUpdate,
    ReviewCycle,
)
from tracker.rules import is_coordinator, is_desk_officer
from tracker.selectors.cycles import current_records, public_measures
from tracker.selectors.entries import measure_get, pledge_get, progress_update_get


def lists_working_copies(user) -> bool:
    """Whether `user`'s lists hold working copies rather than published records: the list form
    of `reads_working_copy` (tracker/rules.py), which a desk officer has for her organisation's
    entries and a coordinator for all."""
    return is_coordinator(user) or is_desk_officer(user)


def _public_pledge_ids() -> QuerySet[Pledge]:
    """The pledges the public sees, as bare rows: what a published measure names of its
    pledges."""
    return Pledge.objects.filter(pk__in=current_records(PublishedPledge).values("entry_id")).only(
        "id"
    )


def published_measure_list(*, cycle: ReviewCycle | None = None) -> QuerySet[PublishedMeasure]:
    """The measures' published records the public sees (a closed `cycle`'s snapshot, else the
    current ones), with what they link to, in a fixed number of queries."""
    return (
        public_measures(cycle)
        .select_related("lead_organisation")
        .prefetch_related(
            "objectives",
            Prefetch("actions", queryset=Action.objects.select_related("objective")),
            "partner_organisations",
            "guiding_principles",
            "pact_items",
            Prefetch("pledges", queryset=_public_pledge_ids()),
        )
    )


def published_pledge_list() -> QuerySet[PublishedPledge]:
    """The pledges' current published records, with what they link to."""
    return (
        current_records(PublishedPledge)
        .select_related("lead_organisation")
        .prefetch_related("objectives", "co_pledging_organisations", "pact_items")
    )


def published_update_list(*, measure: PublishedMeasure) -> QuerySet[PublishedUpdate]:
    """The current published records of the progress updates of the measure whose published
    record is `measure`, latest cycle first."""
    return (
        current_records(PublishedUpdate)
        .filter(measure_id=measure.entry_id)
        .select_related("cycle")
        .order_by("-cycle__period_start", "entry_id")
    )


def _reading(user, model, pk: int, working_copy, records: QuerySet):
    """Entry `pk` of `model` as `user` reads it: the working copy `working_copy()` finds when
    the rules let her read it, or else its current published record among `records`; 404 when
    neither."""
    if lists_working_copies(user):
        try:
            entry = working_copy()
        except Http404:
            entry = None
        rule = f"tracker.read_working_copy_{model._meta.model_name}"
        if entry is not None and user.has_perm(rule, entry):
            return entry
    record = records.filter(entry_id=pk).first()
    if record is None:
        raise Http404(f"No such {model._meta.verbose_name}")
    return record


def measure_reading(*, user, pk: int) -> Measure | PublishedMeasure:
    """Measure `pk` as `user` reads it: its working copy or its current published record."""
    return _reading(
        user, Measure, pk, lambda: measure_get(user=user, pk=pk), published_measure_list()
    )


def pledge_reading(*, user, pk: int) -> Pledge | PublishedPledge:
    """Pledge `pk` as `user` reads it: its working copy or its current published record."""
    return _reading(user, Pledge, pk, lambda: pledge_get(user=user, pk=pk), published_pledge_list())


def progress_update_reading(
    *, user, measure: Measure | PublishedMeasure, pk: int
) -> ProgressUpdate | PublishedUpdate:
    """Progress update `pk` of `measure` (as `user` reads the measure) as `user` reads it."""
    if isinstance(measure, PublishedMeasure):
        found = published_update_list(measure=measure).filter(entry_id=pk).first()
    else:
        found = progress_update_get(user=user, pk=pk)
        found = found if found.measure_id == measure.pk else None
    if found is None:
        raise Http404("No such progress update of this measure")
    return found
