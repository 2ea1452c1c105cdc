"""The site's navigation on a 375 px phone, for the public, a desk officer and a coordinator:
it folds behind a Menu button (a disclosure, no JavaScript needed) that the keyboard opens,
and from it every link of the navigation is reached, each page passing the checks of
tests/journeys/checks.py. At desktop width the navigation stays a bar, without the button."""

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.checks import PHONE, blocking_violations, check_page, log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]

# Per reader: who logs in, and the navigation's links she has.
READERS = {
    "anonymous": (
        None,
        ["The Compact", "Guiding principles", "Dashboard", "API"],
    ),
    "officer": (
        "anna",
        ["The Compact", "Guiding principles", "My entries", "Cycles", "Dashboard", "API"],
    ),
    "coordinator": (
        "cora",
        [
            "The Compact",
            "Guiding principles",
            "Entries",
            "Review queue",
            "Indicators",
            "Cycles",
            "Dashboard",
            "API",
        ],
    ),
}


def _open_menu_by_keyboard(page) -> None:
    menu = page.locator("header summary", has_text="Menu")
    links = page.locator("header nav a")
    expect(links.first).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    expect(links.first).to_be_visible()
    expect(page.locator("details.site-menu")).to_have_attribute("open", "")


@pytest.mark.parametrize("reader", list(READERS))
def test_on_a_phone_the_menu_opens_the_navigation_and_reaches_every_link(
    page, live_server, people, reader
):
    username, names = READERS[reader]
    page.set_viewport_size({"width": PHONE, "height": 812})
    if username:
        log_in(page, live_server, username, "/compact/")
    else:
        page.goto(f"{live_server.url}/compact/")
    problems: list[str] = []

    _open_menu_by_keyboard(page)
    assert page.locator("header nav a").all_inner_texts() == names
    problems += blocking_violations(page)
    for name in names:
        page.goto(f"{live_server.url}/compact/")
        page.locator("header summary").click()
        link = page.locator("header nav").get_by_role("link", name=name, exact=True)
        href = link.get_attribute("href")
        link.click()
        expect(page).to_have_url(re.compile(re.escape(href)))
        if name != "API":  # Swagger UI's own page
            check_page(page, PHONE, problems)

    assert problems == [], "\n".join(problems)


def test_at_desktop_width_the_navigation_is_a_bar_without_a_menu_button(page, live_server, people):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "cora", "/compact/")

    expect(page.locator("header summary")).to_be_hidden()
    links = page.locator("header nav a").all()
    for link in links:
        expect(link).to_be_in_viewport()
    # One bar: every link on the same line.
    assert len({round(link.bounding_box()["y"]) for link in links}) == 1
