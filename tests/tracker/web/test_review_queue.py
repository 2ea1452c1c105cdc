"""The coordinators' review queue: submitted entries of every ministry, oldest first, each
approved or returned from the queue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.tracker.web.factories import measure_in, pledge_in, update_in
from tests.tracker.web.helpers import field_errors, html, text
from tracker.models import Measure, WorkflowState

pytestmark = pytest.mark.django_db

QUEUE = reverse("tracker:review-queue")


def test_the_queue_lists_submitted_entries_of_all_ministries_oldest_first(
    as_user, people, ministry, other_ministry, cycle
):
    now = timezone.now()
    measure_in(WorkflowState.SUBMITTED, ministry, title="Newer", submitted_at=now)
    measure_in(
        WorkflowState.SUBMITTED,
        other_ministry,
        title="Older",
        submitted_at=now - datetime.timedelta(days=3),
    )
    measure_in(WorkflowState.DRAFT, ministry, title="Still a draft")
    measure_in(WorkflowState.APPROVED, ministry, title="Already approved")
    pledge_in(WorkflowState.SUBMITTED, ministry, text="A submitted pledge")
    update_in(
        WorkflowState.SUBMITTED,
        measure_in(WorkflowState.APPROVED, ministry, title="Measure with update"),
        cycle,
    )

    page = text(as_user("coordinator").get(QUEUE))

    assert page.index("Older") < page.index("Newer")
    assert "Ministry for Foreign Affairs" in page
    assert "Still a draft" not in page
    assert "Already approved" not in page
    assert "A submitted pledge" in page
    assert "“Measure with update” in National review 2025" in page


def test_a_coordinator_approves_from_the_queue_and_comes_back_to_it(as_user, people, ministry):
    measure = measure_in(WorkflowState.SUBMITTED, ministry, title="Ready")
    client = as_user("coordinator")
    form = html(client.get(QUEUE))
    assert f'action="{reverse("tracker:measure-approve", args=[measure.pk])}"' in form

    response = client.post(
        reverse("tracker:measure-approve", args=[measure.pk]),
        {"version": measure.version, "next": QUEUE},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == QUEUE
    assert "“Ready” is now public" in text(response)
    assert "No measures are waiting for review" in text(response)
    assert Measure.objects.get(pk=measure.pk).workflow_state == WorkflowState.APPROVED


def test_a_coordinator_returns_from_the_queue_with_a_comment_the_officer_sees(
    client, people, ministry
):
    measure = measure_in(WorkflowState.SUBMITTED, ministry, title="Needs work")
    client.force_login(people["coordinator"])
    client.post(
        reverse("tracker:measure-return", args=[measure.pk]),
        {"version": measure.version, "next": QUEUE, "comment": "Which objective, exactly?"},
    )

    client.force_login(people["own_officer"])
    entries = text(client.get(reverse("tracker:my-entries")))
    assert "Returned for changes Needs work Which objective, exactly?" in entries


def test_returning_from_the_queue_without_a_comment_asks_for_it_on_the_field(
    as_user, people, ministry
):
    measure = measure_in(WorkflowState.SUBMITTED, ministry)
    response = as_user("coordinator").post(
        reverse("tracker:measure-return", args=[measure.pk]),
        {"version": measure.version, "next": QUEUE, "comment": ""},
    )

    assert response.status_code == 200
    assert "a comment is required" in field_errors(response, "comment")
    assert f'name="next" value="{QUEUE}"' in html(response)
    assert Measure.objects.get(pk=measure.pk).workflow_state == WorkflowState.SUBMITTED


def test_the_queue_refuses_to_approve_an_entry_changed_since_it_was_shown(
    as_user, people, ministry
):
    measure = measure_in(WorkflowState.SUBMITTED, ministry)
    client = as_user("coordinator")
    client.get(QUEUE)
    Measure.objects.filter(pk=measure.pk).update(version=measure.version + 1)

    response = client.post(
        reverse("tracker:measure-approve", args=[measure.pk]),
        {"version": measure.version, "next": QUEUE},
        follow=True,
    )

    assert "Someone else saved this entry" in text(response)
    assert Measure.objects.get(pk=measure.pk).workflow_state == WorkflowState.SUBMITTED


def test_the_next_address_must_be_on_this_site(as_user, people, ministry):
    measure = measure_in(WorkflowState.SUBMITTED, ministry)
    response = as_user("coordinator").post(
        reverse("tracker:measure-approve", args=[measure.pk]),
        {"version": measure.version, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("tracker:measure-detail", args=[measure.pk])
