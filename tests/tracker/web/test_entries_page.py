"""My entries, the login and the navigation."""

import pytest
from django.urls import reverse

from tests.factories import ReviewCycleFactory
from tests.tracker.web.factories import measure_in, pledge_in, update_in
from tests.tracker.web.helpers import html, text
from tracker.models import WorkflowState

pytestmark = pytest.mark.django_db

ENTRIES = reverse("tracker:my-entries")


def test_an_officer_sees_her_ministrys_entries_in_every_state_and_no_others(
    as_user, people, ministry, other_ministry
):
    for state in WorkflowState.values:
        measure_in(state, ministry, title=f"Own {state} measure")
        pledge_in(state, ministry, text=f"Own {state} pledge")
    measure_in(WorkflowState.APPROVED, other_ministry, title="Foreign measure")

    page = html(as_user("own_officer").get(ENTRIES))

    for state in WorkflowState.values:
        assert f"Own {state} measure" in page
        assert f"Own {state} pledge" in page
        assert f'class="state state-{state}"' in page
    assert "Foreign measure" not in page
    assert f'href="{reverse("tracker:measure-create")}"' in page
    assert f'href="{reverse("tracker:pledge-create")}"' in page


def test_a_returned_progress_update_is_shown_with_its_comment(as_user, people, ministry, cycle):
    measure = measure_in(WorkflowState.APPROVED, ministry, title="Courses")
    update_in(WorkflowState.RETURNED, measure, cycle, review_comment="Add the figures.")

    page = text(as_user("own_officer").get(ENTRIES))

    assert (
        "Returned for changes Progress update of “Courses” for National review 2025 "
        "Add the figures." in page
    )


def test_the_list_is_filtered_by_workflow_state(as_user, people, ministry):
    measure_in(WorkflowState.DRAFT, ministry, title="A draft")
    measure_in(WorkflowState.APPROVED, ministry, title="An approved one")

    page = text(as_user("own_officer").get(ENTRIES, {"state": "approved"}))

    assert "An approved one" in page
    assert "A draft" not in page


def test_the_list_shows_which_measures_lack_an_update_for_the_current_cycle(
    as_user, people, ministry, cycle
):
    ReviewCycleFactory(slug="older", name="Older", period_start="2020-01-01")
    with_update = measure_in(WorkflowState.APPROVED, ministry, title="Reported")
    update_in(WorkflowState.SUBMITTED, with_update, cycle)
    measure_in(WorkflowState.APPROVED, ministry, title="Silent")

    page = text(as_user("own_officer").get(ENTRIES))

    assert "Update for National review 2025" in page
    assert "Reported 1 Ongoing Approved Submitted" in page
    assert "Silent 1 Ongoing Approved missing" in page


def test_a_coordinator_sees_every_ministrys_entries_and_a_reader_only_approved_ones(
    client, people, ministry, other_ministry
):
    measure_in(WorkflowState.DRAFT, ministry, title="Draft of MOJ")
    measure_in(WorkflowState.APPROVED, other_ministry, title="Approved of MFA")

    client.force_login(people["coordinator"])
    page = text(client.get(ENTRIES))
    assert "Draft of MOJ" in page
    assert "Approved of MFA" in page

    client.force_login(people["committee_reader"])
    page = text(client.get(ENTRIES))
    assert "Draft of MOJ" not in page
    assert "Approved of MFA" in page
    assert "New measure" not in page


def test_long_lists_are_paged(as_user, people, ministry):
    for index in range(55):
        measure_in(WorkflowState.DRAFT, ministry, title=f"Measure number {index}")
    client = as_user("own_officer")

    first = html(client.get(ENTRIES))
    second = html(client.get(ENTRIES, {"measures_page": 2}))

    assert first.count('<td><a href="/measures/') == 50
    assert second.count('<td><a href="/measures/') == 5
    assert 'href="?measures_page=2" rel="next"' in first


def test_logging_in_leads_to_my_entries(client, people):
    login = client.get(reverse("login"))
    assert '<label for="id_username">' in html(login)

    response = client.post(
        reverse("login"), {"username": "anna", "password": "secret-password"}, follow=True
    )

    assert response.redirect_chain[-1][0] == ENTRIES
    assert "My entries" in text(response)


def test_a_wrong_password_is_told_on_the_login_page(client, people):
    response = client.post(reverse("login"), {"username": "anna", "password": "wrong"})
    assert "Please enter a correct username and password" in text(response)


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("anonymous", ["Log in"], ["My entries", "Review queue", "Log out"]),
        ("own_officer", ["My entries", "Cycles", "Log out", "Anna Berg"], ["Review queue"]),
        ("coordinator", ["Entries", "Review queue", "Cycles", "Log out"], ["My entries"]),
    ],
)
def test_the_navigation_offers_what_the_role_uses(as_user, people, role, shown, hidden):
    page = html(as_user(role).get(reverse("compact:index")))
    header = page[page.index("<header") : page.index("</header>")]
    for label in shown:
        assert label in header
    for label in hidden:
        assert label not in header
    if role != "anonymous":
        assert f'<form class="account" action="{reverse("logout")}" method="post">' in header
    assert 'id="language-select"' in header


def test_logging_out_is_a_post(as_user, people):
    client = as_user("own_officer")
    client.post(reverse("logout"))
    assert client.get(ENTRIES)["Location"].startswith(reverse("login"))


def test_the_officer_downloads_exactly_the_list_she_sees(as_user, people, ministry, other_ministry):
    measure_in(WorkflowState.DRAFT, ministry, title="Own draft measure")
    measure_in(WorkflowState.APPROVED, ministry, title="Own approved measure")
    measure_in(WorkflowState.APPROVED, other_ministry, title="Foreign measure")

    response = as_user("own_officer").get(
        ENTRIES, {"state": "approved", "download": "measures", "format": "csv"}
    )

    assert response["Content-Type"].startswith("text/csv")
    sheet = response.getvalue().decode("utf-8-sig")
    assert "Own approved measure" in sheet
    assert "Own draft measure" not in sheet
    assert "Foreign measure" not in sheet


def test_the_coordinator_s_comment_stays_inside_the_ministry(client, people, ministry):
    measure = measure_in(WorkflowState.APPROVED, ministry, title="Public measure")
    type(measure).objects.filter(pk=measure.pk).update(review_comment="Internal remark")
    page = reverse("tracker:measure-detail", args=[measure.pk])

    assert "Internal remark" not in text(client.get(page))
    client.force_login(people["own_officer"])
    assert "Internal remark" in text(client.get(page))
