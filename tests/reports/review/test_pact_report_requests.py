"""The EU Pact implementation report asked for everywhere the review report is: the command
(`generate_report --kind pact`), the API (`report_kind`), the coordinator's page (its check and
Generate), for a cycle of the kind "EU Pact national implementation plan" that a coordinator
opens with the deadline she sets."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from compact.models import PactItem
from reports.models import ReportKind, ReportRun, ReportState, RoundTableNarrative
from reports.review.preflight import report_preflight
from tests.factories import ReviewCycleFactory, coordinator
from tests.reports.dashboards.test_record_pages import approve_edit
from tests.reports.html import Page
from tests.reports.review.conftest import read_pdf
from tests.reports.review.test_api import client_for
from tests.tracker.web.helpers import field_errors
from tracker.models import CycleKind, ReviewCycle, WorkflowState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pact")]


@pytest.fixture
def linked(dataset):
    """m1 ("Legal aid", in national-2025) serves the legal act ACT-04."""
    return approve_edit(
        dataset.measures.m1, pact_items=list(PactItem.objects.filter(code="ACT-04"))
    )


@pytest.fixture
def cora(client):
    client.force_login(coordinator(username="cora"))
    return client


def _page(client, slug="national-2025", **query) -> Page:
    return Page(client.get(reverse("report:cycle", args=[slug]), {"lang": "en", **query}))


def test_a_coordinator_opens_an_eu_pact_cycle_with_the_deadline_she_sets(cora, compact):
    response = cora.post(
        reverse("tracker:cycle-create"),
        {
            "name": "EU Pact plan 2026",
            "slug": "eu-pact-2026",
            "kind": "eu_pact",
            "period_start": "2024-06-11",
            "period_end": "2026-06-12",
            "deadline": "2026-05-31T17:00",
        },
    )
    assert response.status_code == 302, field_errors(response, "kind")
    cycle = ReviewCycle.objects.get(slug="eu-pact-2026")
    assert cycle.kind == CycleKind.EU_PACT
    assert cycle.get_kind_display() == "EU Pact national implementation plan"
    assert cycle.deadline == datetime.datetime(
        2026, 5, 31, 17, 0, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )


def test_the_command_builds_the_pact_report(dataset, linked, tmp_path, capsys):
    out = tmp_path / "pact.pdf"
    call_command("generate_report", cycle="national-2025", lang="sv", kind="pact", out=out)
    run = ReportRun.objects.get()
    assert (run.report_kind, run.language, run.state) == (ReportKind.PACT, "sv", ReportState.DONE)
    assert out.read_bytes() == run.file.open("rb").read()
    assert f"SHA-256 {run.file_sha256}" in capsys.readouterr().out
    # Its headings in the report's language, the Pact's own texts in Swedish.
    outline = [title for title, _children in read_pdf(run).outline]
    assert outline[:2] == ["1. Sammanfattning", "2. Paktens rättsakter"]


def test_the_api_builds_the_pact_report_and_names_it(
    dataset, linked, django_capture_on_commit_callbacks
):
    boss = client_for(coordinator(username="boss"))
    payload = {"cycle": "national-2025", "language": "en", "report_kind": "pact"}
    with django_capture_on_commit_callbacks(execute=True):
        response = boss.post("/api/v1/reports/", payload, format="json")
    assert response.status_code == 202, response.content
    body = boss.get(response["Location"]).json()
    assert (body["report_kind"], body["kind"], body["state"]) == ("pact", "draft", "done")
    download = boss.get(f"{response['Location']}file/")
    assert 'filename="national-2025-eu-pact-en-draft.pdf"' in download["Content-Disposition"]
    sources = boss.get(f"{response['Location']}sources/?kind=measure").json()["results"]
    assert [source["entry_id"] for source in sources] == [dataset.measures.m1.pk]

    # A review report of the same cycle and language is another report: not joined.
    review = boss.post("/api/v1/reports/", {**payload, "report_kind": "review"}, format="json")
    assert review.json()["joined"] is False
    bad = boss.post("/api/v1/reports/", {**payload, "report_kind": "annual"}, format="json")
    assert bad.status_code == 400
    assert "report_kind" in bad.json()


def test_the_page_checks_the_pact_report_and_generates_it(
    cora, dataset, linked, django_capture_on_commit_callbacks
):
    page = _page(cora, report="pact")
    assert page.all("#narratives") == []  # the Pact report needs none
    preflight = page.text("#preflight")
    assert "50 items of the EU Pact" not in preflight
    assert "49 items of the EU Pact with no measures in the period" in preflight
    assert "round table" not in preflight
    checked = page.all('#generate input[name="report_kind"][checked]')
    assert [radio.get("value") for radio in checked] == ["pact"]

    with django_capture_on_commit_callbacks(execute=True):
        response = cora.post(
            reverse("report:generate", args=["national-2025"]) + "?lang=en&report=pact",
            {"report_kind": "pact", "language": "en", "is_final": "draft"},
        )
    run = ReportRun.objects.get()
    assert response["Location"] == reverse("report:run", args=[run.pk])
    assert (run.report_kind, run.state) == (ReportKind.PACT, ReportState.DONE)
    runs = _page(cora).text("#runs")
    assert "EU Pact implementation report" in runs
    detail = Page(cora.get(response["Location"])).text("h1 + dl.facts")
    assert "EU Pact implementation report" in detail


def test_an_eu_pact_cycles_page_checks_the_pact_report_unless_asked_otherwise(cora, dataset):
    ReviewCycleFactory(name="EU Pact plan", slug="eu-pact-plan", kind=CycleKind.EU_PACT)
    pact = _page(cora, "eu-pact-plan")
    assert pact.all("#narratives") == []
    assert "items of the EU Pact with no measures" in pact.text("#preflight")
    review = _page(cora, "eu-pact-plan", report="review")
    assert review.all("#narratives")
    assert "items of the EU Pact" not in review.text("#preflight")


def test_a_final_pact_report_waits_for_its_measures_but_not_for_pledges_or_narratives(
    dataset, linked
):
    cycle = dataset.cycles.new
    check = report_preflight(cycle=cycle, language="en", report_kind=ReportKind.PACT)
    # The known dataset has a submitted and a returned measure, and a draft update for m2.
    assert (check.pending_measures, check.pending_pledges, check.pending_updates) == (2, 0, 1)
    assert check.round_tables_without_narrative == []
    assert check.blocks_final

    for entry in dataset.hidden[1:3]:
        type(entry).objects.filter(pk=entry.pk).update(workflow_state=WorkflowState.DRAFT)
    dataset.measures.m2.updates.update(workflow_state=WorkflowState.APPROVED)
    check = report_preflight(cycle=cycle, language="en", report_kind=ReportKind.PACT)
    assert not check.blocks_final
    assert not RoundTableNarrative.objects.exists()


def test_a_failed_pact_run_is_generated_again_as_a_pact_report(cora, dataset):
    failed = ReportRun.objects.create(
        cycle=dataset.cycles.new,
        report_kind=ReportKind.PACT,
        language="sv",
        state=ReportState.FAILED,
        error="Out of memory.",
    )
    page = Page(cora.get(reverse("report:run", args=[failed.pk])))
    form = page.one("#run-progress form")
    fields = {field.get("name"): field.get("value") for field in page.all("#run-progress input")}
    cora.post(form.get("action"), fields)
    again = ReportRun.objects.latest("pk")
    assert again.pk != failed.pk
    assert (again.report_kind, again.language) == (ReportKind.PACT, "sv")


def test_an_eu_pact_cycles_narrative_is_saved_back_to_the_review_reports_check(cora, dataset):
    cycle = ReviewCycleFactory(name="EU Pact plan", slug="eu-pact-plan", kind=CycleKind.EU_PACT)
    review = _page(cora, "eu-pact-plan", report="review")
    action = review.one("#round-table-1 form").get("action")
    response = cora.post(
        action,
        {
            "round-table-1-language": "en",
            "round-table-1-version": 0,
            "round-table-1-progress": "Done.",
        },
    )
    assert response["Location"] == (
        f"{reverse('report:cycle', args=[cycle.slug])}?lang=en&report=review#round-table-1"
    )
    assert RoundTableNarrative.objects.get().progress == "Done."
