"""A coordinator's journey in a real headless Chromium, at desktop width and on a phone: log
in, filter the review queue by organisation and approve the entry found, filter it by kind
and return a pledge with a comment, then open the report page of the cycle and generate its
report until the run is done (Celery runs the build at once in the tests). Every page passes
the checks of tests/journeys/checks.py."""

import pytest
from playwright.sync_api import expect

from reports.models import ReportRun, ReportState
from tests.factories import coordinator
from tests.journeys.checks import check_page, log_in
from tests.reports.factories import measure, pledge
from tracker.models import Measure, Pledge, WorkflowState

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]

PLEDGE_TEXT = "We pledge free legal advice to every person seeking asylum."


@pytest.fixture
def waiting(dataset):
    """Three entries waiting for review: the dataset's submitted measure of the Ministry of
    Justice, a measure of the Ministry of Labour and a pledge of the Ministry for Foreign
    Affairs."""
    organisations = dataset.organisations
    measure(organisations.mol, [8], state=WorkflowState.SUBMITTED, title="Work permits")
    pledge(organisations.mfa, [1], state=WorkflowState.SUBMITTED, text=PLEDGE_TEXT)
    coordinator(username="cora", first_name="Cora", last_name="Lind")
    return dataset


def _filter_queue(page, organisation: str = "", kind: str = "") -> None:
    filters = page.locator("details.filters")
    if filters.get_attribute("open") is None:
        filters.locator("summary").click()
    filters.locator("select[name=organisation]").select_option(organisation)
    filters.locator("select[name=kind]").select_option(kind)
    filters.get_by_role("button", name="Show").click()


def _approve_and_return(page, width, problems) -> None:
    expect(page.get_by_role("heading", name="3 entries waiting")).to_be_visible()
    check_page(page, width, problems)
    _filter_queue(page, organisation="MOJ")
    expect(page.get_by_role("heading", name="1 entry waiting")).to_be_visible()
    check_page(page, width, problems)
    page.locator("article.queue-item").get_by_role("button", name="Approve").click()
    expect(page.get_by_text("“Hidden submitted” is now public.")).to_be_visible()
    expect(page.get_by_text("No entry waiting for review matches the filters.")).to_be_visible()
    check_page(page, width, problems)

    _filter_queue(page, kind="pledge")
    item = page.locator("article.queue-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Ministry for Foreign Affairs")
    item.get_by_text("Return with a comment…").click()
    item.get_by_label("What should the ministry change?").fill("Say which counties it covers.")
    check_page(page, width, problems)  # with the return form open
    item.get_by_role("button", name="Return with comment").click()
    expect(page.get_by_text("Returned to the ministry with your comment.")).to_be_visible()
    check_page(page, width, problems)


def test_a_coordinator_filters_the_queue_approves_returns_and_generates_a_report(
    page, width, live_server, waiting
):
    problems: list[str] = []
    log_in(page, live_server, "cora", "/review/")
    _approve_and_return(page, width, problems)
    assert Measure.objects.get(title="Hidden submitted").workflow_state == WorkflowState.APPROVED
    returned = Pledge.objects.get(text=PLEDGE_TEXT)
    assert returned.workflow_state == WorkflowState.RETURNED
    assert returned.review_comment == "Say which counties it covers."

    page.goto(f"{live_server.url}/cycles/")
    check_page(page, width, problems)
    page.get_by_role("link", name="Report of National review 2025").click()
    check_page(page, width, problems)
    page.locator("#generate").get_by_role("button", name="Generate").click()
    expect(page.locator("#run-progress .run-state")).to_have_text("Done", timeout=90_000)
    expect(page.locator("#run-progress")).to_contain_text("SHA-256 of the file")
    check_page(page, width, problems)
    assert ReportRun.objects.get().state == ReportState.DONE

    assert problems == [], "\n".join(problems)
