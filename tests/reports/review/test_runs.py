"""A run's life without a worker: joining, refusals, lost workers, superseded builds, and the
command line."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from reports.models import ReportRun, ReportStage, ReportState
from reports.review.services import runs
from reports.review.services.runs import (
    report_build,
    report_request,
    report_runs_fail_stuck,
)
from tests.factories import coordinator, officer
from tests.reports.review.conftest import build

pytestmark = pytest.mark.django_db


def test_an_officer_cannot_request_a_report(dataset):
    with pytest.raises(PermissionDenied):
        report_request(actor=officer(), cycle=dataset.cycles.new, language="en", is_final=False)
    assert not ReportRun.objects.exists()


def test_a_language_not_offered_is_refused(dataset):
    with pytest.raises(ValidationError) as refused:
        report_request(actor=coordinator(), cycle=dataset.cycles.new, language="fr", is_final=False)
    assert refused.value.message_dict == {
        "language": ["The report is not offered in this language."]
    }


def test_a_final_report_waits_for_every_entry_under_review(dataset):
    with pytest.raises(ValidationError) as refused:
        report_request(actor=coordinator(), cycle=dataset.cycles.new, language="en", is_final=True)
    # The submitted and the returned measure, and the draft progress update of the cycle.
    assert "3 entries are still under review" in refused.value.message_dict["is_final"][0]


def test_a_final_build_refuses_entries_submitted_after_the_request(dataset):
    run = ReportRun.objects.create(cycle=dataset.cycles.new, language="en", is_final=True)
    built = report_build(run_id=run.pk)
    assert built.state == ReportState.FAILED
    assert "still under review" in built.error
    assert not built.file


def test_a_finished_run_is_not_built_again(dataset):
    run = build(dataset.cycles.new)
    checksum, attempts = run.file_sha256, run.attempts
    again = report_build(run_id=run.pk)
    assert (again.state, again.file_sha256, again.attempts) == (
        ReportState.DONE,
        checksum,
        attempts,
    )


def test_a_run_that_keeps_killing_its_worker_fails_with_the_reason(dataset, settings):
    settings.REPORT_MAX_ATTEMPTS = 2
    run = ReportRun.objects.create(
        cycle=dataset.cycles.new, language="en", state=ReportState.RUNNING, attempts=2
    )
    failed = report_build(run_id=run.pk)
    assert failed.state == ReportState.FAILED
    assert failed.stage == ReportStage.STOPPED
    assert "started 2 times and never finished" in failed.error


def test_a_silent_running_build_is_marked_failed_and_can_be_requested_again(dataset, settings):
    settings.REPORT_STUCK_AFTER = 600
    stuck = ReportRun.objects.create(
        cycle=dataset.cycles.new,
        language="en",
        state=ReportState.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=601),
    )
    alive = ReportRun.objects.create(
        cycle=dataset.cycles.new,
        language="sv",
        state=ReportState.RUNNING,
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=30),
    )
    assert report_runs_fail_stuck() == 1
    stuck.refresh_from_db()
    alive.refresh_from_db()
    assert stuck.state == ReportState.FAILED
    assert "stopped giving signs of life" in stuck.error
    assert alive.state == ReportState.RUNNING
    again = report_request(
        actor=coordinator(), cycle=dataset.cycles.new, language="en", is_final=False
    )
    assert not again.joined
    assert again.run.pk != stuck.pk


def test_a_request_nobody_picked_up_is_failed_after_the_queue_timeout(dataset, settings):
    settings.REPORT_QUEUE_TIMEOUT = 3600
    lost = ReportRun.objects.create(cycle=dataset.cycles.new, language="en")
    ReportRun.objects.filter(pk=lost.pk).update(
        requested_at=timezone.now() - datetime.timedelta(hours=2)
    )
    assert report_runs_fail_stuck() == 1
    lost.refresh_from_db()
    assert lost.state == ReportState.FAILED
    assert "No worker took the build" in lost.error


def test_a_superseded_build_writes_nothing(dataset):
    """The message of a build whose worker seemed dead was delivered again: the second delivery
    took the run over (attempts raised), so the first must not write its file."""
    run = ReportRun.objects.create(cycle=dataset.cycles.new, language="en")
    original_html = runs.report_html

    def taken_over_meanwhile(data):
        ReportRun.objects.filter(pk=run.pk).update(attempts=5)
        return original_html(data)

    with mock.patch.object(runs, "report_html", taken_over_meanwhile):
        result = report_build(run_id=run.pk)
    assert result.state == ReportState.RUNNING
    assert result.attempts == 5
    assert not result.file


def test_an_unreachable_queue_fails_the_run_at_once(dataset, django_capture_on_commit_callbacks):
    with (
        mock.patch("reports.tasks.report_build_task.delay", side_effect=ConnectionError("refused")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        requested = report_request(
            actor=coordinator(), cycle=dataset.cycles.new, language="en", is_final=False
        )
    requested.run.refresh_from_db()
    assert requested.run.state == ReportState.FAILED
    assert "job queue could not be reached" in requested.run.error


def test_the_command_writes_the_pdf(dataset, tmp_path, capsys):
    out = tmp_path / "report.pdf"
    call_command("generate_report", cycle="national-2025", lang="en", out=out)
    run = ReportRun.objects.get()
    assert run.requested_by is None
    assert out.read_bytes().startswith(b"%PDF-")
    assert f"SHA-256 {run.file_sha256}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"cycle": "nowhere", "lang": "en"}, "There is no review cycle 'nowhere'"),
        ({"cycle": "national-2025", "lang": "en", "final": True}, "still under review"),
    ],
)
def test_the_command_refuses_bad_input_clearly(dataset, tmp_path, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_report", out=tmp_path / "r.pdf", **arguments)
    assert not (tmp_path / "r.pdf").exists()
