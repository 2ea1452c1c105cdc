"""Each filter of the measure and pledge lists narrows the list to the entries it names."""

import datetime

import pytest

from compact.models import Action, GuidingPrinciple
from tests.factories import MeasureFactory, PledgeFactory, ProgressUpdateFactory
from tests.tracker.api.conftest import client_for
from tracker.models import WorkflowState

pytestmark = pytest.mark.usefixtures("compact")
APPROVED = WorkflowState.APPROVED


@pytest.fixture
def catalogue(own, other, cycle):
    pathways = MeasureFactory(
        title="Labour pathways",
        lead_organisation=own,
        objectives=[2, 5],
        status="planned",
        kind="legislation",
        start_date=datetime.date(2024, 1, 1),
        workflow_state=APPROVED,
    )
    pathways.actions.set([Action.objects.get(objective__number=5, letter="c")])
    pathways.guiding_principles.set([GuidingPrinciple.objects.get(code="human_rights")])
    courses = MeasureFactory(
        title="Språkkurser",
        description="Courses in Swedish for newcomers.",
        lead_organisation=other,
        objectives=[16],
        status="ongoing",
        kind="programme",
        start_date=datetime.date(2023, 1, 1),
        workflow_state=APPROVED,
    )
    courses.actions.set([Action.objects.get(objective__number=16, letter="a")])
    statistics = MeasureFactory(
        title="Migrationsstatistik",
        title_en="Migration statistics",
        lead_organisation=own,
        objectives=[1],
        status="completed",
        kind="data_research",
        start_date=datetime.date(2025, 1, 1),
    )
    ProgressUpdateFactory(measure=courses, cycle=cycle, workflow_state=APPROVED)
    # A draft update does not put its measure in the cycle for readers who cannot see it.
    ProgressUpdateFactory(measure=pathways, cycle=cycle)
    return {"pathways": pathways, "courses": courses, "statistics": statistics}


def titles(client, **params) -> list[str]:
    response = client.get("/api/v1/measures/", params)
    assert response.status_code == 200, response.json()
    return sorted(measure["title"] for measure in response.json()["results"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Labour pathways", "Migrationsstatistik", "Språkkurser"]),
        ({"objective": 5}, ["Labour pathways"]),
        ({"objective": 16}, ["Språkkurser"]),
        ({"objective": 7}, []),
        ({"action": "5c"}, ["Labour pathways"]),
        ({"action": "16A"}, ["Språkkurser"]),
        ({"action": "5d"}, []),
        ({"round_table": 1}, ["Labour pathways"]),
        ({"round_table": 3}, ["Språkkurser"]),
        ({"round_table": 4}, ["Migrationsstatistik"]),
        ({"organisation": "OWN"}, ["Labour pathways", "Migrationsstatistik"]),
        ({"status": "planned"}, ["Labour pathways"]),
        ({"status": ["planned", "completed"]}, ["Labour pathways", "Migrationsstatistik"]),
        ({"kind": "programme"}, ["Språkkurser"]),
        ({"workflow_state": "draft"}, ["Migrationsstatistik"]),
        ({"workflow_state": "approved"}, ["Labour pathways", "Språkkurser"]),
        ({"guiding_principle": "human_rights"}, ["Labour pathways"]),
        ({"cycle": "national-2025"}, ["Labour pathways", "Migrationsstatistik", "Språkkurser"]),
        ({"cycle": "national-2099"}, []),
        ({"search": "statistics"}, ["Migrationsstatistik"]),
        ({"search": "courses swedish"}, ["Språkkurser"]),
        ({"search": "pathways courses"}, []),
        ({"q": "statistics"}, ["Migrationsstatistik"]),
        ({"q": "pathways courses"}, []),
        ({"objective": 5, "organisation": "OTHER"}, []),
        ({"round_table": 1, "status": "planned", "action": "5c"}, ["Labour pathways"]),
    ],
)
def test_each_measure_filter_narrows_the_list(users, catalogue, params, expected):
    assert titles(client_for(users["coordinator"]), **params) == expected


def test_a_measure_with_two_objectives_in_a_round_table_is_listed_once(users, catalogue):
    response = client_for(users["coordinator"]).get("/api/v1/measures/", {"round_table": 1})

    assert response.json()["count"] == 1


def test_the_cycle_filter_lists_the_visible_measures_of_the_cycle(catalogue):
    assert titles(client_for(), cycle="national-2025") == ["Labour pathways", "Språkkurser"]


def test_the_cycle_filter_counts_an_inactive_measure_only_with_an_approved_update(own, cycle):
    ended = {"lead_organisation": own, "end_date": datetime.date(2024, 6, 30)}
    updated = MeasureFactory(title="Updated", workflow_state=APPROVED, **ended)
    drafted = MeasureFactory(title="Drafted", workflow_state=APPROVED, **ended)
    MeasureFactory(title="Ended", workflow_state=APPROVED, **ended)
    ProgressUpdateFactory(measure=updated, cycle=cycle, workflow_state=APPROVED)
    ProgressUpdateFactory(measure=drafted, cycle=cycle)

    assert titles(client_for(), cycle="national-2025") == ["Updated"]


def test_the_public_filters_within_approved_measures(catalogue):
    assert titles(client_for(), organisation="OWN") == ["Labour pathways"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("title", ["Labour pathways", "Migrationsstatistik", "Språkkurser"]),
        ("-title", ["Språkkurser", "Migrationsstatistik", "Labour pathways"]),
        ("start_date", ["Språkkurser", "Labour pathways", "Migrationsstatistik"]),
        ("-start_date", ["Migrationsstatistik", "Labour pathways", "Språkkurser"]),
    ],
)
def test_the_measures_can_be_ordered(users, catalogue, ordering, expected):
    response = client_for(users["coordinator"]).get("/api/v1/measures/", {"ordering": ordering})

    assert [measure["title"] for measure in response.json()["results"]] == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "sleeping"}, "status"),
        ({"action": "five"}, "action"),
        ({"objective": "x"}, "objective"),
        ({"ordering": "budget_amount"}, "ordering"),
    ],
)
def test_a_bad_filter_value_is_refused_naming_the_filter(catalogue, params, field):
    response = client_for().get("/api/v1/measures/", params)

    assert response.status_code == 400
    assert field in response.json()


def test_the_list_is_paginated(own):
    for number in range(53):
        MeasureFactory(lead_organisation=own, title=f"M{number:02}", workflow_state=APPROVED)
    client = client_for()

    first = client.get("/api/v1/measures/", {"ordering": "title"}).json()
    second = client.get("/api/v1/measures/", {"ordering": "title", "page": 2}).json()

    assert first["count"] == 53
    assert len(first["results"]) == 50
    assert [m["title"] for m in second["results"]] == ["M50", "M51", "M52"]


@pytest.fixture
def pledge_catalogue(own, other):
    return [
        PledgeFactory(
            text="Fund language centres",
            lead_organisation=own,
            objectives=[16],
            pledge_type="financial",
            status="in_progress",
            workflow_state=APPROVED,
        ),
        PledgeFactory(
            text="Ratify the convention",
            lead_organisation=other,
            objectives=[6, 7],
            pledge_type="policy_oriented",
            occasion="GA 2024",
            workflow_state=APPROVED,
        ),
        PledgeFactory(
            text="Open a data hub",
            lead_organisation=own,
            objectives=[1],
            pledge_type="human_resources",
        ),
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"objective": 7}, ["Ratify the convention"]),
        ({"organisation": "OWN"}, ["Fund language centres", "Open a data hub"]),
        ({"status": "in_progress"}, ["Fund language centres"]),
        ({"pledge_type": "policy_oriented"}, ["Ratify the convention"]),
        ({"workflow_state": "draft"}, ["Open a data hub"]),
        ({"search": "GA 2024"}, ["Ratify the convention"]),
        ({"search": "language"}, ["Fund language centres"]),
        ({"q": "language"}, ["Fund language centres"]),
    ],
)
def test_each_pledge_filter_narrows_the_list(users, pledge_catalogue, params, expected):
    response = client_for(users["coordinator"]).get("/api/v1/pledges/", params)

    assert sorted(pledge["text"] for pledge in response.json()["results"]) == expected
