"""The report runs in the API, for coordinators: request a cycle's report (202, built by a
worker), follow its state and progress, download the PDF."""

from django.http import FileResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from compact.common.api import ApiViewMixin, CodeField, RulesPermission
from compact.languages import LANGUAGE_CHOICES
from reports.models import ReportKind, ReportRun, ReportSource, ReportState
from reports.review.services.runs import report_request, run_file_stem
from tracker.models import ReviewCycle

REPORT_KINDS = (("draft", "draft"), ("final", "final"))


class NotReady(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "not_ready"


class ReportRequestSerializer(serializers.Serializer):
    cycle = CodeField(
        slug_field="slug",
        queryset=ReviewCycle.objects.all(),
        error_messages={"does_not_exist": _("There is no review cycle “{value}”.")},
    )
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES)
    kind = serializers.ChoiceField(choices=REPORT_KINDS, default="draft")
    report_kind = serializers.ChoiceField(
        choices=ReportKind.choices,
        default=ReportKind.REVIEW,
        help_text=_(
            "Which report: the voluntary national review (review) or the EU Pact "
            "implementation report (pact)."
        ),
    )


class ReportSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportSource
        fields = [
            "kind",
            "entry_id",
            "version",
            "published_version",
            "history_id",
            "approved_at",
        ]
        read_only_fields = fields


class ReportRunSerializer(serializers.ModelSerializer):
    cycle = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    kind = serializers.SerializerMethodField()
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    requested_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportRun
        fields = [
            "id",
            "cycle",
            "report_kind",
            "language",
            "kind",
            "state",
            "progress",
            "stage",
            "stage_label",
            "error",
            "requested_by",
            "requested_at",
            "started_at",
            "finished_at",
            "attempts",
            "pages",
            "file_sha256",
            "input_sha256",
            "file_url",
        ]
        read_only_fields = fields

    def get_kind(self, run) -> str:
        return "final" if run.is_final else "draft"

    def get_file_url(self, run) -> str | None:
        if not run.file:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("report-run-file", kwargs={"pk": run.pk})
        )


class ReportRunViewSet(
    ApiViewMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """Voluntary national review reports and EU Pact implementation reports. POST a cycle, a
    language, draft or final and the report (`report_kind`): the report is built by a worker
    (202); GET the run for its state and progress, and `file/` for
    the PDF once it is done. A request for a report already being built joins that build."""

    # Reading runs and requesting reports are the coordinators' (reports/rules.py).
    permission_classes = [RulesPermission]
    default_permission = "reports.view_reportrun"
    action_permissions = {"create": "reports.generate_report"}
    serializer_class = ReportRunSerializer

    def get_queryset(self):
        runs = ReportRun.objects.select_related("cycle", "requested_by")
        cycle = self.request.query_params.get("cycle")
        return runs.filter(cycle__slug=cycle) if cycle else runs

    @extend_schema(
        request=ReportRequestSerializer,
        responses={
            202: ReportRunSerializer,
            400: OpenApiResponse(description="Bad input"),
            503: OpenApiResponse(
                response=ReportRunSerializer, description="The job queue could not be reached"
            ),
        },
    )
    def create(self, request):
        given = ReportRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        requested = report_request(
            actor=request.user,
            cycle=given.validated_data["cycle"],
            language=given.validated_data["language"],
            is_final=given.validated_data["kind"] == "final",
            report_kind=given.validated_data["report_kind"],
        )
        run = ReportRun.objects.select_related("cycle", "requested_by").get(pk=requested.run.pk)
        body = {**self.get_serializer(run).data, "joined": requested.joined}
        location = reverse("report-run-detail", kwargs={"pk": run.pk})
        # The job could not be queued (the broker is down): the run failed at once, say so.
        answer = (
            status.HTTP_503_SERVICE_UNAVAILABLE
            if run.state == ReportState.FAILED
            else status.HTTP_202_ACCEPTED
        )
        return Response(body, status=answer, headers={"Location": location})

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            409: OpenApiResponse(description="Not built yet, or the build failed"),
        }
    )
    @action(detail=True, methods=["get"])
    def file(self, request, pk):
        """The report's PDF."""
        run = self.get_object()
        if not run.file:
            raise NotReady(
                gettext("The report has no file yet: its build is %(state)s.")
                % {"state": run.get_state_display().lower()}
            )
        return FileResponse(
            run.file.open("rb"),
            as_attachment=True,
            filename=f"{run_file_stem(run)}.pdf",
            content_type="application/pdf",
        )

    @extend_schema(responses=ReportSourceSerializer(many=True))
    @action(detail=True, methods=["get"])
    def sources(self, request, pk):
        """The entries the report was built from, each in the version it had (`history_id` is
        its record in the entry's history): where every line of the report comes from.
        Filter with `?kind=measure&entry_id=42`."""
        sources = ReportSource.objects.filter(run=self.get_object()).order_by("kind", "entry_id")
        for name in ("kind", "entry_id"):
            if request.query_params.get(name):
                sources = sources.filter(**{name: request.query_params[name]})
        page = self.paginate_queryset(sources)
        return self.get_paginated_response(ReportSourceSerializer(page, many=True).data)
