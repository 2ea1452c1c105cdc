"""Refusing concurrent edits over HTTP: ETags, If-Match and the `version` field.

Every measure, pledge and progress update carries a version that each save raises. A client
says which version it edited either with `If-Match: <the ETag it got>` (a mismatch is 412
Precondition Failed) or with a `version` field in the body (a mismatch is 409 Conflict). PUT
and PATCH need one of them (428 Precondition Required otherwise); `If-Match: *`, "any version",
names none and counts as neither. The services compare that version again under a row lock,
so two saves racing each other cannot both pass: the second gets the same refusal, and nothing
of it is saved.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.http import parse_etags
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import APIException

from tracker.services.workflow import StaleVersionError

IF_MATCH_PARAMETER = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description='The ETag of the version you edited, e.g. "measure-12-v3". If the entry has '
    "changed since, the request is refused with 412 and nothing is saved. Instead of this "
    "header you may send the `version` field in the body (a mismatch is then 409). `*` names "
    "no version and counts as no header.",
)
ETAG_HEADER = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=True,
    description="The entry's current version; send it back in If-Match when you change it.",
)


def etag(entry) -> str:
    return f'"{entry._meta.model_name}-{entry.pk}-v{entry.version}"'


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        "Say which version you edited: send the If-Match header with the ETag you got, or "
        "the version field. Without it your change could overwrite someone else's."
    )
    default_code = "precondition_required"


ANY_VERSION_REFUSED = _(
    "If-Match: * names no version, and would overwrite someone else's change: send the ETag "
    "you got with the entry, or the version field."
)


class VersionConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "version_conflict"


@dataclass(frozen=True)
class Precondition:
    """The version a request claims to be based on, and where it said so."""

    version: int | None
    from_header: bool

    @classmethod
    def from_request(cls, request, entry, body_version: int | None, *, required: bool):
        header = request.headers.get("If-Match")
        tags = None if header is None else parse_etags(header)
        if tags == ["*"]:
            # "Any version" names none, so it is no If-Match: where a version is needed it is
            # refused like a request without one, rather than overwriting whatever is there.
            if body_version is None and required:
                raise PreconditionRequired(ANY_VERSION_REFUSED)
            tags = None
        if tags is not None:
            if etag(entry) not in tags:
                raise _header_mismatch(entry, tags)
            # A version in the body as well is compared by the service, under its lock.
            return cls(
                version=entry.version if body_version is None else body_version,
                from_header=body_version is None,
            )
        if body_version is None and required:
            raise PreconditionRequired
        return cls(version=body_version, from_header=False)

    def run(self, save: Callable[[int | None], object]):
        """Call `save(expected_version)`, turning a stale version into 412 or 409."""
        try:
            return save(self.version)
        except StaleVersionError as error:
            if self.from_header:
                raise _refusal(PreconditionFailed, str(error), error.current_version) from error
            raise _refusal(
                VersionConflict, [str(error)], error.current_version, field="version"
            ) from error


def _header_mismatch(entry, tags: list[str]) -> APIException:
    prefix = etag(entry).rsplit("-v", 1)[0] + "-v"
    for tag in tags:
        number = tag.removeprefix(prefix).rstrip('"')
        if tag.startswith(prefix) and number.isdigit():
            message = str(StaleVersionError(entry, int(number)))
            break
    else:
        message = _(
            "If-Match names no version of this entry; send the ETag you got with it, such "
            "as %(etag)s."
        ) % {"etag": etag(entry)}
    return _refusal(PreconditionFailed, message, entry.version)


def _refusal(exception_class, message, current_version: int, *, field: str = "detail"):
    exception = exception_class()
    # Set after construction: DRF would turn the number into a string.
    exception.detail = {field: message, "current_version": current_version}
    return exception
