"""The API fuzzed against its own OpenAPI schema (schemathesis): a desk officer and a
coordinator send generated requests, valid and invalid, hostile strings included (NUL bytes,
which PostgreSQL refuses, lone surrogates, control characters), to every operation, on made-up
ids and on entries that exist. No answer is a 500, every answer matches the schema (status
code, content type, headers, body), and no operation that declares authentication answers
without it or with a wrong token (schemathesis' checks, all of them but one: see
CHECKS_LEFT_OUT). A path that fits no route is only checked for not being a 500 (see fuzz).
The downloads (CSV and XLSX exports, a report's PDF) are checked for their status and content
type; schemathesis checks only JSON bodies against their schemas, so none is left out.

Bounded for CI: FUZZ_EXAMPLES per operation and way of generating, with a fixed seed
(derandomize), no shrinking.
"""

import json
import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.factories import coordinator, officer

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
# A request that matches the schema may still be refused: an objective number that is no
# objective, a wrong password, an action of another objective. The schema cannot say which.
CHECKS_LEFT_OUT = [positive_data_acceptance]


class TokenHolder:
    """The token of the user under test, read anew for each request: the token endpoint's
    DELETE revokes it, and the next request gets a new one."""

    user = None

    def get(self, case, context):
        return Token.objects.get_or_create(user=self.user)[0].key

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


@pytest.fixture
def api_schema(client, monkeypatch):
    """The schema as the API serves it, called on Django as a WSGI application that stays in
    the test's transaction (the handler would otherwise close the connection after each
    request, and the test's data with it)."""
    document = json.loads(client.get("/api/schema/?format=json").content)
    schema = schemathesis.openapi.from_dict(document)
    schema.app = WSGIHandler()
    schema.auth(refresh_interval=None)(TokenHolder)
    # Throttles read their rates when imported; the fuzzer sends thousands of requests.
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None, "token": None}
    )
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schema
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _strategies(operation, entries):
    """Generated requests, valid and not, and valid ones on entries that exist."""
    existing = {
        "id": entries["draft"].pk,
        "measure_id": entries["approved"].pk,
        "slug": entries["cycle"].slug,
        "code": "OWN",
    }
    names = {parameter.name for parameter in operation.path_parameters}
    strategies = [
        operation.as_strategy(mode) for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    ]
    if names and names <= existing.keys():
        known = {name: existing[name] for name in names}
        strategies.append(operation.as_strategy(path_parameters=known))
    return strategies


@pytest.mark.parametrize("role", ["officer", "coordinator"])
def test_every_operation_holds_under_generated_requests(api_schema, entries, own, role):
    TokenHolder.user = officer(own) if role == "officer" else coordinator(organisation=None)
    failures = {}
    for result in api_schema.get_all_operations():
        operation = result.ok()
        strategies = _strategies(operation, entries)

        @settings(
            max_examples=EXAMPLES * len(strategies),
            derandomize=True,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=st.one_of(strategies))
        def fuzz(case):
            if case.meta.is_negative_at(ParameterLocation.PATH):
                # A path that fits no route is answered by Django's URL resolver, with the
                # site's HTML 404 page, before any operation: it must not be a 500.
                case.call_and_validate(checks=[not_a_server_error])
            else:
                case.call_and_validate(excluded_checks=CHECKS_LEFT_OUT)

        try:
            fuzz()
        except (AssertionError, FailureGroup) as failure:
            failures[operation.label] = failure
    assert not failures, "\n\n".join(f"{label}:\n{error}" for label, error in failures.items())


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        ("/api/v1/measures/", {"partner_organisations": ["OTH\x00ER"]}, "partner_organisations"),
        ("/api/v1/measures/", {"title": "Språk\x00stöd"}, "title"),
        ("/api/v1/reports/", {"cycle": "national\x00", "language": "sv"}, "cycle"),
    ],
)
def test_a_nul_character_is_a_field_error_not_a_server_error(entries, own, path, payload, field):
    # Found by the fuzzer: a code with a NUL reached PostgreSQL, which refused it (a 500).
    client = APIClient()
    client.force_login(coordinator(organisation=None) if "reports" in path else officer(own))

    response = client.post(path, {"objectives": [1], **payload}, format="json")

    assert response.status_code == 400
    assert field in response.json()
