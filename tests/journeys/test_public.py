"""The public's journey in a real headless Chromium, at desktop width and on a phone: the
overview, the measures list filtered by objective, a measure's public record, the list
downloaded as CSV and read back, and a pledge's public record. Every page passes the checks
of tests/journeys/checks.py."""

import csv

import pytest
from playwright.sync_api import expect

from tests.journeys.checks import check_page

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]


def _show_filters(page) -> None:
    """On a phone the filters may be folded away: open them as the reader would."""
    objective = page.get_by_label("Objective", exact=True)
    if not objective.is_visible():
        page.locator("details:has(form.dashboard-filters) > summary").first.click()
    expect(objective).to_be_visible()


def _downloaded_rows(page) -> list[dict]:
    with page.expect_download() as download_info:
        page.locator("p.downloads").get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_public_reads_filters_downloads_and_opens_records(page, width, live_server, dataset):
    m1, p1 = dataset.measures.m1, dataset.pledges.p1
    problems: list[str] = []
    page.goto(f"{live_server.url}/dashboard/")
    check_page(page, width, problems)

    page.locator("main").get_by_role("link", name="Measures", exact=True).first.click()
    expect(page.get_by_role("heading", name="5 results")).to_be_visible()
    check_page(page, width, problems)

    _show_filters(page)
    page.get_by_label("Objective", exact=True).select_option("5")
    page.locator("form.dashboard-filters button[type=submit]").click()
    expect(page.get_by_role("heading", name="3 results")).to_be_visible()
    check_page(page, width, problems)

    page.locator(f"main a[href='/dashboard/measures/{m1.pk}/']").first.click()
    expect(page).to_have_url(f"{live_server.url}/dashboard/measures/{m1.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Legal aid")
    check_page(page, width, problems)

    page.go_back()
    rows = _downloaded_rows(page)
    assert sorted(int(row["ID"]) for row in rows) == sorted(
        entry.pk for entry in (m1, dataset.measures.m2, dataset.measures.m4)
    )
    legal_aid = next(row for row in rows if int(row["ID"]) == m1.pk)
    assert legal_aid["Title"] == "Legal aid"
    assert legal_aid["Lead organisation"] == "Ministry of Justice"
    assert legal_aid["Objectives"] == "2; 5"

    page.locator("main").get_by_role("link", name="Pledges", exact=True).first.click()
    check_page(page, width, problems)
    page.locator(f"main a[href='/dashboard/pledges/{p1.pk}/']").first.click()
    expect(page).to_have_url(f"{live_server.url}/dashboard/pledges/{p1.pk}/")
    check_page(page, width, problems)

    assert problems == [], "\n".join(problems)
