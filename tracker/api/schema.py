"""How the API describes itself (drf-spectacular), beyond what it reads from the views: the
error answers every operation can give, and that reading needs no login where the views let
anyone read (RulesPermission without a rule for the action: reading is scoped by the
selectors instead). The descriptions are for developers, in English like the rest of the
schema's own text."""

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
# Changes besides: no version sent (428), a stale one (409, or 412 with If-Match), a body that
# is not JSON or a form.
WRITE_ERRORS = {
    "409": "The entry has changed since the version you sent.",
    "412": "The If-Match header does not match the entry's version.",
    "428": "Say which version you edited: the version field or the If-Match header.",
    "415": "The body's media type is not accepted.",
}


class ApiSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        anyone_reads = action_rule(self.view) is None and any(
            isinstance(p, RulesPermission) for p in self.view.get_permissions()
        )
        if anyone_reads and self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        errors = ERRORS if self.method in SAFE_METHODS else {**ERRORS, **WRITE_ERRORS}
        for code, description in errors.items():
            bodies.setdefault(
                code,
                {
                    "content": {"application/json": {"schema": ERROR_BODY}},
                    "description": description,
                },
            )
        return bodies
