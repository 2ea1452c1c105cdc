"""What every view of the tracker's API shares: the request's language, and the services'
errors as HTTP answers (ValidationError 400 with the same field names, PermissionDenied 403,
Http404 404)."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from compact.api.views import request_language
from tracker.api.permissions import RulesPermission
from tracker.api.renderers import ExportRenderer


def field_errors(error: DjangoValidationError) -> dict:
    errors = serializers.as_serializer_error(error)
    if NON_FIELD_ERRORS in errors:
        errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
    return errors


class ApiViewMixin:
    permission_classes = [RulesPermission]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.language = request_language(request)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "language": getattr(self, "language", "en")}

    def handle_exception(self, exc):
        if isinstance(exc, DjangoValidationError):
            exc = serializers.ValidationError(field_errors(exc))
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        if isinstance(response, Response) and isinstance(
            getattr(request, "accepted_renderer", None), ExportRenderer
        ):
            # An error in answer to ?format=csv: the client still needs to read it.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        if hasattr(self, "language"):
            response["Content-Language"] = self.language
        return response
