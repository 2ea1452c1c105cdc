"""How the entries' operations describe themselves in the API's schema (drf-spectacular): the
spreadsheet downloads of the lists, the ETag of a working copy, and answers that are a working
copy or a published record (records.py)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema

from compact.common.api import LANG_PARAMETER
from tracker import exports
from tracker.api.concurrency import ETAG_HEADER, IF_MATCH_PARAMETER
from tracker.api.records import reading
from tracker.api.renderers import CSVRenderer, XLSXRenderer

__all__ = ["CHANGE_SCHEMA", "ENTRY_SCHEMA", "list_schema", "reading", "retrieve_schema"]

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", *exports.FILE_FORMATS],
    description="csv or xlsx: every entry that matches the filters, on all pages, as a "
    "spreadsheet download.",
)


READ_ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=True,
    description="The working copy's current version, to send back in If-Match when you change "
    "it; not sent with a published record.",
)


def list_schema(serializer_class):
    return extend_schema(
        parameters=[LANG_PARAMETER, FORMAT_PARAMETER],
        responses={
            (200, "application/json"): reading(serializer_class, many=True),
            (200, CSVRenderer.media_type): OpenApiTypes.BINARY,
            (200, XLSXRenderer.media_type): OpenApiTypes.BINARY,
        },
    )


def retrieve_schema(serializer_class):
    return extend_schema(
        parameters=[LANG_PARAMETER, READ_ETAG_HEADER], responses=reading(serializer_class)
    )


ENTRY_SCHEMA = extend_schema(parameters=[LANG_PARAMETER, ETAG_HEADER])
CHANGE_SCHEMA = extend_schema(parameters=[LANG_PARAMETER, IF_MATCH_PARAMETER, ETAG_HEADER])
