"""Approvals and closes at the same moment, on a real PostgreSQL with two connections: closing a
cycle while an approval of one of its updates runs never leaves an approved update of the
closed cycle outside its snapshot, and two coordinators approving the same version publish it
once, the second told why."""

import datetime
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    PledgeFactory,
    ProgressUpdateFactory,
    ReviewCycleFactory,
    coordinator,
)
from tracker.models import (
    CycleSnapshot,
    Pledge,
    ProgressUpdate,
    PublishedPledge,
    PublishedUpdate,
    WorkflowState,
)
from tracker.services import cycles as cycle_services
from tracker.services import workflow
from tracker.services.workflow import entry_approve

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("compact")]

# How long the first transaction stays open once it has done its work: long enough for the
# other connection to reach the same rows, short enough to keep the test quick.
HOLD = 0.5
# A lock waited for longer than this fails the test instead of hanging it.
LOCK_TIMEOUT = "5s"
JOIN_TIMEOUT = 15


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the row locks that serialise the steps are PostgreSQL's, as in production")


def _in_own_connection(outcomes: dict, name: str, operation):
    """Run `operation` in a thread of its own, so on a connection of its own; record whether
    it went through or the ValidationError's messages."""

    def run():
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
            operation()
            outcomes[name] = "done"
        except ValidationError as error:
            outcomes[name] = " ".join(error.messages)
        except Exception as error:  # the test names what went wrong
            outcomes[name] = f"failed: {error!r}"
        finally:
            connection.close()

    return threading.Thread(target=run, name=name)


def _run_both(first, second, in_flight: threading.Event):
    """Start `first`; once it has done its work, in its transaction still open, start
    `second`. Both end within JOIN_TIMEOUT."""
    first.start()
    assert in_flight.wait(JOIN_TIMEOUT), "the first step never got under way"
    second.start()
    for thread in (first, second):
        thread.join(JOIN_TIMEOUT)
        assert not thread.is_alive(), f"{thread.name} hangs"


def _holding(monkeypatch, module, name: str, in_flight: threading.Event):
    """Make `module.name` signal, then hold its caller's transaction open for HOLD seconds,
    after doing its work."""
    real = getattr(module, name)

    def held(*args, **kwargs):
        result = real(*args, **kwargs)
        in_flight.set()
        time.sleep(HOLD)
        return result

    monkeypatch.setattr(module, name, held)


@pytest.fixture
def submitted_update():
    """A progress update under review, of an open cycle."""
    cycle = ReviewCycleFactory(
        slug="national-2025",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    ministry = OrganisationFactory(code="MOJ")
    measure = MeasureFactory(lead_organisation=ministry, workflow_state=WorkflowState.APPROVED)
    return ProgressUpdateFactory(
        measure=measure, cycle=cycle, workflow_state=WorkflowState.SUBMITTED
    )


def _steps(update, in_flight):
    cora, carl = coordinator(username="cora"), coordinator(username="carl")
    outcomes: dict[str, str] = {}
    approve = _in_own_connection(
        outcomes,
        "approve",
        lambda: entry_approve(actor=cora, entry=update, expected_version=update.version),
    )
    close = _in_own_connection(
        outcomes, "close", lambda: cycle_services.cycle_close(actor=carl, cycle=update.cycle)
    )
    return outcomes, approve, close


def test_a_close_during_an_approval_waits_for_it_and_its_snapshot_holds_the_update(
    submitted_update, monkeypatch
):
    in_flight = threading.Event()
    # The approval has published the update and written its history; it has not committed.
    _holding(monkeypatch, workflow, "entry_save", in_flight)
    outcomes, approve, close = _steps(submitted_update, in_flight)

    _run_both(approve, close, in_flight)

    assert outcomes == {"approve": "done", "close": "done"}
    update = ProgressUpdate.objects.get(pk=submitted_update.pk)
    assert update.workflow_state == WorkflowState.APPROVED
    snapshot = CycleSnapshot.objects.get(cycle=update.cycle)
    assert list(snapshot.updates.all()) == [update.published]


def test_an_approval_during_a_close_waits_for_it_and_is_refused_as_the_cycle_is_closed(
    submitted_update, monkeypatch
):
    in_flight = threading.Event()
    # The close has taken its snapshot; it has not committed.
    _holding(monkeypatch, cycle_services, "cycle_snapshot_take", in_flight)
    outcomes, approve, close = _steps(submitted_update, in_flight)

    _run_both(close, approve, in_flight)

    assert outcomes["close"] == "done"
    assert "is closed; its updates can no longer change" in outcomes["approve"]
    update = ProgressUpdate.objects.get(pk=submitted_update.pk)
    assert (update.workflow_state, update.published_id) == (WorkflowState.SUBMITTED, None)
    assert not PublishedUpdate.objects.exists()
    assert not CycleSnapshot.objects.get(cycle=update.cycle).updates.exists()


def test_two_coordinators_approving_the_same_version_at_once_publish_it_once(monkeypatch):
    pledge = PledgeFactory(
        lead_organisation=OrganisationFactory(code="MOJ"), workflow_state=WorkflowState.SUBMITTED
    )
    in_flight = threading.Event()
    _holding(monkeypatch, workflow, "entry_save", in_flight)
    outcomes: dict[str, str] = {}
    coordinators = {name: coordinator(username=name) for name in ("cora", "carl")}
    first, second = (
        _in_own_connection(
            outcomes,
            name,
            lambda actor=actor: entry_approve(
                actor=actor, entry=pledge, expected_version=pledge.version
            ),
        )
        for name, actor in coordinators.items()
    )

    _run_both(first, second, in_flight)

    assert outcomes["cora"] == "done"
    assert "Another coordinator approved this version a moment ago" in outcomes["carl"]
    (record,) = PublishedPledge.objects.filter(entry=pledge)
    assert (record.number, record.version, record.approved_by.username) == (
        1,
        pledge.version,
        "cora",
    )
    assert Pledge.objects.get(pk=pledge.pk).published == record
