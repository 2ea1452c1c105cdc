"""The data of before published records: migrating gives every approved entry a published
record of its current version and every closed cycle its snapshot."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("tracker", "0004_published_records")]
AFTER = [("tracker", "0005_published_records_kept")]

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("compact")]


@pytest.fixture(autouse=True)
def _latest_schema_after():
    """Leave the database at the latest migrations, as the tests after this one expect."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _arrange(apps) -> dict:
    Organisation = apps.get_model("tracker", "Organisation")
    Measure = apps.get_model("tracker", "Measure")
    Pledge = apps.get_model("tracker", "Pledge")
    Cycle = apps.get_model("tracker", "ReviewCycle")
    Update = apps.get_model("tracker", "ProgressUpdate")
    Objective = apps.get_model("compact", "Objective")
    ministry = Organisation.objects.create(
        code="MOJ", name_en="Ministry of Justice", kind="ministry"
    )
    reviewed = datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC)
    common = {"language": "sv", "lead_organisation": ministry, "reviewed_at": reviewed}
    approved = Measure.objects.create(
        title="Legal aid", description="Aid.", kind="programme", status="ongoing",
        workflow_state="approved", version=3, **common,
    )  # fmt: skip
    approved.objectives.set(Objective.objects.filter(number__in=[2, 5]))
    draft = Measure.objects.create(
        title="Draft", description="Not yet.", kind="programme", status="planned", **common
    )
    withdrawn = Pledge.objects.create(
        text="We pledge.", pledge_type="policy_oriented", made_on=datetime.date(2022, 5, 20),
        status="in_progress", workflow_state="approved", archived_at=reviewed, **common,
    )  # fmt: skip
    cycle = Cycle.objects.create(
        name="National 2025", slug="national-2025", kind="national",
        period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2025, 12, 31),
        deadline=reviewed, closed_at=reviewed,
    )  # fmt: skip
    update = Update.objects.create(
        measure=approved, cycle=cycle, status="ongoing", narrative="Done.",
        workflow_state="approved", reviewed_at=reviewed,
    )  # fmt: skip
    return {"approved": approved, "draft": draft, "withdrawn": withdrawn, "update": update}


def test_approved_entries_get_their_published_record_and_closed_cycles_their_snapshot():
    arranged = _arrange(_migrate(BEFORE))
    apps = _migrate(AFTER)
    Measure = apps.get_model("tracker", "Measure")
    Pledge = apps.get_model("tracker", "Pledge")
    Snapshot = apps.get_model("tracker", "CycleSnapshot")

    approved = Measure.objects.get(pk=arranged["approved"].pk)
    record = approved.published
    assert (record.number, record.version, record.title, record.withdrawn) == (
        1,
        2,
        "Legal aid",
        False,
    )
    assert sorted(record.objectives.values_list("number", flat=True)) == [2, 5]
    assert record.approved_at == arranged["approved"].reviewed_at
    assert Measure.objects.get(pk=arranged["draft"].pk).published is None
    assert Pledge.objects.get(pk=arranged["withdrawn"].pk).published.withdrawn is True

    snapshot = Snapshot.objects.get(cycle__slug="national-2025")
    assert list(snapshot.measures.values_list("entry_id", flat=True)) == [approved.pk]
    assert list(snapshot.updates.values_list("entry_id", flat=True)) == [arranged["update"].pk]
    # A withdrawn pledge is not public, so the closed cycle does not keep it.
    assert not snapshot.pledges.exists()
