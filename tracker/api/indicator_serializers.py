"""Shapes of indicators, their datasets and values in the API. Indicators are public; a
dataset or value is a working copy (to its organisation's officers and the coordinators) or a
published record (to everyone else), as measures are (records.py)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from compact.common.api import CodeField as OneCodeField
from compact.common.serializers import LocalizedTextSerializer
from tracker.api.fields import (
    CodeField,
    TextOnlyField,
    TextOnlyModelSerializer,
    objective_numbers,
    organisation_codes,
)
from tracker.api.serializers import MAX_OBJECTIVES, EntrySerializer
from tracker.models import (
    Category,
    Dimension,
    Indicator,
    IndicatorDataset,
    IndicatorValue,
    PublishedIndicatorDataset,
    PublishedIndicatorValue,
    ValueStatus,
)
from tracker.models.indicators import key_categories

# The most values one request saves: every combination of an indicator's categories.
MAX_VALUES = 5000
MAX_CATEGORIES = 200
MAX_DIMENSIONS = 20


class ValueStatusField(serializers.ChoiceField):
    """A value's status: provisional or final (IndicatorValueStatusEnum in the schema, named in
    the settings' ENUM_NAME_OVERRIDES beside the measures' and pledges' `status`)."""

    def __init__(self, **kwargs):
        super().__init__(choices=ValueStatus.choices, **kwargs)


def _localized(text) -> dict | None:
    if text is None:
        return None
    return {"text": text.text, "language": text.language, "is_fallback": text.is_fallback}


class CategorySerializer(TextOnlyModelSerializer):
    class Meta:
        model = Category
        fields = ["code", "name", "name_sv", "name_nb", "name_da", "order"]
        read_only_fields = ["order"]


class DimensionSerializer(TextOnlyModelSerializer):
    """A disaggregation with its categories, in their order; created with them."""

    categories = CategorySerializer(many=True, max_length=MAX_CATEGORIES)

    class Meta:
        model = Dimension
        fields = ["code", "name", "name_sv", "name_nb", "name_da", "categories"]


class IndicatorSerializer(TextOnlyModelSerializer):
    """An indicator. Objectives are numbers, the source organisation a code, disaggregations
    their dimensions' codes (`disaggregations` adds their categories)."""

    source_organisation = organisation_codes(required=False, allow_null=True)
    objectives = objective_numbers(many=True, required=False, max_items=MAX_OBJECTIVES)
    dimensions = CodeField(
        slug_field="code",
        queryset=Dimension.objects.all(),
        many=True,
        required=False,
        max_items=MAX_DIMENSIONS,
    )
    disaggregations = DimensionSerializer(source="dimensions", many=True, read_only=True)
    name_in_language = serializers.SerializerMethodField()
    definition_in_language = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "name_sv",
            "name_nb",
            "name_da",
            "definition",
            "definition_sv",
            "definition_nb",
            "definition_da",
            "name_in_language",
            "definition_in_language",
            "unit",
            "source_organisation",
            "source_name",
            "source_url",
            "sdg_code",
            "objectives",
            "dimensions",
            "disaggregations",
            "is_demonstration",
        ]

    @extend_schema_field(LocalizedTextSerializer)
    def get_name_in_language(self, indicator) -> dict:
        return _localized(indicator.name_in(self.context["language"]))

    @extend_schema_field(LocalizedTextSerializer(allow_null=True))
    def get_definition_in_language(self, indicator) -> dict | None:
        return _localized(indicator.text_in("definition", self.context["language"]))


class DatasetSerializer(EntrySerializer):
    """One indicator's values for a period, reviewed and published as one entry. Its values:
    /indicator-values/?indicator=CODE&period=YEAR."""

    indicator = OneCodeField(slug_field="code", queryset=Indicator.objects.all())
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = IndicatorDataset
        fields = ["id", "indicator", "period", "organisation", *EntrySerializer.WORKFLOW_FIELDS]
        read_only_fields = EntrySerializer.WORKFLOW_FIELDS


class PublishedDatasetSerializer(serializers.ModelSerializer):
    """A dataset as a coordinator last approved it: what the public reads."""

    id = serializers.IntegerField(source="entry_id", read_only=True)
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)
    published_version = serializers.IntegerField(source="number", read_only=True)
    published_at = serializers.DateTimeField(source="approved_at", read_only=True)

    class Meta:
        model = PublishedIndicatorDataset
        fields = ["id", "indicator", "period", "organisation", "published_version", "published_at"]
        read_only_fields = fields


class ValueFields(serializers.Serializer):
    """What working and published values share."""

    categories = serializers.SerializerMethodField(
        help_text=_("{dimension: category} of the value; {} for the total.")
    )

    @extend_schema_field(serializers.DictField(child=serializers.CharField()))
    def get_categories(self, value) -> dict:
        return key_categories(value.key)


class ValueSerializer(ValueFields, serializers.ModelSerializer):
    """A working value, of its dataset's working copy."""

    status = ValueStatusField(read_only=True)

    indicator = serializers.CharField(source="dataset.indicator.code", read_only=True)
    period = serializers.IntegerField(source="dataset.period", read_only=True)
    workflow_state = serializers.CharField(source="dataset.workflow_state", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "indicator",
            "period",
            "dataset",
            "workflow_state",
            "key",
            "dimensions",
            "categories",
            "value",
            "note",
            "recorded_on",
            "status",
        ]
        read_only_fields = fields


class PublishedValueSerializer(ValueFields, serializers.ModelSerializer):
    """A value as a coordinator last approved it: what the public reads."""

    status = ValueStatusField(read_only=True)

    indicator = serializers.CharField(source="indicator.code", read_only=True)
    dataset = serializers.IntegerField(source="record.entry_id", read_only=True)
    published_version = serializers.IntegerField(source="record.number", read_only=True)
    published_at = serializers.DateTimeField(source="record.approved_at", read_only=True)

    class Meta:
        model = PublishedIndicatorValue
        fields = [
            "indicator",
            "period",
            "dataset",
            "published_version",
            "published_at",
            "key",
            "dimensions",
            "categories",
            "value",
            "note",
            "recorded_on",
            "status",
        ]
        read_only_fields = fields


class ValueInputSerializer(serializers.Serializer):
    categories = serializers.DictField(
        child=serializers.SlugField(),
        required=False,
        default=dict,
        help_text=_("{dimension: category}; {} or leave out for the total."),
    )
    value = serializers.DecimalField(max_digits=20, decimal_places=4)
    note = TextOnlyField(required=False, allow_blank=True, default="")
    recorded_on = serializers.DateField(required=False, allow_null=True, default=None)
    status = ValueStatusField(default=ValueStatus.PROVISIONAL)


class ValuesSaveSerializer(serializers.Serializer):
    """Values to save into a dataset (a value for categories already there replaces it), and
    the keys of values to remove."""

    values = ValueInputSerializer(many=True, max_length=MAX_VALUES)
    remove_keys = serializers.ListField(
        child=TextOnlyField(allow_blank=True), required=False, default=list
    )
    version = serializers.IntegerField(min_value=1, required=False)


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("CSV or XLSX in the tidy long format."))
