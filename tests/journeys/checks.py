"""What every page of a journey must pass, as a user of that width meets it: axe-core finds
no serious or critical violation, and on a phone the page does not scroll sideways and every
link of the site's navigation can be reached (at once, or after opening the menu), none of
them broken inside a word."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

PHONE = 375
BLOCKING = {"serious", "critical"}
PASSWORD = "secret-password"  # the factories' password
NAV_LINKS = "header nav a"
# Whatever opens a folded navigation: a button that controls or expands it, or a <summary>.
MENU_TOGGLES = "header [aria-controls], header [aria-expanded], header summary"


def blocking_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    results = Axe().run(page)
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def sideways_scroll(page) -> list[str]:
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width <= inner_width:
        return []
    return [f"{page.url}: scrolls sideways, {scroll_width} px wide in {inner_width} px"]


def _out_of_reach(page) -> list[str]:
    """The navigation links a reader cannot see or that lie outside the screen."""
    inner_width = page.evaluate("window.innerWidth")
    missing = []
    for link in page.locator(NAV_LINKS).all():
        box = link.bounding_box() if link.is_visible() else None
        if box is None or box["x"] < 0 or box["x"] + box["width"] > inner_width:
            missing.append(link.inner_text().strip() or link.get_attribute("href"))
    return missing


# The lines of text each navigation link takes: one, unless it wraps.
LINK_LINES = """links => links.map(link => {
    const range = document.createRange();
    range.selectNodeContents(link);
    const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
    return [link.innerText.trim(), tops.size];
})"""


def _broken_links(page) -> list[str]:
    """The navigation links that wrap onto a second line (inside a word or between words)."""
    lines = page.locator(NAV_LINKS).evaluate_all(LINK_LINES)
    broken = [text for text, count in lines if count > 1]
    return [f"{page.url}: navigation links broken over lines: {broken}"] if broken else []


def unreachable_nav_links(page) -> list[str]:
    missing = _out_of_reach(page)
    if not missing:
        return _broken_links(page)
    toggles = [toggle for toggle in page.locator(MENU_TOGGLES).all() if toggle.is_visible()]
    if not toggles:
        return [f"{page.url}: navigation links out of reach, and no menu to open: {missing}"]
    toggles[0].click()
    missing = _out_of_reach(page)
    broken = _broken_links(page)
    toggles[0].click()  # close the menu again, as the reader would
    if not missing:
        return broken
    return [f"{page.url}: navigation links out of reach after opening the menu: {missing}"]


def follow_nav_link(page, name: str) -> None:
    """Follow the site navigation's link `name`, opening the menu first where it is folded."""
    link = page.locator("header nav").get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        page.locator(MENU_TOGGLES).first.click()
    link.click()


def check_page(page, width: int, problems: list[str]) -> None:
    """Note the page's problems for its width; the journey asserts none at its end."""
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    problems += blocking_violations(page)
    if width <= PHONE:
        problems += sideways_scroll(page)
        problems += unreachable_nav_links(page)


def log_in(page, live_server, username: str, next_path: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape(next_path.split("?")[0])))
