"""Two people editing the same entry must not silently overwrite each other: the second save
is refused (412 with If-Match, 409 with a version field) and nothing of it is saved."""

import threading

import pytest
from django.db import connection

from tests.factories import MeasureFactory
from tests.tracker.api.conftest import client_for
from tracker import selectors
from tracker.models import Measure, WorkflowState

pytestmark = pytest.mark.usefixtures("compact")


def stored(measure) -> tuple:
    """Title, version and the number of history records written since the test began."""
    stored = Measure.objects.get(pk=measure.pk)
    return stored.title, stored.version, stored.history.count() - measure.history_at_start


@pytest.fixture(autouse=True)
def _count_history_from_here(measures):
    for measure in measures.values():
        measure.history_at_start = measure.history.count()


def test_an_entry_carries_its_version_as_an_etag(users, measures, pledges, draft_update):
    client = client_for(users["own_officer"])
    measure, pledge = measures["own_draft"], pledges["own_draft"]
    update_url = f"/api/v1/measures/{measures['own_approved'].pk}/updates/{draft_update.pk}/"

    assert client.get(f"/api/v1/measures/{measure.pk}/")["ETag"] == f'"measure-{measure.pk}-v1"'
    assert client.get(f"/api/v1/pledges/{pledge.pk}/")["ETag"] == f'"pledge-{pledge.pk}-v1"'
    assert client.get(update_url)["ETag"] == f'"progressupdate-{draft_update.pk}-v1"'


def test_a_save_with_the_current_etag_succeeds_and_gets_the_next_one(users, measures):
    measure = measures["own_draft"]
    client = client_for(users["own_officer"])
    etag = client.get(f"/api/v1/measures/{measure.pk}/")["ETag"]

    response = client.patch(
        f"/api/v1/measures/{measure.pk}/", {"title": "New title"}, HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200
    assert response["ETag"] == f'"measure-{measure.pk}-v2"'
    assert stored(measure)[:2] == ("New title", 2)


def test_the_second_of_two_editors_is_refused_with_412_and_the_first_edit_stays(users, measures):
    measure = measures["own_draft"]
    url = f"/api/v1/measures/{measure.pk}/"
    alice = client_for(users["own_officer"])
    bob = client_for(users["own_officer"], token=True)
    alice_etag, bob_etag = alice.get(url)["ETag"], bob.get(url)["ETag"]

    first = alice.patch(url, {"title": "Alice's title"}, HTTP_IF_MATCH=alice_etag)
    second = bob.patch(url, {"title": "Bob's title"}, HTTP_IF_MATCH=bob_etag)

    assert first.status_code == 200
    assert second.status_code == 412
    assert "Someone else saved this entry" in second.json()["detail"]
    assert second.json()["current_version"] == 2
    assert stored(measure) == ("Alice's title", 2, 1)


def test_a_stale_version_field_is_refused_with_409_and_nothing_is_saved(users, measures):
    measure = measures["own_draft"]
    url = f"/api/v1/measures/{measure.pk}/"
    client = client_for(users["own_officer"])
    client.patch(url, {"title": "First", "version": 1})

    response = client.patch(url, {"title": "Second", "objectives": [7], "version": 1})

    assert response.status_code == 409
    assert "Someone else saved this entry" in response.json()["version"][0]
    assert stored(measure) == ("First", 2, 1)
    assert list(Measure.objects.get(pk=measure.pk).objectives.values_list("number", flat=True)) == [
        1
    ]


def test_a_change_without_a_version_is_refused_with_428(users, measures):
    measure = measures["own_draft"]

    response = client_for(users["own_officer"]).patch(
        f"/api/v1/measures/{measure.pk}/", {"title": "Blind overwrite"}
    )

    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert stored(measure) == ("Own draft", 1, 0)


@pytest.mark.parametrize(
    "header", ['W/"measure-1-v1"', '"pledge-1-v1"', "measure-v1", '"measure-{pk}-v0"']
)
def test_an_if_match_naming_another_version_or_entry_is_refused(users, measures, header):
    measure = measures["own_draft"]

    response = client_for(users["own_officer"]).patch(
        f"/api/v1/measures/{measure.pk}/",
        {"title": "Changed"},
        HTTP_IF_MATCH=header.format(pk=measure.pk),
    )

    assert response.status_code == 412
    assert response.json()["current_version"] == 1
    assert stored(measure) == ("Own draft", 1, 0)


def test_if_match_star_names_no_version_and_is_refused(users, measures):
    measure = measures["own_draft"]

    response = client_for(users["own_officer"]).patch(
        f"/api/v1/measures/{measure.pk}/", {"title": "Changed"}, HTTP_IF_MATCH="*"
    )

    assert response.status_code == 428
    assert "If-Match: *" in response.json()["detail"]
    assert stored(measure) == ("Own draft", 1, 0)


def test_if_match_star_with_a_version_in_the_body_is_checked_by_the_version(users, measures):
    measure = measures["own_draft"]
    url = f"/api/v1/measures/{measure.pk}/"
    client = client_for(users["own_officer"])

    current = client.patch(url, {"title": "Changed", "version": 1}, HTTP_IF_MATCH="*")
    stale = client.patch(url, {"title": "Again", "version": 1}, HTTP_IF_MATCH="*")

    assert current.status_code == 200
    assert stale.status_code == 409
    assert stored(measure) == ("Changed", 2, 1)


def test_if_match_star_on_a_step_of_the_workflow_is_as_no_header(users, measures):
    measure = measures["own_draft"]

    response = client_for(users["own_officer"]).post(
        f"/api/v1/measures/{measure.pk}/submit/", {}, HTTP_IF_MATCH="*"
    )

    assert response.status_code == 200
    assert response.json()["workflow_state"] == WorkflowState.SUBMITTED


def test_a_body_version_older_than_the_if_match_is_refused(users, measures):
    measure = measures["own_draft"]
    client = client_for(users["own_officer"])
    client.patch(f"/api/v1/measures/{measure.pk}/", {"title": "First", "version": 1})

    response = client.patch(
        f"/api/v1/measures/{measure.pk}/",
        {"title": "Second", "version": 1},
        HTTP_IF_MATCH=f'"measure-{measure.pk}-v2"',
    )

    assert response.status_code == 409
    assert stored(measure)[:2] == ("First", 2)


@pytest.mark.parametrize(
    ("actor", "action", "entry"),
    [
        ("own_officer", "submit", "own_draft"),
        ("own_officer", "withdraw", "own_draft"),
        ("coordinator", "approve", "own_submitted"),
        ("coordinator", "return", "own_submitted"),
    ],
)
def test_a_transition_on_a_stale_version_is_refused(users, measures, actor, action, entry):
    measure = measures[entry]
    Measure.objects.filter(pk=measure.pk).update(version=2)
    client = client_for(users[actor])
    url = f"/api/v1/measures/{measure.pk}/{action}/"

    by_header = client.post(
        url, {"comment": "Ok"}, HTTP_IF_MATCH=f'"measure-{measure.pk}-v1"', format="json"
    )
    by_field = client.post(url, {"comment": "Ok", "version": 1}, format="json")

    assert (by_header.status_code, by_field.status_code) == (412, 409)
    measure.refresh_from_db()
    assert (measure.version, measure.archived_at) == (2, None)
    assert stored(measure)[2] == 0
    assert measure.workflow_state in (WorkflowState.DRAFT, WorkflowState.SUBMITTED)


def test_a_stale_pledge_or_update_is_refused_too(users, pledges, measures, draft_update):
    client = client_for(users["own_officer"])
    pledge_url = f"/api/v1/pledges/{pledges['own_draft'].pk}/"
    update_url = f"/api/v1/measures/{measures['own_approved'].pk}/updates/{draft_update.pk}/"
    client.patch(pledge_url, {"occasion": "GA 2024", "version": 1})
    client.patch(update_url, {"narrative": "First", "version": 1})

    assert client.patch(pledge_url, {"occasion": "Old", "version": 1}).status_code == 409
    assert client.patch(update_url, {"narrative": "Old"}, HTTP_IF_MATCH='"x"').status_code == 412
    pledges["own_draft"].refresh_from_db()
    draft_update.refresh_from_db()
    assert (pledges["own_draft"].occasion, draft_update.narrative) == ("GA 2024", "First")


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_the_same_version_let_exactly_one_through(own, users):
    if connection.vendor != "postgresql":
        pytest.skip("the row lock that serialises the saves is PostgreSQL's, as in production")
    measure = MeasureFactory(lead_organisation=own, title="Original")
    measure.history_at_start = measure.history.count()
    url = f"/api/v1/measures/{measure.pk}/"
    etag = f'"measure-{measure.pk}-v1"'
    clients = {
        "Alice": client_for(users["own_officer"], token=True),
        "Bob": client_for(users["own_officer"], token=True),
    }
    start = threading.Barrier(2)
    results = {}

    def edit(title):
        try:
            start.wait(timeout=10)
            response = clients[title].patch(url, {"title": title}, HTTP_IF_MATCH=etag)
            results[title] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(title,)) for title in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results.values()) == [200, 412]
    winner = next(title for title, status in results.items() if status == 200)
    assert stored(measure) == (winner, 2, 1)


@pytest.mark.parametrize(
    ("precondition", "expected"),
    [({"HTTP_IF_MATCH": "etag"}, 412), ({"version": 1}, 409)],
    ids=["if-match", "version"],
)
def test_a_save_landing_between_the_check_and_the_write_is_still_refused(
    users, measures, monkeypatch, precondition, expected
):
    measure = measures["own_draft"]
    loaded_by_the_view = selectors.measure_get

    def load_then_someone_else_saves(*, user, pk):
        found = loaded_by_the_view(user=user, pk=pk)
        Measure.objects.filter(pk=pk).update(title="Someone else's", version=2)
        return found

    monkeypatch.setattr(selectors, "measure_get", load_then_someone_else_saves)
    headers = {key: f'"measure-{measure.pk}-v1"' for key in precondition if key.startswith("HTTP_")}
    data = {"title": "Mine", **{k: v for k, v in precondition.items() if k == "version"}}

    response = client_for(users["own_officer"]).patch(
        f"/api/v1/measures/{measure.pk}/", data, **headers
    )

    assert response.status_code == expected
    assert stored(measure) == ("Someone else's", 2, 0)
