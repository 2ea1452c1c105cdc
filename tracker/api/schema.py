"""How the API describes itself (drf-spectacular), beyond what it reads from the views: the
error answers every operation can give, that PUT and PATCH need the version edited, and that
reading needs no login where the views let anyone read (RulesPermission without a rule for the
action: reading is scoped by the selectors instead). The descriptions are for developers, in
English like the rest of the schema's own text."""

from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS

from compact.common.api import RulesPermission, action_rule

ERROR_BODY = {"type": "object", "additionalProperties": True}
# Any operation: bad input or query, no or a wrong login, refused, not found, throttled.
ERRORS = {
    "400": "Bad input: the fields' problems, by field name.",
    "401": "Not logged in, or an unknown token.",
    "403": "Not allowed.",
    "404": "Not found, or not visible to you.",
    "429": "Too many requests; Retry-After says when to come back.",
}
# Changes besides: a stale version (409, or 412 with If-Match), a body that is not JSON or a
# form; and for PUT and PATCH, which need the version, none sent (428).
WRITE_ERRORS = {
    "409": "The entry has changed since the version you sent.",
    "412": "The If-Match header does not match the entry's version.",
    "415": "The body's media type is not accepted.",
}
VERSIONED_METHODS = ("PUT", "PATCH")
VERSION_ERRORS = {
    "428": "Say which version you edited: the version field or the If-Match header "
    "(If-Match: * names none).",
}
VERSION_NEEDED = (
    "Needs the version you edited: the If-Match header with the entry's ETag, or the "
    "`version` field in the body. With neither (and `If-Match: *` names no version) the "
    "answer is 428 and nothing is saved; a version the entry has moved past is 412 (If-Match) "
    "or 409 (version)."
)


class ApiSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        anyone_reads = action_rule(self.view) is None and any(
            isinstance(p, RulesPermission) for p in self.view.get_permissions()
        )
        if anyone_reads and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def get_description(self):
        description = super().get_description()
        if self.method not in VERSIONED_METHODS:
            return description
        return f"{description}\n\n{VERSION_NEEDED}" if description else VERSION_NEEDED

    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        errors = ERRORS if self.method in SAFE_METHODS else {**ERRORS, **WRITE_ERRORS}
        if self.method in VERSIONED_METHODS:
            errors = {**errors, **VERSION_ERRORS}
        for code, description in errors.items():
            bodies.setdefault(
                code,
                {
                    "content": {"application/json": {"schema": ERROR_BODY}},
                    "description": description,
                },
            )
        return bodies
