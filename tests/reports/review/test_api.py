"""The report runs in the API: coordinators request a report (202), follow it and download it;
nobody else can do or see any of it."""

from unittest import mock

import pytest
import yaml
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from reports.models import ReportRun, ReportState
from tests.factories import administrator, committee_reader, coordinator, officer
from tests.reports.review.conftest import build

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def request_report(client, cycle="national-2025", language="en", kind="draft"):
    return client.post(
        "/api/v1/reports/", {"cycle": cycle, "language": language, "kind": kind}, format="json"
    )


@pytest.fixture
def boss(dataset):
    return client_for(coordinator(username="boss"))


def test_it_accepts_a_request_with_202_and_the_run_is_built(
    boss, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = request_report(boss)
    assert response.status_code == 202, response.content
    body = response.json()
    assert response["Location"] == f"/api/v1/reports/{body['id']}/"
    assert body["joined"] is False
    assert body["cycle"] == "national-2025"
    assert body["kind"] == "draft"
    # No broker in the tests: the task ran in-process once the request's transaction committed.
    run = boss.get(f"/api/v1/reports/{body['id']}/").json()
    assert run["state"] == "done", run["error"]
    assert run["progress"] == 100
    assert run["requested_by"] == "boss"
    download = boss.get(f"/api/v1/reports/{body['id']}/file/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="national-2025-en-draft.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"cycle": "nowhere"}, "cycle", "There is no review cycle “nowhere”."),
        ({"language": "fr"}, "language", '"fr" is not a valid choice.'),
        ({"kind": "preliminary"}, "kind", '"preliminary" is not a valid choice.'),
        ({"kind": "final"}, "is_final", "entries are still under review"),
    ],
)
def test_it_refuses_bad_input_naming_the_field(boss, payload, field, message):
    response = request_report(boss, **payload)
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert not ReportRun.objects.exists()


def test_a_second_request_for_a_running_report_joins_it(boss, dataset):
    running = ReportRun.objects.create(
        cycle=dataset.cycles.new, language="en", state=ReportState.RUNNING
    )
    response = request_report(boss)
    assert response.status_code == 202
    assert response.json()["id"] == running.pk
    assert response.json()["joined"] is True
    assert ReportRun.objects.count() == 1
    # Another language is another report.
    assert request_report(boss, language="sv").json()["id"] != running.pk


def test_the_file_of_an_unfinished_run_is_a_409(boss, dataset):
    run = ReportRun.objects.create(cycle=dataset.cycles.new, language="en")
    response = boss.get(f"/api/v1/reports/{run.pk}/file/")
    assert response.status_code == 409
    assert "no file yet" in response.json()["detail"]


@pytest.mark.parametrize(
    "make_user",
    [None, officer, committee_reader, administrator],
    ids=["anonymous", "desk officer", "committee reader", "administrator"],
)
def test_only_coordinators_request_read_or_download(dataset, make_user):
    run = ReportRun.objects.create(cycle=dataset.cycles.new, language="en")
    client = client_for(make_user() if make_user else None)
    expected = 403
    assert request_report(client).status_code == expected
    assert client.get("/api/v1/reports/").status_code == expected
    assert client.get(f"/api/v1/reports/{run.pk}/").status_code == expected
    assert client.get(f"/api/v1/reports/{run.pk}/file/").status_code == expected
    assert client.get(f"/api/v1/reports/{run.pk}/sources/").status_code == expected
    assert ReportRun.objects.count() == 1


def test_every_action_on_runs_is_the_coordinators_even_asking_what_it_accepts(dataset):
    officer_client = client_for(officer())
    assert officer_client.options("/api/v1/reports/").status_code == 403
    assert client_for(coordinator()).options("/api/v1/reports/").status_code == 200


def test_the_schema_says_reading_runs_needs_a_login(client):
    paths = yaml.safe_load(client.get("/api/schema/").content)["paths"]
    runs = {path: ops for path, ops in paths.items() if path.startswith("/api/v1/reports/")}
    assert runs
    for operations in runs.values():
        for operation in operations.values():
            assert {} not in operation["security"]
    # Where anyone may read, the schema says so.
    assert {} in paths["/api/v1/measures/"]["get"]["security"]


def test_the_list_reads_a_fixed_number_of_queries(boss, dataset, django_assert_max_num_queries):
    for language in ("en", "sv", "nb", "da"):
        ReportRun.objects.create(cycle=dataset.cycles.new, language=language)
    with django_assert_max_num_queries(6):
        response = boss.get("/api/v1/reports/?cycle=national-2025")
    assert response.json()["count"] == 4


@pytest.mark.django_db(transaction=True)
def test_a_request_while_the_queue_is_down_is_refused_with_503(boss):
    # A real commit: the job is enqueued before the view answers, as in production.
    with mock.patch("reports.tasks.report_build_task.delay", side_effect=OSError("refused")):
        response = request_report(boss)
    assert response.status_code == 503
    assert response.json()["state"] == "failed"
    assert "job queue could not be reached" in response.json()["error"]


def test_it_tells_which_version_of_a_measure_a_report_was_built_from(boss, dataset):
    run = build(dataset.cycles.new)
    m1 = dataset.measures.m1
    response = boss.get(f"/api/v1/reports/{run.pk}/sources/?kind=measure&entry_id={m1.pk}")
    assert response.status_code == 200
    (source,) = response.json()["results"]
    assert source["version"] == m1.version
    assert source["history_id"] == m1.history.latest().history_id
    everything = boss.get(f"/api/v1/reports/{run.pk}/sources/").json()
    assert everything["count"] == 3 + 2 + 3  # measures, their updates of the cycle, pledges
