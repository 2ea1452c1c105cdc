"""The coordinator's report pages (reports/review/web/) on the known dataset
(tests/reports/conftest.py): the narratives per round table, the pre-flight check, Generate, the
runs, the file, and who may see any of it."""

import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from compact.models import RoundTable
from reports.models import ReportRun, ReportStage, ReportState, RoundTableNarrative
from reports.review.services.narratives import narrative_save
from tests.factories import administrator, committee_reader, coordinator, officer
from tests.reports.factories import measure, update
from tests.reports.html import Page
from tests.tracker.web.helpers import messages_of, text

pytestmark = pytest.mark.django_db

ROUND_TABLE_TITLES = [
    "Round table 1 (objectives 2, 5, 6, 12 and 18)",
    "Round table 2 (objectives 4, 8, 9, 10, 11, 13 and 21)",
    "Round table 3 (objectives 14, 15, 16, 19, 20 and 22)",
    "Round table 4 (objectives 1, 3, 7, 17 and 23)",
]


@pytest.fixture
def people(organisations) -> dict:
    return {
        "coordinator": coordinator(username="cora", first_name="Cora", last_name="Lind"),
        "desk_officer": officer(organisations.moj, username="anna"),
        "committee_reader": committee_reader(username="reader"),
        "administrator": administrator(username="admin"),
    }


@pytest.fixture
def cora(client, people):
    client.force_login(people["coordinator"])
    return client


def _page_url(slug: str = "national-2025", lang: str = "en") -> str:
    return f"{reverse('report:cycle', args=[slug])}?lang={lang}"


def _narrative_data(number: int, *, version: int = 0, language: str = "en", **texts) -> dict:
    prefix = f"round-table-{number}"
    fields = {"progress": "", "challenges": "", "next_steps": "", **texts}
    return {
        f"{prefix}-language": language,
        f"{prefix}-version": version,
        **{f"{prefix}-{name}": value for name, value in fields.items()},
    }


def _save(client, number: int, slug: str = "national-2025", **data):
    url = reverse("report:narrative", args=[slug, number])
    return client.post(url, _narrative_data(number, **data))


def _run(cycle, *, state=ReportState.DONE, language="en", is_final=False, **fields) -> ReportRun:
    run = ReportRun.objects.create(
        cycle=cycle, language=language, is_final=is_final, state=state, **fields
    )
    if state == ReportState.DONE:
        _finish(run)
    return run


def _finish(run: ReportRun) -> None:
    """What a build leaves behind, with a stand-in file."""
    run.file.save(f"run-{run.pk}.pdf", ContentFile(b"%PDF-1.7 a stand-in"), save=False)
    run.file_sha256, run.input_sha256, run.pages = "a" * 64, "b" * 64, 12
    run.state, run.stage, run.progress = ReportState.DONE, ReportStage.FINISHED, 100
    run.finished_at = timezone.now()
    run.save()


def _section(response, anchor: str) -> str:
    return re.sub(r"\s+", " ", Page(response).text(f"#{anchor}"))


# The narratives


def test_a_coordinator_sees_the_four_round_tables_in_order_and_saves_a_narrative(
    cora, people, dataset
):
    page = Page(cora.get(_page_url()))
    assert page.texts("#narratives h3") == ROUND_TABLE_TITLES
    assert page.one("#id_round-table-2-progress").get("lang") == "en"

    response = _save(
        cora,
        2,
        progress="Labour migration pathways were widened.",
        challenges="Data on wages is missing.",
        next_steps="A survey in 2026.",
    )

    assert response.status_code == 302
    assert response["Location"] == _page_url() + "#round-table-2"
    page = cora.get(response["Location"])
    assert "The narrative of Round table 2" in " ".join(messages_of(page))
    textarea = Page(page).one("#id_round-table-2-progress")
    assert textarea.text == "Labour migration pathways were widened."
    narrative = RoundTableNarrative.objects.get()
    assert (narrative.round_table.number, narrative.language) == (2, "en")
    assert narrative.cycle == dataset.cycles.new
    assert narrative.next_steps == "A survey in 2026."
    assert narrative.history.get().history_user == people["coordinator"]


def test_narratives_are_kept_per_language(cora, dataset):
    _save(cora, 1, language="sv", progress="Framsteg på svenska.")

    assert Page(cora.get(_page_url(lang="sv"))).one("#id_round-table-1-progress").text == (
        "Framsteg på svenska."
    )
    assert not Page(cora.get(_page_url(lang="en"))).one("#id_round-table-1-progress").text


def test_a_stale_save_is_refused_and_keeps_the_coordinators_text(cora, people, dataset):
    colleague = coordinator(username="carl")
    round_table = RoundTable.objects.get(number=3)
    for text_ in ("First words.", "Carl's later words."):
        narrative_save(
            actor=colleague,
            cycle=dataset.cycles.new,
            round_table=round_table,
            language="en",
            progress=text_,
            challenges="",
            next_steps="",
        )

    response = _save(cora, 3, version=1, progress="Cora's words, written over version 1.")

    assert response.status_code == 200
    page = Page(response)
    assert "Someone else saved this entry while you were editing it" in page.text(
        "#round-table-3 .error-summary"
    )
    assert page.one("#id_round-table-3-progress").text == "Cora's words, written over version 1."
    assert page.one("#id_round-table-3-progress").get("lang") == "en"
    assert "Round table 3 (objectives 14, 15, 16, 19, 20 and 22) was not saved" in page.text(
        ".messages"
    )
    assert RoundTableNarrative.objects.get().progress == "Carl's later words."


# The pre-flight check


def test_the_pre_flight_lists_what_the_known_dataset_lacks(cora, settings, dataset):
    settings.REPORT_COUNTRY_NAME = ""
    preflight = _section(cora.get(_page_url()), "preflight")

    assert "3 entries under review block a final report" in preflight
    assert "2 measures submitted or returned" in preflight
    assert "1 progress update of this cycle not yet approved" in preflight
    assert "The country's name is not set" in preflight
    assert "1 ministry with no progress update this period Each has" in preflight
    assert "Ministry of Justice" in preflight
    assert "Ministry of Labour" not in preflight
    assert "3 measures without an English translation" in preflight
    assert "Legal aid" in preflight
    assert "20 objectives with no measures in the period" in preflight
    assert "Objective 1:" in preflight
    assert "Objective 5:" not in preflight
    assert "4 round tables without a narrative in English" in preflight

    page = Page(cora.get(_page_url()))
    links = [link.get("href") for link in page.all("#preflight a")]
    assert reverse("tracker:review-queue") in links
    assert reverse("tracker:measure-detail", args=[dataset.measures.m1.pk]) in links
    assert "#round-table-4" in links


def test_the_pre_flight_follows_the_chosen_language(cora, settings, dataset):
    settings.REPORT_COUNTRY_NAME = "Sverige"
    _save(cora, 1, language="sv", progress="Framsteg.")

    preflight = _section(cora.get(_page_url(lang="sv")), "preflight")

    assert "English translation" not in preflight
    assert "country's name" not in preflight
    assert "3 round tables without a narrative in Swedish" in preflight
    assert "Pre-flight check of the report in Swedish" in preflight


def test_the_pre_flight_is_clear_when_nothing_is_missing(cora, settings, organisations, cycles):
    settings.REPORT_COUNTRY_NAME = "Sverige"
    # The report in Swedish prints the cycle's Swedish name (else its English one, marked).
    cycles.new.name_sv = "Nationell granskning 2025"
    cycles.new.save()
    update(measure(organisations.moj, range(1, 24)), cycles.new)
    for number in range(1, 5):
        _save(cora, number, language="sv", progress="Framsteg.")

    preflight = _section(cora.get(_page_url(lang="sv")), "preflight")

    assert "Nothing is missing: the report can be generated, draft or final." in preflight
    assert Page(cora.get(_page_url(lang="sv"))).all("#preflight h3") == []


# Generate and the runs


@pytest.mark.django_db(transaction=True)
def test_generate_builds_a_report_that_downloads_as_a_pdf(client, people, dataset):
    client.force_login(people["coordinator"])

    response = client.post(
        reverse("report:generate", args=["national-2025"]) + "?lang=en",
        {"language": "en", "is_final": "draft"},
    )

    run = ReportRun.objects.get()
    assert response["Location"] == reverse("report:run", args=[run.pk])
    page = client.get(response["Location"])
    assert "The report was requested." in messages_of(page)
    assert run.state == ReportState.DONE, run.error
    progress = Page(page).text("#run-progress")
    assert "Done" in progress
    assert run.file_sha256 in progress
    assert Page(page).all("#run-progress [hx-trigger]") == []

    download = client.get(Page(page).one("#run-progress a[download]").get("href"))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == ('attachment; filename="national-2025-en-draft.pdf"')
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    listed = _section(client.get(_page_url()), "runs")
    assert "Cora Lind" in listed
    assert "English" in listed
    assert "Draft" in listed
    assert run.file_sha256 in listed
    assert re.search(rf"\({run.pages} pages?\)", listed)


def test_a_final_report_with_entries_under_review_is_refused_on_the_form(cora, dataset):
    response = cora.post(
        reverse("report:generate", args=["national-2025"]) + "?lang=sv",
        {"language": "en", "is_final": "final"},
    )

    assert response.status_code == 200
    errors = Page(response).text("#generate .error-summary")
    assert errors.startswith("Kind of report: A final report is built from approved data only")
    assert "3 entries are still under review" in errors
    assert "Nothing was generated" in Page(response).text(".messages")
    assert ReportRun.objects.count() == 0
    # The page stays in the language it was in, and the form keeps the choices.
    assert Page(response).one("#narratives h2").text == "Narratives in Swedish"
    assert Page(response).one("#id_is_final_1").get("checked") is not None


def test_bad_generate_input_is_named_on_its_field(cora, dataset):
    response = cora.post(
        reverse("report:generate", args=["national-2025"]), {"language": "fi", "is_final": ""}
    )

    errors = Page(response).text("#generate .error-summary")
    assert "Language of the report: Select a valid choice." in errors
    assert "Kind of report: This field is required." in errors
    assert ReportRun.objects.count() == 0


def test_generating_a_report_already_being_built_follows_that_build(
    cora, dataset, django_capture_on_commit_callbacks
):
    running = _run(dataset.cycles.new, state=ReportState.RUNNING, progress=45)
    with django_capture_on_commit_callbacks() as callbacks:
        response = cora.post(
            reverse("report:generate", args=["national-2025"]),
            {"language": "en", "is_final": "draft"},
            follow=True,
        )

    assert callbacks == []
    assert ReportRun.objects.count() == 1
    assert response.redirect_chain[-1][0] == reverse("report:run", args=[running.pk])
    assert "already being built, so no second build was started" in text(response)


def test_a_run_of_another_cycle_is_not_confused(cora, dataset):
    old_run = _run(dataset.cycles.old, state=ReportState.RUNNING)
    failed = _run(dataset.cycles.new, state=ReportState.FAILED, error="The worker vanished.")

    response = cora.post(
        reverse("report:generate", args=["national-2025"]),
        {"language": "en", "is_final": "draft"},
    )

    new_run = ReportRun.objects.exclude(pk__in=[old_run.pk, failed.pk]).get()
    assert new_run.cycle == dataset.cycles.new
    assert response["Location"] == reverse("report:run", args=[new_run.pk])
    runs = Page(cora.get(_page_url()))
    listed = [link.get("href") for link in runs.all("#runs tbody td:first-child a")]
    assert listed == [reverse("report:run", args=[run.pk]) for run in (new_run, failed)]
    assert "The worker vanished." in runs.text("#runs")

    old_page = Page(cora.get(reverse("report:run", args=[old_run.pk])))
    assert "National review 2023" in old_page.text("h1")
    assert old_page.one(".breadcrumb a:last-child").get("href") == _page_url("national-2023")


def test_a_run_shows_its_stage_polls_until_it_ends_and_a_failed_one_can_be_rerun(cora, dataset):
    run = _run(
        dataset.cycles.new,
        state=ReportState.RUNNING,
        progress=45,
        stage=ReportStage.TYPESETTING,
        requested_by=None,
    )
    page = Page(cora.get(reverse("report:run", args=[run.pk])))

    poller = page.one("#run-progress")
    assert poller.get("hx-trigger") == "every 2s"
    assert page.one("#run-progress progress").get("value") == "45"
    assert "45% done: Typesetting the PDF" in page.text("#run-progress")
    assert page.one("#run-progress a").text == "Refresh"
    assert "command line" in page.text("main > .facts")

    fragment_url = poller.get("hx-get")
    unchanged = cora.get(fragment_url, headers={"HX-Request": "true"})
    assert unchanged.status_code == 204

    ReportRun.objects.filter(pk=run.pk).update(
        state=ReportState.FAILED, stage=ReportStage.STOPPED, error="Out of memory."
    )
    fragment = Page(cora.get(fragment_url, headers={"HX-Request": "true"}))
    assert fragment.one("#run-progress").get("hx-trigger") is None
    assert "Failed" in fragment.text("#run-progress")
    assert "Out of memory." in fragment.text("#run-progress")
    assert fragment.all("progress") == []

    form = fragment.one("#run-progress form")
    inputs = fragment.all("#run-progress form input")
    again = cora.post(
        form.get("action"), {field.get("name"): field.get("value") for field in inputs}
    )
    new_run = ReportRun.objects.latest("pk")
    assert again["Location"] == reverse("report:run", args=[new_run.pk])
    assert (new_run.language, new_run.is_final, new_run.state) == ("en", False, "queued")


def test_a_run_without_a_file_has_nothing_to_download(cora, dataset):
    run = _run(dataset.cycles.new, state=ReportState.QUEUED)
    assert cora.get(reverse("report:run-file", args=[run.pk])).status_code == 404
    assert cora.get(reverse("report:cycle", args=["no-such-cycle"])).status_code == 404
    assert cora.get(reverse("report:run", args=[run.pk + 1])).status_code == 404


def test_the_cycle_list_links_to_the_report_for_coordinators(client, people, dataset):
    client.force_login(people["coordinator"])
    assert (
        reverse("report:cycle", args=["national-2023"])
        in client.get(reverse("tracker:cycle-list")).content.decode()
    )

    client.force_login(people["desk_officer"])
    assert "/reports/" not in client.get(reverse("tracker:cycle-list")).content.decode()


# Who may do what

OPERATIONS = {
    "report page": lambda c, run: c.get(_page_url()),
    "save narrative": lambda c, run: _save(c, 1, progress="Text."),
    "generate": lambda c, run: c.post(
        reverse("report:generate", args=["national-2025"]),
        {"language": "sv", "is_final": "draft"},
    ),
    "run page": lambda c, run: c.get(reverse("report:run", args=[run.pk])),
    "run progress": lambda c, run: c.get(reverse("report:run-progress", args=[run.pk])),
    "download": lambda c, run: c.get(reverse("report:run-file", args=[run.pk])),
}
ALLOWED = {
    "report page": 200,
    "save narrative": 302,
    "generate": 302,
    "run page": 200,
    "run progress": 200,
    "download": 200,
}


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(
    "role", ["anonymous", "desk_officer", "committee_reader", "administrator", "coordinator"]
)
def test_only_coordinators_may_use_the_report_pages(client, people, dataset, role, operation):
    run = _run(dataset.cycles.new)
    if role != "anonymous":
        client.force_login(people[role])

    response = OPERATIONS[operation](client, run)

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role == "coordinator":
        assert response.status_code == ALLOWED[operation]
    else:
        assert response.status_code == 403
    if role != "coordinator":
        assert ReportRun.objects.count() == 1
        assert not RoundTableNarrative.objects.exists()


# Query counts


def test_the_report_page_makes_as_many_queries_with_many_runs_and_measures(
    cora, people, dataset, django_assert_max_num_queries
):
    _run(dataset.cycles.new, requested_by=people["coordinator"])
    with CaptureQueriesContext(connection) as few:
        cora.get(_page_url())
    queries = len(few)

    for number in range(30):
        _run(
            dataset.cycles.new,
            requested_by=coordinator(username=f"coordinator{number}"),
            state=ReportState.FAILED if number % 2 else ReportState.DONE,
            language=("en", "sv")[number % 2],
        )
        measure(dataset.organisations.mol, [number % 23 + 1], title=f"Measure {number}")
    for number in range(1, 5):
        _save(cora, number, progress=f"Progress {number}.")

    with django_assert_max_num_queries(queries):
        response = cora.get(_page_url())
    assert len(Page(response).all("#runs tbody tr")) == 20


# In a real browser


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_report_pages_pass_axe_and_a_run_page_follows_its_build(
    page, live_server, people, dataset
):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    new = dataset.cycles.new
    _run(new, requested_by=people["coordinator"])
    _run(new, state=ReportState.FAILED, language="sv", error="The worker vanished.")
    running = _run(new, state=ReportState.RUNNING, progress=30, stage=ReportStage.WRITING)
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_label("Username").fill("cora")
    page.get_by_label("Password").fill("secret-password")
    page.get_by_role("button", name="Log in").click()

    violations = []
    for url in (_page_url(), reverse("report:run", args=[running.pk])):
        page.goto(f"{live_server.url}{url}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        violations += [
            f"{url}: {violation['id']}: {violation['help']}"
            for violation in Axe().run(page).response["violations"]
        ]
    assert violations == [], "\n".join(violations)

    expect(page.get_by_text("30% done: Writing the report's pages")).to_be_visible()
    ReportRun.objects.filter(pk=running.pk).update(
        state=ReportState.RUNNING, progress=45, stage=ReportStage.TYPESETTING
    )
    expect(page.get_by_text("45% done: Typesetting the PDF")).to_be_visible()
    _finish(running)
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
    expect(page.get_by_role("link", name="Refresh")).to_have_count(0)
