"""The permission rules themselves: role x operation x own/other organisation.

Pages and API have their own matrices (tests/tracker/web, tests/tracker/api); this one pins
the rules that all of them and the services ask."""

import pytest

from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    ProgressUpdateFactory,
    ReviewCycleFactory,
    administrator,
    committee_reader,
    coordinator,
    officer,
)
from tracker import selectors
from tracker.models import WorkflowState

pytestmark = pytest.mark.usefixtures("compact")

ROLES = ["own officer", "other officer", "coordinator", "committee", "administrator"]


@pytest.fixture
def users():
    home = OrganisationFactory(code="HOME")
    return {
        "own officer": officer(home),
        "other officer": officer(OrganisationFactory(code="AWAY")),
        "coordinator": coordinator(),
        "committee": committee_reader(),
        "administrator": administrator(),
        "home": home,
    }


def _allowed(users, permission, entry) -> list[str]:
    return [role for role in ROLES if users[role].has_perm(permission, entry)]


@pytest.mark.parametrize(
    ("state", "permission", "expected"),
    [
        ("draft", "tracker.view_measure", ["own officer", "coordinator"]),
        ("submitted", "tracker.view_measure", ["own officer", "coordinator"]),
        ("returned", "tracker.view_measure", ["own officer", "coordinator"]),
        ("approved", "tracker.view_measure", ROLES),
        ("draft", "tracker.change_measure", ["own officer"]),
        ("approved", "tracker.change_measure", ["own officer"]),
        ("draft", "tracker.submit_measure", ["own officer"]),
        ("draft", "tracker.withdraw_measure", ["own officer"]),
        ("draft", "tracker.add_evidence", ["own officer"]),
        ("submitted", "tracker.review_measure", ["coordinator"]),
        ("approved", "tracker.view_history_measure", ["own officer", "coordinator"]),
    ],
)
def test_measure_rules(users, state, permission, expected):
    measure = MeasureFactory(lead_organisation=users["home"], workflow_state=state)
    assert _allowed(users, permission, measure) == expected


def test_nobody_changes_a_withdrawn_measure(users):
    measure = MeasureFactory(lead_organisation=users["home"])
    measure.archived_at = measure.created_at
    assert _allowed(users, "tracker.change_measure", measure) == []
    assert _allowed(users, "tracker.add_evidence", measure) == []


def test_only_desk_officers_create_entries(users):
    for permission in ("tracker.add_measure", "tracker.add_pledge", "tracker.import_measures"):
        assert _allowed(users, permission, None) == ["own officer", "other officer"]


def test_only_coordinators_manage_cycles_and_see_the_review_queue(users):
    for permission in ("tracker.add_reviewcycle", "tracker.view_review_queue"):
        assert _allowed(users, permission, None) == ["coordinator"]


def test_only_administrators_manage_organisations_and_users(users):
    for permission in ("tracker.add_organisation", "tracker.change_user"):
        assert _allowed(users, permission, None) == ["administrator"]


def test_updates_of_a_closed_cycle_can_no_longer_change_or_be_reviewed(users):
    cycle = ReviewCycleFactory()
    update = ProgressUpdateFactory(
        measure=MeasureFactory(lead_organisation=users["home"]),
        cycle=cycle,
        workflow_state=WorkflowState.SUBMITTED,
    )
    assert _allowed(users, "tracker.change_progressupdate", update) == ["own officer"]
    cycle.closed_at = cycle.deadline
    assert _allowed(users, "tracker.change_progressupdate", update) == []
    assert _allowed(users, "tracker.review_progressupdate", update) == []


def test_anonymous_readers_see_approved_entries_only(users):
    from django.contrib.auth.models import AnonymousUser

    draft = MeasureFactory(lead_organisation=users["home"])
    approved = MeasureFactory(lead_organisation=users["home"], workflow_state="approved")
    anonymous = AnonymousUser()
    assert not anonymous.has_perm("tracker.view_measure", draft)
    assert anonymous.has_perm("tracker.view_measure", approved)
    assert not anonymous.has_perm("tracker.change_measure", approved)


@pytest.mark.parametrize(
    ("state", "may_submit_now", "may_review_now"),
    [
        ("draft", ["own officer"], []),
        ("returned", ["own officer"], []),
        ("submitted", [], ["coordinator"]),
        ("approved", [], []),
    ],
)
def test_the_steps_that_can_be_taken_now_depend_on_the_entrys_state(
    users, state, may_submit_now, may_review_now
):
    measure = MeasureFactory(lead_organisation=users["home"], workflow_state=state)
    assert _allowed(users, "tracker.submit_now_measure", measure) == may_submit_now
    assert _allowed(users, "tracker.review_now_measure", measure) == may_review_now
    # Who may take the step at all does not change with the state: the services ask that,
    # then say why the state does not allow it.
    assert _allowed(users, "tracker.submit_measure", measure) == ["own officer"]
    assert _allowed(users, "tracker.review_measure", measure) == ["coordinator"]


def test_a_submitted_update_of_a_closed_cycle_can_no_longer_be_reviewed_now(users):
    cycle = ReviewCycleFactory()
    update = ProgressUpdateFactory(
        measure=MeasureFactory(lead_organisation=users["home"]),
        cycle=cycle,
        workflow_state=WorkflowState.SUBMITTED,
    )
    assert _allowed(users, "tracker.review_now_progressupdate", update) == ["coordinator"]
    cycle.closed_at = cycle.deadline
    assert _allowed(users, "tracker.review_now_progressupdate", update) == []


def test_only_desk_officers_list_their_own_entries(users):
    assert _allowed(users, "tracker.list_own_entries", None) == ["own officer", "other officer"]


def test_the_lists_hold_exactly_the_entries_the_rules_let_each_reader_view(users):
    from django.contrib.auth.models import AnonymousUser

    away = users["other officer"].organisation
    measures = [
        MeasureFactory(lead_organisation=organisation, workflow_state=state)
        for organisation in (users["home"], away)
        for state in WorkflowState.values
    ]
    for reader in [*(users[role] for role in ROLES), AnonymousUser()]:
        listed = set(selectors.measure_list(user=reader))
        viewable = {m for m in measures if reader.has_perm("tracker.view_measure", m)}
        assert listed == viewable, reader
