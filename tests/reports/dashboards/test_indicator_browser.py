"""The indicator pages in a real headless Chromium: axe-core finds no serious or critical
accessibility violation on the list, an indicator's page (total and by sex, in English and
Swedish) and the objective page with its indicators."""

import pytest
from playwright.sync_api import expect

from tests.journeys.checks import PHONE, blocking_violations, sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]

PAGES = [
    "/dashboard/indicators/",
    "/dashboard/indicators/?objective=5",
    "/dashboard/indicators/GCM-5.1/",
    "/dashboard/indicators/GCM-5.1/?by=sex",
    "/dashboard/objectives/5/",
]


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_indicator_pages_pass_axe(page, live_server, dataset, indicators, language):
    page.context.set_extra_http_headers({"Accept-Language": language})
    violations = []
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        violations += blocking_violations(page)
    assert violations == [], "\n".join(violations)


def test_the_disaggregation_links_work_without_javascript(
    browser, live_server, dataset, indicators
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/dashboard/indicators/GCM-5.1/")

    page.get_by_role("link", name="Sex", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/dashboard/indicators/GCM-5.1/?by=sex")
    expect(page.locator("table.chart-data thead th")).to_have_text(["Period", "Female", "Male"])
    context.close()


def test_the_indicator_pages_fit_a_phone(page, live_server, dataset, indicators):
    page.set_viewport_size({"width": PHONE, "height": 800})
    problems = []
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        problems += sideways_scroll(page)
    assert problems == [], "\n".join(problems)
