"""What a reader of the dashboards sees in her language, and the wording glitches found by
trying the pages: every entry's text in the reader's language where it exists, otherwise
marked with its language; plural forms; no stray spaces or double full stops; the IMRF cycle's
missing pledges explained; a favicon."""

import datetime

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import OrganisationFactory, ReviewCycleFactory, officer, republish
from tests.reports.factories import measure, pledge
from tests.reports.html import Page, text

pytestmark = pytest.mark.usefixtures("compact")

SWEDISH_PLEDGE = "Vi åtar oss att stärka arbetet mot människohandel i hela landet."
ENGLISH_PLEDGE = "We pledge to strengthen the work against trafficking across the country."


def get(client, url, language="en") -> Page:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content.decode()[:2000]
    return Page(response)


@pytest.fixture
def swedish_pledge(dataset):
    return pledge(
        dataset.organisations.moj,
        [5],
        text=SWEDISH_PLEDGE,
        text_en=ENGLISH_PLEDGE,
        language="sv",
        made_on=datetime.date(2024, 5, 1),
    )


def test_an_english_page_shows_a_pledge_in_its_english_text(client, swedish_pledge):
    page = get(client, reverse("dashboard:pledges"))
    link = page.one(f"#pledge-{swedish_pledge.pk} td a[lang]")
    assert text(link) == ENGLISH_PLEDGE
    assert link.get("lang") == "en"
    assert SWEDISH_PLEDGE not in page.response.content.decode()

    organisation = get(client, reverse("dashboard:organisation", args=["MOJ"]))
    assert ENGLISH_PLEDGE in organisation.texts(".pledge-summaries a")


def test_a_danish_page_marks_a_swedish_title_with_its_language(client, dataset):
    m4 = dataset.measures.m4  # written in Swedish, with no English title
    page = get(client, reverse("dashboard:measures"), language="da")

    cell = page.all(f"#measure-{m4.pk} td")[0]
    link = page.one(f"#measure-{m4.pk} td:first-child a")
    assert link.get("lang") == "sv"
    assert text(link) == m4.title
    assert text(cell) == f"{m4.title} (svensk)"
    note = page.one(f"#measure-{m4.pk} td:first-child .fallback-note")
    assert note.get("lang") == "da"

    objective = get(client, reverse("dashboard:objective", args=[5]), language="nb")
    assert f"{m4.title} (svensk) (MOL)" in objective.texts(".measure-titles li")


@pytest.mark.parametrize(("language", "none_for"), [("da", "ingen for"), ("nb", "ingen for")])
def test_a_measure_without_any_update_says_none_once(client, dataset, language, none_for):
    m2 = dataset.measures.m2
    page = get(client, reverse("dashboard:measures"), language=language)
    cell = text(page.all(f"#measure-{m2.pk} td")[6])
    assert cell.startswith(f"{none_for} National review 2025")
    assert "ingen ingen" not in cell


def test_a_pledge_with_one_objective_names_it_in_the_singular(client, dataset):
    page = get(client, reverse("dashboard:organisation", args=["MOJ"]))
    metas = page.texts(".pledge-summaries .meta")
    assert any(meta.endswith("· Objective 5") for meta in metas), metas
    assert not any("Objectives 5" in meta for meta in metas)


def test_organisation_names_in_a_list_have_no_space_before_the_comma(client, dataset):
    o = dataset.organisations
    entry = measure(o.mol, [5], title="Shared measure")
    entry.partner_organisations.set([o.moj, o.mfa])
    entry = republish(entry)
    page = get(client, reverse("dashboard:measure", args=[entry.pk]))
    partners = text(page.all("dl.facts dd")[1])
    assert " ," not in partners
    assert ", " in partners


def test_the_update_form_gives_its_deadline_without_a_double_full_stop(client, dataset):
    m3 = dataset.measures.m3  # no update for the open cycle yet
    client.force_login(officer(m3.lead_organisation))
    page = get(client, reverse("tracker:update-create", args=[m3.pk]))
    lead = page.text("p.lead")
    assert "Deadline: " in lead
    assert ".." not in lead


def test_an_earlier_cycle_without_pledges_says_why(client, dataset):
    ReviewCycleFactory(
        name="International Migration Review Forum 2022",
        slug="imrf-2022",
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2021, 12, 31),
        closed_at=datetime.datetime(2022, 3, 1, tzinfo=datetime.UTC),
    )
    page = get(client, reverse("dashboard:overview") + "?cycle=imrf-2022")
    assert page.text("#figure-pledges .key-value") == "0"
    assert "Pledges made at a review forum, after the period the forum reviews, count from " in (
        page.text("#no-pledges")
    )
    assert "Dec. 31, 2021." in page.text("#no-pledges")

    later = get(client, reverse("dashboard:overview") + "?cycle=national-2025", language="sv")
    assert later.all("#no-pledges") == []
    assert "räknas från nästa omgång" in later.text("#how-counted")


def test_every_page_names_its_icon_and_favicon_ico_leads_to_it(client, dataset):
    page = get(client, reverse("dashboard:overview"))
    icon = page.one('link[rel="icon"]')
    assert icon.get("href").endswith("favicon.svg")
    assert finders.find("favicon.svg")

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == icon.get("href")


def test_an_organisation_without_a_name_in_the_readers_language_is_marked(client, dataset):
    OrganisationFactory(code="SWE", name_en="", name_sv="Migrationsverket")
    organisation = get(client, reverse("dashboard:organisation", args=["SWE"]))
    assert organisation.one("h1 span[lang]").get("lang") == "sv"
    assert "Not available in the chosen language; shown in Swedish." in organisation.text(
        ".fallback-note"
    )
