"""In a real headless Chromium: a desk officer creates a measure, choosing objectives and an
action, and submits it; a coordinator approves it from the review queue. The measure form and
the review queue pass axe's accessibility checks."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tracker.models import Measure, WorkflowState

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]


def _assert_accessible(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def _log_in(page, live_server, username):
    page.goto(f"{live_server.url}/entries/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("secret-password")
    page.get_by_role("button", name="Log in").click()


def test_an_officer_submits_a_measure_and_a_coordinator_approves_it(
    page, browser, live_server, people
):
    _log_in(page, live_server, "anna")
    expect(page.get_by_role("heading", level=1)).to_have_text("My entries")

    page.get_by_role("link", name="New measure").click()
    page.locator("#id_title").fill("Swedish courses for newly arrived women")
    page.locator("#id_description").fill("Free language courses with childcare.")
    page.locator("#id_kind").select_option("programme")
    page.locator("#id_status").select_option("ongoing")
    page.get_by_label("Objective 16:").check()
    page.get_by_label("Objective 2:").check()
    # htmx fetches the actions of the chosen objectives, and only those.
    action = page.locator("#action-16-a")
    expect(action).to_be_visible()
    expect(page.locator("#action-2-a")).to_be_visible()
    expect(page.locator('[id^="action-5-"]')).to_have_count(0)
    action.check()
    page.get_by_label("Objective 2:").uncheck()
    expect(page.locator("#action-2-a")).to_have_count(0)
    expect(action).to_be_checked()
    _assert_accessible(page)

    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Swedish courses for newly arrived women"
    )
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted for review.")).to_be_visible()

    measure = Measure.objects.get()
    assert measure.workflow_state == WorkflowState.SUBMITTED
    assert [o.number for o in measure.objectives.all()] == [16]
    assert [str(a) for a in measure.actions.all()] == ["16(a)"]

    coordinator_context = browser.new_context(locale="en-GB")
    try:
        review = coordinator_context.new_page()
        review.set_default_timeout(15_000)
        _log_in(review, live_server, "cora")
        review.get_by_role("link", name="Review queue").click()
        item = review.locator("article.queue-item").filter(
            has_text="Swedish courses for newly arrived women"
        )
        expect(item).to_contain_text("Ministry of Justice")
        _assert_accessible(review)

        item.get_by_role("button", name="Approve").click()
        expect(review.get_by_text("is now public")).to_be_visible()
        expect(review.get_by_text("No measures are waiting for review.")).to_be_visible()
        _assert_accessible(review)  # with the confirmation message shown
    finally:
        coordinator_context.close()

    measure.refresh_from_db()
    assert measure.workflow_state == WorkflowState.APPROVED
    assert measure.reviewed_by == people["coordinator"]
