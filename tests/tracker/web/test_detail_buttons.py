"""The entry pages offer a workflow step exactly when it can be taken: an officer the submit
button on her ministry's drafts and returned entries, a coordinator the review forms on
submitted entries, so that no button leads to a refusal."""

import pytest
from django.urls import reverse

from tests.tracker.web.factories import measure_in, pledge_in, update_in
from tests.tracker.web.helpers import html
from tracker.models import WorkflowState

pytestmark = pytest.mark.django_db

SUBMITTABLE = {WorkflowState.DRAFT, WorkflowState.RETURNED}


def _entry(kind, state, ministry, cycle):
    if kind == "measure":
        return measure_in(state, ministry)
    if kind == "pledge":
        return pledge_in(state, ministry)
    return update_in(state, measure_in(WorkflowState.APPROVED, ministry), cycle)


@pytest.mark.parametrize("kind", ["measure", "pledge", "update"])
@pytest.mark.parametrize("state", WorkflowState.values)
def test_the_workflow_buttons_match_the_entrys_state(as_user, people, ministry, cycle, kind, state):
    entry = _entry(kind, state, ministry, cycle)
    detail = reverse(f"tracker:{kind}-detail", args=[entry.pk])
    submit = f'action="{reverse(f"tracker:{kind}-submit", args=[entry.pk])}"'
    approve = f'action="{reverse(f"tracker:{kind}-approve", args=[entry.pk])}"'

    officer_page = html(as_user("own_officer").get(detail))
    assert (submit in officer_page) == (state in SUBMITTABLE)
    assert approve not in officer_page

    coordinator_page = html(as_user("coordinator").get(detail))
    assert submit not in coordinator_page
    assert (approve in coordinator_page) == (state == WorkflowState.SUBMITTED)


def test_a_submitted_update_of_a_closed_cycle_offers_no_review(as_user, people, ministry, cycle):
    update = update_in(WorkflowState.SUBMITTED, measure_in(WorkflowState.APPROVED, ministry), cycle)
    cycle.closed_at = cycle.deadline
    cycle.save()

    page = html(as_user("coordinator").get(reverse("tracker:update-detail", args=[update.pk])))

    assert f'action="{reverse("tracker:update-approve", args=[update.pk])}"' not in page


@pytest.mark.parametrize(
    ("role", "label"), [("own_officer", "My entries"), ("coordinator", "Entries")]
)
@pytest.mark.parametrize("kind", ["measure", "pledge"])
def test_the_breadcrumb_names_the_list_the_reader_has(as_user, people, ministry, role, label, kind):
    entry = _entry(kind, WorkflowState.APPROVED, ministry, None)

    page = html(as_user(role).get(reverse(f"tracker:{kind}-detail", args=[entry.pk])))

    assert f'class="breadcrumb"><a href="{reverse("tracker:my-entries")}">{label}</a>' in page
