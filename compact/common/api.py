"""The one base of every app's API: the language of the answer, who may do what, and the
services' errors as HTTP answers.

- The language: ?lang= or else the Accept-Language header chooses it (LANG_PARAMETER,
  request_language); the serializers find it as `language` in their context, and the answer
  says it in Content-Language.
- Who may do what: RulesPermission asks the app's rules (django-rules) before any input is
  validated.
- Parameters of every view: a ?format= it does not answer in is a 404 and a ?page= that is no
  page number a 400, each naming the parameter (ContentNegotiation, PageNumberPagination).
- Errors: a Django ValidationError raised by a service is a 400 with the same field names
  (PermissionDenied 403 and Http404 404 are DRF's own); an error in answer to a format that
  the view makes itself, such as a spreadsheet (a renderer with `json_errors`), is JSON.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import get_language_from_request
from drf_spectacular.utils import OpenApiParameter
from rest_framework import pagination, serializers
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from compact.languages import LANGUAGE_CODES, normalize_language

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=list(LANGUAGE_CODES),
    description="Language of the texts. Without it, the Accept-Language header decides.",
)


def request_language(request) -> str:
    """The language asked for by ?lang=, else by the Accept-Language header. An unknown ?lang=
    is a field error (400), not a silent stand-in."""
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


class ContentNegotiation(DefaultContentNegotiation):
    """DRF's, with a ?format= that the view does not answer in, empty included, a 404 that
    names the parameter and the formats it does answer in (DRF's own is a bare "Not found",
    and an empty one is ignored)."""

    def select_renderer(self, request, renderers, format_suffix=None):
        parameter = self.settings.URL_FORMAT_OVERRIDE
        requested = request.query_params.get(parameter) if parameter else None
        formats = list(dict.fromkeys(renderer.format for renderer in renderers))
        if format_suffix is None and requested is not None and requested not in formats:
            raise NotFound(
                {
                    parameter: [
                        f"'{requested}' is not a format of this address; use one of: "
                        f"{', '.join(formats)}."
                    ]
                }
            )
        return super().select_renderer(request, renderers, format_suffix)


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's, with a page that is not a whole number from 1, empty included, a 400 naming the
    parameter (DRF's own takes an empty one as the first page), and one past the last a 404
    naming it."""

    invalid_page_message = "page={page_number}: there is no such page of this list."

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param)
        if value is None or value in self.last_page_strings:
            return super().get_page_number(request, paginator)
        if not (value.isascii() and value.isdigit() and int(value) >= 1):
            raise serializers.ValidationError(
                {self.page_query_param: ["Give a page number: a whole number from 1."]}
            )
        return value


def field_errors(error: DjangoValidationError) -> dict:
    """A Django ValidationError as DRF's error body, field by field."""
    errors = serializers.as_serializer_error(error)
    if NON_FIELD_ERRORS in errors:
        errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
    return errors


class RulesPermission(BasePermission):
    """Asks the rules (django-rules, such as tracker/rules.py) whether the user may do the
    view's action, before any input is validated, so that a refusal is a 403 and not a list of
    field errors. The services ask the same rules again before they change anything.

    The view names the rules in `action_permissions`: {action: rule} for rules about a model
    (such as adding a measure) and `object_permissions`: {action: rule} for rules about the
    entry the request is on; `default_permission` is the rule of every action not named in
    `action_permissions`, for a view that nobody but some roles may use at all. A rule is asked
    whether the action reads or changes; an action without one is open to anyone for reading
    (the selectors scope what is read instead: not found is 404). Changing needs a login.
    """

    def has_permission(self, request, view) -> bool:
        if request.method not in SAFE_METHODS and not request.user.is_authenticated:
            return False
        rule = action_rule(view)
        return rule is None or request.user.has_perm(rule)

    def has_object_permission(self, request, view, obj) -> bool:
        rule = getattr(view, "object_permissions", {}).get(view.action)
        return rule is None or request.user.has_perm(rule, obj)


def action_rule(view) -> str | None:
    """The rule the view names for the action it is doing, if any."""
    default = getattr(view, "default_permission", None)
    return getattr(view, "action_permissions", {}).get(getattr(view, "action", None), default)


class ApiViewMixin:
    """For every view set of the API, before DRF's own view set class."""

    permission_classes = [RulesPermission]
    content_negotiation_class = ContentNegotiation
    pagination_class = PageNumberPagination

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
        renderer = getattr(request, "accepted_renderer", None)
        if isinstance(response, Response) and getattr(renderer, "json_errors", False):
            # An error in answer to ?format=csv: the client still needs to read it.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        if hasattr(self, "language"):
            response["Content-Language"] = self.language
        return response


class CodeField(serializers.SlugRelatedField):
    """A row by its code, number or slug. A NUL character, which PostgreSQL refuses in a
    query, is a field error like any other bad input."""

    def to_internal_value(self, data):
        if isinstance(data, str):
            ProhibitNullCharactersValidator()(data)
        return super().to_internal_value(data)
