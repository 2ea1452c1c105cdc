"""The API's reference data: organisations and review cycles, and the token login. Measures,
pledges and progress updates are in entries.py."""

from django.http import Http404
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

from compact.common.api import LANG_PARAMETER, ApiViewMixin
from tracker import selectors
from tracker.api.serializers import CycleSerializer, OrganisationSerializer, SnapshotSerializer
from tracker.lockout import lockout_message, lockout_seconds
from tracker.selectors import cycles as cycle_selectors
from tracker.services import accounts, cycles


class AccountLocked(APIException):
    """Too many wrong passwords for the account (django-axes); Retry-After says for how long."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "account_locked"

    def __init__(self):
        super().__init__(detail=lockout_message())
        self.wait = lockout_seconds()


class LogInOrRevokeOwnToken(BasePermission):
    """Anyone may log in; only the token's holder may revoke it."""

    def has_permission(self, request, view) -> bool:
        return request.method != "DELETE" or request.user.is_authenticated


@extend_schema_view(
    post=extend_schema(
        auth=[],
        responses={
            200: inline_serializer("Token", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="Wrong username or password"),
            429: OpenApiResponse(
                description="Too many requests from this address, or the account is locked "
                "after too many wrong passwords"
            ),
        },
    ),
    delete=extend_schema(request=None, responses={204: None}),
)
class TokenView(ObtainAuthToken):
    """POST a username and password for a token; send it as `Authorization: Token <token>`.
    DELETE, sent with the token, revokes it: the next POST gives a new one.

    Wrong credentials are a 400 naming no field, so as not to say which one was wrong. The
    10th wrong password locks the account (429) on the login page and here alike."""

    permission_classes = [LogInOrRevokeOwnToken]
    # The site's parsers rather than ObtainAuthToken's own, so deep JSON is a 400 here too.
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    def initialize_request(self, request, *args, **kwargs):
        # Logging in reads no credentials but the ones posted, so a stale token sent along does
        # not stand in the way of getting a new one. Revoking is done with the token itself.
        initialized = super().initialize_request(request, *args, **kwargs)
        if request.method != "DELETE":
            initialized.authenticators = ()
        return initialized

    def post(self, request, *args, **kwargs):
        # The serializer logs in with django.contrib.auth.authenticate and this request, so
        # that django-axes counts the attempt and refuses a locked account.
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            if getattr(request, "axes_locked_out", False):
                raise AccountLocked
            raise serializers.ValidationError(serializer.errors)
        token = accounts.token_login(request=request, user=serializer.validated_data["user"])
        return Response({"token": token.key})

    def delete(self, request, *args, **kwargs):
        accounts.user_access_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


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


class CycleReopenSerializer(serializers.Serializer):
    """Why a closed cycle is reopened; the service refuses an empty or too long reason."""

    reason = serializers.CharField(allow_blank=True, required=False, default="")


class CycleViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Review cycles, by slug. Coordinators open and close them, and reopen a closed one."""

    serializer_class = CycleSerializer
    lookup_field = "slug"
    action_permissions = {"create": "tracker.add_reviewcycle"}
    object_permissions = {
        "close": "tracker.change_reviewcycle",
        "reopen": "tracker.reopen_reviewcycle",
    }

    def get_queryset(self):
        return selectors.cycle_list()

    def create(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cycle = cycles.cycle_create(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(cycle).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: SnapshotSerializer, 404: None})
    @action(detail=True, methods=["get"])
    def snapshot(self, request, slug):
        """What the closed cycle froze when it closed: the published version of each of its
        measures, pledges and progress updates. 404 for a cycle without a snapshot (open)."""
        contents = cycle_selectors.cycle_snapshot_contents(cycle=self.get_object())
        if contents is None:
            raise Http404("This cycle is open: it has no snapshot.")
        return Response(SnapshotSerializer(contents).data)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def close(self, request, slug):
        """Close the cycle: its progress updates can no longer change."""
        cycle = cycles.cycle_close(actor=request.user, cycle=self.get_object())
        return Response(self.get_serializer(cycle).data)

    @extend_schema(request=CycleReopenSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, slug):
        """Reopen a closed cycle, saying why (`reason`, kept in its history): its snapshot is
        dropped, and its figures follow today's data until it closes again."""
        cycle = self.get_object()
        given = CycleReopenSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        cycle = cycles.cycle_reopen(
            actor=request.user, cycle=cycle, reason=given.validated_data["reason"]
        )
        return Response(self.get_serializer(cycle).data)
