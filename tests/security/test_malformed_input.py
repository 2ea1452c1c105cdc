"""Malformed input is the client's error, never a 500: a NUL character in a path names nothing
(404), and JSON nested deeper than any request needs is refused (400)."""

import pytest
from rest_framework.test import APIClient

from tests.factories import MeasureFactory

DEEP = "[" * 1000
DEEP_AND_CLOSED = "[" * 17 + "]" * 17


@pytest.mark.parametrize(
    "path",
    [
        "/dashboard/organisations/%00/",
        "/api/v1/cycles/%00/",
        "/api/v1/guiding-principles/%00/",
        "/api/v1/organisations/%00/",
        "/compact/objectives/%00/",
        "/dashboard/organisations/MOJ%00/",
    ],
)
def test_a_nul_character_in_a_path_is_not_found(client, compact, path):
    response = client.get(path)

    assert response.status_code == 404


def test_the_site_still_finds_what_it_has_next_to_a_nul(client, compact):
    assert client.get("/api/v1/guiding-principles/").status_code == 200


@pytest.mark.parametrize("body", [DEEP, DEEP_AND_CLOSED])
def test_deeply_nested_json_on_the_token_endpoint_is_a_400(body):
    response = APIClient().post("/api/v1/auth/token/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["detail"] == (
        "JSON parse error - arrays and objects are nested more than 16 deep."
    )


@pytest.mark.parametrize("body", [DEEP, '{"objectives": ' + DEEP_AND_CLOSED + "}"])
def test_deeply_nested_json_on_the_measure_endpoints_is_a_400(compact, alice, body):
    measure = MeasureFactory(lead_organisation=alice.organisation)
    client = APIClient()
    client.force_authenticate(alice)

    created = client.post("/api/v1/measures/", body, content_type="application/json")
    changed = client.patch(f"/api/v1/measures/{measure.pk}/", body, content_type="application/json")

    for response in (created, changed):
        assert response.status_code == 400
        assert "nested more than 16 deep" in response.json()["detail"]


def test_json_as_deep_as_a_measure_needs_is_read(compact, alice):
    client = APIClient()
    client.force_authenticate(alice)

    response = client.post(
        "/api/v1/measures/",
        '{"title": "Kurser", "description": "Svenska", "language": "sv", "kind": "programme",'
        ' "status": "planned", "objectives": [5], "actions": ["5c"]}',
        content_type="application/json",
    )

    assert response.status_code == 201, response.json()
