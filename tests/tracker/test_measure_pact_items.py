"""A measure's EU Pact items are published, kept unchanged by the database and frozen in a
closed cycle's snapshot like its objectives."""

import os

import pytest
from django.db import IntegrityError, connection, transaction

from compact.models import PactItem
from tests.factories import MeasureFactory, ReviewCycleFactory, coordinator, officer
from tracker.services.cycles import cycle_close
from tracker.services.measures import measure_update
from tracker.services.workflow import entry_approve, entry_submit

pytestmark = pytest.mark.usefixtures("compact", "pact")


def _approve(entry, desk_officer, cora):
    entry = entry_submit(actor=desk_officer, entry=entry, expected_version=entry.version)
    return entry_approve(actor=cora, entry=entry, expected_version=entry.version)


@pytest.fixture
def published_measure():
    measure = MeasureFactory(objectives=[11])
    measure.pact_items.set(PactItem.objects.filter(code__in=["ACT-04", "III.2"]))
    return _approve(measure, officer(measure.lead_organisation), coordinator())


def _codes(items) -> set[str]:
    return set(items.values_list("code", flat=True))


def test_approving_publishes_the_pact_items_and_an_approved_change_publishes_the_new_ones(
    published_measure,
):
    first = published_measure.published
    assert _codes(first.pact_items) == {"ACT-04", "III.2"}
    desk_officer = officer(published_measure.lead_organisation)
    edited = measure_update(
        actor=desk_officer,
        measure=published_measure,
        expected_version=published_measure.version,
        data={"pact_items": ["ACT-01"]},
    )
    assert edited.published == first
    approved = entry_approve(actor=coordinator(), entry=edited, expected_version=edited.version)
    assert (approved.published.number, _codes(approved.published.pact_items)) == (2, {"ACT-01"})
    assert _codes(first.pact_items) == {"ACT-04", "III.2"}
    assert {link.pactitem.code for link in edited.history.latest().pact_items.all()} == {"ACT-01"}


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM tracker_publishedmeasure_pact_items",
        "UPDATE tracker_publishedmeasure_pact_items SET pactitem_id = pactitem_id",
    ],
)
def test_the_database_refuses_to_change_a_published_record_s_pact_items(
    published_measure, statement
):
    if connection.vendor != "postgresql" and os.environ.get("CI") != "true":
        pytest.skip("the trigger is PostgreSQL's")
    with (
        pytest.raises(IntegrityError, match="a published record cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert _codes(published_measure.published.pact_items) == {"ACT-04", "III.2"}


def test_a_closed_cycle_keeps_the_pact_items_its_measures_were_published_with(
    published_measure,
):
    cycle = ReviewCycleFactory()
    cycle_close(actor=coordinator(), cycle=cycle)
    (frozen,) = cycle.snapshot.measures.all()
    assert _codes(frozen.pact_items) == {"ACT-04", "III.2"}
