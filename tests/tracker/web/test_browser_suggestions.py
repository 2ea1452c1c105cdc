"""In a real headless Chromium: the officer writes a measure, asks for suggestions (htmx
fetches the panel in place), sees the Compact's matching words marked, ticks an action with
one click and finds it and its objective chosen in the form; a text in German answers with
the reason in the panel. The page passes axe's checks and does not scroll sideways at 375 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]


def _log_in(page, live_server):
    page.goto(f"{live_server.url}{reverse('tracker:measure-create')}")
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill("secret-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New measure")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_officer_asks_for_suggestions_and_ticks_one(page, live_server, people, width):
    page.set_viewport_size({"width": width, "height": 900})
    _log_in(page, live_server)
    page.locator("#id_title").fill("Snabbspår för nyanlända läkare")
    page.locator("#id_description").fill(
        "Validering av utländska kvalifikationer och erkännande av kompetens."
    )
    page.locator("#id_language").select_option("sv")

    page.get_by_role("button", name="Suggest objectives").click()

    panel = page.locator("#suggestions-panel")
    expect(panel.get_by_role("button", name="Choose objective 18")).to_be_visible()
    expect(panel.locator("mark").first).to_be_visible()
    assert page.url.endswith(reverse("tracker:measure-create")), "the page was reloaded"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] == widths[1], f"the page scrolls sideways at {width} px"

    panel.get_by_role("button", name="Choose action 18.a").click()

    expect(page.locator("#objective-18")).to_be_checked()
    expect(page.locator("#action-18-a")).to_be_checked()
    expect(page.locator("#id_title")).to_have_value("Snabbspår för nyanlända läkare")


def test_a_german_text_gets_the_reason_in_the_panel(page, live_server, people):
    _log_in(page, live_server)
    page.locator("#id_title").fill("Sprachkurse für Migranten")
    page.locator("#id_description").fill("Die Gemeinde bietet Kurse für alle an.")

    page.get_by_role("button", name="Suggest objectives").click()

    expect(page.locator("#suggestions-panel [role=alert]")).to_contain_text("reads as German")
