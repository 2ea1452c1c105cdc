"""Token authentication, and the OpenAPI description of the tracker's endpoints."""

import pytest
import yaml
from openapi_spec_validator import validate
from rest_framework.authtoken.models import Token

from tests.tracker.api.conftest import client_for

pytestmark = pytest.mark.usefixtures("compact")


def test_a_user_exchanges_her_password_for_a_token_that_logs_her_in(users, measures):
    response = client_for().post(
        "/api/v1/auth/token/",
        {"username": "own-officer", "password": "secret-password"},
        format="json",
    )

    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=users["own_officer"]).key == token
    client = client_for()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    titles = {m["title"] for m in client.get("/api/v1/measures/").json()["results"]}
    assert "Own draft" in titles


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": "own-officer", "password": "wrong"},
        {"username": "nobody", "password": "secret-password"},
        {"username": "own-officer"},
    ],
)
def test_bad_credentials_get_no_token(users, credentials):
    response = client_for().post("/api/v1/auth/token/", credentials, format="json")

    assert response.status_code == 400
    assert "token" not in response.json()
    assert not Token.objects.exists()


def test_an_inactive_user_gets_no_token(users):
    users["own_officer"].is_active = False
    users["own_officer"].save()

    response = client_for().post(
        "/api/v1/auth/token/", {"username": "own-officer", "password": "secret-password"}
    )

    assert response.status_code == 400


def test_a_wrong_token_is_refused_rather_than_read_as_anonymous(measures):
    client = client_for()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    response = client.get("/api/v1/measures/")

    assert response.status_code in (401, 403)
    assert "Invalid token" in response.json()["detail"]


def test_the_schema_describes_the_tracker_endpoints_and_is_valid(client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    paths = schema["paths"]
    for path in (
        "/api/v1/auth/token/",
        "/api/v1/organisations/{code}/",
        "/api/v1/cycles/{slug}/close/",
        "/api/v1/measures/",
        "/api/v1/measures/{id}/return/",
        "/api/v1/measures/{id}/withdraw/",
        "/api/v1/measures/{measure_id}/updates/{id}/approve/",
        "/api/v1/pledges/{id}/submit/",
    ):
        assert path in paths, path
    measure = schema["components"]["schemas"]["Measure"]["properties"]
    assert measure["actions"]["items"]["example"] == "5c"
    assert measure["objectives"]["items"]["type"] == "integer"
    list_filters = {
        parameter["name"] for parameter in paths["/api/v1/measures/"]["get"]["parameters"]
    }
    assert {"objective", "action", "round_table", "cycle", "search", "ordering", "format"} <= (
        list_filters
    )
    patch = paths["/api/v1/measures/{id}/"]["patch"]
    assert "If-Match" in {parameter["name"] for parameter in patch["parameters"]}
    assert "ETag" in patch["responses"]["200"]["headers"]


def test_organisations_are_listed_with_their_names_by_code(users, own):
    from tests.factories import OrganisationFactory

    OrganisationFactory(
        code="MIGR", name_en="Migration Agency", name_sv="Migrationsverket", parent=own
    )

    listed = client_for().get("/api/v1/organisations/", {"lang": "sv"}).json()["results"]
    agency = client_for().get("/api/v1/organisations/MIGR/", {"lang": "sv"}).json()

    assert [organisation["code"] for organisation in listed] == ["MIGR", "OTHER", "OWN"]
    assert agency == {
        "code": "MIGR",
        "name": "Migrationsverket",
        "names": {"en": "Migration Agency", "sv": "Migrationsverket", "nb": None, "da": None},
        "kind": "ministry",
        "parent": "OWN",
    }
    assert client_for().get("/api/v1/organisations/NONE/").status_code == 404
    assert client_for(users["administrator"]).post("/api/v1/organisations/", {}).status_code == 405


def test_a_coordinator_opens_and_closes_a_cycle(users):
    coordinator = client_for(users["coordinator"])
    data = {
        "slug": "imrf-2026",
        "name": "IMRF 2026",
        "kind": "imrf",
        "period_start": "2022-06-01",
        "period_end": "2025-12-31",
        "deadline": "2026-01-31T17:00:00+01:00",
    }

    opened = coordinator.post("/api/v1/cycles/", data, format="json")
    again = coordinator.post("/api/v1/cycles/", data, format="json")
    closed = coordinator.post("/api/v1/cycles/imrf-2026/close/")
    closed_again = coordinator.post("/api/v1/cycles/imrf-2026/close/")

    assert opened.status_code == 201
    assert opened.json()["is_closed"] is False
    assert again.status_code == 400
    assert "slug" in again.json()
    assert closed.json()["is_closed"] is True
    assert closed_again.status_code == 400
    assert "already closed" in closed_again.json()["cycle"][0]
    public = client_for().get("/api/v1/cycles/imrf-2026/").json()
    assert public["closed_at"] is not None


def test_a_cycle_cannot_end_before_it_starts(users):
    response = client_for(users["coordinator"]).post(
        "/api/v1/cycles/",
        {
            "slug": "backwards",
            "name": "Backwards",
            "kind": "national",
            "period_start": "2025-01-01",
            "period_end": "2024-01-01",
            "deadline": "2026-01-31T17:00:00+01:00",
        },
    )

    assert response.status_code == 400
    assert "period_end" in response.json()
