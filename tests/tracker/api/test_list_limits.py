"""The lists of an entry are bounded: a list longer than any real entry needs is refused at once
with a 400 naming the field and the limit, and a list's codes are looked up together, so a
long list costs no more queries than a short one."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compact.models import Action, Objective
from tests.factories import OrganisationFactory
from tests.tracker.api.conftest import client_for, measure_payload, pledge_payload
from tracker.models import Measure, Pledge

pytestmark = pytest.mark.usefixtures("compact")


@pytest.mark.parametrize(
    ("field", "items", "limit"),
    [
        ("objectives", [5] * 115_000, 23),
        ("actions", ["5c"] * 200_000, 187),
        ("partner_organisations", ["OTHER"] * 50_000, 400),
        ("guiding_principles", ["human_rights"] * 50_000, 10),
        ("pledges", [1] * 50_000, 100),
        ("target_groups", ["women"] * 200_000, 11),
        ("stakeholders", ["local_government"] * 100_000, 7),
    ],
)
def test_a_measure_with_a_huge_list_is_refused_at_once_naming_field_and_limit(
    users, field, items, limit, django_assert_max_num_queries
):
    client = client_for(users["own_officer"])
    started = time.monotonic()

    with django_assert_max_num_queries(10):
        response = client.post("/api/v1/measures/", measure_payload(**{field: items}), "json")

    assert time.monotonic() - started < 5
    assert response.status_code == 400
    assert response.json()[field] == [f"Give at most {limit} items; the list has {len(items):,}."]
    assert not Measure.objects.exists()


@pytest.mark.parametrize(
    ("field", "items", "limit"),
    [("objectives", [5] * 115_000, 23), ("co_pledging_organisations", ["OTHER"] * 50_000, 400)],
)
def test_a_pledge_with_a_huge_list_is_refused_naming_field_and_limit(users, field, items, limit):
    response = client_for(users["own_officer"]).post(
        "/api/v1/pledges/", pledge_payload(**{field: items}), "json"
    )

    assert response.status_code == 400
    assert response.json()[field] == [f"Give at most {limit} items; the list has {len(items):,}."]
    assert not Pledge.objects.exists()


def _queries_of_a_measure(client, **lists) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/api/v1/measures/", measure_payload(**lists), "json")
    assert response.status_code == 201, response.json()
    return len(queries)


def test_every_objective_and_action_of_the_compact_costs_no_more_queries_than_two(users, other):
    partners = [OrganisationFactory(code=f"P{number}").code for number in range(40)]
    client = client_for(users["own_officer"])
    every_objective = list(Objective.objects.values_list("number", flat=True))
    every_action = [
        f"{number}{letter}"
        for number, letter in Action.objects.values_list("objective__number", "letter")
    ]

    few = _queries_of_a_measure(
        client, objectives=[5, 16], actions=["5c", "16a"], partner_organisations=["OTHER"]
    )
    many = _queries_of_a_measure(
        client, objectives=every_objective, actions=every_action, partner_organisations=partners
    )

    assert len(every_objective) == 23
    assert len(every_action) == 187
    assert many == few
    assert Measure.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"objectives": [5, 99, 98]}, "objectives", "99 is not an objective of the Compact"),
        ({"objectives": [5, "five"]}, "objectives", "Give objectives by their number"),
        ({"objectives": [5, 2**70]}, "objectives", f"{2**70} is not an objective"),
        ({"actions": ["5c", "5z"]}, "actions", "5z is not an action of the Compact"),
        ({"actions": ["5c", "five-c"]}, "actions", "five-c is not an action: give its"),
        ({"partner_organisations": ["A\x00"]}, "partner_organisations", "Null characters"),
        ({"pledges": [2**70]}, "pledges", f"no pledge with the id {2**70}"),
        ({"pledges": ["one"]}, "pledges", "Incorrect type"),
        ({"objectives": "5"}, "objectives", "Expected a list of items"),
        ({"actions": {"5c": 1}}, "actions", "Expected a list of items"),
    ],
)
def test_a_bad_item_in_a_list_looked_up_together_is_named(users, overrides, field, message):
    response = client_for(users["own_officer"]).post(
        "/api/v1/measures/", measure_payload(**overrides), "json"
    )

    assert response.status_code == 400
    assert message in str(response.json()[field])
    assert not Measure.objects.exists()


def test_the_schema_states_the_most_items_of_each_list(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    request = schema["components"]["schemas"]["Measure"]["properties"]

    assert request["objectives"]["maxItems"] == 23
    assert request["actions"]["maxItems"] == 187
    assert request["target_groups"]["maxItems"] == 11
