"""Shapes of the published records, as the API gives them to readers who do not read working
copies (tracker/selectors/readings.py): the entry's public fields as a coordinator approved
them, under the entry's id, with the published version and when it was approved. Nothing of the
working copy: no workflow state, version for editing, review, reviewer or author.

Each shape is its entry's serializer on the published record's model, so that a field reads
the same in both; `Reading` serializers document that an answer is one or the other.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

from tracker.api.serializers import (
    EntrySerializer,
    MeasureSerializer,
    PledgeSerializer,
    ProgressUpdateSerializer,
)
from tracker.models import PublishedMeasure, PublishedPledge, PublishedUpdate

# The working copy's own fields, left out of a published record: the workflow's, and the
# withdrawal's (a withdrawn entry has no published record to read; a withdrawal under review is
# the working copy's business).
WORKING_COPY_FIELDS = {
    *EntrySerializer.WORKFLOW_FIELDS,
    "archived_at",
    "withdrawal_requested_at",
}
RECORD_FIELDS = ["published_version", "published_at"]


def _record_fields(entry_serializer) -> list[str]:
    fields = [name for name in entry_serializer.Meta.fields if name not in WORKING_COPY_FIELDS]
    return [*fields, *RECORD_FIELDS]


class PublishedFields(serializers.Serializer):
    """What every published record adds to its entry's public fields."""

    id = serializers.IntegerField(
        source="entry_id",
        read_only=True,
        help_text=_("The entry's id, as in the entry's address."),
    )
    published_version = serializers.IntegerField(
        source="number",
        read_only=True,
        help_text=_("The published version: 1 for the entry's first approval, then 2, 3, ..."),
    )
    published_at = serializers.DateTimeField(
        source="approved_at",
        read_only=True,
        help_text=_("When a coordinator approved this version."),
    )

    def get_fields(self):
        # Every field is read: a published record never changes (and the schema says so).
        fields = super().get_fields()
        for field in fields.values():
            field.read_only = True
        return fields


class PublishedMeasureSerializer(PublishedFields, MeasureSerializer):
    """A measure as a coordinator last approved it: what the public reads."""

    class Meta:
        model = PublishedMeasure
        fields = _record_fields(MeasureSerializer)
        read_only_fields = fields


class PublishedPledgeSerializer(PublishedFields, PledgeSerializer):
    """A pledge as a coordinator last approved it: what the public reads."""

    class Meta:
        model = PublishedPledge
        fields = _record_fields(PledgeSerializer)
        read_only_fields = fields


class PublishedUpdateSerializer(PublishedFields, ProgressUpdateSerializer):
    """A progress update as a coordinator last approved it: what the public reads."""

    class Meta:
        model = PublishedUpdate
        fields = _record_fields(ProgressUpdateSerializer)
        read_only_fields = fields


PUBLISHED_SERIALIZERS = {
    MeasureSerializer: PublishedMeasureSerializer,
    PledgeSerializer: PublishedPledgeSerializer,
    ProgressUpdateSerializer: PublishedUpdateSerializer,
}


def reading(serializer_class, *, many: bool = False) -> PolymorphicProxySerializer:
    """For the schema: an answer (or a list of them) that is the working copy, to its
    organisation's officers and the coordinators, or the published record, to everyone else."""
    return PolymorphicProxySerializer(
        component_name=f"{serializer_class.Meta.model.__name__}Reading",
        serializers=[serializer_class, PUBLISHED_SERIALIZERS[serializer_class]],
        resource_type_field_name=None,
        many=many,
    )
