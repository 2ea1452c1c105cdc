"""The dashboards in a real headless Chromium: axe-core finds no serious or critical
accessibility violation on any of them, and the filter form works from the keyboard."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]

PAGES = [
    "/dashboard/",
    "/dashboard/round-tables/1/",
    "/dashboard/objectives/5/",
    "/dashboard/organisations/MOJ/",
    "/dashboard/measures/",
    "/dashboard/pledges/",
]
BLOCKING = {"serious", "critical"}


def _blocking_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def test_every_dashboard_page_passes_axe_and_the_filters_work_by_keyboard(
    page, live_server, dataset
):
    violations = []
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        violations += _blocking_violations(page)
    assert violations == [], "\n".join(violations)

    page.goto(f"{live_server.url}/dashboard/measures/")
    page.get_by_label("Objective", exact=True).select_option("5")
    submit = page.locator("form.dashboard-filters button[type=submit]")
    for _press in range(80):
        page.keyboard.press("Tab")
        if submit.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the filter form's button")
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/dashboard/measures/?" + _query(objective="5"))
    expect(page.get_by_role("heading", name="3 results")).to_be_visible()


def _query(**values) -> str:
    """The query string the filter form sends: every field, empty ones too, in form order."""
    fields = ["cycle", "organisation", "round_table", "objective", "action", "guiding_principle"]
    return "&".join(f"{name}={values.get(name, '')}" for name in fields) + "&q="
