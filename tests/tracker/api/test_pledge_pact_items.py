"""The API's EU Pact items of a pledge, as of a measure: written and read as codes, filtered on
(working copies and published records alike), exported as codes, and an unknown code refused
naming the field and the code with nothing saved."""

import pytest

from compact.models import PactItem
from tests.factories import PledgeFactory, coordinator, republish
from tests.tracker.api.conftest import client_for, pledge_payload
from tests.tracker.api.test_export import csv_rows
from tests.tracker.api.test_queries import queries_for
from tracker.models import Pledge, WorkflowState
from tracker.services.workflow import entry_approve, entry_submit

pytestmark = pytest.mark.usefixtures("compact", "pact")


def _published(own, text: str, *codes: str) -> Pledge:
    pledge = PledgeFactory(lead_organisation=own, text=text, workflow_state=WorkflowState.APPROVED)
    pledge.pact_items.set(PactItem.objects.filter(code__in=codes))
    republish(pledge)
    return pledge


def test_an_officer_links_a_pledge_to_pact_items_by_code_and_the_public_reads_them_once_approved(
    users,
):
    client = client_for(users["own_officer"])
    response = client.post(
        "/api/v1/pledges/", pledge_payload(pact_items=["III.2.c", "ACT-04"]), format="json"
    )

    assert response.status_code == 201, response.json()
    assert response.json()["pact_items"] == ["III.2.c", "ACT-04"]
    pledge = Pledge.objects.get()
    assert sorted(pledge.pact_items.values_list("code", flat=True)) == ["ACT-04", "III.2.c"]
    response = client.patch(
        f"/api/v1/pledges/{pledge.pk}/", {"pact_items": ["V.a"], "version": 1}, format="json"
    )
    assert response.json()["pact_items"] == ["V.a"]
    pledge = entry_submit(actor=users["own_officer"], entry=pledge, expected_version=2)
    entry_approve(actor=coordinator(), entry=pledge, expected_version=pledge.version)
    public = client_for().get(f"/api/v1/pledges/{pledge.pk}/").json()
    assert public["pact_items"] == ["V.a"]


@pytest.mark.parametrize("method", ["post", "patch"])
def test_an_unknown_pact_code_is_a_400_naming_the_field_and_the_code_and_saves_nothing(
    users, own, method
):
    client = client_for(users["own_officer"])
    pledge = PledgeFactory(lead_organisation=own, text="Own draft")
    if method == "post":
        response = client.post(
            "/api/v1/pledges/", pledge_payload(pact_items=["ACT-04", "ACT-99"]), format="json"
        )
    else:
        response = client.patch(
            f"/api/v1/pledges/{pledge.pk}/",
            {"text": "Changed", "pact_items": ["ACT-04", "ACT-99"], "version": 1},
            format="json",
        )

    assert response.status_code == 400
    assert list(response.json()) == ["pact_items"]
    assert "ACT-99 is not an item of the EU Pact" in response.json()["pact_items"][0]
    assert list(Pledge.objects.values_list("text", flat=True)) == ["Own draft"]
    assert not PactItem.objects.filter(pledges__isnull=False).exists()


@pytest.mark.parametrize("reader", ["own_officer", None])
def test_the_list_filters_by_pact_item_and_names_an_unknown_code(users, own, reader):
    _published(own, "Border procedure", "ACT-04", "III.2")
    _published(own, "Language courses", "ACT-05")
    client = client_for(users.get(reader))

    found = client.get("/api/v1/pledges/", {"pact_item": "ACT-04"}).json()["results"]
    assert [pledge["text"] for pledge in found] == ["Border procedure"]
    assert client.get("/api/v1/pledges/", {"pact_item": "ACT-01"}).json()["count"] == 0
    response = client.get("/api/v1/pledges/", {"pact_item": "ACT-99"})
    assert response.status_code == 400
    assert "ACT-99" in response.json()["pact_item"][0]


def test_the_export_writes_the_codes_in_the_pact_s_order(own):
    linked = _published(own, "Border procedure", "ACT-04", "III.2")
    _published(own, "Language courses")

    response = client_for().get("/api/v1/pledges/", {"format": "csv"})

    codes = {int(row["id"]): row["pact_items"] for row in csv_rows(response)}
    assert codes[linked.pk] == "III.2; ACT-04"
    assert sorted(codes.values()) == ["", "III.2; ACT-04"]


@pytest.mark.parametrize("reader", ["own_officer", None])
def test_the_list_takes_the_same_queries_for_few_and_many_linked_pledges(users, own, reader):
    client = client_for(users.get(reader))
    for number in range(2):
        _published(own, f"Pledge {number}", "ACT-04", "III.2")
    few, body = queries_for(client, "/api/v1/pledges/")
    for number in range(15):
        _published(own, f"More {number}", "ACT-01", "ACT-04", "III.2.c", "V.a")
    many, more = queries_for(client, "/api/v1/pledges/")

    assert few == many
    assert (body["count"], more["count"]) == (2, 17)
    lengths = sorted(len(pledge["pact_items"]) for pledge in more["results"])
    assert lengths == [2, 2] + [4] * 15


def test_the_schema_documents_the_field_and_the_filter(users):
    schema = client_for(users["own_officer"]).get("/api/schema/?format=json").json()
    field = schema["components"]["schemas"]["Pledge"]["properties"]["pact_items"]
    assert (field["type"], field["maxItems"]) == ("array", 100)
    parameters = schema["paths"]["/api/v1/pledges/"]["get"]["parameters"]
    assert "pact_item" in {parameter["name"] for parameter in parameters}
