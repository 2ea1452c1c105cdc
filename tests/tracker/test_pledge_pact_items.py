"""A pledge's EU Pact items, as a measure's: taken as codes or items with an unknown code named
and nothing saved, published, kept unchanged by the database, frozen in a closed cycle's
snapshot and kept in the pledge's history."""

import os

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from compact.models import Objective, PactItem
from tests.factories import OrganisationFactory, PledgeFactory, ReviewCycleFactory, coordinator
from tests.factories import officer as make_officer
from tracker.models import Pledge
from tracker.services.cycles import cycle_close
from tracker.services.pledges import pledge_create, pledge_update
from tracker.services.workflow import entry_approve, entry_submit

pytestmark = pytest.mark.usefixtures("compact", "pact")


def _codes(items) -> set[str]:
    return set(items.values_list("code", flat=True))


def _approve(entry):
    entry = entry_submit(
        actor=make_officer(entry.lead_organisation), entry=entry, expected_version=entry.version
    )
    return entry_approve(actor=coordinator(), entry=entry, expected_version=entry.version)


def _data(**overrides) -> dict:
    return {
        "text": "Vi öppnar två nya lagliga vägar.",
        "language": "sv",
        "pledge_type": "policy_oriented",
        "objectives": list(Objective.objects.filter(number=5)),
        "made_on": "2022-05-20",
        "occasion": "IMRF 2022",
        **overrides,
    }


@pytest.fixture
def published_pledge():
    pledge = PledgeFactory(objectives=[5])
    pledge.pact_items.set(PactItem.objects.filter(code__in=["ACT-04", "III.2"]))
    return _approve(pledge)


def test_a_pledge_links_to_pact_items_by_code_or_item_and_its_history_keeps_them():
    act = PactItem.objects.get(code="ACT-04")
    desk_officer = make_officer(OrganisationFactory())

    pledge = pledge_create(actor=desk_officer, data=_data(pact_items=["III.2", act]))

    assert _codes(pledge.pact_items) == {"III.2", "ACT-04"}
    record = pledge.history.latest()
    assert {link.pactitem.code for link in record.pact_items.all()} == {"III.2", "ACT-04"}


@pytest.mark.parametrize("update", [False, True])
def test_an_unknown_pact_code_names_the_field_and_the_code_and_saves_nothing(update):
    desk_officer = make_officer(OrganisationFactory())
    if update:
        pledge = pledge_create(actor=desk_officer, data=_data(pact_items=["III.2"]))
        with pytest.raises(ValidationError) as error:
            pledge_update(
                actor=desk_officer,
                pledge=pledge,
                expected_version=pledge.version,
                data={"text": "Ny", "pact_items": ["III.1", "IX.9"]},
            )
    else:
        with pytest.raises(ValidationError) as error:
            pledge_create(actor=desk_officer, data=_data(pact_items=["III.1", "IX.9"]))

    assert list(error.value.message_dict) == ["pact_items"]
    assert "IX.9" in error.value.message_dict["pact_items"][0]
    assert "III.1" not in error.value.message_dict["pact_items"][0]
    if update:
        pledge = Pledge.objects.get()
        assert (pledge.text, pledge.version) == (_data()["text"], 1)
        assert _codes(pledge.pact_items) == {"III.2"}
    else:
        assert not Pledge.objects.exists()


def test_approving_publishes_the_pact_items_and_an_approved_change_publishes_the_new_ones(
    published_pledge,
):
    first = published_pledge.published
    assert _codes(first.pact_items) == {"ACT-04", "III.2"}
    edited = pledge_update(
        actor=make_officer(published_pledge.lead_organisation),
        pledge=published_pledge,
        expected_version=published_pledge.version,
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
        "DELETE FROM tracker_publishedpledge_pact_items",
        "UPDATE tracker_publishedpledge_pact_items SET pactitem_id = pactitem_id",
    ],
)
def test_the_database_refuses_to_change_a_published_record_s_pact_items(
    published_pledge, statement
):
    if connection.vendor != "postgresql" and os.environ.get("CI") != "true":
        pytest.skip("the trigger is PostgreSQL's")
    with (
        pytest.raises(IntegrityError, match="a published record cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert _codes(published_pledge.published.pact_items) == {"ACT-04", "III.2"}


def test_a_closed_cycle_keeps_the_pact_items_its_pledges_were_published_with(published_pledge):
    cycle = ReviewCycleFactory()
    cycle_close(actor=coordinator(), cycle=cycle)
    (frozen,) = cycle.snapshot.pledges.all()
    assert _codes(frozen.pact_items) == {"ACT-04", "III.2"}
    edited = pledge_update(
        actor=make_officer(published_pledge.lead_organisation),
        pledge=published_pledge,
        expected_version=published_pledge.version,
        data={"pact_items": []},
    )
    approved = entry_approve(actor=coordinator(), entry=edited, expected_version=edited.version)
    assert not approved.published.pact_items.exists()
    (frozen,) = cycle.snapshot.pledges.all()
    assert _codes(frozen.pact_items) == {"ACT-04", "III.2"}
