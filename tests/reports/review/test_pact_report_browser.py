"""The coordinator's report page checking the EU Pact report, and a Pact run's page, in a real
browser: axe-core finds nothing on either, at desktop width and on a phone."""

import pytest
from django.urls import reverse

from reports.models import ReportKind, ReportRun, ReportState
from tests.factories import coordinator
from tests.journeys.checks import PASSWORD, sideways_scroll


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("pact")
@pytest.mark.parametrize("width", [1280, 375])
def test_the_pact_report_pages_pass_axe(page, live_server, dataset, width):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    coordinator(username="cora")
    run = ReportRun.objects.create(
        cycle=dataset.cycles.new,
        report_kind=ReportKind.PACT,
        language="sv",
        state=ReportState.RUNNING,
        progress=30,
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_label("Username").fill("cora")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    problems = []
    pact_page = f"{reverse('report:cycle', args=['national-2025'])}?lang=en&report=pact"
    for url in (pact_page, reverse("report:run", args=[run.pk])):
        page.goto(f"{live_server.url}{url}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        expect(page.get_by_text("EU Pact implementation report").first).to_be_visible()
        problems += [
            f"{url}: {violation['id']}: {violation['help']}"
            for violation in Axe().run(page).response["violations"]
        ]
        problems += sideways_scroll(page)
    assert problems == [], "\n".join(problems)
