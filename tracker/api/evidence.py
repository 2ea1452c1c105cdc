"""The API of a measure's evidence: list it, add a link or a file, remove it, download a file.
Thin callers of tracker.selectors.evidence (what the user sees) and tracker.services.measures
(every change, permission-checked there too).

The same rules as the measure page (tracker/rules.py): the measure's organisation and the
coordinators see its working copy's evidence, everyone else the evidence of its published
record. A measure one may not see is 404; adding or removing evidence one may not is 403.
"""

from pathlib import Path

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from compact.common.api import ApiViewMixin
from tracker.api.fields import TextOnlyModelSerializer
from tracker.api.parsers import BoundedJSONParser
from tracker.models import Evidence
from tracker.selectors.evidence import evidence_get, evidence_of_measure, measure_for_evidence
from tracker.services.measures import evidence_add, evidence_remove


class EvidenceSerializer(TextOnlyModelSerializer):
    """A link or a file documenting a measure. To add one, send `title` and either `url` or
    `file` (multipart/form-data), and `public` to show it with the measure's published version
    once a coordinator approves the measure."""

    url = serializers.URLField(
        max_length=1000, required=False, allow_blank=True, help_text=_("A link, or send a file.")
    )
    file = serializers.FileField(
        write_only=True, required=False, help_text=_("A file, or send a link.")
    )
    download_url = serializers.SerializerMethodField(
        help_text=_("Where to download the file; null for a link.")
    )
    added_by = serializers.SerializerMethodField(
        help_text=_("Null for readers outside the measure's organisation.")
    )

    class Meta:
        model = Evidence
        fields = [
            "id",
            "title",
            "url",
            "file",
            "download_url",
            "content_type",
            "size",
            "public",
            "added_at",
            "added_by",
        ]
        read_only_fields = ["content_type", "size", "added_at"]

    def get_download_url(self, evidence) -> str | None:
        if not evidence.file:
            return None
        path = reverse(
            "measure-evidence-file", kwargs={"measure_id": evidence.measure_id, "pk": evidence.pk}
        )
        return self.context["request"].build_absolute_uri(path)

    def get_added_by(self, evidence) -> str | None:
        if not self.context.get("sees_unpublished"):
            return None
        return evidence.added_by.username


@extend_schema_view(
    list=extend_schema(summary="The measure's evidence, in the order it was added"),
    create=extend_schema(
        summary="Add a link or a file to the measure",
        description="An edit of the measure: an approved measure goes back to review, and "
        "the evidence reaches the public (if `public`) when a coordinator approves it.",
    ),
    destroy=extend_schema(
        summary="Remove evidence from the measure",
        description="Nothing is deleted: the public keeps seeing published evidence until a "
        "coordinator approves the measure without it.",
    ),
)
class EvidenceViewSet(
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = EvidenceSerializer
    parser_classes = [BoundedJSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    pagination_class = None
    object_permissions = {"create": "tracker.add_evidence", "destroy": "tracker.remove_evidence"}

    def get_measure(self):
        return measure_for_evidence(user=self.request.user, pk=self.kwargs["measure_id"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Evidence.objects.none()
        measure = self.get_measure()
        self.sees_unpublished = self.request.user.has_perm(
            "tracker.view_unpublished_evidence", measure
        )
        return evidence_of_measure(user=self.request.user, measure=measure)

    def get_object(self):
        evidence = evidence_get(
            user=self.request.user, measure=self.get_measure(), pk=int(self.kwargs["pk"])
        )
        self.check_object_permissions(self.request, evidence)
        return evidence

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "sees_unpublished": self.sees_unpublished}

    sees_unpublished = False

    def create(self, request, *args, **kwargs):
        measure = self.get_measure()
        self.check_object_permissions(request, measure)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        evidence = evidence_add(
            actor=request.user,
            measure=measure,
            title=data["title"],
            url=data.get("url", ""),
            file=data.get("file"),
            public=data.get("public", False),
        )
        self.sees_unpublished = True
        return Response(self.get_serializer(evidence).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        evidence_remove(actor=self.request.user, evidence=instance)

    @extend_schema(responses={(200, "*/*"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_name="file")
    def file(self, request, *args, **kwargs):
        """The evidence's file: for the measure's organisation and the coordinators, and for
        everyone else only when it is in the measure's current published record."""
        evidence = evidence_get(
            user=request.user, measure=self.get_measure(), pk=int(self.kwargs["pk"])
        )
        if not evidence.file or not request.user.has_perm("tracker.download_evidence", evidence):
            raise Http404("No such file")
        return FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=Path(evidence.file.name).name,
            content_type=evidence.content_type or "application/octet-stream",
        )
