"""Evidence: what a reader sees of a measure's evidence.

The public sees the evidence of a measure's current published record: what its officer marked
public and had not removed when a coordinator approved the measure
(tracker/services/publication.py). The measure's organisation and the coordinators see its
working copy's evidence, public or not, until it is removed (tracker/rules.py).
"""

from collections import defaultdict

from django.db.models import QuerySet
from django.http import Http404

from tracker.models import Evidence, Measure, PublishedMeasure
from tracker.selectors.entries import measure_get
from tracker.selectors.published import has_public_record


def published_evidence(record: PublishedMeasure | None) -> QuerySet[Evidence]:
    """The evidence of one published record, in the order it was added; none for no record."""
    if record is None:
        return Evidence.objects.none()
    return record.evidence.order_by("added_at", "id")


def published_evidence_by_record(records) -> dict[int, list[Evidence]]:
    """The evidence of each of `records` (published measures), by the record's id: one query
    whatever their number. A record without evidence is not in the dict."""
    through = PublishedMeasure.evidence.through
    rows = (
        through.objects.filter(publishedmeasure_id__in=[record.pk for record in records])
        .select_related("evidence")
        .order_by("evidence__added_at", "evidence_id")
    )
    by_record = defaultdict(list)
    for row in rows:
        by_record[row.publishedmeasure_id].append(row.evidence)
    return dict(by_record)


def evidence_of_measure(*, user, measure: Measure) -> list[Evidence]:
    """The evidence `user` sees listed on `measure`'s page: the working copy's (not removed)
    for its organisation and the coordinators, else its published record's (none when the
    measure's withdrawal was approved)."""
    if user.has_perm("tracker.view_unpublished_evidence", measure):
        return list(
            measure.evidence.filter(removed_at__isnull=True)
            .select_related("added_by")
            .order_by("added_at", "id")
        )
    record = measure.published
    if record is None or record.withdrawn:
        return []
    return list(published_evidence(record))


def measure_for_evidence(*, user, pk: int) -> Measure:
    """The measure whose evidence `user` asks for: one she may read, or else one the public
    reads in its published record (whose published evidence she then gets); 404 otherwise."""
    try:
        return measure_get(user=user, pk=pk)
    except Http404:
        measure = Measure.objects.select_related("published").filter(pk=pk).first()
        if measure is None or not has_public_record(PublishedMeasure, entry_id=pk):
            raise
        return measure


def evidence_get(*, user, measure: Measure, pk: int) -> Evidence:
    """One evidence of `measure` that `user` sees listed on it (evidence_of_measure); 404 for
    any other."""
    for evidence in evidence_of_measure(user=user, measure=measure):
        if evidence.pk == pk:
            return evidence
    raise Http404("No such evidence of this measure")
