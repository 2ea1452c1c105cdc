"""The Compact's pages in a real headless Chromium: the language switcher and accessibility."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from compact.models import Action, Objective

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]


def _assert_accessible(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_reader_switches_to_swedish_and_reads_an_objective(page, live_server):
    page.goto(f"{live_server.url}/compact/")
    _assert_accessible(page)
    page.get_by_label("Language").select_option("sv")
    page.get_by_role("button", name="Change language").click()
    assert page.locator("html").get_attribute("lang") == "sv"
    expect(
        page.get_by_role("heading", name="Rundabordssamtal 2 (mål 4, 8, 9, 10, 11, 13 och 21)")
    ).to_be_visible()

    page.get_by_role("link", name=Objective.objects.get(number=8).title_sv).click()
    assert page.url.endswith("/compact/objectives/8/")
    first_action = Action.objects.get(objective__number=8, letter="a")
    assert page.locator("#action-a").inner_text() == f"a) {first_action.text_sv}"
    _assert_accessible(page)


def test_a_danish_reader_sees_the_actions_in_norwegian_marked_as_such(page, live_server):
    page.goto(f"{live_server.url}/compact/")
    page.get_by_label("Language").select_option("da")
    page.get_by_role("button", name="Change language").click()
    page.goto(f"{live_server.url}/compact/objectives/4/")
    assert page.locator("html").get_attribute("lang") == "da"
    note = page.get_by_text("Findes ikke på det valgte sprog; vises på norsk bokmål.")
    expect(note).to_be_visible()
    assert page.locator("#action-a span[lang]").get_attribute("lang") == "nb"
    _assert_accessible(page)


@pytest.mark.usefixtures("pact")
@pytest.mark.usefixtures("pact")
def test_the_eu_pact_page_is_accessible_and_marks_its_swedish_texts(page, live_server):
    page.goto(f"{live_server.url}/compact/")
    page.get_by_role("link", name="The EU Pact on Migration and Asylum").click()
    assert page.url.endswith("/compact/eu-pact/")
    assert page.locator("#ACT-04 span[lang]").first.get_attribute("lang") == "sv"
    _assert_accessible(page)
