from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from compact import selectors
from compact.api.serializers import (
    GuidingPrincipleSerializer,
    ObjectiveSerializer,
    RoundTableSerializer,
)
from compact.common.api import LANG_PARAMETER, ApiViewMixin


class LanguageViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Texts in the language chosen by ?lang= or Accept-Language, said in Content-Language
    (compact.common.api, the base of every app's API).

    Unpaginated: the Compact is small and fixed (23 objectives, 187 actions). Public: the
    Compact is a published text."""

    permission_classes = [AllowAny]
    pagination_class = None


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
