"""The officer's and coordinator's pages say which published version is public while a change
waits for review, and the edit form says so before saving."""

import pytest
from django.urls import reverse

from tests.tracker.web.factories import measure_in
from tracker.models import WorkflowState
from tracker.services.measures import measure_update

pytestmark = pytest.mark.usefixtures("compact")

UNDER_REVIEW = "Published version 1, approved on"
PUBLIC_UNTIL = "Published version 1 stays public until a coordinator approves your changes."


@pytest.fixture
def edited(people, ministry):
    measure = measure_in(WorkflowState.APPROVED, ministry)
    return measure_update(
        actor=people["own_officer"],
        measure=measure,
        expected_version=measure.version,
        data={"title": "A working copy"},
    )


@pytest.mark.parametrize("role", ["own_officer", "coordinator"])
def test_the_page_of_an_edited_entry_says_which_version_the_public_sees(
    client, people, edited, role
):
    client.force_login(people[role])
    page = client.get(reverse("tracker:measure-detail", args=[edited.pk])).content.decode()
    assert UNDER_REVIEW in page
    assert "reach the public only when a coordinator approves them" in page


def test_the_edit_form_says_the_published_version_stays_public(client, people, edited):
    client.force_login(people["own_officer"])
    form = client.get(reverse("tracker:measure-edit", args=[edited.pk])).content.decode()
    assert PUBLIC_UNTIL in form
