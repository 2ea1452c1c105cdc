"""The measure form: objectives by round table, only the chosen objectives' actions, the
officer's own ministry as lead, bad input on the right field, and concurrent edits refused."""

import pytest
from django.urls import reverse

from compact.models import Action, GuidingPrinciple
from tests.factories import officer
from tests.tracker.web.factories import measure_in
from tests.tracker.web.helpers import action_ids, field_errors, html, objective_ids, text
from tracker.models import Measure, WorkflowState

pytestmark = pytest.mark.django_db


def _data(**overrides) -> dict:
    """Valid input of the form; objectives as a tuple of numbers and actions as a tuple of
    codes ("2a") are given as the form's values, lists are posted as they are."""
    data = {
        "title": "Faster asylum procedures",
        "description": "Shorter waiting times at the migration agency.",
        "language": "sv",
        "kind": "policy",
        "status": "ongoing",
        "objectives": (2, 5),
        "actions": ("2a",),
        "start_date": "2024-01-01",
        "end_date": "2025-06-30",
        "budget_amount": "1500000",
        "budget_currency": "SEK",
        "target_groups": ["women", "children"],
        "stakeholders": ["civil_society"],
    }
    data.update(overrides)
    if isinstance(data.get("objectives"), tuple):
        data["objectives"] = objective_ids(*data["objectives"])
    if isinstance(data.get("actions"), tuple):
        data["actions"] = action_ids(*data["actions"])
    return {key: value for key, value in data.items() if value is not None}


def test_an_officer_creates_a_draft_measure_of_her_own_ministry(
    as_user, people, ministry, other_ministry
):
    client = as_user("own_officer")
    principle = GuidingPrinciple.objects.get(code="human_rights")
    response = client.post(
        reverse("tracker:measure-create"),
        _data(
            guiding_principles=[principle.pk],
            partner_organisations=[other_ministry.pk],
            lead_organisation=other_ministry.pk,  # not a field of the form: ignored
        ),
        follow=True,
    )

    measure = Measure.objects.get()
    assert response.redirect_chain[-1][0] == reverse("tracker:measure-detail", args=[measure.pk])
    assert measure.lead_organisation == ministry
    assert measure.workflow_state == WorkflowState.DRAFT
    assert measure.created_by == people["own_officer"]
    assert sorted(o.number for o in measure.objectives.all()) == [2, 5]
    assert [str(a) for a in measure.actions.all()] == ["2(a)"]
    assert list(measure.guiding_principles.all()) == [principle]
    assert list(measure.partner_organisations.all()) == [other_ministry]
    assert measure.target_groups == ["women", "children"]
    assert str(measure.budget_amount) == "1500000.00"
    assert "Measure saved. Submit it for review when it is ready." in text(response)
    assert measure.history.get().history_user == people["own_officer"]


def test_the_form_offers_the_objectives_grouped_by_round_table_in_the_declarations_order(
    as_user, people
):
    page = html(as_user("own_officer").get(reverse("tracker:measure-create")))

    headings = [
        "Round table 1 (objectives 2, 5, 6, 12 and 18)",
        "Round table 2 (objectives 4, 8, 9, 10, 11, 13 and 21)",
        "Round table 3 (objectives 14, 15, 16, 19, 20 and 22)",
        "Round table 4 (objectives 1, 3, 7, 17 and 23)",
    ]
    positions = [page.index(f"<legend>{heading}</legend>") for heading in headings]
    assert positions == sorted(positions)
    checkboxes = [page.index(f'id="objective-{n}"') for n in (2, 5, 6, 12, 18, 4, 8, 1, 23)]
    assert checkboxes == sorted(checkboxes)
    assert page.count('name="objectives"') == 23
    # No objective chosen yet: no action is offered.
    assert 'name="actions"' not in page


def test_the_form_defaults_the_language_of_the_text_to_the_interface_language(as_user, people):
    client = as_user("own_officer")
    client.cookies["django_language"] = "nb"
    page = html(client.get(reverse("tracker:measure-create")))
    assert '<option value="nb" selected>' in page


def test_changing_objectives_fetches_only_their_actions_keeping_the_chosen_ones(as_user, people):
    client = as_user("own_officer")
    chosen = action_ids("2b")
    response = client.get(
        reverse("tracker:measure-actions"),
        {"objectives": objective_ids(2), "actions": chosen + action_ids("5a")},
        headers={"HX-Request": "true"},
    )

    page = html(response)
    objective_2 = Action.objects.filter(objective__number=2).count()
    assert page.count('name="actions"') == objective_2
    assert 'id="action-2-b" checked' in page
    assert 'id="action-5-a"' not in page
    assert "<html" not in page  # a fragment for htmx, not a page


def test_without_javascript_the_form_shows_the_chosen_objectives_actions_and_saves_nothing(
    as_user, people
):
    response = as_user("own_officer").post(
        reverse("tracker:measure-create"),
        {"title": "Half-written", "objectives": objective_ids(10), "show_actions": "1"},
    )

    page = html(response)
    assert response.status_code == 200
    assert Measure.objects.count() == 0
    assert page.count('name="actions"') == Action.objects.filter(objective__number=10).count()
    assert 'value="Half-written"' in page
    assert 'id="objective-10" checked' in page
    assert 'class="errorlist"' not in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"actions": ("2a", "7c")},
            "actions",
            "Action 7c belongs to objective 7, which is not chosen",
        ),
        ({"objectives": ["99999"]}, "objectives", "99999 is not one of the available"),
        ({"objectives": None, "actions": None}, "objectives", "Choose at least one objective"),
        (
            {"start_date": "2025-01-01", "end_date": "2024-12-31"},
            "end_date",
            "cannot be before the start date",
        ),
        ({"budget_amount": "-10"}, "budget_amount", "greater than or equal to 0"),
        ({"budget_currency": "XYZ"}, "budget_currency", "XYZ is not an ISO 4217 currency"),
        ({"budget_currency": ""}, "budget_currency", "Give the currency of the budget"),
        ({"title": ""}, "title", "This field is required"),
        ({"target_groups": ["aliens"]}, "target_groups", "aliens is not one of the available"),
    ],
    ids=[
        "action of an unchosen objective",
        "unknown objective",
        "no objective",
        "end before start",
        "negative budget",
        "unknown currency",
        "budget without currency",
        "no title",
        "unknown target group",
    ],
)
def test_bad_input_is_shown_on_its_field_and_nothing_is_saved(
    as_user, people, overrides, field, message
):
    response = as_user("own_officer").post(reverse("tracker:measure-create"), _data(**overrides))

    assert response.status_code == 200
    assert message in field_errors(response, field)
    assert f'aria-describedby="id_{field}' in html(response) or field in ("objectives", "actions")
    assert f'href="#id_{field}"' in html(response)  # the summary above the form links to it
    assert Measure.objects.count() == 0


def test_a_stray_action_is_refused_on_edit_too_and_the_measure_keeps_its_actions(
    as_user, people, ministry
):
    measure = measure_in(WorkflowState.DRAFT, ministry, objectives=[2], actions=["2a"])
    response = as_user("own_officer").post(
        reverse("tracker:measure-edit", args=[measure.pk]),
        _data(objectives=(5,), actions=("2a",), version=measure.version),
    )

    assert "Action 2a belongs to objective 2, which is not chosen" in field_errors(
        response, "actions"
    )
    measure.refresh_from_db()
    assert [str(a) for a in measure.actions.all()] == ["2(a)"]
    assert [o.number for o in measure.objectives.all()] == [2]
    assert measure.version == 1


def test_the_second_of_two_concurrent_edits_is_refused_and_the_first_is_kept(
    client, people, ministry
):
    measure = measure_in(WorkflowState.DRAFT, ministry, objectives=[2], title="Original")
    colleague = officer(ministry, username="bea")
    first, second = client, client.__class__()
    first.force_login(people["own_officer"])
    second.force_login(colleague)
    edit_url = reverse("tracker:measure-edit", args=[measure.pk])
    for browser in (first, second):  # both open the form on version 1
        assert 'name="version" value="1"' in html(browser.get(edit_url))

    saved = first.post(edit_url, _data(title="First title", version=1, objectives=(2,)))
    refused = second.post(edit_url, _data(title="Second title", version=1, objectives=(2,)))

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert "Someone else saved this entry while you were editing it" in text(refused)
    assert 'value="Second title"' in html(refused)  # her input is still in the form
    measure.refresh_from_db()
    assert measure.title == "First title"
    assert measure.version == 2


def test_editing_an_approved_measure_sends_it_back_for_review(as_user, people, ministry):
    measure = measure_in(WorkflowState.APPROVED, ministry, objectives=[2])
    client = as_user("own_officer")
    edit_url = reverse("tracker:measure-edit", args=[measure.pk])
    assert "Saving a change sends it back" in text(client.get(edit_url))

    response = client.post(edit_url, _data(objectives=(2,), version=measure.version), follow=True)

    assert "It is waiting for a coordinator's review" in text(response)
    measure.refresh_from_db()
    assert measure.workflow_state == WorkflowState.SUBMITTED
    assert measure.title == "Faster asylum procedures"


def test_saving_an_unchanged_form_changes_nothing(as_user, people, ministry):
    client = as_user("own_officer")
    client.post(reverse("tracker:measure-create"), _data())
    measure = Measure.objects.get()
    edit_url = reverse("tracker:measure-edit", args=[measure.pk])

    response = client.post(edit_url, _data(version=measure.version), follow=True)

    assert "Nothing was changed" in text(response)
    measure.refresh_from_db()
    assert measure.version == 1
    assert measure.history.count() == 1
