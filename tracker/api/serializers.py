"""Shapes of the tracker's API. Input serializers check shapes and turn references (objective
numbers, action codes, organisation codes) into model instances; the services do the rest.

Expects `language` (see compact.common.api.request_language) and `request` in the context.
"""

import datetime

from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from compact.common.serializers import ObjectiveSummarySerializer
from compact.languages import LANGUAGE_CODES
from tracker.api.fields import (
    ActionCodeField,
    BoundedListField,
    TextOnlyField,
    TextOnlyModelSerializer,
    VisiblePledgeField,
    cycle_slug,
    guiding_principle_codes,
    objective_numbers,
    organisation_codes,
    pact_item_codes,
)
from tracker.models import (
    Measure,
    Organisation,
    Pledge,
    ProgressUpdate,
    ReviewCycle,
    Stakeholder,
    TargetGroup,
)

EARLIEST_DATE = datetime.date(2000, 1, 1)
EARLIEST_MOMENT = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)

# The most items an entry's lists take: the Compact's 23 objectives, 187 actions and 10 guiding
# principles; partner organisations up to every ministry, agency and municipality of a country
# (Sweden has 290 municipalities); the pledges a measure serves.
MAX_OBJECTIVES = 23
MAX_ACTIONS = 187
MAX_GUIDING_PRINCIPLES = 10
MAX_ORGANISATIONS = 400
MAX_PLEDGES = 100

VERSION_HELP = _(
    "The version you edited. If the entry has changed since, the request is refused with 409 "
    "and nothing is saved. Alternatively send the If-Match header (412 on a mismatch)."
)


class OrganisationNamesSerializer(serializers.Serializer):
    en = serializers.CharField(allow_null=True)
    sv = serializers.CharField(allow_null=True)
    nb = serializers.CharField(allow_null=True)
    da = serializers.CharField(allow_null=True)


class OrganisationSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField(help_text=_("The name in the request's language."))
    names = serializers.SerializerMethodField()
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["code", "name", "names", "kind", "parent"]

    def get_name(self, organisation) -> str:
        return organisation.name(self.context["language"])

    @extend_schema_field(OrganisationNamesSerializer)
    def get_names(self, organisation) -> dict:
        return {code: getattr(organisation, f"name_{code}") or None for code in LANGUAGE_CODES}


class CycleSerializer(TextOnlyModelSerializer):
    is_closed = serializers.BooleanField(read_only=True)

    class Meta:
        model = ReviewCycle
        fields = [
            "slug",
            "name",
            "name_sv",
            "name_nb",
            "name_da",
            "kind",
            "period_start",
            "period_end",
            "deadline",
            "closed_at",
            "is_closed",
        ]
        read_only_fields = ["closed_at"]
        # Dates of the Compact's era: before 1900 a time zone's offset may have seconds
        # (local mean time), which an ISO 8601 moment cannot write.
        extra_kwargs = {
            "period_start": {"validators": [MinValueValidator(EARLIEST_DATE)]},
            "period_end": {"validators": [MinValueValidator(EARLIEST_DATE)]},
            "deadline": {"validators": [MinValueValidator(EARLIEST_MOMENT)]},
        }


class PublishedSummarySerializer(serializers.Serializer):
    """Beside a working copy: the entry's current published record, what the public reads."""

    id = serializers.IntegerField(help_text=_("The published record's own id."))
    published_version = serializers.IntegerField(
        source="number",
        help_text=_("The published version: 1 for the entry's first approval, then 2, 3, ..."),
    )
    published_at = serializers.DateTimeField(
        source="approved_at", help_text=_("When a coordinator approved this version.")
    )
    withdrawn = serializers.BooleanField(
        help_text=_(
            "Whether a coordinator approved the entry's withdrawal: it has then left public view."
        )
    )


class EntrySerializer(TextOnlyModelSerializer):
    """What measures, pledges and progress updates share: the review workflow and version.

    Who wrote and reviewed an entry, and the reviewer's comment, are shown only to those who
    may read its history (its organisation's officers and the coordinators)."""

    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)
    review_comment = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text=_(
            "The coordinator's comment when the entry was last returned or approved; null for "
            "readers outside its organisation."
        ),
    )
    created_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text=_("Null for readers outside the entry's organisation."),
    )
    reviewed_by = serializers.SlugRelatedField(
        slug_field="username",
        read_only=True,
        allow_null=True,
        help_text=_("Null for readers outside the entry's organisation."),
    )

    published = PublishedSummarySerializer(
        read_only=True,
        allow_null=True,
        help_text=_(
            "The entry's current published record, which the public reads until a change is "
            "approved; null when it was never approved."
        ),
    )

    WORKFLOW_FIELDS = [
        "published",
        "workflow_state",
        "version",
        "review_comment",
        "submitted_at",
        "reviewed_at",
        "reviewed_by",
        "created_by",
        "created_at",
        "updated_at",
    ]
    PRIVATE_FIELDS = ("review_comment", "created_by", "reviewed_by")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        private = [name for name in self.PRIVATE_FIELDS if name in data]
        user = self.context["request"].user
        if private and not user.has_perm(
            f"tracker.view_history_{instance._meta.model_name}", instance
        ):
            data.update(dict.fromkeys(private))
        return data

    def get_lead_organisation_name(self, entry) -> str:
        return entry.lead_organisation.name(self.context["language"])


class MeasureSerializer(EntrySerializer):
    """A measure. Objectives are numbers, actions objective number and letter ("5c"),
    organisations and guiding principles codes, pledges ids; `objectives_summary` adds the
    objectives' titles in the request's language."""

    lead_organisation = organisation_codes(
        required=False,
        help_text=_("Code of the lead organisation; by default the officer's own."),
    )
    lead_organisation_name = serializers.SerializerMethodField()
    partner_organisations = organisation_codes(
        many=True, max_items=MAX_ORGANISATIONS, required=False
    )
    objectives = objective_numbers(
        many=True, max_items=MAX_OBJECTIVES, help_text=_("Objective numbers, such as [2, 5].")
    )
    objectives_summary = ObjectiveSummarySerializer(source="objectives", many=True, read_only=True)
    actions = ActionCodeField(
        many=True,
        max_items=MAX_ACTIONS,
        required=False,
        help_text=_(
            'Actions as objective number and letter, such as ["5c", "5d"]; each must belong '
            "to one of the measure's objectives."
        ),
    )
    guiding_principles = guiding_principle_codes(
        many=True, max_items=MAX_GUIDING_PRINCIPLES, required=False
    )
    pact_items = pact_item_codes(
        help_text=_(
            'Codes of the EU Pact items the measure serves: sections ("III.2"), sub-headings '
            '("III.2.c", "V.a") and legal acts ("ACT-04"); see /compact/eu-pact/.'
        ),
    )
    pledges = VisiblePledgeField(
        many=True,
        max_items=MAX_PLEDGES,
        required=False,
        help_text=_("Ids of the pledges the measure serves."),
    )
    target_groups = BoundedListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices),
        max_items=len(TargetGroup.choices),
        required=False,
    )
    stakeholders = BoundedListField(
        child=serializers.ChoiceField(choices=Stakeholder.choices),
        max_items=len(Stakeholder.choices),
        required=False,
    )

    class Meta:
        model = Measure
        fields = [
            "id",
            "title",
            "description",
            "language",
            "title_en",
            "description_en",
            "lead_organisation",
            "lead_organisation_name",
            "partner_organisations",
            "objectives",
            "objectives_summary",
            "actions",
            "guiding_principles",
            "pact_items",
            "kind",
            "status",
            "start_date",
            "end_date",
            "budget_amount",
            "budget_currency",
            "target_groups",
            "stakeholders",
            "pledges",
            "archived_at",
            "withdrawal_requested_at",
            *EntrySerializer.WORKFLOW_FIELDS,
        ]
        read_only_fields = [
            "workflow_state",
            "submitted_at",
            "reviewed_at",
            "archived_at",
            "withdrawal_requested_at",
        ]


class PledgeSerializer(EntrySerializer):
    """A pledge. Objectives are numbers and organisations codes."""

    lead_organisation = organisation_codes(
        required=False,
        help_text=_("Code of the lead organisation; by default the officer's own."),
    )
    lead_organisation_name = serializers.SerializerMethodField()
    co_pledging_organisations = organisation_codes(
        many=True, max_items=MAX_ORGANISATIONS, required=False
    )
    objectives = objective_numbers(
        many=True, max_items=MAX_OBJECTIVES, help_text=_("Objective numbers, such as [2, 5].")
    )
    objectives_summary = ObjectiveSummarySerializer(source="objectives", many=True, read_only=True)
    pact_items = pact_item_codes(
        help_text=_(
            'Codes of the EU Pact items the pledge serves: sections ("III.2"), sub-headings '
            '("III.2.c", "V.a") and legal acts ("ACT-04"); see /compact/eu-pact/.'
        ),
    )

    class Meta:
        model = Pledge
        fields = [
            "id",
            "text",
            "language",
            "text_en",
            "lead_organisation",
            "lead_organisation_name",
            "co_pledging_organisations",
            "pledge_type",
            "objectives",
            "objectives_summary",
            "pact_items",
            "made_on",
            "occasion",
            "network_reference",
            "status",
            "status_narrative",
            "status_updated_on",
            "archived_at",
            "withdrawal_requested_at",
            *EntrySerializer.WORKFLOW_FIELDS,
        ]
        read_only_fields = [
            "workflow_state",
            "submitted_at",
            "reviewed_at",
            "status_updated_on",
            "archived_at",
            "withdrawal_requested_at",
        ]


class ProgressUpdateSerializer(EntrySerializer):
    """What happened to a measure in one review cycle."""

    cycle = cycle_slug(
        required=False,
        help_text=_(
            "Slug of the review cycle; by default the open cycle with the latest period. "
            "An update stays in its cycle."
        ),
    )

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "measure",
            "cycle",
            "status",
            "narrative",
            "results",
            "challenges",
            "narrative_en",
            "results_en",
            "challenges_en",
            *EntrySerializer.WORKFLOW_FIELDS,
        ]
        read_only_fields = ["measure", "workflow_state", "submitted_at", "reviewed_at"]


class TransitionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, required=False, help_text=VERSION_HELP)


class ApproveSerializer(TransitionSerializer):
    comment = TextOnlyField(required=False, allow_blank=True, default="")


class ReturnSerializer(TransitionSerializer):
    comment = TextOnlyField(
        help_text=_("What the officer should change; required."),
        error_messages={
            "required": _("Say what the officer should change: a comment is required."),
            "blank": _("Say what the officer should change: a comment is required."),
        },
    )


class SnapshotEntrySerializer(serializers.Serializer):
    entry_id = serializers.IntegerField()
    published_version = serializers.IntegerField()
    approved_at = serializers.DateTimeField()


class SnapshotSerializer(serializers.Serializer):
    """What a closed cycle froze: its figures and reports read these published versions."""

    taken_at = serializers.DateTimeField()
    measures = SnapshotEntrySerializer(many=True)
    pledges = SnapshotEntrySerializer(many=True)
    updates = SnapshotEntrySerializer(many=True)
    indicator_datasets = SnapshotEntrySerializer(many=True)
