"""Bad input gets a 400 naming the field, and nothing is saved."""

import pytest

from tests.factories import OrganisationFactory
from tests.tracker.api.conftest import client_for, measure_payload, pledge_payload
from tracker.models import Measure, Pledge

pytestmark = pytest.mark.usefixtures("compact")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"objectives": [5, 99]}, "objectives", "99 is not an objective of the Compact"),
        ({"objectives": []}, "objectives", "Choose at least one objective"),
        ({"objectives": ["five"]}, "objectives", "Give objectives by their number"),
        ({"actions": ["5z"]}, "actions", "5z is not an action of the Compact"),
        ({"actions": ["five-c"]}, "actions", "give its objective's number and its letter"),
        ({"actions": ["7a"]}, "actions", "Action 7a belongs to objective 7, which is not chosen"),
        (
            {"start_date": "2025-06-01", "end_date": "2025-01-31"},
            "end_date",
            "cannot be before the start date",
        ),
        (
            {"budget_amount": "-100", "budget_currency": "SEK"},
            "budget_amount",
            "greater than or equal to 0",
        ),
        ({"budget_amount": "100", "budget_currency": "XYZ"}, "budget_currency", "XYZ is not"),
        ({"budget_amount": "100"}, "budget_currency", "Give the currency"),
        ({"kind": "poem"}, "kind", "not a valid choice"),
        ({"language": "fr"}, "language", "not a valid choice"),
        ({"target_groups": ["aliens"]}, "target_groups", "not a valid choice"),
        ({"stakeholders": ["astrologers"]}, "stakeholders", "not a valid choice"),
        ({"partner_organisations": ["NOPE"]}, "partner_organisations", "code NOPE"),
        ({"partner_organisations": ["OWN"]}, "partner_organisations", "cannot also be a partner"),
        ({"lead_organisation": "OTHER"}, "lead_organisation", "only for your own organisation"),
        ({"guiding_principles": ["kindness"]}, "guiding_principles", "kindness is not"),
        ({"pledges": [999999]}, "pledges", "no pledge with the id 999999"),
        ({"pledges": [-(2**79)]}, "pledges", f"no pledge with the id {-(2**79)}"),
        ({"pledges": [2**63]}, "pledges", f"no pledge with the id {2**63}"),
        ({"title": ""}, "title", "may not be blank"),
        # The schema says text; a number is not quietly turned into one.
        ({"title": 114}, "title", "Give a text (a string), not int."),
        ({"description": ["a", "b"]}, "description", "not list"),
    ],
)
def test_a_bad_measure_is_refused_naming_the_field_and_nothing_is_saved(
    users, overrides, field, message
):
    response = client_for(users["own_officer"]).post(
        "/api/v1/measures/", measure_payload(**overrides), format="json"
    )

    assert response.status_code == 400
    assert message in str(response.json()[field])
    assert not Measure.objects.exists()


def test_a_bad_change_leaves_the_measure_as_it_was(users, measures):
    measure = measures["own_draft"]

    response = client_for(users["own_officer"]).patch(
        f"/api/v1/measures/{measure.pk}/",
        {"title": "Changed", "objectives": [6], "actions": ["5c"], "version": 1},
        format="json",
    )

    assert response.status_code == 400
    assert "actions" in response.json()
    measure.refresh_from_db()
    assert (measure.title, measure.version) == ("Own draft", 1)
    assert list(measure.objectives.values_list("number", flat=True)) == [1]


def test_an_end_date_before_a_stored_start_date_is_refused(users, own):
    from tests.factories import MeasureFactory

    measure = MeasureFactory(lead_organisation=own, start_date="2025-06-01")

    response = client_for(users["own_officer"]).patch(
        f"/api/v1/measures/{measure.pk}/", {"end_date": "2025-01-01", "version": 1}
    )

    assert response.status_code == 400
    assert "end_date" in response.json()


def test_a_pledge_of_another_organisation_cannot_be_linked(users, other):
    from tests.factories import PledgeFactory

    hidden = PledgeFactory(lead_organisation=other)

    response = client_for(users["own_officer"]).post(
        "/api/v1/measures/", measure_payload(pledges=[hidden.pk]), format="json"
    )

    assert response.status_code == 400
    assert f"no pledge with the id {hidden.pk}" in response.json()["pledges"][0]


def test_a_measure_links_pledges_partners_and_principles(users, pledges):
    OrganisationFactory(code="MOH")

    response = client_for(users["own_officer"]).post(
        "/api/v1/measures/",
        measure_payload(
            pledges=[pledges["own_draft"].pk],
            partner_organisations=["MOH"],
            guiding_principles=["human_rights", "gender_responsive"],
            target_groups=["women", "migrant_workers"],
            stakeholders=["civil_society"],
            budget_amount="2500000.50",
            budget_currency="SEK",
        ),
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["pledges"] == [pledges["own_draft"].pk]
    assert body["partner_organisations"] == ["MOH"]
    assert sorted(body["guiding_principles"]) == ["gender_responsive", "human_rights"]
    assert [o["number"] for o in body["objectives_summary"]] == [5, 16]
    measure = Measure.objects.get(pk=body["id"])
    assert measure.target_groups == ["women", "migrant_workers"]
    assert str(measure.budget_amount) == "2500000.50"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"objectives": [24]}, "objectives"),
        ({"objectives": []}, "objectives"),
        ({"pledge_type": "vague"}, "pledge_type"),
        ({"made_on": "yesterday"}, "made_on"),
        ({"co_pledging_organisations": ["NOPE"]}, "co_pledging_organisations"),
        ({"status": "forgotten"}, "status"),
        ({"text": 2030}, "text"),
        ({"occasion": 1.5}, "occasion"),
    ],
)
def test_a_bad_pledge_is_refused_naming_the_field(users, overrides, field):
    response = client_for(users["own_officer"]).post(
        "/api/v1/pledges/", pledge_payload(**overrides), format="json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not Pledge.objects.exists()


def test_an_unknown_language_is_refused(users, measures):
    response = client_for().get("/api/v1/measures/", {"lang": "fr"})

    assert response.status_code == 400
    assert "lang" in response.json()
