"""The API's stateful phase (schemathesis): sequences of calls that feed one answer's ids to
the next request (create a measure, then read, change, submit and review it), for a desk
officer and a coordinator, stay at zero server errors and match the schema. The links between
operations are inferred by schemathesis from the schema (a Location header or an `id` in a
201's body feeding the `id` path parameter of the same resource)."""

import pytest
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation

from tests.factories import coordinator, officer
from tests.fuzz.test_api_schema import (  # noqa: F401 (api_schema: the fixture, shared)
    CHECKS_LEFT_OUT,
    EXAMPLES,
    TokenHolder,
    api_schema,
)


@pytest.mark.parametrize("role", ["officer", "coordinator"])
def test_sequences_of_calls_hold_for_both_roles(
    api_schema,  # noqa: F811 (the fixture imported above)
    entries,
    own,
    role,
    monkeypatch,
):
    TokenHolder.user = officer(own) if role == "officer" else coordinator(organisation=None)
    # A change sent with an If-Match naming no version of the entry is refused (412) before its
    # body is read, as HTTP evaluates preconditions first, whatever the body holds.
    negative = api_schema.config.checks.negative_data_rejection
    monkeypatch.setattr(negative, "expected_statuses", [*negative.expected_statuses, "412"])
    machine = api_schema.as_state_machine()
    # Without links between operations there would be no sequences, only single calls.
    assert machine.bundles, "schemathesis found no links between the API's operations"

    class Checked(machine):
        def validate_response(self, response, case, **kwargs):
            if case.meta and case.meta.is_negative_at(ParameterLocation.PATH):
                # As in test_api_schema: a path that fits no route gets the site's 404 page.
                case.validate_response(response, checks=[not_a_server_error])
            else:
                case.validate_response(response, excluded_checks=CHECKS_LEFT_OUT)

    Checked.TestCase.settings = settings(
        max_examples=EXAMPLES * 4,
        stateful_step_count=6,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    Checked.run()
