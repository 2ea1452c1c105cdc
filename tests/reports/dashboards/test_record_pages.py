"""The public page of a measure or pledge (/dashboard/measures/<id>/, /dashboard/pledges/<id>/):
its current published version for anyone, without a login, in the reader's language, with
its published versions and what changed between them; never a working copy."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from compact.models import GuidingPrinciple, Objective
from tests.factories import coordinator, officer, republish
from tests.reports.factories import action_list, measure, pledge, update
from tests.reports.html import Page, text
from tracker.models import MeasureStatus, PledgeStatus, WorkflowState
from tracker.services.measures import measure_update
from tracker.services.pledges import pledge_update
from tracker.services.publication import entry_publish
from tracker.services.workflow import entry_approve

pytestmark = pytest.mark.usefixtures("compact")

D = datetime.date


def measure_url(entry) -> str:
    return reverse("dashboard:measure", args=[entry.pk])


def pledge_url(entry) -> str:
    return reverse("dashboard:pledge", args=[entry.pk])


def get(client, url, **headers) -> Page:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return Page(response)


def approve_edit(entry, **data):
    """An officer's edit of `entry`, approved by a coordinator: a new published version."""
    edit = measure_update if hasattr(entry, "title") else pledge_update
    key = "measure" if hasattr(entry, "title") else "pledge"
    edited = edit(
        actor=officer(entry.lead_organisation),
        expected_version=entry.version,
        data=data,
        **{key: entry},
    )
    return entry_approve(actor=coordinator(), entry=edited, expected_version=edited.version)


@pytest.fixture
def rich(dataset):
    """A measure with every public field filled, two published updates and a linked pledge."""
    o, c = dataset.organisations, dataset.cycles
    entry = measure(
        o.moj,
        [2, 5],
        actions=["2a", "5b"],
        title="Rättshjälp för migranter",
        title_en="Legal aid for migrants",
        description="Gratis rådgivning i hela landet.",
        description_en="Free advice across the country.",
        language="sv",
        start_date=D(2022, 6, 1),
        end_date=D(2026, 12, 31),
        budget_amount=Decimal("2500000.00"),
        budget_currency="SEK",
        target_groups=["women", "children"],
        stakeholders=["civil_society"],
    )
    entry.partner_organisations.set([o.mfa])
    entry.guiding_principles.set(GuidingPrinciple.objects.filter(code="human_rights"))
    entry.pledges.set([dataset.pledges.p1, dataset.hidden_pledges[0]])
    # Published again with its relations, as approving them would.
    entry = republish(entry)
    update(entry, c.old, status=MeasureStatus.ONGOING, narrative="Startade i Malmö.")
    update(entry, c.new, status=MeasureStatus.COMPLETED, results="Tusen rådgivningar.")
    return entry


def test_a_measure_page_shows_its_published_version_to_anyone(client, rich, dataset):
    page = get(client, measure_url(rich), HTTP_ACCEPT_LANGUAGE="sv")

    assert page.text("h1") == "Rättshjälp för migranter"
    assert page.one("h1").get("lang") == "sv"
    content = page.response.content.decode()
    assert "Gratis rådgivning i hela landet." in content
    facts = page.text("dl.facts")
    assert "MOJ" not in facts or "Justitiedep." in facts
    assert "2500" in facts.replace("\xa0", "").replace(" ", "").replace(",", "")
    assert "SEK" in facts
    hrefs = [link.get("href") for link in page.all("a")]
    assert reverse("dashboard:organisation", args=["MOJ"]) in hrefs
    assert reverse("dashboard:organisation", args=["MFA"]) in hrefs
    assert reverse("compact:objective", args=[2]) in hrefs
    assert f"{reverse('compact:objective', args=[5])}#action-b" in hrefs
    assert reverse("dashboard:objective", args=[5]) in hrefs
    # The linked pledge that is public, not the draft one.
    assert [link.get("href") for link in page.all(".linked-pledges a")] == [
        pledge_url(dataset.pledges.p1)
    ]
    assert dataset.hidden_pledges[0].text not in content
    # Progress updates per cycle, the latest cycle first.
    # The cycles have English names only: marked on a Swedish page.
    assert page.texts(".update-summary h3") == [
        "National review 2025 (engelska)",
        "National review 2023 (engelska)",
    ]
    assert "Tusen rådgivningar." in content
    assert "Startade i Malmö." in content


def test_an_english_reader_gets_the_english_text_and_a_danish_reader_a_marked_stand_in(
    client, rich
):
    english = get(client, measure_url(rich), HTTP_ACCEPT_LANGUAGE="en")
    assert english.text("h1") == "Legal aid for migrants"
    assert english.one("h1").get("lang") == "en"
    assert "Free advice across the country." in english.response.content.decode()
    assert not english.all("#title-fallback, #about-heading ~ p.fallback-note")

    danish = get(client, measure_url(rich), HTTP_ACCEPT_LANGUAGE="da")
    assert danish.text("h1") == "Rättshjälp för migranter"
    assert danish.one("h1").get("lang") == "sv"
    assert "svensk" in danish.text("#title-fallback")


def test_a_pledge_page_shows_its_published_version_and_the_public_measures_serving_it(
    client, rich, dataset
):
    p1 = dataset.pledges.p1
    draft = measure(dataset.organisations.moj, [5], state=WorkflowState.DRAFT, title="Secret")
    draft.pledges.set([p1])
    page = get(client, pledge_url(p1), HTTP_ACCEPT_LANGUAGE="en")

    assert p1.text in page.text("h1")
    facts = page.text("dl.facts")
    assert "IMRF 2022" in facts
    assert str(PledgeStatus.IN_PROGRESS.label) in facts
    assert "Objective 5" in facts
    assert [link.get("href") for link in page.all(".measure-titles a")] == [measure_url(rich)]
    assert "Secret" not in page.response.content.decode()


def test_the_revision_record_lists_the_versions_and_what_changed_between_them(client, dataset):
    m1 = dataset.measures.m1
    second = approve_edit(
        m1,
        title="Legal aid, extended",
        status=MeasureStatus.COMPLETED,
        target_groups=["children"],
        description="What the ministry does, now in every county.",
    )
    third = approve_edit(second, objectives=[*second.objectives.all(), _objective(8)])
    approver = third.published.approved_by

    page = get(client, measure_url(m1), HTTP_ACCEPT_LANGUAGE="en")
    assert [row[0] for row in _rows(page, "table.versions")] == ["1", "2", "3 (shown on this page)"]
    # By default: the latest against the one before.
    assert page.text("#changes-heading") == "What changed from version 2 to version 3"
    changes = dict((row[0], row[1:]) for row in _rows(page, "table.changes"))
    assert list(changes) == ["Objectives"]
    assert page.texts("table.changes ins a") == [f"Objective 8: {_objective(8).title_en}"]

    # The approval dates, never who approved.
    assert approver.username not in page.response.content.decode()

    page = get(client, f"{measure_url(m1)}?from=1&to=2", HTTP_ACCEPT_LANGUAGE="en")
    changes = dict((row[0], row[1:]) for row in _rows(page, "table.changes"))
    assert changes["Title"] == ["Legal aid", "Legal aid, extended"]
    assert changes["Status"] == ["Ongoing", "Completed"]
    assert changes["Target groups"] == ["", "Added: Children"]
    # A long text word by word: what stayed, what went, what came.
    assert page.text("td.text-change").startswith("What the ministry")
    assert page.texts("td.text-change del") == ["[removed:] does."]
    assert page.texts("td.text-change ins") == ["[added:] does, now in every county."]


def test_an_unknown_version_to_compare_is_a_bad_request_that_says_so(client, dataset):
    m1 = dataset.measures.m1
    approve_edit(m1, title="Legal aid, extended")
    for query in ("from=7", "to=x", "from=1&to=0"):
        response = client.get(f"{measure_url(m1)}?{query}", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400, query
        assert "There is no published version" in response.content.decode()


def test_a_measure_with_one_version_says_there_is_nothing_to_compare(client, dataset):
    page = get(client, measure_url(dataset.measures.m2), HTTP_ACCEPT_LANGUAGE="en")
    assert "Only one version has been published so far." in page.text("#versions")


def test_an_entry_without_a_public_record_has_no_public_page(client, dataset):
    draft, submitted, returned, archived = dataset.hidden
    m3 = dataset.measures.m3
    # An approved withdrawal: the published record the entry points to is its withdrawal.
    m3.version += 1
    m3.save(update_fields=["version"])
    m3.published = entry_publish(
        entry=m3, actor=coordinator(), approved_at=timezone.now(), withdrawn=True
    )
    m3.save(update_fields=["published"])
    for entry in (draft, submitted, returned, archived, m3):
        assert client.get(measure_url(entry)).status_code == 404, entry.title
    assert client.get(reverse("dashboard:measure", args=[987654])).status_code == 404
    assert client.get(pledge_url(dataset.hidden_pledges[0])).status_code == 404


def _rows(page: Page, table: str) -> list[list[str]]:
    return [[text(cell) for cell in row] for row in page.all(f"{table} tbody tr")]


def _objective(number: int):
    return Objective.objects.get(number=number)


# Written only into working copies: no public response may ever show it.
MARKER = "WORKING-COPY-b41e"


def test_a_working_copy_never_shows_on_any_public_page(client, rich, dataset):
    p1 = dataset.pledges.p1
    approve_edit(p1, status_narrative="On track.")
    p1.refresh_from_db()
    rich.refresh_from_db()
    measure_update(
        actor=officer(rich.lead_organisation),
        measure=rich,
        expected_version=rich.version,
        data={"title": f"Rättshjälp {MARKER}", "description_en": MARKER},
    )
    pledge_update(
        actor=officer(p1.lead_organisation),
        pledge=p1,
        expected_version=p1.version,
        data={"text": f"We pledge {MARKER}", "status_narrative": MARKER},
    )
    urls = [
        measure_url(rich),
        f"{measure_url(rich)}?from=1&to=2",
        pledge_url(p1),
        f"{pledge_url(p1)}?from=1&to=2",
        "/dashboard/",
        "/dashboard/measures/",
        "/dashboard/measures/?q=Rättshjälp",
        # The heatmap's cell of MOJ and objective 5.
        "/dashboard/measures/?cycle=national-2025&objective=5&organisation=MOJ",
        "/dashboard/pledges/",
        "/dashboard/objectives/2/",
        "/dashboard/objectives/5/",
        "/dashboard/round-tables/1/",
        "/dashboard/organisations/MOJ/",
    ]
    for language in ("en", "sv"):
        for url in urls:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, url
            assert MARKER not in response.content.decode(), url
    # The public page still shows the published version.
    assert get(client, measure_url(rich), HTTP_ACCEPT_LANGUAGE="sv").text("h1") == (
        "Rättshjälp för migranter"
    )


def test_every_public_list_and_page_that_names_an_entry_links_it_to_its_public_page(
    client, dataset
):
    m1, m4 = dataset.measures.m1, dataset.measures.m4
    p1, p3 = dataset.pledges.p1, dataset.pledges.p3

    def links(url, selector) -> set[str]:
        return {link.get("href") for link in get(client, url).all(selector)}

    measures = links("/dashboard/measures/", "table.entries tbody td:first-child a")
    assert measures == {measure_url(entry) for entry in vars(dataset.measures).values()}
    cell = links(
        "/dashboard/measures/?cycle=national-2025&objective=5&organisation=MOL",
        "table.entries tbody td:first-child a",
    )
    assert cell == {measure_url(m4)}
    pledges = links("/dashboard/pledges/", "table.entries tbody td:first-child a")
    assert pledges == {pledge_url(entry) for entry in vars(dataset.pledges).values()}
    assert links("/dashboard/objectives/2/", ".measure-titles a") == {measure_url(m1)}
    assert links("/dashboard/organisations/MOJ/", ".pledge-summaries a") == {
        pledge_url(p1),
        pledge_url(p3),
    }
    for url in measures | pledges:
        assert client.get(url).status_code == 200, url


def test_the_trackers_entry_page_sends_who_may_not_see_the_working_copy_to_the_public_one(
    client, dataset
):
    m1, p1 = dataset.measures.m1, dataset.pledges.p1
    edited = measure_update(
        actor=officer(m1.lead_organisation),
        measure=m1,
        expected_version=m1.version,
        data={"title": "Being revised"},
    )
    pledge_update(
        actor=officer(p1.lead_organisation),
        pledge=p1,
        expected_version=p1.version,
        data={"text": "Being revised"},
    )
    tracker_page = reverse("tracker:measure-detail", args=[m1.pk])

    response = client.get(tracker_page)
    assert response.status_code == 302
    assert response["Location"] == measure_url(m1)
    response = client.get(reverse("tracker:pledge-detail", args=[p1.pk]))
    assert response["Location"] == pledge_url(p1)
    # A desk officer of another organisation too; the officer of the measure sees her draft.
    client.force_login(officer(dataset.organisations.mfa))
    assert client.get(tracker_page)["Location"] == measure_url(m1)
    client.force_login(officer(edited.lead_organisation))
    assert client.get(tracker_page).status_code == 200
    # An entry never approved still sends the anonymous reader to the login.
    client.logout()
    draft = dataset.hidden[0]
    response = client.get(reverse("tracker:measure-detail", args=[draft.pk]))
    assert reverse("login") in response["Location"]


def test_a_record_page_takes_the_same_queries_however_much_it_shows(client, dataset):
    o, c = dataset.organisations, dataset.cycles
    m1, p1 = dataset.measures.m1, dataset.pledges.p1
    approve_edit(m1, title="Legal aid 2", pledges=[p1])
    urls = [measure_url(m1), f"{measure_url(m1)}?from=1&to=2", pledge_url(p1)]
    few = _counted(client, urls)

    # More of everything the pages show: versions, objectives, actions, partners, linked
    # pledges and the measures linking a pledge, updates in both cycles.
    m1.refresh_from_db()
    linked = [pledge(o.moj, [number]) for number in range(1, 12)]
    for number in range(3):
        m1 = approve_edit(
            m1,
            objectives=list(Objective.objects.filter(number__lte=12)),
            actions=action_list(["2a", "2b", "5a", "5b", "8a"]),
            partner_organisations=[o.mfa, o.mol, o.idle],
            pledges=[p1, *linked[: 4 * (number + 1)]],
            title=f"{m1.title}+",
        )
    for _number in range(10):
        serving = measure(o.mol, [5])
        serving.pledges.set([p1])
        republish(serving)
    update(m1, c.old)
    many = _counted(client, [*urls[:1], f"{measure_url(m1)}?from=1&to=4", urls[2]])

    assert many == few
    assert max(many) <= MAX_RECORD_QUERIES


# The most a record page takes, with nothing cached: the data's version, the record and its
# relations (partners, objectives, actions, principles, EU Pact items, pledges, evidence), its
# versions, the earlier version compared and its relations, the public pledges the change names,
# its updates, linked pledges and public evidence.
MAX_RECORD_QUERIES = 22


def _counted(client, urls) -> list[int]:
    counts = []
    for url in urls:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            get(client, url)
        counts.append(len(captured))
    return counts
