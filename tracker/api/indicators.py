"""The API of indicators, their datasets (one indicator's values for a period, reviewed as an
entry) and their values: thin callers of tracker.selectors.indicators and the services.

Indicators are public; administrators and coordinators create and change them. Datasets and
values are read as entries are (entries.py): a working copy for the recording organisation's
officers and the coordinators, the current published version for everyone else.
"""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from compact.common.api import LANG_PARAMETER, ApiViewMixin
from tracker import exports
from tracker.api.concurrency import ETAG_HEADER, IF_MATCH_PARAMETER, Precondition, etag
from tracker.api.entries import EntryViewSet
from tracker.api.entry_schemas import FORMAT_PARAMETER
from tracker.api.indicator_serializers import (
    DatasetSerializer,
    DimensionSerializer,
    ImportSerializer,
    IndicatorSerializer,
    PublishedDatasetSerializer,
    PublishedValueSerializer,
    ValueSerializer,
    ValuesSaveSerializer,
)
from tracker.api.renderers import CSVRenderer, XLSXRenderer
from tracker.exports.indicators import indicator_values_export
from tracker.imports.indicators import indicator_values_import
from tracker.models import PublishedIndicatorValue, PublishedRecord
from tracker.selectors import indicators as selectors
from tracker.services import indicator_values, indicators
from tracker.services.indicator_values import FIRST_PERIOD, LAST_PERIOD


def _reading(name: str, working, published, *, many: bool = False):
    """For the schema: the working copy (to the recording officers and the coordinators) or the
    published version (to everyone else)."""
    return PolymorphicProxySerializer(
        component_name=name,
        serializers=[working, published],
        resource_type_field_name=None,
        many=many,
    )


class IndicatorFilter(django_filters.FilterSet):
    objective = django_filters.NumberFilter(
        field_name="objectives__number",
        label="An objective's number (1 to 23).",
        min_value=1,
        max_value=23,
    )
    round_table = django_filters.NumberFilter(
        field_name="objectives__round_table__number",
        label="A round table's number (1 to 4).",
        min_value=1,
        max_value=4,
    )
    dimension = django_filters.CharFilter(
        field_name="dimensions__code", label="Disaggregated by this dimension (its code)."
    )


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class IndicatorViewSet(
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Indicators: national figures per period informing the Compact's objectives, by code."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9][A-Za-z0-9._-]*"
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_permissions = {"create": "tracker.add_indicator"}
    object_permissions = {"partial_update": "tracker.change_indicator"}

    def get_queryset(self):
        return selectors.indicator_list().distinct()

    def perform_create(self, serializer):
        serializer.instance = indicators.indicator_create(
            actor=self.request.user, data=dict(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = indicators.indicator_update(
            actor=self.request.user,
            indicator=serializer.instance,
            data=dict(serializer.validated_data),
        )


class DimensionViewSet(
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The disaggregations indicators carry (sex, age group, ...) with their categories, by
    code; administrators and coordinators create them and change their names. A PATCH with
    `categories` gives them all, in their order: a code not listed is removed, unless values
    use it. The codes stay: they are in the values and the import files."""

    serializer_class = DimensionSerializer
    lookup_field = "code"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_permissions = {"create": "tracker.add_dimension"}
    object_permissions = {"partial_update": "tracker.change_dimension"}

    def get_queryset(self):
        return selectors.dimension_list()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        categories = [dict(category) for category in data.pop("categories")]
        serializer.instance = indicators.dimension_create(
            actor=self.request.user, data=data, categories=categories
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        categories = data.pop("categories", None)
        serializer.instance = indicators.dimension_update(
            actor=self.request.user,
            dimension=serializer.instance,
            data=data,
            categories=None if categories is None else [dict(item) for item in categories],
        )


class ValueFilter(django_filters.FilterSet):
    indicator = django_filters.CharFilter(method="narrow", label="An indicator's code.")
    objective = django_filters.NumberFilter(
        method="narrow", label="An objective's number (1 to 23).", min_value=1, max_value=23
    )
    period = django_filters.NumberFilter(
        method="narrow", label="A year.", min_value=FIRST_PERIOD, max_value=LAST_PERIOD
    )
    disaggregation = django_filters.CharFilter(
        method="narrow",
        label='The dimensions of the values, joined by ";" (such as sex or age;sex); "total" '
        "for the totals.",
    )
    key = django_filters.CharFilter(method="narrow", label='One combination, such as "sex=female".')

    def narrow(self, queryset, name, value):
        if name == "disaggregation":
            name, value = "dimensions", "" if value == "total" else value
        if name in ("objective", "period"):
            value = int(value)
        return selectors.values_filtered(queryset, **{name: value})


@extend_schema_view(
    list=extend_schema(
        parameters=[FORMAT_PARAMETER],
        responses={
            (200, "application/json"): _reading(
                "IndicatorValueReading", ValueSerializer, PublishedValueSerializer, many=True
            ),
            (200, CSVRenderer.media_type): OpenApiTypes.BINARY,
            (200, XLSXRenderer.media_type): OpenApiTypes.BINARY,
        },
        description="Published values to the public; to desk officers and coordinators the "
        "working copies of the datasets they may read (with their dataset's workflow state).",
    )
)
class ValueViewSet(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Indicator values, one per indicator, period and combination of categories (or the
    total); ?format=csv or xlsx downloads them all in the tidy long format the import reads."""

    filterset_class = ValueFilter
    action_permissions = {"import_values": "tracker.import_indicator_values"}

    def get_queryset(self):
        return selectors.value_list(user=self.request.user)

    def get_serializer_class(self):
        if self.action == "list" and self.get_queryset().model is PublishedIndicatorValue:
            return PublishedValueSerializer
        return ValueSerializer if self.action == "list" else ImportSerializer

    def get_renderers(self):
        renderers = super().get_renderers()
        if getattr(self, "action", None) == "list":
            renderers += [CSVRenderer(), XLSXRenderer()]
        return renderers

    def list(self, request, *args, **kwargs):
        file_format = request.accepted_renderer.format
        if file_format in exports.FILE_FORMATS:
            values = self.filter_queryset(self.get_queryset())
            return indicator_values_export(values, file_format)
        return super().list(request, *args, **kwargs)

    @extend_schema(request={"multipart/form-data": ImportSerializer}, responses={201: None})
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_values(self, request):
        """Import values from CSV or XLSX in the tidy long format (indicator, period, a column
        per dimension, unit, value, note, status, recorded_on), all or nothing: 400 with every
        problem named by row and column, or 201 with the datasets saved."""
        given = ImportSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        result = indicator_values_import(
            actor=request.user, uploaded_file=given.validated_data["file"]
        )
        if not result.ok:
            errors = [
                {"row": e.row, "column": e.column, "message": e.message} for e in result.errors
            ]
            return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        datasets = [
            {"id": d.pk, "indicator": d.indicator.code, "period": d.period} for d in result.datasets
        ]
        return Response(
            {"values": result.values, "datasets": datasets}, status=status.HTTP_201_CREATED
        )


@extend_schema_view(
    list=extend_schema(
        responses=_reading(
            "IndicatorDatasetReading", DatasetSerializer, PublishedDatasetSerializer, many=True
        )
    ),
    retrieve=extend_schema(
        responses=_reading("IndicatorDatasetReading", DatasetSerializer, PublishedDatasetSerializer)
    ),
)
class DatasetViewSet(mixins.CreateModelMixin, EntryViewSet):
    """One indicator's values for a period, reviewed and published as one entry: saved by the
    recording organisation's officers, submitted, approved or returned by coordinators."""

    serializer_class = DatasetSerializer
    http_method_names = ["get", "post", "head", "options"]
    action_permissions = {"create": "tracker.add_indicatordataset"}

    @property
    def object_permissions(self) -> dict[str, str]:
        return {**super().object_permissions, "values": "tracker.change_indicatordataset"}

    def get_serializer_class(self):
        return PublishedDatasetSerializer if self.reads_published else DatasetSerializer

    def working_queryset(self):
        return selectors.dataset_list(user=self.request.user)

    def published_queryset(self):
        return selectors.published_dataset_list()

    def get_entry(self, pk):
        return selectors.dataset_get(user=self.request.user, pk=pk)

    def get_reading(self, pk):
        return selectors.dataset_reading(user=self.request.user, pk=pk)

    def retrieve(self, request, *args, **kwargs):
        found = self.get_reading(self.kwargs[self.lookup_field])
        if isinstance(found, PublishedRecord):
            context = self.get_serializer_context()
            return Response(PublishedDatasetSerializer(found, context=context).data)
        return Response(self.get_serializer(found).data, headers={"ETag": etag(found)})

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dataset = indicator_values.dataset_open(
            actor=request.user,
            indicator=serializer.validated_data["indicator"],
            period=serializer.validated_data["period"],
        )
        return self.entry_response(dataset, status.HTTP_201_CREATED)

    @extend_schema(request=ValuesSaveSerializer, parameters=[IF_MATCH_PARAMETER, ETAG_HEADER])
    @action(detail=True, methods=["post"])
    def values(self, request, *args, **kwargs):
        """Save values into the dataset and remove those of `remove_keys`; an approved dataset
        goes back to review."""
        dataset = self.get_object()
        given = ValuesSaveSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        precondition = Precondition.from_request(
            request, dataset, data.pop("version", None), required=True
        )
        values = [indicator_values.ValueInput(**value) for value in data["values"]]
        saved = precondition.run(
            lambda version: indicator_values.dataset_save_values(
                actor=request.user,
                dataset=dataset,
                values=values,
                remove_keys=data["remove_keys"],
                expected_version=version,
            )
        )
        return self.entry_response(saved)
