"""The API's permission matrix: every role, by session and by token, against every operation
on its own and another organisation's entries. An entry one may not see is 404, one she may
see but not change is 403; a refused request changes nothing."""

import pytest

from tests.tracker.api.conftest import client_for, measure_payload, pledge_payload
from tracker.models import Measure, Pledge, ProgressUpdate, ReviewCycle

pytestmark = pytest.mark.usefixtures("compact")

ROLES = ("own_officer", "other_officer", "coordinator", "committee_reader", "administrator")
# (role, how it logs in): the rules do not depend on how a user authenticates.
CLIENTS = [
    *((role, "session") for role in ROLES),
    ("own_officer", "token"),
    ("other_officer", "token"),
    ("coordinator", "token"),
    ("committee_reader", "token"),
    ("anonymous", None),
]


def operation(method, url, data=None):
    return lambda ctx: (method, url.format(**ctx), data)


# Every request sends the version it is based on, as a well-behaved client does.
OPERATIONS = {
    "retrieve draft": operation("get", "/api/v1/measures/{own_draft}/"),
    "retrieve approved": operation("get", "/api/v1/measures/{own_approved}/"),
    "create": operation("post", "/api/v1/measures/", measure_payload()),
    "update draft": operation(
        "patch", "/api/v1/measures/{own_draft}/", {"title": "Changed", "version": 1}
    ),
    "update approved": operation(
        "patch", "/api/v1/measures/{own_approved}/", {"title": "Changed", "version": 1}
    ),
    "replace approved": operation(
        "put", "/api/v1/measures/{own_approved}/", measure_payload(version=1)
    ),
    "submit draft": operation("post", "/api/v1/measures/{own_draft}/submit/", {"version": 1}),
    "withdraw draft": operation("post", "/api/v1/measures/{own_draft}/withdraw/", {"version": 1}),
    "withdraw approved": operation(
        "post", "/api/v1/measures/{own_approved}/withdraw/", {"version": 1}
    ),
    "approve submitted": operation("post", "/api/v1/measures/{own_submitted}/approve/", {}),
    "return submitted": operation(
        "post", "/api/v1/measures/{own_submitted}/return/", {"comment": "Add the budget."}
    ),
    "list updates of draft": operation("get", "/api/v1/measures/{own_draft}/updates/"),
    "create update": operation(
        "post",
        "/api/v1/measures/{own_approved}/updates/",
        {"status": "ongoing", "narrative": "Courses started."},
    ),
    "create update of draft": operation(
        "post",
        "/api/v1/measures/{own_draft}/updates/",
        {"status": "ongoing", "narrative": "Courses started."},
    ),
    "retrieve draft update": operation(
        "get", "/api/v1/measures/{own_approved}/updates/{draft_update}/"
    ),
    "update draft update": operation(
        "patch",
        "/api/v1/measures/{own_approved}/updates/{draft_update}/",
        {"narrative": "Changed", "version": 1},
    ),
    "submit draft update": operation(
        "post", "/api/v1/measures/{own_approved}/updates/{draft_update}/submit/"
    ),
    "retrieve draft pledge": operation("get", "/api/v1/pledges/{pledge_draft}/"),
    "create pledge": operation("post", "/api/v1/pledges/", pledge_payload()),
    "update approved pledge": operation(
        "patch", "/api/v1/pledges/{pledge_approved}/", {"occasion": "GA 2024", "version": 1}
    ),
    "submit draft pledge": operation("post", "/api/v1/pledges/{pledge_draft}/submit/"),
    "approve submitted pledge": operation("post", "/api/v1/pledges/{pledge_submitted}/approve/"),
    "create cycle": operation(
        "post",
        "/api/v1/cycles/",
        {
            "slug": "ga-2026",
            "name": "General Assembly 2026",
            "kind": "general_assembly",
            "period_start": "2024-07-01",
            "period_end": "2026-06-30",
            "deadline": "2026-09-01T12:00:00+02:00",
        },
    ),
    "close cycle": operation("post", "/api/v1/cycles/{cycle}/close/"),
}

EXPECTED = {
    #                           own  other coord committee admin anonymous
    "retrieve draft": (200, 404, 200, 404, 404, 404),
    "retrieve approved": (200, 200, 200, 200, 200, 200),
    "create": (201, 201, 403, 403, 403, 403),
    "update draft": (200, 404, 403, 404, 404, 403),
    "update approved": (200, 403, 403, 403, 403, 403),
    "replace approved": (200, 403, 403, 403, 403, 403),
    "submit draft": (200, 404, 403, 404, 404, 403),
    "withdraw draft": (200, 404, 403, 404, 404, 403),
    "withdraw approved": (200, 403, 403, 403, 403, 403),
    "approve submitted": (403, 404, 200, 404, 404, 403),
    "return submitted": (403, 404, 200, 404, 404, 403),
    "list updates of draft": (200, 404, 200, 404, 404, 404),
    "create update": (201, 403, 403, 403, 403, 403),
    "create update of draft": (201, 404, 403, 403, 403, 403),
    "retrieve draft update": (200, 404, 200, 404, 404, 404),
    "update draft update": (200, 404, 403, 404, 404, 403),
    "submit draft update": (200, 404, 403, 404, 404, 403),
    "retrieve draft pledge": (200, 404, 200, 404, 404, 404),
    "create pledge": (201, 201, 403, 403, 403, 403),
    "update approved pledge": (200, 403, 403, 403, 403, 403),
    "submit draft pledge": (200, 404, 403, 404, 404, 403),
    "approve submitted pledge": (403, 404, 200, 404, 404, 403),
    "create cycle": (403, 403, 201, 403, 403, 403),
    "close cycle": (403, 403, 200, 403, 403, 403),
}
COLUMNS = (*ROLES, "anonymous")


def state_of_everything() -> list:
    """What a refused request must leave as it was."""
    return [
        sorted(Measure.objects.values_list("id", "title", "version", "workflow_state")),
        sorted(Measure.objects.values_list("id", "archived_at")),
        sorted(Pledge.objects.values_list("id", "occasion", "version", "workflow_state")),
        sorted(ProgressUpdate.objects.values_list("id", "narrative", "version", "workflow_state")),
        sorted(ReviewCycle.objects.values_list("slug", "closed_at")),
    ]


@pytest.fixture
def context(users, measures, pledges, draft_update, cycle) -> dict:
    return {
        **{name: measure.pk for name, measure in measures.items()},
        "pledge_draft": pledges["own_draft"].pk,
        "pledge_submitted": pledges["own_submitted"].pk,
        "pledge_approved": pledges["own_approved"].pk,
        "draft_update": draft_update.pk,
        "cycle": cycle.slug,
    }


@pytest.mark.parametrize(("role", "login"), CLIENTS, ids=lambda value: str(value))
@pytest.mark.parametrize("name", list(OPERATIONS))
def test_the_permission_matrix(users, context, role, login, name):
    client = client_for(users.get(role), token=login == "token")
    method, url, data = OPERATIONS[name](context)
    expected = EXPECTED[name][COLUMNS.index(role)]
    before = state_of_everything()

    response = getattr(client, method)(url, data, format="json")

    assert response.status_code == expected, response.content
    if expected >= 400:
        assert state_of_everything() == before
    else:
        assert state_of_everything() != before or method == "get"


VISIBLE_IN_LIST = {
    "own_officer": {"Own draft", "Own submitted", "Own approved", "Other approved"},
    "other_officer": {"Own approved", "Other draft", "Other approved"},
    "coordinator": {"Own draft", "Own submitted", "Own approved", "Other draft", "Other approved"},
    "committee_reader": {"Own approved", "Other approved"},
    "administrator": {"Own approved", "Other approved"},
    "anonymous": {"Own approved", "Other approved"},
}


@pytest.mark.parametrize(("role", "login"), CLIENTS, ids=lambda value: str(value))
def test_the_list_shows_each_role_what_it_may_read(users, measures, role, login):
    client = client_for(users.get(role), token=login == "token")

    response = client.get("/api/v1/measures/")

    assert response.status_code == 200
    assert {measure["title"] for measure in response.json()["results"]} == VISIBLE_IN_LIST[role]


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/api/v1/measures/{m}/", None),
        ("put", "/api/v1/measures/{m}/", measure_payload(version=1)),
        ("patch", "/api/v1/measures/{m}/", {"title": "Mine now", "version": 1}),
        ("post", "/api/v1/measures/{m}/submit/", {}),
        ("post", "/api/v1/measures/{m}/withdraw/", {}),
        ("get", "/api/v1/measures/{m}/updates/", None),
        ("post", "/api/v1/measures/{m}/updates/", {"status": "ongoing", "narrative": "x"}),
        ("get", "/api/v1/measures/{m}/updates/{u}/", None),
        ("patch", "/api/v1/measures/{m}/updates/{u}/", {"narrative": "x", "version": 1}),
        ("post", "/api/v1/measures/{m}/updates/{u}/submit/", {}),
        ("get", "/api/v1/pledges/{p}/", None),
        ("patch", "/api/v1/pledges/{p}/", {"occasion": "x", "version": 1}),
        ("post", "/api/v1/pledges/{p}/submit/", {}),
        ("post", "/api/v1/pledges/{p}/withdraw/", {}),
    ],
)
@pytest.mark.parametrize("login", ["session", "token"])
def test_another_organisations_drafts_are_never_found(
    users, measures, pledges, cycle, method, path, data, login
):
    from tests.factories import ProgressUpdateFactory

    update = ProgressUpdateFactory(measure=measures["own_draft"], cycle=cycle)
    client = client_for(users["other_officer"], token=login == "token")
    url = path.format(m=measures["own_draft"].pk, u=update.pk, p=pledges["own_draft"].pk)
    before = state_of_everything()

    response = getattr(client, method)(url, data, format="json")

    assert response.status_code == 404
    assert "Own draft" not in response.content.decode()
    assert state_of_everything() == before


def test_the_lists_leave_out_other_organisations_drafts_in_every_list(users, measures, pledges):
    client = client_for(users["other_officer"])

    pledge_texts = [pledge["text"] for pledge in client.get("/api/v1/pledges/").json()["results"]]
    updates_of_approved = client.get(f"/api/v1/measures/{measures['own_approved'].pk}/updates/")

    assert pledge_texts == ["Own approved pledge"]
    assert updates_of_approved.json()["results"] == []
