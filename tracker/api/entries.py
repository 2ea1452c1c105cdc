"""The API of measures, pledges and progress updates: thin callers of tracker.selectors
(reading, scoped to the user) and tracker.services (every change, permission-checked there too).

An entry the user may not see is 404; one she may see but not change is 403. Changing an
entry needs the version it was based on (If-Match or `version`, see concurrency.py).

Reading gives an entry's working copy to its organisation's officers and the coordinators, and
its current published record (records.py) to everyone else, as tracker/selectors/readings.py
decides: a list is all one or the other, a single entry is decided on its own. Changing always
works on the working copy.
"""

from functools import cached_property

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from compact.common.api import LANG_PARAMETER, ApiViewMixin
from tracker import exports, selectors
from tracker.api.concurrency import ETAG_HEADER, IF_MATCH_PARAMETER, Precondition, etag
from tracker.api.entry_schemas import (
    CHANGE_SCHEMA,
    ENTRY_SCHEMA,
    list_schema,
    reading,
    retrieve_schema,
)
from tracker.api.filters import PUBLISHED_FILTERS, MeasureFilter, PledgeFilter
from tracker.api.records import PUBLISHED_SERIALIZERS
from tracker.api.renderers import CSVRenderer, XLSXRenderer
from tracker.api.serializers import (
    ApproveSerializer,
    MeasureSerializer,
    PledgeSerializer,
    ProgressUpdateSerializer,
    ReturnSerializer,
    TransitionSerializer,
)
from tracker.models import ProgressUpdate, PublishedRecord
from tracker.selectors import readings
from tracker.services import measures, pledges, updates, workflow


class EntryViewSet(ApiViewMixin, viewsets.GenericViewSet):
    """Shared by measures, pledges and progress updates: reading through the selectors,
    changing through the services, and the review workflow."""

    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_entry(self, pk):
        raise NotImplementedError

    def get_reading(self, pk):
        """The entry as the user reads it: its working copy or its published record."""
        raise NotImplementedError

    def get_object(self):
        entry = self.get_entry(self.kwargs[self.lookup_field])
        self.check_object_permissions(self.request, entry)
        return entry

    @cached_property
    def reads_published(self) -> bool:
        """Whether the list is of published records rather than working copies."""
        return self.action == "list" and not readings.lists_working_copies(self.request.user)

    def get_queryset(self):
        return self.published_queryset() if self.reads_published else self.working_queryset()

    def get_serializer_class(self):
        if self.reads_published:
            return PUBLISHED_SERIALIZERS[self.serializer_class]
        return self.serializer_class

    @property
    def object_permissions(self) -> dict[str, str]:
        model = self.serializer_class.Meta.model._meta.model_name
        return {
            "update": f"tracker.change_{model}",
            "partial_update": f"tracker.change_{model}",
            "submit": f"tracker.submit_{model}",
            "approve": f"tracker.review_{model}",
            "return_entry": f"tracker.review_{model}",
            "withdraw": f"tracker.withdraw_{model}",
        }

    def entry_response(self, entry, status_code=status.HTTP_200_OK) -> Response:
        """The entry as the user now sees it, with its ETag."""
        entry = self.get_entry(entry.pk)
        return Response(
            self.get_serializer(entry).data, status=status_code, headers={"ETag": etag(entry)}
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        found = self.get_reading(self.kwargs[self.lookup_field])
        if isinstance(found, PublishedRecord):
            published = PUBLISHED_SERIALIZERS[self.serializer_class]
            return Response(published(found, context=self.get_serializer_context()).data)
        return Response(self.get_serializer(found).data, headers={"ETag": etag(found)})

    def save_changes(self, entry, *, partial: bool) -> Response:
        serializer = self.get_serializer(entry, data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        precondition = Precondition.from_request(
            self.request, entry, data.pop("version", None), required=True
        )
        saved = precondition.run(lambda version: self.perform_change(entry, version, data))
        return self.entry_response(saved)

    def perform_change(self, entry, expected_version: int, data: dict):
        raise NotImplementedError

    def transition(self, serializer_class, service) -> Response:
        entry = self.get_object()
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        precondition = Precondition.from_request(
            self.request, entry, data.pop("version", None), required=False
        )
        done = precondition.run(
            lambda version: service(
                actor=self.request.user, entry=entry, expected_version=version, **data
            )
        )
        return self.entry_response(done)

    @extend_schema(request=TransitionSerializer, parameters=[IF_MATCH_PARAMETER, ETAG_HEADER])
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Submit a draft or returned entry for review."""
        return self.transition(TransitionSerializer, workflow.entry_submit)

    @extend_schema(request=ApproveSerializer, parameters=[IF_MATCH_PARAMETER, ETAG_HEADER])
    @action(detail=True, methods=["post"])
    def approve(self, request, *args, **kwargs):
        """Approve a submitted entry (coordinators): it becomes public."""
        return self.transition(ApproveSerializer, workflow.entry_approve)

    @extend_schema(request=ReturnSerializer, parameters=[IF_MATCH_PARAMETER, ETAG_HEADER])
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_entry(self, request, *args, **kwargs):
        """Return a submitted entry to its organisation with a comment (coordinators)."""
        return self.transition(ReturnSerializer, workflow.entry_return)


class ExportableEntryViewSet(EntryViewSet):
    """Measures and pledges: created at the top level, withdrawn rather than deleted, and
    exported as spreadsheets of every filtered row."""

    entry_filterset_class = None

    @property
    def filterset_class(self):
        if self.reads_published:
            return PUBLISHED_FILTERS[self.entry_filterset_class]
        return self.entry_filterset_class

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.action == "list":
            renderers += [CSVRenderer(), XLSXRenderer()]
        return renderers

    def list(self, request, *args, **kwargs):
        file_format = request.accepted_renderer.format
        if file_format in exports.FILE_FORMATS:
            return self.export(self.filter_queryset(self.get_queryset()), file_format)
        return super().list(request, *args, **kwargs)

    @ENTRY_SCHEMA
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        entry = self.perform_create(data)
        return self.entry_response(entry, status.HTTP_201_CREATED)

    @CHANGE_SCHEMA
    def update(self, request, *args, **kwargs):
        return self.save_changes(self.get_object(), partial=False)

    @CHANGE_SCHEMA
    def partial_update(self, request, *args, **kwargs):
        return self.save_changes(self.get_object(), partial=True)

    @extend_schema(request=TransitionSerializer, parameters=[IF_MATCH_PARAMETER, ETAG_HEADER])
    @action(detail=True, methods=["post"])
    def withdraw(self, request, *args, **kwargs):
        """Withdraw the entry; nothing is deleted. A draft never published is archived at once
        (`archived_at`); a published entry gets a withdrawal request (`withdrawal_requested_at`,
        state submitted) and stays public until a coordinator approves it."""
        return self.transition(TransitionSerializer, self.perform_withdraw)


@extend_schema_view(
    list=list_schema(MeasureSerializer), retrieve=retrieve_schema(MeasureSerializer)
)
class MeasureViewSet(ExportableEntryViewSet):
    """Measures ministries take to implement the Compact.

    Objectives are given by number ([2, 5]), actions by objective number and letter
    (["5c"]), organisations by code and guiding principles by code."""

    serializer_class = MeasureSerializer
    entry_filterset_class = MeasureFilter
    action_permissions = {"create": "tracker.add_measure"}

    def working_queryset(self):
        user = self.request.user
        visible_pledges = (
            selectors.pledge_list(user=user, include_archived=True)
            .select_related(None)
            .prefetch_related(None)
            .only("id")
        )
        return (
            selectors.measure_list(user=user)
            .select_related("created_by", "reviewed_by")
            .prefetch_related(Prefetch("pledges", queryset=visible_pledges))
        )

    def published_queryset(self):
        # A closed cycle's list is what its snapshot froze, as on the dashboards.
        cycle = selectors.cycle_by_slug(self.request.query_params.get("cycle"))
        return readings.published_measure_list(cycle=cycle)

    def get_entry(self, pk):
        return selectors.measure_get(user=self.request.user, pk=pk)

    def get_reading(self, pk):
        return readings.measure_reading(user=self.request.user, pk=pk)

    def export(self, queryset, file_format):
        return exports.measures_export(queryset, file_format)

    def perform_create(self, data):
        return measures.measure_create(actor=self.request.user, data=data)

    def perform_change(self, entry, expected_version, data):
        return measures.measure_update(
            actor=self.request.user, measure=entry, expected_version=expected_version, data=data
        )

    def perform_withdraw(self, *, actor, entry, expected_version):
        return measures.measure_withdraw(
            actor=actor, measure=entry, expected_version=expected_version
        )


@extend_schema_view(list=list_schema(PledgeSerializer), retrieve=retrieve_schema(PledgeSerializer))
class PledgeViewSet(ExportableEntryViewSet):
    """Public commitments of the government, tracked to fulfilment."""

    serializer_class = PledgeSerializer
    entry_filterset_class = PledgeFilter
    action_permissions = {"create": "tracker.add_pledge"}

    def working_queryset(self):
        return selectors.pledge_list(user=self.request.user).select_related(
            "created_by", "reviewed_by"
        )

    def published_queryset(self):
        return readings.published_pledge_list()

    def get_entry(self, pk):
        return selectors.pledge_get(user=self.request.user, pk=pk)

    def get_reading(self, pk):
        return readings.pledge_reading(user=self.request.user, pk=pk)

    def export(self, queryset, file_format):
        return exports.pledges_export(queryset, file_format)

    def perform_create(self, data):
        return pledges.pledge_create(actor=self.request.user, data=data)

    def perform_change(self, entry, expected_version, data):
        return pledges.pledge_update(
            actor=self.request.user, pledge=entry, expected_version=expected_version, data=data
        )

    def perform_withdraw(self, *, actor, entry, expected_version):
        return pledges.pledge_withdraw(actor=actor, pledge=entry, expected_version=expected_version)


@extend_schema_view(
    list=extend_schema(
        parameters=[LANG_PARAMETER], responses=reading(ProgressUpdateSerializer, many=True)
    ),
    retrieve=retrieve_schema(ProgressUpdateSerializer),
)
class ProgressUpdateViewSet(EntryViewSet):
    """A measure's progress updates, one per review cycle."""

    serializer_class = ProgressUpdateSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    action_permissions = {"create": "tracker.add_progressupdate"}

    @property
    def object_permissions(self) -> dict[str, str]:
        # Adding an update is changing its measure.
        return {**super().object_permissions, "create": "tracker.change_measure"}

    def get_measure(self):
        """The measure's working copy, to change its updates."""
        return selectors.measure_get(user=self.request.user, pk=self.kwargs["measure_id"])

    @cached_property
    def measure_reading(self):
        """The measure as the user reads it: her reading of its updates follows it."""
        return readings.measure_reading(user=self.request.user, pk=self.kwargs["measure_id"])

    @cached_property
    def reads_published(self) -> bool:
        return self.action == "list" and isinstance(self.measure_reading, PublishedRecord)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # The schema generator has no measure to list the updates of.
            return ProgressUpdate.objects.none()
        return super().get_queryset()

    def working_queryset(self):
        return (
            selectors.progress_update_list(user=self.request.user)
            .filter(measure=self.measure_reading)
            .select_related("created_by", "reviewed_by")
        )

    def published_queryset(self):
        return readings.published_update_list(measure=self.measure_reading)

    def get_entry(self, pk):
        return readings.progress_update_reading(
            user=self.request.user, measure=self.get_measure(), pk=pk
        )

    def get_reading(self, pk):
        return readings.progress_update_reading(
            user=self.request.user, measure=self.measure_reading, pk=pk
        )

    @ENTRY_SCHEMA
    def create(self, request, *args, **kwargs):
        measure = self.get_measure()
        self.check_object_permissions(request, measure)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        update = updates.progress_update_create(
            actor=request.user, measure=measure, cycle=data.pop("cycle", None), data=data
        )
        return self.entry_response(update, status.HTTP_201_CREATED)

    @CHANGE_SCHEMA
    def partial_update(self, request, *args, **kwargs):
        return self.save_changes(self.get_object(), partial=True)

    def perform_change(self, entry, expected_version, data):
        return updates.progress_update_update(
            actor=self.request.user, update=entry, expected_version=expected_version, data=data
        )
