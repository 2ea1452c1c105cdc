"""The embedded default (`make run`: no broker configured, no server to install) builds a report
as production does: Generate queues the build and answers at once, a worker reading the embedded
broker's folder builds it, and the run's page shows the stages in between."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from reports.models import ReportRun, ReportState
from tests.factories import coordinator
from tests.reports.factories import measure, update
from tests.workers import Worker, product_env, publishing_to, watch

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def embedded_broker(tmp_path):
    """This process publishes to the embedded broker, in a folder of the test's own, as the web
    server of `make run` does; the environment a worker of `make run` gets."""
    folder = tmp_path / "broker"
    (folder / "processed").mkdir(parents=True)
    options = {
        "data_folder_in": str(folder),
        "data_folder_out": str(folder),
        "processed_folder": str(folder / "processed"),
        "store_processed": False,
    }
    with publishing_to("filesystem://", result_backend="", **options):
        yield product_env(broker_url="", CELERY_BROKER_FOLDER=str(folder))


def test_with_no_broker_configured_the_settings_queue_tasks_in_the_embedded_broker(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from tracker.celery import app; c = app.conf; "
        "print(c.broker_url, c.task_always_eager, c.broker_transport_options['data_folder_in'])"
    )
    env = product_env(broker_url="", CELERY_BROKER_FOLDER=str(tmp_path / "queue"))
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "tracker.settings"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["filesystem://", "False", str(tmp_path / "queue")]
    assert (tmp_path / "queue" / "processed").is_dir()


def test_generate_answers_at_once_and_the_worker_builds_the_report_with_its_stages_shown(
    client, dataset, embedded_broker
):
    for number in range(40):
        entry = measure(dataset.organisations.moj, [number % 23 + 1], title=f"Measure {number}")
        update(entry, dataset.cycles.new, results="Results of the period. " * 20)
    client.force_login(coordinator())
    response = client.post(
        reverse("report:generate", args=[dataset.cycles.new.slug]),
        {"language": "en", "is_final": "draft"},
    )
    run = ReportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("report:run", args=[run.pk])
    # Nothing was built inside the request: the build waits in the broker for a worker.
    assert (run.state, run.progress) == (ReportState.QUEUED, 0)
    page = client.get(response["Location"])
    assert "Queued" in page.content.decode()

    worker = Worker(embedded_broker)
    try:
        seen = watch(run, lambda run: not run.is_active, [worker])
    finally:
        output = worker.stop()
    assert run.state == ReportState.DONE, (run.error, output)
    assert any(state == ReportState.RUNNING and 0 < progress < 100 for state, progress in seen)
    assert seen[-1] == (ReportState.DONE, 100)
    assert run.file.open("rb").read(5) == b"%PDF-"
