"""The review workflow through the API: every transition, and the refused ones."""

import pytest

from tests.factories import MeasureFactory, PledgeFactory, ProgressUpdateFactory
from tests.tracker.api.conftest import client_for, measure_payload, pledge_payload
from tracker.models import Measure, Pledge, ProgressUpdate, WorkflowState

pytestmark = pytest.mark.usefixtures("compact")


def test_a_measure_goes_from_draft_to_approved_and_back_to_review_when_edited(users, cycle):
    officer = client_for(users["own_officer"])
    coordinator = client_for(users["coordinator"])
    public = client_for()

    created = officer.post("/api/v1/measures/", measure_payload(), format="json")
    assert created.status_code == 201
    measure = created.json()
    url = f"/api/v1/measures/{measure['id']}/"
    assert (measure["workflow_state"], measure["version"]) == ("draft", 1)
    assert created["ETag"] == f'"measure-{measure["id"]}-v1"'

    submitted = officer.post(f"{url}submit/", {"version": 1}, format="json")
    assert (submitted.json()["workflow_state"], submitted.json()["version"]) == ("submitted", 2)

    returned = coordinator.post(f"{url}return/", {"comment": "Name the budget line."})
    assert returned.json()["workflow_state"] == "returned"
    assert officer.get(url).json()["review_comment"] == "Name the budget line."
    assert public.get(url).status_code == 404

    edited = officer.patch(url, {"budget_amount": "120000", "budget_currency": "SEK", "version": 3})
    assert edited.json()["workflow_state"] == "returned"
    officer.post(f"{url}submit/", {"version": 4})
    approved = coordinator.post(f"{url}approve/", {"comment": "Thank you."})
    assert approved.json()["workflow_state"] == "approved"
    assert approved.json()["reviewed_by"] == "coordinator"

    seen_by_public = public.get(url).json()
    # The public reads the published record: its version, not the working copy's workflow.
    assert (seen_by_public["published_version"], "workflow_state" in seen_by_public) == (1, False)
    assert seen_by_public["budget_amount"] == "120000.00"

    reedited = officer.patch(url, {"title": "Språkstöd 2.0", "version": 6})
    assert reedited.json()["workflow_state"] == "submitted"
    # Under review, the public keeps the published version (issue 13), no longer a 404.
    assert public.get(url).json()["title"] == "Språkstöd för nyanlända"
    assert Measure.objects.get(pk=measure["id"]).history.count() == 7


@pytest.mark.parametrize(
    ("state", "action", "actor"),
    [
        (WorkflowState.DRAFT, "approve", "coordinator"),
        (WorkflowState.DRAFT, "return", "coordinator"),
        (WorkflowState.RETURNED, "approve", "coordinator"),
        (WorkflowState.APPROVED, "approve", "coordinator"),
        (WorkflowState.APPROVED, "return", "coordinator"),
        (WorkflowState.SUBMITTED, "submit", "own_officer"),
        (WorkflowState.APPROVED, "submit", "own_officer"),
    ],
)
def test_a_transition_from_the_wrong_state_is_refused_naming_the_state(
    users, own, state, action, actor
):
    measure = MeasureFactory(lead_organisation=own, workflow_state=state)
    client = client_for(users[actor])

    response = client.post(
        f"/api/v1/measures/{measure.pk}/{action}/", {"comment": "Why not."}, format="json"
    )

    assert response.status_code == 400
    assert "workflow_state" in response.json()
    measure.refresh_from_db()
    assert (measure.workflow_state, measure.version) == (state, 1)


@pytest.mark.parametrize("comment", [None, "", "   "])
def test_returning_needs_a_comment(users, measures, comment):
    measure = measures["own_submitted"]
    data = {} if comment is None else {"comment": comment}

    response = client_for(users["coordinator"]).post(
        f"/api/v1/measures/{measure.pk}/return/", data, format="json"
    )

    assert response.status_code == 400
    assert "a comment is required" in response.json()["comment"][0]
    measure.refresh_from_db()
    assert measure.workflow_state == WorkflowState.SUBMITTED


def test_a_withdrawn_measure_leaves_the_list_but_is_kept_and_can_no_longer_change(users, measures):
    measure = measures["own_draft"]
    officer = client_for(users["own_officer"])

    withdrawn = officer.post(f"/api/v1/measures/{measure.pk}/withdraw/", {"version": 1})

    assert withdrawn.status_code == 200
    assert withdrawn.json()["archived_at"] is not None
    titles = [m["title"] for m in officer.get("/api/v1/measures/").json()["results"]]
    assert "Own draft" not in titles
    assert officer.get(f"/api/v1/measures/{measure.pk}/").status_code == 200
    refused = officer.patch(f"/api/v1/measures/{measure.pk}/", {"title": "Back", "version": 2})
    assert refused.status_code == 403
    assert Measure.objects.get(pk=measure.pk).title == "Own draft"


def test_a_pledge_goes_through_the_workflow(users):
    officer = client_for(users["own_officer"])
    coordinator = client_for(users["coordinator"])

    pledge = officer.post("/api/v1/pledges/", pledge_payload(), format="json").json()
    url = f"/api/v1/pledges/{pledge['id']}/"
    officer.post(f"{url}submit/")
    returned = coordinator.post(f"{url}return/", {"comment": "Which centres?"})
    assert returned.json()["workflow_state"] == "returned"
    officer.patch(url, {"text": "We will open centres in Malmö and Luleå.", "version": 3})
    officer.post(f"{url}submit/")
    approved = coordinator.post(f"{url}approve/")

    assert approved.json()["workflow_state"] == "approved"
    assert client_for().get(url).json()["text"] == "We will open centres in Malmö and Luleå."
    # Published, its withdrawal is a change a coordinator approves (ADR 0016).
    requested = officer.post(f"{url}withdraw/")
    assert requested.json()["withdrawal_requested_at"] is not None
    assert requested.json()["archived_at"] is None
    # The public keeps the published pledge until the withdrawal is approved.
    assert client_for().get(url).json()["text"] == "We will open centres in Malmö and Luleå."
    withdrawn = coordinator.post(f"{url}approve/")
    assert withdrawn.json()["archived_at"] is not None
    assert client_for().get(url).status_code == 404
    assert Pledge.objects.get(pk=pledge["id"]).archived_at is not None


def test_a_pledge_status_change_dates_its_narrative(users, pledges):
    pledge = pledges["own_draft"]

    response = client_for(users["own_officer"]).patch(
        f"/api/v1/pledges/{pledge.pk}/",
        {"status": "in_progress", "status_narrative": "One centre is open.", "version": 1},
    )

    assert response.status_code == 200
    assert response.json()["status_updated_on"] is not None


def test_a_progress_update_goes_through_the_workflow(users, measures, cycle):
    officer = client_for(users["own_officer"])
    coordinator = client_for(users["coordinator"])
    measure_url = f"/api/v1/measures/{measures['own_approved'].pk}/"

    created = officer.post(
        f"{measure_url}updates/", {"status": "ongoing", "narrative": "Courses started."}
    )
    assert created.status_code == 201
    update = created.json()
    assert (update["cycle"], update["measure"]) == ("national-2025", measures["own_approved"].pk)
    url = f"{measure_url}updates/{update['id']}/"
    assert officer.patch(url, {"results": "300 participants.", "version": 1}).status_code == 200
    officer.post(f"{url}submit/")
    coordinator.post(f"{url}return/", {"comment": "How many finished?"})
    officer.post(f"{url}submit/")
    approved = coordinator.post(f"{url}approve/")

    assert approved.json()["workflow_state"] == "approved"
    public_list = client_for().get(f"{measure_url}updates/").json()["results"]
    assert [u["results"] for u in public_list] == ["300 participants."]


def test_an_update_of_a_closed_cycle_cannot_change(users, measures, cycle):
    update = ProgressUpdateFactory(measure=measures["own_approved"], cycle=cycle)
    coordinator = client_for(users["coordinator"])
    assert coordinator.post(f"/api/v1/cycles/{cycle.slug}/close/").status_code == 200

    response = client_for(users["own_officer"]).patch(
        f"/api/v1/measures/{measures['own_approved'].pk}/updates/{update.pk}/",
        {"narrative": "Too late", "version": 1},
    )

    assert response.status_code == 403
    assert ProgressUpdate.objects.get(pk=update.pk).narrative == "Progress was made."


def test_a_new_update_in_a_closed_cycle_is_refused_naming_the_cycle(users, measures, cycle):
    client_for(users["coordinator"]).post(f"/api/v1/cycles/{cycle.slug}/close/")

    response = client_for(users["own_officer"]).post(
        f"/api/v1/measures/{measures['own_approved'].pk}/updates/",
        {"cycle": cycle.slug, "status": "ongoing", "narrative": "Late."},
    )

    assert response.status_code == 400
    assert "closed" in response.json()["cycle"][0]
    assert not ProgressUpdate.objects.exists()


def test_a_second_update_for_the_same_cycle_is_refused(users, measures, cycle):
    client = client_for(users["own_officer"])
    url = f"/api/v1/measures/{measures['own_approved'].pk}/updates/"
    client.post(url, {"status": "ongoing", "narrative": "First."})

    response = client.post(url, {"status": "ongoing", "narrative": "Second."})

    assert response.status_code == 400
    assert "cycle" in response.json()
    assert ProgressUpdate.objects.count() == 1


def test_an_update_needs_an_open_cycle(users, measures):
    response = client_for(users["own_officer"]).post(
        f"/api/v1/measures/{measures['own_approved'].pk}/updates/",
        {"status": "ongoing", "narrative": "Nowhere to go."},
    )

    assert response.status_code == 400
    assert "No review cycle is open" in response.json()["cycle"][0]


def test_an_update_stays_in_its_cycle(users, measures, draft_update, cycle):
    response = client_for(users["own_officer"]).patch(
        f"/api/v1/measures/{measures['own_approved'].pk}/updates/{draft_update.pk}/",
        {"cycle": cycle.slug, "version": 1},
    )

    assert response.status_code == 400
    assert "cycle" in response.json()
    assert ProgressUpdate.objects.get(pk=draft_update.pk).cycle.slug == "national-2024"


def test_an_update_is_found_only_under_its_own_measure(users, measures, draft_update):
    response = client_for(users["own_officer"]).get(
        f"/api/v1/measures/{measures['own_draft'].pk}/updates/{draft_update.pk}/"
    )

    assert response.status_code == 404


def test_who_reviewed_and_what_they_said_is_shown_only_inside_the_organisation(users, own):
    measure = MeasureFactory(
        lead_organisation=own,
        workflow_state=WorkflowState.APPROVED,
        review_comment="Well documented.",
        reviewed_by=users["coordinator"],
        created_by=users["own_officer"],
    )
    url = f"/api/v1/measures/{measure.pk}/"

    inside = client_for(users["own_officer"]).get(url).json()
    for outsider in (None, users["committee_reader"], users["other_officer"]):
        body = client_for(outsider).get(url).json()
        # Outsiders read the published record, which has none of these (issue 13).
        assert {"review_comment", "created_by", "reviewed_by"}.isdisjoint(body)
        assert "own-officer" not in str(body)
    assert (inside["review_comment"], inside["created_by"], inside["reviewed_by"]) == (
        "Well documented.",
        "own-officer",
        "coordinator",
    )
    in_list = client_for().get("/api/v1/measures/").json()["results"]
    assert "created_by" not in in_list[0]


def test_a_pledges_reviewer_is_hidden_from_the_public(users, own):
    pledge = PledgeFactory(
        lead_organisation=own,
        workflow_state=WorkflowState.APPROVED,
        reviewed_by=users["coordinator"],
        review_comment="Fine.",
    )

    body = client_for().get(f"/api/v1/pledges/{pledge.pk}/").json()

    assert {"reviewed_by", "review_comment"}.isdisjoint(body)
    assert body["published_version"] == 1
