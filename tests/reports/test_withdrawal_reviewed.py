"""Withdrawing a published entry is a change like any other (issue 13, ADR 0016): the public
keeps seeing it until a coordinator approves the withdrawal; a closed cycle keeps it."""

from django.core.cache import cache
from django.urls import reverse

from reports.dashboards import figures
from tests.factories import coordinator, officer
from tracker.models import Measure, WorkflowState
from tracker.selectors import cycles as cycle_selectors
from tracker.services.measures import measure_withdraw
from tracker.services.publication import cycle_snapshot_take
from tracker.services.workflow import entry_approve, entry_return, entry_withdrawal_cancel


def _count(cycle) -> int:
    cache.clear()
    return figures.figures_by_cycle([cycle])[cycle.pk].measures


def _listed(client, measure, **query) -> bool:
    cache.clear()
    page = client.get(reverse("dashboard:measures"), query).content.decode()
    return f'data-id="{measure.pk}"' in page


def _request(measure) -> Measure:
    measure.refresh_from_db()
    return measure_withdraw(
        actor=officer(measure.lead_organisation), measure=measure, expected_version=measure.version
    )


def test_a_withdrawal_leaves_public_view_when_approved_and_a_closed_cycle_keeps_it(client, dataset):
    old, new = dataset.cycles.old, dataset.cycles.new
    cycle_snapshot_take(cycle=old, taken_at=old.closed_at)
    m1 = dataset.measures.m1
    assert (_count(new), _count(old)) == (3, 4)

    requested = _request(m1)

    assert (requested.workflow_state, requested.archived_at) == (WorkflowState.SUBMITTED, None)
    assert _count(new) == 3
    assert _listed(client, m1)
    assert m1.pk in cycle_selectors.public_measures().values_list("entry_id", flat=True)

    approved = entry_approve(
        actor=coordinator(), entry=requested, expected_version=requested.version
    )

    assert approved.archived_at is not None
    assert approved.published.withdrawn
    assert _count(new) == 2
    assert not _listed(client, m1)
    assert m1.pk not in cycle_selectors.public_measures().values_list("entry_id", flat=True)
    # The closed cycle froze the record it closed with.
    assert _count(old) == 4
    assert _listed(client, m1, cycle=old.slug)


def test_a_returned_withdrawal_keeps_the_entry_public_and_can_be_cancelled(client, dataset):
    new = dataset.cycles.new
    m1 = dataset.measures.m1
    requested = _request(m1)
    returned = entry_return(
        actor=coordinator(),
        entry=requested,
        comment="The programme still runs until June.",
        expected_version=requested.version,
    )

    assert returned.workflow_state == WorkflowState.RETURNED
    assert _count(new) == 3
    assert _listed(client, m1)

    cancelled = entry_withdrawal_cancel(
        actor=officer(m1.lead_organisation), entry=returned, expected_version=returned.version
    )

    # Nothing the public sees changed: it is approved again, with the same published record.
    assert cancelled.workflow_state == WorkflowState.APPROVED
    assert cancelled.withdrawal_requested_at is None
    assert cancelled.published.number == 1
    assert _listed(client, m1)
