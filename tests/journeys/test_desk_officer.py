"""A desk officer's journey in a real headless Chromium, at desktop width and on a phone:
log in, create a measure through the form, import a small workbook of measures and one of
pledges, submit the measure, withdraw it after the confirmation page and restore it from My
entries' withdrawn entries.
Every page passes the checks of tests/journeys/checks.py, the logged-in ones included."""

import pytest
from playwright.sync_api import expect

from tests.journeys.checks import check_page, follow_nav_link, log_in
from tests.tracker.test_imports import good_row, xlsx_file
from tests.tracker.test_imports_pledges import good_pledge, pledges_file
from tracker.models import Measure, Pledge, WorkflowState

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]

TITLE = "Swedish courses for newly arrived women"


def _create_measure(page, width, problems) -> None:
    page.get_by_role("link", name="New measure").click()
    check_page(page, width, problems)
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_description").fill("Free language courses with childcare.")
    page.locator("#id_kind").select_option("programme")
    page.locator("#id_status").select_option("ongoing")
    page.get_by_label("Objective 16:").check()
    page.locator("#action-16-a").check()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check_page(page, width, problems)


def _import_workbook(page, width, problems) -> None:
    page.get_by_role("link", name="Import measures from a spreadsheet").click()
    check_page(page, width, problems)
    workbook = xlsx_file([good_row(1), good_row(2)])
    page.get_by_label("Spreadsheet (.xlsx or .csv)").set_input_files(
        {
            "name": "measures.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": workbook.read(),
        }
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("2 measures imported as drafts.")).to_be_visible()
    expect(page.get_by_role("link", name="Språkkurs för nyanlända 2")).to_be_visible()
    check_page(page, width, problems)


def _import_pledges(page, width, problems) -> None:
    follow_nav_link(page, "My entries")
    page.get_by_role("link", name="Import pledges from a spreadsheet").click()
    check_page(page, width, problems)
    workbook = pledges_file([good_pledge(1, co_pledging_organisations="")])
    page.get_by_label("Spreadsheet (.xlsx or .csv)").set_input_files(
        {
            "name": "pledges.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": workbook.read(),
        }
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("1 pledge imported as a draft.")).to_be_visible()
    check_page(page, width, problems)


def _withdraw_and_restore(page, width, problems) -> None:
    page.get_by_role("link", name="Withdraw…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Withdraw “{TITLE}”?")
    check_page(page, width, problems)
    page.get_by_role("button", name="Withdraw", exact=True).click()
    expect(page.get_by_text("Withdrawn. It no longer appears in the lists")).to_be_visible()
    check_page(page, width, problems)

    page.goto(page.url.split("/measures/")[0] + "/entries/")
    page.locator("nav.state-filter").get_by_role("link", name="Withdrawn").click()
    check_page(page, width, problems)
    page.get_by_role("button", name=f"Restore {TITLE}").click()
    expect(page.get_by_text("Restored as a draft.")).to_be_visible()
    check_page(page, width, problems)


def test_an_officer_creates_imports_submits_withdraws_and_restores(
    page, width, live_server, people
):
    problems: list[str] = []
    log_in(page, live_server, "anna", "/entries/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My entries")
    check_page(page, width, problems)

    _create_measure(page, width, problems)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted for review.")).to_be_visible()
    check_page(page, width, problems)
    assert Measure.objects.get(title=TITLE).workflow_state == WorkflowState.SUBMITTED

    follow_nav_link(page, "My entries")
    _import_workbook(page, width, problems)
    assert Measure.objects.filter(lead_organisation=people["own_officer"].organisation).count() == 3
    _import_pledges(page, width, problems)
    assert Pledge.objects.filter(lead_organisation=people["own_officer"].organisation).count() == 1

    page.get_by_role("link", name=TITLE).first.click()
    _withdraw_and_restore(page, width, problems)
    restored = Measure.objects.get(title=TITLE)
    assert (restored.workflow_state, restored.archived_at) == (WorkflowState.DRAFT, None)

    assert problems == [], "\n".join(problems)
