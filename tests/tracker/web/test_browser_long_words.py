"""In a real headless Chromium at 1280 px: a title of 300 characters without a space breaks
inside its column and heading instead of widening the page, on My entries (and its withdrawn
entries, with their Restore buttons), the entry's page, its withdrawal confirmation and its
history; and each of these pages, and the account page, passes axe's checks."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.tracker.web.factories import measure_in, pledge_in
from tracker.models import WorkflowState

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]

LONG_WORD = "Integrationsförstärkningsprogram" * 9 + "slut"  # 292 letters, no space


def _page_width(page) -> tuple[int, int]:
    return page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def test_a_title_without_spaces_does_not_widen_the_officers_pages(
    page, live_server, people, ministry
):
    measure = measure_in(WorkflowState.DRAFT, ministry, title=LONG_WORD[:300])
    pledge_in(WorkflowState.DRAFT, ministry, text=LONG_WORD, archived_at=timezone.now())
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/entries/")
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill("secret-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My entries")
    expect(page.get_by_role("link", name=re.compile("^Integrations")).first).to_be_visible()

    for path in (
        reverse("tracker:my-entries"),
        reverse("tracker:measure-detail", args=[measure.pk]),
        reverse("tracker:measure-withdraw", args=[measure.pk]),
        reverse("tracker:measure-history", args=[measure.pk]),
        reverse("tracker:my-entries") + "?state=withdrawn",
        reverse("tracker:account"),
    ):
        page.goto(f"{live_server.url}{path}")
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
        scroll_width, client_width = _page_width(page)
        assert client_width <= 1280
        assert scroll_width == client_width, f"{path} scrolls sideways to {scroll_width} px"
