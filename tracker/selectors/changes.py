"""What a coordinator reviews: how an entry's working copy differs from its current published
record, field by field, in the words of the pages.

The comparison is tracker/selectors/published.py's `record_changes`, given the working copy as
the newer side: the working copy has every field of its published record under the same name.
Its evidence is compared as the public would see it: the public evidence not removed.

`pending_changes` loads what it compares for a whole list of entries of one kind in a fixed
number of queries, however many entries there are.
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import formats
from django.utils.text import capfirst

from compact.common.language import reader_language
from compact.languages import LANGUAGE_NAMES
from compact.models import Action
from tracker.models import Evidence, Measure, Pledge, ProgressUpdate
from tracker.selectors.history import LIST_CHOICES, object_label
from tracker.selectors.published import record_changes

EMPTY = "—"
NEW, WITHDRAWAL, CHANGED, UNCHANGED = "new", "withdrawal", "changed", "unchanged"


def _relations(prefix: str = "") -> dict:
    """What the comparison reads of each kind of entry (the working copy's lookups, or with
    `prefix` "published__" its published record's)."""
    return {
        Measure: (
            f"{prefix}lead_organisation",
            f"{prefix}partner_organisations",
            f"{prefix}objectives",
            Prefetch(f"{prefix}actions", Action.objects.select_related("objective")),
            f"{prefix}guiding_principles",
            f"{prefix}pledges",
            f"{prefix}pact_items",
        ),
        Pledge: (
            f"{prefix}lead_organisation",
            f"{prefix}co_pledging_organisations",
            f"{prefix}objectives",
            f"{prefix}pact_items",
        ),
        ProgressUpdate: (f"{prefix}measure", f"{prefix}cycle"),
    }


@dataclass(frozen=True)
class ShownChange:
    """One field that differs, as a reader reads it: its label and the values before and
    after, or for a list the items added and removed."""

    label: str
    before: str = ""
    after: str = ""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    is_list: bool = False


@dataclass(frozen=True)
class PendingChanges:
    """What approving the entry would change for the public: `state` is NEW (never
    published), WITHDRAWAL (a withdrawal request), CHANGED (with `changes`) or UNCHANGED."""

    state: str
    number: int | None = None
    changes: list[ShownChange] = field(default_factory=list)


def pending_changes(entries) -> dict[int, PendingChanges]:
    """What changed since the published version, for each of `entries` (of one kind), by id."""
    entries = list(entries)
    if not entries:
        return {}
    model = type(entries[0])
    lookups = [*_relations()[model], "published", *_relations("published__")[model]]
    if model is Measure:
        public = Evidence.objects.filter(public=True, removed_at__isnull=True)
        lookups += [Prefetch("evidence", public), "published__evidence"]
    prefetch_related_objects(entries, *lookups)
    return {entry.pk: _pending(entry) for entry in entries}


def _pending(entry) -> PendingChanges:
    record = entry.published
    if record is None:
        return PendingChanges(NEW)
    if getattr(entry, "withdrawal_pending", False):
        return PendingChanges(WITHDRAWAL, record.number)
    language = reader_language()
    changes = [
        _shown(type(record)._meta.get_field(change.name), change, language)
        for change in record_changes(record, entry)
    ]
    return PendingChanges(CHANGED if changes else UNCHANGED, record.number, changes)


def _shown(model_field, change, language: str) -> ShownChange:
    label = capfirst(change.label)
    if change.is_list:
        return ShownChange(
            label,
            added=[_value(model_field, item, language) for item in change.added],
            removed=[_value(model_field, item, language) for item in change.removed],
            is_list=True,
        )
    return ShownChange(
        label,
        before=_value(model_field, change.before, language),
        after=_value(model_field, change.after, language),
    )


def _value(model_field, value, language: str) -> str:
    if value is None or value in ("", []):
        return EMPTY
    if isinstance(value, models.Model):
        return object_label(value, language)
    if model_field.name == "language":
        return str(LANGUAGE_NAMES.get(value, value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, str) and value in LIST_CHOICES:
        return str(LIST_CHOICES[value])
    return str(formats.localize(value))
