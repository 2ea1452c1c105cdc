"""Redis unavailable: ministries go on entering and approving data, a report request is refused
at once with the reason (never left hanging on the broker), and when Redis returns the jobs
queued before it went down and the new ones are built by a real worker."""

import threading
import time
from contextlib import ExitStack
from socket import socket

import pytest
from django.db import connection

from reports.models import ReportRun, ReportSource, ReportState
from tests.conftest import IN_CI, REDIS_SERVER
from tests.factories import OrganisationFactory, ReviewCycleFactory, coordinator, officer
from tests.tracker.api.conftest import client_for, measure_payload
from tests.workers import RedisServer, Worker, free_port, publishing_to, watch

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.redis]

# Seconds a report request may take while Redis is away: the settings bound the broker's
# connect, replies and retries at about 4 s (tracker/settings.py); without them it is 20 s
# (nothing listening) or for ever (a Redis that stopped answering).
REFUSED_WITHIN = 8


@pytest.fixture
def redis_server(tmp_path):
    if not REDIS_SERVER:
        message = "redis-server is not installed"
        if IN_CI:
            pytest.fail(f"CI=true and {message}.", pytrace=False)
        pytest.skip(message)
    server = RedisServer(REDIS_SERVER, tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def people(compact):
    ministry = OrganisationFactory(code="MOJ")
    ReviewCycleFactory(slug="national-2025")
    return {
        "officer": client_for(officer(ministry), token=True),
        "coordinator": client_for(coordinator(organisation=None), token=True),
    }


def _request_report(client, language: str, deadline: float = REFUSED_WITHIN * 3):
    """POST a report request; its answer and how long it took. Waits at most `deadline`
    seconds, so that a request hanging on the broker fails the test instead of hanging it."""
    answer = {}

    def post():
        started = time.monotonic()
        try:
            answer["response"] = client.post(
                "/api/v1/reports/",
                {"cycle": "national-2025", "language": language, "kind": "draft"},
                format="json",
            )
            answer["seconds"] = time.monotonic() - started
        finally:
            connection.close()  # this thread's own

    thread = threading.Thread(target=post, daemon=True)
    thread.start()
    thread.join(deadline)
    assert "response" in answer, f"the report request was still waiting after {deadline} s"
    return answer["response"], answer["seconds"]


def _enter_submit_and_approve(people) -> int:
    created = people["officer"].post(
        "/api/v1/measures/", measure_payload(title="Entered while Redis was down"), format="json"
    )
    assert created.status_code == 201, created.content
    url = f"/api/v1/measures/{created.json()['id']}/"
    submitted = people["officer"].post(f"{url}submit/", HTTP_IF_MATCH=created["ETag"])
    assert submitted.status_code == 200, submitted.content
    approved = people["coordinator"].post(f"{url}approve/", HTTP_IF_MATCH=submitted["ETag"])
    assert approved.status_code == 200, approved.content
    assert approved.json()["workflow_state"] == "approved"
    return created.json()["id"]


def test_with_redis_down_entries_are_approved_reports_refused_and_built_once_it_returns(
    people, media_root, redis_server, subprocess_env
):
    with publishing_to(redis_server.url) as app:
        before, _ = _request_report(people["coordinator"], "sv")
        assert before.status_code == 202, before.content
        redis_server.stop()

        measure_id = _enter_submit_and_approve(people)
        refused, seconds = _request_report(people["coordinator"], "en")
        print(f"report request with Redis down: {refused.status_code} in {seconds:.2f} s")

        assert refused.status_code == 503
        assert refused.json()["state"] == ReportState.FAILED
        assert "job queue could not be reached" in refused.json()["error"]
        assert seconds < REFUSED_WITHIN

        redis_server.start()
        again, _ = _request_report(people["coordinator"], "en")
        assert again.status_code == 202, again.content
        worker = Worker({**subprocess_env, "CELERY_BROKER_URL": redis_server.url})
        try:
            runs = [ReportRun.objects.get(pk=before.json()["id"])]
            runs.append(ReportRun.objects.get(pk=again.json()["id"]))
            for run in runs:
                watch(run, lambda run: not run.is_active, [worker])
        finally:
            output = worker.stop()
            app.control.purge()

    assert [run.state for run in runs] == [ReportState.DONE, ReportState.DONE], output
    assert ReportSource.objects.filter(run=runs[1], kind="measure", entry_id=measure_id).exists()


def _nothing_listening(stack: ExitStack) -> int:
    return free_port()


def _never_answering(stack: ExitStack) -> int:
    """A port whose connections are accepted and never answered: a Redis that hangs."""
    listener = stack.enter_context(socket())
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    return listener.getsockname()[1]


def _never_accepting(stack: ExitStack) -> int:
    """A port whose backlog is full, so that new connections are never set up: the kernel
    drops their SYN as it drops those to a host that is unreachable."""
    listener = stack.enter_context(socket())
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    for _ in range(3):
        filler = stack.enter_context(socket())
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
    time.sleep(0.2)  # their handshakes fill the backlog
    return port


def test_a_report_request_is_refused_within_seconds_whatever_keeps_redis_away(people):
    answers = {}
    for broker in (_nothing_listening, _never_answering, _never_accepting):
        with ExitStack() as stack:
            port = broker(stack)
            with publishing_to(f"redis://127.0.0.1:{port}/0"):
                response, seconds = _request_report(people["coordinator"], "en")
        answers[broker.__name__.strip("_")] = (response.status_code, round(seconds, 1))
        assert "job queue could not be reached" in response.json()["error"]
    print(f"report requests with Redis away: {answers}")

    assert {status for status, _ in answers.values()} == {503}
    assert max(seconds for _, seconds in answers.values()) < REFUSED_WITHIN
    assert set(ReportRun.objects.values_list("state", flat=True)) == {ReportState.FAILED}
