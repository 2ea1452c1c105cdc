"""Withdrawing asks first and says what it does; a withdrawn entry is found under "Withdrawn"
in My entries and restored by its organisation's officers, as a draft the public sees again
only once a coordinator approves it."""

import pytest
from django.urls import reverse

from tests.tracker.web.factories import measure_in, pledge_in
from tests.tracker.web.helpers import html, text
from tracker.models import Measure, Pledge, WorkflowState
from tracker.services.workflow import entry_approve, entry_withdraw

pytestmark = pytest.mark.django_db

ENTRIES = reverse("tracker:my-entries")


def _published(ministry, people, **kwargs) -> Measure:
    measure = measure_in(WorkflowState.SUBMITTED, ministry, **kwargs)
    return entry_approve(actor=people["coordinator"], entry=measure)


def _withdrawn_after_review(ministry, people, **kwargs) -> Measure:
    measure = _published(ministry, people, **kwargs)
    measure = entry_withdraw(actor=people["own_officer"], entry=measure)
    return entry_approve(actor=people["coordinator"], entry=measure)


def test_the_entry_page_asks_before_withdrawing_and_says_what_it_does(as_user, people, ministry):
    measure = _published(ministry, people, title="Old programme")
    client = as_user("own_officer")

    page = client.get(reverse("tracker:measure-detail", args=[measure.pk]))
    withdraw_url = reverse("tracker:measure-withdraw", args=[measure.pk])
    # The entry page links to the confirmation; it does not withdraw in one click.
    assert f'<a class="button secondary" href="{withdraw_url}"' in html(page)
    assert f'action="{withdraw_url}"' not in html(page)

    confirm = client.get(withdraw_url)
    assert "Withdraw “Old programme”?" in text(confirm)
    assert "It stays public until a coordinator approves the withdrawal" in text(confirm)
    assert _reload(measure).withdrawal_requested_at is None

    done = client.post(withdraw_url, {"version": measure.version}, follow=True)
    assert "Withdrawal requested" in text(done)
    assert _reload(measure).withdrawal_pending


def test_a_draft_is_withdrawn_after_confirming_and_restored_from_my_entries(
    as_user, people, ministry
):
    pledge = pledge_in(WorkflowState.DRAFT, ministry, text="We will fund language cafés.")
    client = as_user("own_officer")
    confirm = client.get(reverse("tracker:pledge-withdraw", args=[pledge.pk]))
    assert "It has never been public" in text(confirm)
    assert "you find it under “Withdrawn” in My entries" in text(confirm)

    client.post(reverse("tracker:pledge-withdraw", args=[pledge.pk]), {"version": pledge.version})
    assert "language cafés" not in text(client.get(ENTRIES))
    listed = client.get(ENTRIES, {"state": "withdrawn"})
    assert "language cafés" in text(listed)
    restore_url = reverse("tracker:pledge-restore", args=[pledge.pk])
    assert f'action="{restore_url}"' in html(listed)

    pledge = Pledge.objects.get(pk=pledge.pk)
    response = client.post(
        restore_url,
        {"version": pledge.version, "next": f"{ENTRIES}?state=withdrawn"},
        follow=True,
    )

    assert "Restored as a draft" in text(response)
    pledge = Pledge.objects.get(pk=pledge.pk)
    assert (pledge.archived_at, pledge.workflow_state) == (None, WorkflowState.DRAFT)
    assert pledge.history.first().history_change_reason == "Restored"
    assert "language cafés" in text(client.get(ENTRIES))
    assert "language cafés" not in text(client.get(ENTRIES, {"state": "withdrawn"}))


def test_a_withdrawn_published_measure_comes_back_as_a_draft_the_public_does_not_see(
    as_user, people, ministry, client
):
    measure = _withdrawn_after_review(ministry, people, title="Old programme")
    detail = reverse("tracker:measure-detail", args=[measure.pk])
    officer = as_user("own_officer")
    assert "Restore" in text(officer.get(detail))

    officer.post(
        reverse("tracker:measure-restore", args=[measure.pk]), {"version": measure.version}
    )

    measure = _reload(measure)
    assert (measure.archived_at, measure.workflow_state) == (None, WorkflowState.DRAFT)
    assert measure.published.withdrawn  # still out of public view
    history = text(officer.get(reverse("tracker:measure-history", args=[measure.pk])))
    assert "Restored" in history
    # Submitted and approved again, it is public again.
    officer.post(reverse("tracker:measure-submit", args=[measure.pk]), {"version": measure.version})
    measure = entry_approve(actor=people["coordinator"], entry=_reload(measure))
    assert not measure.published.withdrawn
    client.logout()
    assert "Old programme" in text(client.get(detail))


@pytest.mark.parametrize(
    ("role", "status"),
    [("other_officer", 404), ("coordinator", 403), ("committee_reader", 404)],
)
def test_only_the_entrys_organisation_restores_it(as_user, people, ministry, role, status):
    measure = measure_in(WorkflowState.DRAFT, ministry, title="Old programme")
    measure = entry_withdraw(actor=people["own_officer"], entry=measure)

    response = as_user(role).post(
        reverse("tracker:measure-restore", args=[measure.pk]), {"version": measure.version}
    )

    assert response.status_code == status
    assert _reload(measure).archived_at is not None


def test_an_entry_not_withdrawn_offers_no_restore_and_cannot_be_restored(as_user, people, ministry):
    measure = measure_in(WorkflowState.DRAFT, ministry, title="Current programme")
    client = as_user("own_officer")

    assert "Restore" not in text(client.get(reverse("tracker:measure-detail", args=[measure.pk])))
    response = client.post(
        reverse("tracker:measure-restore", args=[measure.pk]), {"version": measure.version}
    )
    assert response.status_code == 403
    assert _reload(measure).workflow_state == WorkflowState.DRAFT


def test_a_restored_entry_never_public_again_is_withdrawn_at_once(as_user, people, ministry):
    measure = _withdrawn_after_review(ministry, people, title="Old programme")
    client = as_user("own_officer")
    client.post(reverse("tracker:measure-restore", args=[measure.pk]), {"version": measure.version})
    measure = _reload(measure)

    confirm = text(client.get(reverse("tracker:measure-withdraw", args=[measure.pk])))
    client.post(
        reverse("tracker:measure-withdraw", args=[measure.pk]), {"version": measure.version}
    )

    # Its public record is already withdrawn: nothing for a coordinator to review.
    assert "It has never been public" in confirm
    measure = _reload(measure)
    assert measure.archived_at is not None
    assert measure.withdrawal_requested_at is None


def _reload(measure):
    return Measure.objects.get(pk=measure.pk)
