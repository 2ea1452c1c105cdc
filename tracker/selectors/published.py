"""What the public record page of a measure or pledge reads: its current published record,
what links to it, its published versions and what changed between two of them.

Only published records (tracker/models/published.py) are read here, never an entry's working
copy, and nothing names who approved a version. A record is found by its entry's id, the
address the public links to; a published version by its number.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from compact.models import Action, PactItem
from tracker.models import (
    Pledge,
    PublishedMeasure,
    PublishedPledge,
    PublishedRecord,
    PublishedUpdate,
)
from tracker.models.published import RECORD_FIELDS
from tracker.selectors.cycles import current_records

# Lists of choices kept as JSON: compared item by item, as the many-to-many fields.
LIST_FIELDS = ("target_groups", "stakeholders")
RELATIONS = {
    PublishedMeasure: (
        "partner_organisations",
        "objectives",
        Prefetch("actions", Action.objects.select_related("objective")),
        "guiding_principles",
        Prefetch("pact_items", PactItem.objects.select_related("part")),
        # Only which pledges: their working copies are no public record's business.
        Prefetch("pledges", Pledge.objects.only("pk")),
    ),
    PublishedPledge: (
        "co_pledging_organisations",
        "objectives",
        Prefetch("pact_items", PactItem.objects.select_related("part")),
    ),
}


def _with_relations(records: QuerySet) -> QuerySet:
    return records.select_related("lead_organisation").prefetch_related(*RELATIONS[records.model])


def public_record(model: type[PublishedRecord], *, entry_id: int) -> PublishedRecord | None:
    """The published record the public sees now of the measure or pledge `entry_id`, with
    what its page shows; None when it was never published or its withdrawal was approved."""
    return _with_relations(current_records(model).filter(entry_id=entry_id)).first()


def has_public_record(model: type[PublishedRecord], *, entry_id: int) -> bool:
    """Whether the public may read the entry `entry_id` on its public page."""
    return current_records(model).filter(entry_id=entry_id).exists()


def measure_updates(*, measure_id: int) -> QuerySet[PublishedUpdate]:
    """The measure's progress updates as the public sees them now, latest cycle first."""
    return (
        current_records(PublishedUpdate)
        .filter(measure_id=measure_id)
        .select_related("cycle")
        .order_by("-cycle__period_start", "-cycle_id")
    )


def measure_pledges(*, measure: PublishedMeasure) -> QuerySet[PublishedPledge]:
    """The public pledges the published `measure` links to, newest first."""
    linked = PublishedMeasure.pledges.through.objects.filter(publishedmeasure=measure)
    return current_records(PublishedPledge).filter(entry_id__in=linked.values("pledge_id"))


def pledge_measures(*, pledge_id: int) -> QuerySet[PublishedMeasure]:
    """The public measures whose published version links to the pledge `pledge_id`."""
    return current_records(PublishedMeasure).filter(pledges=pledge_id).order_by("title", "pk")


def published_versions(model: type[PublishedRecord], *, entry_id: int) -> list[dict]:
    """Every published version of the entry, first to latest: its number, when it was
    approved and whether it was its withdrawal."""
    return list(
        model.objects.filter(entry_id=entry_id)
        .order_by("number")
        .values("number", "approved_at", "withdrawn")
    )


def records_numbered(model, *, entry_id: int, numbers) -> dict[int, PublishedRecord]:
    """The entry's published versions of those `numbers`, by number, with their relations."""
    records = _with_relations(model.objects.filter(entry_id=entry_id, number__in=set(numbers)))
    return {record.number: record for record in records}


@dataclass
class FieldChange:
    """One field that differs between two published versions: the values before and after
    (a scalar field), or the items added and removed (a many-to-many field or a list)."""

    name: str
    label: str
    before: object = None
    after: object = None
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    is_list: bool = False


def record_changes(older: PublishedRecord, newer: PublishedRecord) -> list[FieldChange]:
    """What differs between two published versions of one entry, field by field in the
    model's order. A pure read of two immutable rows (their relations prefetched)."""
    changes = []
    for model_field in type(older)._meta.get_fields():
        if model_field.name in RECORD_FIELDS or not model_field.concrete:
            continue
        change = _change(model_field, older, newer)
        if change is not None:
            changes.append(change)
    return changes


def _change(model_field, older, newer) -> FieldChange | None:
    name, label = model_field.name, str(model_field.verbose_name)
    if model_field.many_to_many or name in LIST_FIELDS:
        before, after = _items(older, name), _items(newer, name)
        added = [item for key, item in after.items() if key not in before]
        removed = [item for key, item in before.items() if key not in after]
        if added or removed:
            return FieldChange(name, label, added=added, removed=removed, is_list=True)
        return None
    before, after = getattr(older, name), getattr(newer, name)
    if before == after:
        return None
    return FieldChange(name, label, before=before, after=after)


def _items(record, name: str) -> dict:
    """The items of a many-to-many field (by primary key) or of a list field (by value)."""
    if name in LIST_FIELDS:
        return {value: value for value in getattr(record, name) or []}
    return {item.pk: item for item in getattr(record, name).all()}
