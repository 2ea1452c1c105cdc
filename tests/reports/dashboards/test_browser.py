"""The dashboards in a real headless Chromium: axe-core finds no serious or critical
accessibility violation on any of them, and the filter form works from the keyboard."""

import pytest
from playwright.sync_api import expect

from compact.models import PactItem
from tests.factories import coordinator, officer
from tests.journeys.checks import blocking_violations
from tracker.services.measures import measure_update
from tracker.services.workflow import entry_approve

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]

PAGES = [
    "/dashboard/",
    "/dashboard/round-tables/1/",
    "/dashboard/objectives/5/",
    "/dashboard/organisations/MOJ/",
    "/dashboard/measures/",
    "/dashboard/pledges/",
    "/dashboard/eu-pact/",
]


def test_every_dashboard_page_passes_axe_and_the_filters_work_by_keyboard(
    page, live_server, dataset
):
    violations = []
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        violations += blocking_violations(page)
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
    fields = [
        "cycle",
        "organisation",
        "round_table",
        "objective",
        "action",
        "guiding_principle",
        "pact_item",
    ]
    return "&".join(f"{name}={values.get(name, '')}" for name in fields) + "&q="


def test_the_public_record_pages_and_their_revision_record_pass_axe(page, live_server, dataset):
    m1, p1 = dataset.measures.m1, dataset.pledges.p1
    edited = measure_update(
        actor=officer(m1.lead_organisation),
        measure=m1,
        expected_version=m1.version,
        data={"title": "Legal aid, extended", "description": "Now in every county."},
    )
    entry_approve(actor=coordinator(), entry=edited, expected_version=edited.version)
    violations = []
    for path in (f"/dashboard/measures/{m1.pk}/", f"/dashboard/pledges/{p1.pk}/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        violations += blocking_violations(page)
    assert violations == [], "\n".join(violations)

    # The revision record's form compares two versions chosen from the keyboard.
    page.goto(f"{live_server.url}/dashboard/measures/{m1.pk}/")
    page.get_by_label("From version", exact=True).select_option("2")
    page.get_by_label("to version", exact=True).select_option("1")
    page.get_by_role("button", name="Compare").press("Enter")
    expect(page.locator("#changes-heading")).to_have_text(
        "What changed from version 2 to version 1"
    )


@pytest.mark.usefixtures("pact")
def test_the_eu_pact_page_with_its_matrices_passes_axe(page, live_server, dataset):
    m1, m4 = dataset.measures.m1, dataset.measures.m4
    for entry, codes in ((m1, ["ACT-04", "III.2"]), (m4, ["ACT-04", "III.2.a"])):
        edited = measure_update(
            actor=officer(entry.lead_organisation),
            measure=entry,
            expected_version=entry.version,
            data={"pact_items": list(PactItem.objects.filter(code__in=codes))},
        )
        entry_approve(actor=coordinator(), entry=edited, expected_version=edited.version)
    violations = []
    for language in ("en", "sv"):
        page.set_extra_http_headers({"Accept-Language": language})
        page.goto(f"{live_server.url}/dashboard/eu-pact/")
        expect(page.locator("#pact-crosswalk")).to_be_visible()
        violations += blocking_violations(page)
    assert violations == [], "\n".join(violations)

    # The matrices scroll inside their frame, which the keyboard reaches.
    frame = page.locator("[role=region][aria-labelledby='pact-organisations-caption']")
    frame.focus()
    expect(frame).to_be_focused()
