"""What the API says of itself holds: the schema says that PUT and PATCH need the version edited
(428 otherwise), and a ?format= or ?page= the view cannot answer is an error naming the
parameter, never a silent stand-in."""

import pytest

from tests.factories import MeasureFactory
from tests.tracker.api.conftest import client_for
from tracker.models import WorkflowState

pytestmark = pytest.mark.usefixtures("compact")


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return client_for().get("/api/schema/?format=json").json()


CHANGES = [
    ("/api/v1/measures/{id}/", "put"),
    ("/api/v1/measures/{id}/", "patch"),
    ("/api/v1/pledges/{id}/", "put"),
    ("/api/v1/pledges/{id}/", "patch"),
    ("/api/v1/measures/{measure_id}/updates/{id}/", "patch"),
]


@pytest.mark.parametrize(("path", "method"), CHANGES)
def test_the_schema_says_a_change_needs_the_version(schema, path, method):
    operation = schema["paths"][path][method]

    assert "428" in operation["responses"]
    assert "If-Match" in operation["description"]
    assert "`version`" in operation["description"]
    assert "If-Match" in [parameter["name"] for parameter in operation["parameters"]]


@pytest.mark.parametrize(
    ("path", "method"),
    [("/api/v1/measures/", "post"), ("/api/v1/measures/{id}/submit/", "post")],
)
def test_the_schema_promises_no_428_where_no_version_is_needed(schema, path, method):
    assert "428" not in schema["paths"][path][method]["responses"]


@pytest.mark.parametrize(
    ("url", "value"),
    [
        ("/api/v1/measures/", "pdf"),
        ("/api/v1/measures/", ""),
        ("/api/v1/pledges/", "html"),
        ("/api/v1/objectives/", "csv"),
        ("/api/v1/objectives/1/", "xml"),
        ("/api/v1/cycles/", ""),
    ],
)
def test_a_format_the_address_does_not_answer_in_is_a_404_naming_it(url, value):
    response = client_for().get(url, {"format": value})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["format"]
    assert "json" in response.json()["format"][0]


@pytest.mark.parametrize(
    ("url", "value", "type_"),
    [
        ("/api/v1/measures/", "json", "application/json"),
        ("/api/v1/measures/", "csv", "text/csv; charset=utf-8"),
        ("/api/v1/objectives/", "json", "application/json"),
    ],
)
def test_the_formats_an_address_answers_in_still_work(url, value, type_):
    response = client_for().get(url, {"format": value})

    assert response.status_code == 200
    assert response["Content-Type"] == type_


@pytest.mark.parametrize("value", ["", "abc", "0", "-1", "1.5", "²"])
def test_a_page_that_is_no_page_number_is_a_400_naming_it(value):
    response = client_for().get("/api/v1/measures/", {"page": value})

    assert response.status_code == 400
    assert list(response.json()) == ["page"]


def test_a_page_past_the_last_is_a_404_naming_it(db):
    MeasureFactory(workflow_state=WorkflowState.APPROVED)

    response = client_for().get("/api/v1/measures/", {"page": "2"})

    assert response.status_code == 404
    assert "page=2" in response.json()["detail"]


@pytest.mark.parametrize("value", ["1", "last"])
def test_the_first_and_the_last_page_are_found(db, value):
    MeasureFactory(title="Returns", workflow_state=WorkflowState.APPROVED)

    response = client_for().get("/api/v1/measures/", {"page": value})

    assert response.status_code == 200
    assert [measure["title"] for measure in response.json()["results"]] == ["Returns"]
