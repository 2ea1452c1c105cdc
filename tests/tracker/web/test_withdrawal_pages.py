"""A withdrawal of a published entry through the pages: the officer requests it, the review
queue and the entry's page say so, the coordinator's button says what approving does."""

import pytest
from django.urls import reverse

from tests.tracker.web.factories import measure_in, pledge_in
from tests.tracker.web.helpers import text
from tracker.models import Measure, Pledge, WorkflowState

pytestmark = pytest.mark.django_db


def _press(client, name, entry, **data):
    return client.post(
        reverse(name, args=[entry.pk]), {"version": entry.version, **data}, follow=True
    )


def test_a_published_measures_withdrawal_is_requested_and_approved(as_user, people, ministry):
    measure = measure_in(WorkflowState.APPROVED, ministry, title="Old programme")
    client = as_user("own_officer")

    response = _press(client, "tracker:measure-withdraw", measure)

    assert "stays public until a coordinator approves the withdrawal" in text(response)
    measure = Measure.objects.get(pk=measure.pk)
    assert (measure.workflow_state, measure.archived_at) == (WorkflowState.SUBMITTED, None)
    assert "Withdrawal requested on" in text(response)
    # While it waits, the officer cannot edit it or withdraw it again.
    assert client.get(reverse("tracker:measure-edit", args=[measure.pk])).status_code == 403

    client = as_user("coordinator")
    queue = text(client.get(reverse("tracker:review-queue")))
    assert "Old programme" in queue
    assert "withdrawal requested" in queue
    assert "Approve the withdrawal: remove it from public view" in queue

    response = _press(client, "tracker:measure-approve", measure)

    assert "Withdrawal approved: “Old programme” has left public view." in text(response)
    measure = Measure.objects.get(pk=measure.pk)
    assert measure.archived_at is not None
    assert measure.published.withdrawn
    assert measure.history.first().history_change_reason == "Withdrawal approved"


def test_a_returned_pledge_withdrawal_is_cancelled_by_its_officer(as_user, people, ministry):
    pledge = pledge_in(WorkflowState.APPROVED, ministry)
    client = as_user("own_officer")
    _press(client, "tracker:pledge-withdraw", pledge)
    pledge = Pledge.objects.get(pk=pledge.pk)
    _press(as_user("coordinator"), "tracker:pledge-return", pledge, comment="Still open.")
    pledge = Pledge.objects.get(pk=pledge.pk)

    client = as_user("own_officer")
    page = text(client.get(reverse("tracker:pledge-detail", args=[pledge.pk])))
    assert "Withdrawal requested" in page
    assert "Cancel the withdrawal" in page
    assert "Submit for review" in page

    response = _press(client, "tracker:pledge-withdraw-cancel", pledge)

    assert "Withdrawal cancelled" in text(response)
    pledge = Pledge.objects.get(pk=pledge.pk)
    assert (pledge.workflow_state, pledge.withdrawal_requested_at) == (
        WorkflowState.APPROVED,
        None,
    )
    assert pledge.published.number == 1
    # Nobody else cancels a withdrawal.
    assert (
        as_user("coordinator")
        .post(
            reverse("tracker:pledge-withdraw-cancel", args=[pledge.pk]), {"version": pledge.version}
        )
        .status_code
        == 403
    )
