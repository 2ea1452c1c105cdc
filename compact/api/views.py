from django.utils.translation import get_language_from_request
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from compact import selectors
from compact.api.serializers import (
    GuidingPrincipleSerializer,
    ObjectiveSerializer,
    RoundTableSerializer,
)
from compact.languages import LANGUAGE_CODES, normalize_language

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=list(LANGUAGE_CODES),
    description="Language of the texts. Without it, the Accept-Language header decides.",
)


def request_language(request) -> str:
    requested = request.query_params.get("lang")
    if requested is None:
        return normalize_language(get_language_from_request(request))
    if requested not in LANGUAGE_CODES:
        raise serializers.ValidationError(
            {
                "lang": [
                    f"'{requested}' is not a supported language; use one of: "
                    f"{', '.join(LANGUAGE_CODES)}."
                ]
            }
        )
    return requested


class LanguageViewSet(viewsets.ReadOnlyModelViewSet):
    """Texts in the language chosen by ?lang= or Accept-Language, said in Content-Language.

    Unpaginated: the Compact is small and fixed (23 objectives, 187 actions). Public: the
    Compact is a published text."""

    permission_classes = [AllowAny]
    pagination_class = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = request_language(request)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "language": self.language}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if hasattr(self, "language"):
            response["Content-Language"] = self.language
        return response


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class ObjectiveViewSet(LanguageViewSet):
    """The 23 objectives with their commitment paragraphs and lettered actions."""

    serializer_class = ObjectiveSerializer
    lookup_field = "number"
    lookup_value_regex = r"\d+"
    filterset_fields = {"round_table__number": ["exact"]}

    def get_queryset(self):
        return selectors.objective_list()


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class RoundTableViewSet(LanguageViewSet):
    """The four round tables of the 2022 IMRF with their objectives in the Declaration's order."""

    serializer_class = RoundTableSerializer
    lookup_field = "number"
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.round_table_list()


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class GuidingPrincipleViewSet(LanguageViewSet):
    """The ten cross-cutting guiding principles."""

    serializer_class = GuidingPrincipleSerializer
    lookup_field = "code"

    def get_queryset(self):
        return selectors.guiding_principle_list()
