"""In a real headless Chromium, at a desktop's and a phone's width: the coordinator's pages
of indicators (the list, a new and an edited indicator, a new disaggregation, a form showing
its errors) and the officer's import page (with a bad file's problems), dataset page and
value correction page pass axe's checks with no serious or critical violation, and none
scrolls sideways on a phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import IndicatorDatasetFactory, IndicatorFactory, sex_dimension
from tests.journeys.checks import check_page, log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("compact")]
WIDTHS = [1280, 375]


@pytest.fixture
def indicator(ministry):
    return IndicatorFactory(
        code="GCM-5.1",
        name="Migrants granted a residence permit for work, by sex and a very long name",
        source_organisation=ministry,
        dimensions=[sex_dimension()],
        objectives=[5, 6],
    )


def _problems_free(problems: list[str]) -> None:
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_coordinators_indicator_pages_pass_the_checks(
    page, live_server, people, indicator, width
):
    page.set_viewport_size({"width": width, "height": 900})
    problems: list[str] = []
    log_in(page, live_server, "cora", reverse("tracker:indicator-list"))
    check_page(page, width, problems)
    expect(page.get_by_role("cell", name=indicator.name)).to_be_visible()

    page.get_by_role("link", name="New indicator").click()
    check_page(page, width, problems)
    page.locator("#id_code").fill("GCM-7.2")
    page.locator("#id_sdg_code").fill("ten")
    page.get_by_role("button", name="Create the indicator").click()
    expect(page.locator(".error-summary")).to_contain_text("SDG indicator")
    check_page(page, width, problems)

    page.goto(f"{live_server.url}{reverse('tracker:indicator-edit', args=[indicator.code])}")
    check_page(page, width, problems)
    page.goto(f"{live_server.url}{reverse('tracker:dimension-create')}")
    check_page(page, width, problems)
    page.locator("#id_categories").fill("female Female")
    page.get_by_role("button", name="Create the disaggregation").click()
    expect(page.locator(".error-summary")).to_contain_text("Line 1")
    check_page(page, width, problems)
    page.goto(f"{live_server.url}{reverse('tracker:dimension-edit', args=['sex'])}")
    check_page(page, width, problems)
    _problems_free(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_officers_import_and_dataset_pages_pass_the_checks(
    page, live_server, people, indicator, width, tmp_path
):
    dataset = IndicatorDatasetFactory(
        indicator=indicator, period=2024, values={"": 10, "sex=female": 6, "sex=male": 4}
    )
    page.set_viewport_size({"width": width, "height": 900})
    problems: list[str] = []
    log_in(page, live_server, "anna", reverse("tracker:indicator-import"))
    check_page(page, width, problems)
    bad = tmp_path / "values.csv"
    bad.write_text("indicator,period,sex,unit,value\nGCM-5.1,2025,other,%,x\n")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="Nothing was imported")).to_be_visible()
    check_page(page, width, problems)

    page.goto(f"{live_server.url}{reverse('tracker:dataset-detail', args=[dataset.pk])}")
    expect(page.get_by_role("cell", name="6.0000")).to_be_visible()
    check_page(page, width, problems)
    page.get_by_role("link", name="Correct sex=female").click()
    check_page(page, width, problems)
    page.get_by_label("Value").fill("7")
    page.get_by_role("button", name="Save the value").click()
    expect(page.get_by_role("cell", name="7.0000")).to_be_visible()
    _problems_free(problems)
