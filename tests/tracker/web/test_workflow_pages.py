"""The review workflow through the pages: every transition, the forbidden ones, and what the
officer and the coordinator see on the way."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.tracker.web.factories import measure_in, pledge_in, update_in
from tests.tracker.web.helpers import field_errors, messages_of, objective_ids, text
from tracker.models import Measure, Pledge, ProgressUpdate, WorkflowState

pytestmark = pytest.mark.django_db


def _press(client, name, entry, **data):
    """Press a workflow button on the entry's page, as a form post with the shown version."""
    return client.post(
        reverse(name, args=[entry.pk]), {"version": entry.version, **data}, follow=True
    )


def _reload(entry):
    return type(entry).objects.get(pk=entry.pk)


def test_a_measure_goes_from_draft_through_return_to_approval(client, people, ministry):
    officer, coordinator = people["own_officer"], people["coordinator"]
    measure = measure_in(WorkflowState.DRAFT, ministry, title="Language courses")
    detail = reverse("tracker:measure-detail", args=[measure.pk])

    client.force_login(officer)
    response = _press(client, "tracker:measure-submit", measure)
    assert "Submitted for review" in text(response)
    measure = _reload(measure)
    assert measure.workflow_state == WorkflowState.SUBMITTED

    client.force_login(coordinator)
    response = _press(
        client, "tracker:measure-return", measure, comment="Name the target groups, please."
    )
    measure = _reload(measure)
    assert measure.workflow_state == WorkflowState.RETURNED
    assert measure.reviewed_by == coordinator
    assert response.redirect_chain[-1][0] == detail

    client.force_login(officer)
    entries = text(client.get(reverse("tracker:my-entries")))
    assert "Returned for changes" in entries
    assert "Name the target groups, please." in entries
    page = text(client.get(detail))
    assert "Cora Lind returned this on" in page
    assert "Name the target groups, please." in page
    _press(client, "tracker:measure-submit", measure)
    measure = _reload(measure)
    assert measure.workflow_state == WorkflowState.SUBMITTED

    client.force_login(coordinator)
    response = _press(client, "tracker:measure-approve", measure)
    assert "is now public" in text(response)
    measure = _reload(measure)
    assert measure.workflow_state == WorkflowState.APPROVED

    client.logout()
    assert client.get(detail).status_code == 200


@pytest.mark.parametrize(
    ("state", "role", "button", "message"),
    [
        (
            WorkflowState.DRAFT,
            "coordinator",
            "approve",
            "is “Draft”: only submitted entries can be reviewed",
        ),
        (
            WorkflowState.RETURNED,
            "coordinator",
            "approve",
            "is “Returned”: only submitted entries can be reviewed",
        ),
        (
            WorkflowState.APPROVED,
            "coordinator",
            "approve",
            "is “Approved”: only submitted entries can be reviewed",
        ),
        (
            WorkflowState.DRAFT,
            "coordinator",
            "return",
            "is “Draft”: only submitted entries can be reviewed",
        ),
        (
            WorkflowState.APPROVED,
            "own_officer",
            "submit",
            "is “Approved”: only draft or returned entries can be submitted",
        ),
        (
            WorkflowState.SUBMITTED,
            "own_officer",
            "submit",
            "is “Submitted”: only draft or returned entries can be submitted",
        ),
    ],
)
def test_a_forbidden_transition_is_refused_with_a_message_and_changes_nothing(
    as_user, people, ministry, state, role, button, message
):
    measure = measure_in(state, ministry)
    response = _press(
        as_user(role), f"tracker:measure-{button}", measure, comment="A comment for returning"
    )

    assert response.status_code == 200
    assert message in " ".join(messages_of(response))
    assert _reload(measure).workflow_state == state
    assert _reload(measure).version == measure.version


def test_returning_without_a_comment_asks_for_one_on_the_comment_field(as_user, people, ministry):
    measure = measure_in(WorkflowState.SUBMITTED, ministry)
    response = as_user("coordinator").post(
        reverse("tracker:measure-return", args=[measure.pk]),
        {"version": measure.version, "comment": "  "},
    )

    assert response.status_code == 200
    assert "a comment is required" in field_errors(response, "comment")
    assert _reload(measure).workflow_state == WorkflowState.SUBMITTED


def test_a_coordinator_cannot_approve_content_she_has_not_seen(as_user, people, ministry):
    measure = measure_in(WorkflowState.SUBMITTED, ministry)
    Measure.objects.filter(pk=measure.pk).update(version=2, title="Changed meanwhile")

    response = _press(as_user("coordinator"), "tracker:measure-approve", measure)

    assert response.redirect_chain[-1][0] == reverse("tracker:measure-detail", args=[measure.pk])
    assert "Someone else saved this entry" in text(response)
    assert _reload(measure).workflow_state == WorkflowState.SUBMITTED


def test_a_workflow_button_without_the_version_is_a_bad_request(as_user, people, ministry):
    measure = measure_in(WorkflowState.SUBMITTED, ministry)
    response = as_user("coordinator").post(reverse("tracker:measure-approve", args=[measure.pk]))
    assert response.status_code == 400
    assert _reload(measure).workflow_state == WorkflowState.SUBMITTED


def test_withdrawing_a_measure_archives_it_out_of_the_lists(as_user, people, ministry):
    # A draft, never published: withdrawn at once. A published measure's withdrawal is
    # reviewed (tests/tracker/web/test_withdrawal_pages.py).
    measure = measure_in(WorkflowState.DRAFT, ministry, title="Old programme")
    client = as_user("own_officer")

    response = _press(client, "tracker:measure-withdraw", measure)

    assert "nothing was deleted" in text(response)
    assert "Withdrawn on" in text(response)
    assert Measure.objects.filter(pk=measure.pk, archived_at__isnull=False).exists()
    assert "Old programme" not in text(client.get(reverse("tracker:my-entries")))
    # Withdrawn, it can no longer be edited or withdrawn again.
    assert client.get(reverse("tracker:measure-edit", args=[measure.pk])).status_code == 403


def test_a_pledge_is_created_submitted_returned_resubmitted_and_approved(client, people, ministry):
    client.force_login(people["own_officer"])
    response = client.post(
        reverse("tracker:pledge-create"),
        {
            "text": "We will open two new legal pathways.",
            "pledge_type": "policy_oriented",
            "language": "en",
            "objectives": objective_ids(5),
            "made_on": "2022-05-20",
            "occasion": "IMRF 2022",
            "status": "in_progress",
            "status_narrative": "The first pathway opened in 2023.",
        },
        follow=True,
    )
    pledge = Pledge.objects.get()
    assert pledge.lead_organisation == ministry
    assert pledge.status_updated_on is not None
    assert "Pledge saved" in text(response)

    _press(client, "tracker:pledge-submit", pledge)
    client.force_login(people["coordinator"])
    _press(client, "tracker:pledge-return", _reload(pledge), comment="Give the reference.")
    assert _reload(pledge).workflow_state == WorkflowState.RETURNED

    client.force_login(people["own_officer"])
    assert "Give the reference." in text(
        client.get(reverse("tracker:pledge-detail", args=[pledge.pk]))
    )
    edit = reverse("tracker:pledge-edit", args=[pledge.pk])
    client.post(
        edit,
        {
            "text": "We will open two new legal pathways.",
            "pledge_type": "policy_oriented",
            "language": "en",
            "objectives": objective_ids(5),
            "made_on": "2022-05-20",
            "occasion": "IMRF 2022",
            "network_reference": "GCM-PL-123",
            "status": "in_progress",
            "status_narrative": "The first pathway opened in 2023.",
            "version": _reload(pledge).version,
        },
    )
    assert _reload(pledge).network_reference == "GCM-PL-123"
    _press(client, "tracker:pledge-submit", _reload(pledge))

    client.force_login(people["coordinator"])
    _press(client, "tracker:pledge-approve", _reload(pledge))
    assert _reload(pledge).workflow_state == WorkflowState.APPROVED


def test_an_open_pledge_not_updated_since_the_current_cycle_began_is_flagged(
    as_user, people, ministry, cycle
):
    pledge_in(
        WorkflowState.APPROVED,
        ministry,
        text="Stale pledge",
        status="in_progress",
        status_updated_on=cycle.period_start - datetime.timedelta(days=1),
    )
    pledge_in(WorkflowState.APPROVED, ministry, text="Never updated pledge")
    fresh = pledge_in(
        WorkflowState.APPROVED,
        ministry,
        text="Fresh pledge",
        status="in_progress",
        status_updated_on=timezone.localdate(),
    )

    page = text(as_user("own_officer").get(reverse("tracker:my-entries")))

    assert "Stale pledge IMRF 2022 In progress not updated since" in page
    assert "Never updated pledge IMRF 2022 Not started status never updated" in page
    assert "Fresh pledge IMRF 2022 In progress Approved" in page
    detail = text(as_user("own_officer").get(reverse("tracker:pledge-detail", args=[fresh.pk])))
    assert "not updated since" not in detail


def test_a_pledge_updated_in_the_current_cycles_period_is_not_flagged_however_long_ago(
    as_user, people, ministry, cycle
):
    # Updated more than a year ago, but after the current cycle's period began.
    pledge = pledge_in(
        WorkflowState.APPROVED,
        ministry,
        status="in_progress",
        status_updated_on=cycle.period_start + datetime.timedelta(days=1),
    )
    assert timezone.localdate() - pledge.status_updated_on > datetime.timedelta(days=365)

    detail = text(as_user("own_officer").get(reverse("tracker:pledge-detail", args=[pledge.pk])))

    assert "In progress" in detail
    assert "not updated since" not in detail


def test_without_an_open_cycle_no_pledge_is_flagged(as_user, people, ministry):
    pledge_in(WorkflowState.APPROVED, ministry, text="Never updated pledge")

    page = text(as_user("own_officer").get(reverse("tracker:my-entries")))

    assert "Never updated pledge IMRF 2022 Not started" in page
    assert "status never updated" not in page


def test_a_progress_update_is_written_for_the_current_cycle_submitted_and_approved(
    client, people, ministry, cycle
):
    measure = measure_in(WorkflowState.APPROVED, ministry)
    client.force_login(people["own_officer"])
    detail = text(client.get(reverse("tracker:measure-detail", args=[measure.pk])))
    assert "Add a progress update for National review 2025" in detail

    response = client.post(
        reverse("tracker:update-create", args=[measure.pk]),
        {"status": "completed", "narrative": "All courses were held.", "results": "300 people."},
        follow=True,
    )
    update = ProgressUpdate.objects.get()
    assert update.cycle == cycle
    assert "Progress update saved as a draft" in text(response)

    _press(client, "tracker:update-submit", update)
    client.force_login(people["coordinator"])
    _press(client, "tracker:update-approve", _reload(update))
    assert _reload(update).workflow_state == WorkflowState.APPROVED
    # The measure itself stays approved: the update is reviewed on its own.
    assert _reload(measure).workflow_state == WorkflowState.APPROVED


def test_without_an_open_cycle_the_page_says_what_the_api_says(as_user, people, ministry):
    measure = measure_in(WorkflowState.APPROVED, ministry)

    response = as_user("own_officer").get(
        reverse("tracker:update-create", args=[measure.pk]), follow=True
    )

    assert "No review cycle is open; a coordinator opens one first." in messages_of(response)
    assert not ProgressUpdate.objects.exists()


def test_a_second_update_for_the_same_cycle_opens_the_first(as_user, people, ministry, cycle):
    measure = measure_in(WorkflowState.DRAFT, ministry)
    update = update_in(WorkflowState.DRAFT, measure, cycle)
    response = as_user("own_officer").get(
        reverse("tracker:update-create", args=[measure.pk]), {"cycle": cycle.slug}
    )
    assert response["Location"] == reverse("tracker:update-edit", args=[update.pk])


def test_a_closed_cycle_refuses_new_and_changed_updates_clearly(as_user, people, ministry, cycle):
    measure = measure_in(WorkflowState.APPROVED, ministry)
    update = update_in(WorkflowState.DRAFT, measure, cycle)
    other = measure_in(WorkflowState.APPROVED, ministry)
    cycle.closed_at = timezone.now()
    cycle.save()
    client = as_user("own_officer")

    create = client.post(
        reverse("tracker:update-create", args=[other.pk]) + f"?cycle={cycle.slug}",
        {"status": "ongoing", "narrative": "Too late."},
        follow=True,
    )
    edit = client.post(
        reverse("tracker:update-edit", args=[update.pk]),
        {"status": "ongoing", "narrative": "Changed.", "version": update.version},
        follow=True,
    )

    for response in (create, edit):
        assert "National review 2025 is closed" in text(response)
    assert not ProgressUpdate.objects.filter(measure=other).exists()
    assert _reload(update).narrative == "Progress was made."


def test_an_update_is_edited_and_a_stale_save_is_refused(client, people, ministry, cycle):
    update = update_in(WorkflowState.DRAFT, measure_in(WorkflowState.DRAFT, ministry), cycle)
    client.force_login(people["own_officer"])
    url = reverse("tracker:update-edit", args=[update.pk])
    data = {"status": "ongoing", "narrative": "Better words.", "version": 1}

    assert client.post(url, data).status_code == 302
    refused = client.post(url, {**data, "narrative": "Other words."})

    assert "Someone else saved this entry" in text(refused)
    assert _reload(update).narrative == "Better words."
    history = text(client.get(reverse("tracker:update-history", args=[update.pk])))
    assert "What happened: Progress was made. → Better words." in history
