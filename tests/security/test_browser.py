"""In a real headless Chromium, with the Content Security Policy on: no page has anything
refused (the browser reports every violation), htmx still fetches an objective's actions,
Swagger UI still shows the API, and a locked account is told so on the login page."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import officer
from tests.security.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]

REPORT_VIOLATIONS = """() => {
  window.cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
}"""


@pytest.fixture
def watched(page):
    """The page, noting every Content Security Policy violation, from scripts or not."""
    page.add_init_script(f"({REPORT_VIOLATIONS})()")
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    def violations() -> list[str]:
        return [*refused, *page.evaluate("window.cspViolations")]

    page.violations = violations
    return page


def _log_in(page, live_server, username, password=PASSWORD):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_the_pages_run_under_the_policy_without_a_violation(watched, live_server):
    page = watched
    officer(username="anna")
    problems = []
    for path in ("/compact/", "/dashboard/", "/dashboard/measures/", "/accounts/login/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        problems += [f"{path}: {violation}" for violation in page.violations()]

    _log_in(page, live_server, "anna")
    expect(page.get_by_role("heading", level=1)).to_have_text("My entries")
    page.goto(f"{live_server.url}/measures/new/")
    page.get_by_label("Objective 16:").check()
    expect(page.locator("#action-16-a")).to_be_visible()  # htmx, from static, still works
    problems += [f"measure form: {violation}" for violation in page.violations()]

    assert problems == []


def test_swagger_ui_shows_the_api_under_the_policy(watched, live_server):
    page = watched
    page.goto(f"{live_server.url}/api/docs/")

    # Swagger UI builds the page from the whole schema: slow on a busy machine.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text(
        "GCM implementation tracker", timeout=60_000
    )
    token_login = page.locator(".opblock-summary-path", has_text="/api/v1/auth/token/")
    expect(token_login.first).to_be_visible()
    assert page.violations() == []


def test_the_admin_runs_under_the_policy(watched, live_server):
    page = watched
    officer(username="root", is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(f"{live_server.url}/admin/tracker/user/add/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert page.violations() == []


def test_a_locked_account_is_told_on_the_login_page(page, live_server):
    officer(username="anna")
    for _attempt in range(10):
        _log_in(page, live_server, "anna", "wrong")

    _log_in(page, live_server, "anna")

    expect(page.get_by_role("heading", level=1)).to_have_text("Account locked")
    expect(page.get_by_role("alert")).to_contain_text("locked for 30 minutes")
