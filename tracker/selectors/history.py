"""An entry's history as people read it, on its history page and in the API: when, who, why,
and each field from what to what.

simple-history stores a full copy per change; `diff_against` gives the changed fields, with
foreign keys as ids and many-to-many fields as rows of their through table. Here they become
the labels a reader knows (objective numbers, organisation names, choice labels)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from compact.common.language import reader_language
from compact.languages import LANGUAGE_NAMES
from compact.models import Action, GuidingPrinciple, Objective
from tracker.models import Organisation, Stakeholder, TargetGroup

# Bookkeeping that every record changes, or that the record itself shows (when, who).
NOT_SHOWN = {
    "version",
    "created_at",
    "updated_at",
    "created_by",
    "submitted_at",
    "reviewed_at",
    "reviewed_by",
}
EMPTY = "—"
EMPTY_VALUES = (None, "", [])
# The values of the measure's lists of choices (target groups, stakeholders).
LIST_CHOICES = dict(TargetGroup.choices) | dict(Stakeholder.choices)


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    version: int
    when: object
    who: str
    reason: str
    changes: list[FieldChange]


def _person(user) -> str:
    if user is None:
        return _("(unknown)")
    return user.get_full_name() or user.username


def object_label(obj, language: str) -> str:
    """A related object as the pages name it, in `language`."""
    if isinstance(obj, Objective):
        return _("Objective %(number)s") % {"number": obj.number}
    if isinstance(obj, Organisation):
        return obj.name(language)
    if isinstance(obj, GuidingPrinciple):
        name = obj.localized("name", language)
        return name.text if name else obj.code
    return str(obj)


class _Labels:
    """Labels of related objects, loaded once per model for the whole page."""

    def __init__(self):
        self._wanted: dict[type, set] = {}
        self._labels: dict[type, dict] = {}

    def want(self, model, pks) -> None:
        self._wanted.setdefault(model, set()).update(pk for pk in pks if pk is not None)

    def load(self) -> None:
        language = reader_language()
        for model, pks in self._wanted.items():
            queryset = model._default_manager.filter(pk__in=pks)
            if model is Action:
                queryset = queryset.select_related("objective")
            self._labels[model] = {obj.pk: object_label(obj, language) for obj in queryset}

    def get(self, model, pk) -> str:
        return self._labels.get(model, {}).get(pk, f"#{pk}")


def _m2m_ids_by_record(model, records, m2m_fields: list[str]) -> dict[str, dict]:
    """For each many-to-many field, the related objects' ids each history record kept, by the
    record's id: one query per field, whatever the number of records."""
    by_field = {}
    for name in m2m_fields:
        target = model._meta.get_field(name).m2m_reverse_field_name()
        kept = defaultdict(list)
        if records:
            rows = getattr(records[0], name).model.objects.filter(
                history_id__in=[record.pk for record in records]
            )
            for history_id, related_id in rows.values_list("history_id", f"{target}_id"):
                kept[history_id].append(related_id)
        by_field[name] = kept
    return by_field


def _values(model, record, fields: list[str], m2m_ids: dict[str, dict]) -> dict:
    """What `record` kept of each field: a column's value (foreign keys as ids) or the ids of
    a many-to-many field's objects."""
    values = {name: getattr(record, model._meta.get_field(name).attname) for name in fields}
    for name, kept in m2m_ids.items():
        values[name] = sorted(kept.get(record.pk, []))
    return values


def _changes(before: dict | None, after: dict) -> list[tuple]:
    """The fields whose values differ from `before` to `after` (from nothing for the first
    record: its non-empty fields, in the fields' order)."""
    if before is None:
        return [
            (name, [] if isinstance(value, list) else None, value)
            for name, value in after.items()
            if value not in EMPTY_VALUES
        ]
    # By field name, as simple-history's diff_against orders them.
    return [
        (name, before[name], value)
        for name, value in sorted(after.items())
        if before[name] != value
    ]


def _scalar(field: models.Field, value, labels: _Labels) -> str:
    if value is None or value in ("", []):
        return EMPTY
    if isinstance(field, models.ForeignKey):
        return labels.get(field.related_model, value)
    if field.name == "language":
        return str(LANGUAGE_NAMES.get(value, value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list):
        return ", ".join(str(LIST_CHOICES.get(item, item)) for item in value)
    if isinstance(field, models.DateTimeField):
        return formats.localize(timezone.localtime(value))
    if isinstance(field, models.DateField):
        return formats.localize(value)
    return str(value)


def _format(field, value, labels: _Labels) -> str:
    if isinstance(field, models.ManyToManyField):
        names = sorted(labels.get(field.related_model, pk) for pk in value)
        return ", ".join(names) or EMPTY
    return _scalar(field, value, labels)


def entry_history(entry) -> list[HistoryRow]:
    """The entry's changes, newest first, in a fixed number of queries: the records with their
    many-to-many rows read at once, compared one after the other in Python (simple-history's
    `diff_against` reads the many-to-many rows again for every pair of records)."""
    model = type(entry)
    m2m_fields = [field.name for field in entry.history.model._history_m2m_fields]
    records = list(
        entry.history.select_related("history_user").order_by("history_date", "history_id")
    )
    m2m_ids = _m2m_ids_by_record(model, records, m2m_fields)
    fields = [
        field.name
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in NOT_SHOWN
    ]
    labels = _Labels()
    raw, before = [], None
    for record in records:
        after = _values(model, record, fields, m2m_ids)
        changes = _changes(before, after)
        before = after
        for name, old, new in changes:
            field = model._meta.get_field(name)
            if field.is_relation:
                labels.want(field.related_model, old if field.many_to_many else [old])
                labels.want(field.related_model, new if field.many_to_many else [new])
        raw.append((record, changes))
    labels.load()
    return [
        HistoryRow(
            version=record.version,
            when=record.history_date,
            who=_person(record.history_user),
            reason=_(record.history_change_reason) if record.history_change_reason else "",
            changes=[
                _field_change(model._meta.get_field(name), old, new, labels)
                for name, old, new in changes
            ],
        )
        for record, changes in reversed(raw)
    ]


def _field_change(field, old, new, labels: _Labels) -> FieldChange:
    return FieldChange(
        label=capfirst(field.verbose_name),
        old=_format(field, old, labels),
        new=_format(field, new, labels),
    )
