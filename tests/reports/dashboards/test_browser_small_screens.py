"""The site on a small phone (375 px wide), in a real headless Chromium: no page scrolls
sideways, even with a title of 300 letters without a space; every navigation link can be
reached; the charts' text stays at least 11 px high; the list's filters fold away so that the
results come first, and open again from their summary."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import coordinator, officer
from tracker.services.measures import measure_update
from tracker.services.workflow import entry_approve

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]

PHONE = {"width": 375, "height": 740}
LONG_WORD = "Rättshjälp" * 30

# The size on screen of every chart text: its font size times the SVG's scale.
CHART_TEXT_SIZES = """() => [...document.querySelectorAll("svg.chart-svg text")].map(text => {
  const svg = text.ownerSVGElement;
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return parseFloat(getComputedStyle(text).fontSize) * scale;
})"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="en-GB", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def long_title(dataset):
    """m1 approved again with a title of 300 letters and no space."""
    m1 = dataset.measures.m1
    edited = measure_update(
        actor=officer(m1.lead_organisation),
        measure=m1,
        expected_version=m1.version,
        data={"title": LONG_WORD},
    )
    entry_approve(actor=coordinator(), entry=edited, expected_version=edited.version)
    return m1


def _scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def _assert_fits(page, url: str):
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert not _scrolls_sideways(page), f"{url} is {width[0]} px wide at {width[1]} px"


def _assert_no_blocking_violation(page):
    violations = [
        f"{violation['id']}: {violation['help']}"
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert violations == [], f"{page.url}: {violations}"


def _assert_navigation_reachable(page):
    """Every link of the site's navigation is visible and lies within the screen's width, once
    the reader has opened the menu it folds behind on a phone."""
    page.locator(".site-header summary").click()
    links = page.locator(".site-header nav a")
    assert links.count() >= 4
    for index in range(links.count()):
        link = links.nth(index)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0, link.inner_text()
        assert box["x"] + box["width"] <= PHONE["width"], link.inner_text()


def test_the_public_pages_fit_a_small_phone(phone, live_server, dataset, long_title):
    for path in (
        "/dashboard/",
        "/dashboard/measures/",
        f"/dashboard/measures/{long_title.pk}/",
        "/dashboard/organisations/MOJ/",
        "/compact/",
    ):
        _assert_fits(phone, f"{live_server.url}{path}")
        _assert_navigation_reachable(phone)
    expect(phone.get_by_role("heading", level=1)).to_have_count(1)

    phone.goto(f"{live_server.url}/dashboard/")
    sizes = phone.evaluate(CHART_TEXT_SIZES)
    assert sizes, "the overview has no chart text"
    assert min(sizes) >= 11, f"chart text as small as {min(sizes):.1f} px"
    _assert_no_blocking_violation(phone)


def test_the_list_filters_fold_away_on_a_phone(phone, live_server, dataset):
    phone.goto(f"{live_server.url}/dashboard/measures/")
    objective = phone.get_by_label("Objective", exact=True)
    expect(objective).to_be_hidden()
    # The results come first: their heading is on the first screen.
    results = phone.get_by_role("heading", name="5 results")
    expect(results).to_be_in_viewport()
    _assert_no_blocking_violation(phone)

    phone.locator("details.filter-panel > summary").click()
    objective.select_option("5")
    phone.locator("form.dashboard-filters button[type=submit]").click()
    expect(phone.get_by_role("heading", name="3 results")).to_be_visible()
    expect(phone.locator("details.filter-panel > summary")).to_have_text("Filters (in use)")


def test_a_logged_in_page_fits_a_small_phone_with_every_link_reachable(phone, live_server, dataset):
    coordinator(username="cora")
    phone.goto(f"{live_server.url}/entries/")
    expect(phone).to_have_url(re.compile(r"/accounts/login/"))
    phone.get_by_label("Username").fill("cora")
    phone.get_by_label("Password").fill("secret-password")
    phone.get_by_role("button", name="Log in").click()
    expect(phone.get_by_role("heading", level=1)).to_be_visible()

    for path in ("/entries/", "/cycles/", "/review/"):
        _assert_fits(phone, f"{live_server.url}{path}")
        _assert_navigation_reachable(phone)
    names = phone.locator(".site-header nav a").all_inner_texts()
    assert {"Cycles", "Dashboard", "API"} <= set(names)
    expect(phone.get_by_role("button", name="Log out")).to_be_in_viewport()
