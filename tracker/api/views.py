"""The API's reference data: organisations and review cycles, and the token login. Measures,
pledges and progress updates are in entries.py."""

from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.response import Response

from compact.api.views import LANG_PARAMETER
from tracker import selectors
from tracker.api.base import ApiViewMixin
from tracker.api.serializers import CycleSerializer, OrganisationSerializer
from tracker.services import cycles


@extend_schema(
    responses=inline_serializer("Token", {"token": serializers.CharField()}),
)
class TokenView(ObtainAuthToken):
    """Exchange a username and password for a token; send it as `Authorization: Token <token>`.

    Wrong credentials are a 400 naming no field, so as not to say which one was wrong."""

    authentication_classes = ()


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
class OrganisationViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Ministries and agencies, by code."""

    serializer_class = OrganisationSerializer
    lookup_field = "code"
    lookup_value_regex = r"[A-Z0-9-]+"

    def get_queryset(self):
        return selectors.organisation_list()


class CycleViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Review cycles, by slug. Coordinators open and close them."""

    serializer_class = CycleSerializer
    lookup_field = "slug"
    action_permissions = {"create": "tracker.add_reviewcycle"}
    object_permissions = {"close": "tracker.change_reviewcycle"}

    def get_queryset(self):
        return selectors.cycle_list()

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cycle = cycles.cycle_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(cycle).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def close(self, request, slug):
        """Close the cycle: its progress updates can no longer change."""
        cycle = cycles.cycle_close(actor=request.user, cycle=self.get_object())
        return Response(self.get_serializer(cycle).data)
