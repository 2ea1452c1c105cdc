"""The API's EU Pact items of a measure: written and read as codes, filtered on, documented in
the schema, and an unknown code refused naming the field and the code."""

import pytest

from compact.models import PactItem
from tests.factories import MeasureFactory
from tests.tracker.api.conftest import client_for, measure_payload
from tracker.models import Measure

pytestmark = pytest.mark.usefixtures("compact", "pact")


def test_an_officer_links_a_measure_to_pact_items_by_code_and_reads_them_back(users):
    client = client_for(users["own_officer"])
    response = client.post(
        "/api/v1/measures/", measure_payload(pact_items=["ACT-04", "III.2.c"]), format="json"
    )

    assert response.status_code == 201, response.json()
    assert sorted(response.json()["pact_items"]) == ["ACT-04", "III.2.c"]
    measure = Measure.objects.get()
    assert sorted(measure.pact_items.values_list("code", flat=True)) == ["ACT-04", "III.2.c"]
    response = client.patch(
        f"/api/v1/measures/{measure.pk}/", {"pact_items": ["V.a"], "version": 1}, format="json"
    )
    assert response.json()["pact_items"] == ["V.a"]


@pytest.mark.parametrize("method", ["post", "patch"])
def test_an_unknown_pact_code_is_a_400_naming_the_field_and_the_code_and_saves_nothing(
    users, own, method
):
    client = client_for(users["own_officer"])
    measure = MeasureFactory(lead_organisation=own, title="Own draft")
    if method == "post":
        response = client.post(
            "/api/v1/measures/", measure_payload(pact_items=["ACT-04", "ACT-99"]), format="json"
        )
    else:
        response = client.patch(
            f"/api/v1/measures/{measure.pk}/",
            {"title": "Changed", "pact_items": ["ACT-04", "ACT-99"], "version": 1},
            format="json",
        )

    assert response.status_code == 400
    assert "ACT-99 is not an item of the EU Pact" in response.json()["pact_items"][0]
    assert list(Measure.objects.values_list("title", flat=True)) == ["Own draft"]
    assert not PactItem.objects.filter(measures__isnull=False).exists()


def test_a_list_of_more_pact_items_than_the_pact_could_have_is_refused_before_reading_them(
    users,
):
    response = client_for(users["own_officer"]).post(
        "/api/v1/measures/", measure_payload(pact_items=["ACT-01"] * 101), format="json"
    )
    assert response.status_code == 400
    assert "at most 100 items" in response.json()["pact_items"][0]


def test_the_list_filters_by_pact_item_and_names_an_unknown_code(users, own):
    linked = MeasureFactory(lead_organisation=own, title="Border procedure")
    linked.pact_items.set(PactItem.objects.filter(code__in=["ACT-04", "III.2"]))
    MeasureFactory(lead_organisation=own, title="Language courses")
    client = client_for(users["own_officer"])

    found = client.get("/api/v1/measures/", {"pact_item": "ACT-04"}).json()["results"]
    assert [measure["title"] for measure in found] == ["Border procedure"]
    assert client.get("/api/v1/measures/", {"pact_item": "ACT-05"}).json()["count"] == 0
    response = client.get("/api/v1/measures/", {"pact_item": "ACT-99"})
    assert response.status_code == 400
    assert "ACT-99" in response.json()["pact_item"][0]


def test_the_schema_documents_the_field_and_the_filter(users):
    schema = client_for(users["own_officer"]).get("/api/schema/?format=json").json()
    field = schema["components"]["schemas"]["Measure"]["properties"]["pact_items"]
    assert (field["type"], field["maxItems"]) == ("array", 100)
    parameters = schema["paths"]["/api/v1/measures/"]["get"]["parameters"]
    assert "pact_item" in {parameter["name"] for parameter in parameters}
