"""Every page of the admin, for every role: open (200) or refused (403) as tracker/rules.py
says, never a server error. Everyone here is given staff status, which only the administrators
have in a real setup, so that the rules and not the staff flag are what keeps the others out."""

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory, administrator, committee_reader, coordinator, officer

pytestmark = pytest.mark.usefixtures("compact")

ROLES = {
    "administrator": administrator,
    "coordinator": coordinator,
    "desk officer": officer,
    "committee reader": committee_reader,
}
# What each role may open, by model: view (the list) and add. The administrator manages
# organisations and users, reads the API tokens and the login records, and deletes tokens and
# login attempts (which unlocks an account); nobody but a superuser adds a token or edits an
# attempt, the groups or the Compact.
VIEWS = {
    "administrator": {
        "tracker.organisation",
        "tracker.user",
        "authtoken.tokenproxy",
        "axes.accessattempt",
        "axes.accesslog",
        "axes.accessfailurelog",
    },
}
ADDS = {"administrator": {"tracker.organisation", "tracker.user"}}
MODELS = sorted(model._meta.label_lower for model in admin.site._registry)


def _staff(role):
    user = ROLES[role](is_staff=True)
    return user


def _url(label: str, page: str) -> str:
    app_label, model_name = label.split(".")
    return f"/admin/{app_label}/{model_name}/{page}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("label", MODELS)
def test_each_list_and_add_page_is_open_or_refused_as_the_rules_say(client, role, label):
    client.force_login(_staff(role))

    listed = client.get(_url(label, ""))
    added = client.get(_url(label, "add/"))

    assert listed.status_code == (200 if label in VIEWS.get(role, set()) else 403)
    assert added.status_code == (200 if label in ADDS.get(role, set()) else 403)


@pytest.mark.parametrize("label", MODELS)
def test_a_superuser_opens_every_list_without_a_server_error(client, label):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    assert client.get(_url(label, "")).status_code == 200
    assert client.get(_url(label, "add/")).status_code in (200, 403)


@pytest.mark.parametrize("role", ROLES)
def test_the_index_opens_for_every_role(client, role):
    client.force_login(_staff(role))

    assert client.get("/admin/").status_code == 200


def test_the_index_lists_the_token_and_login_attempt_pages_for_an_administrator(client):
    client.force_login(_staff("administrator"))

    index = client.get("/admin/")

    assert 'href="/admin/authtoken/tokenproxy/"' in index.text
    assert 'href="/admin/axes/accessattempt/"' in index.text
    assert 'href="/admin/tracker/user/"' in index.text
    assert "have permission to view or edit anything" not in index.text


@pytest.mark.parametrize("role", ["coordinator", "desk officer", "committee reader"])
def test_the_index_lists_nothing_for_the_other_roles(client, role):
    client.force_login(_staff(role))

    index = client.get("/admin/")

    assert "have permission to view or edit anything" in index.text


@pytest.mark.parametrize("role", ["coordinator", "desk officer", "committee reader"])
def test_without_staff_status_the_admin_asks_for_a_login(client, role):
    client.force_login(ROLES[role]())

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_administrator_deletes_a_token_but_does_not_change_it(client):
    alice = officer(username="alice")
    token = Token.objects.create(user=alice)
    client.force_login(_staff("administrator"))

    shown = client.get(f"/admin/authtoken/tokenproxy/{alice.pk}/change/")
    changed = client.post(f"/admin/authtoken/tokenproxy/{alice.pk}/change/", {"user": alice.pk})
    deleted = client.post(f"/admin/authtoken/tokenproxy/{alice.pk}/delete/", {"post": "yes"})

    assert shown.status_code == 200
    assert changed.status_code == 403
    assert deleted.status_code == 302
    assert not Token.objects.filter(key=token.key).exists()


def test_the_token_list_does_not_show_whole_keys(client):
    alice = officer(username="alice")
    token = Token.objects.create(user=alice)
    client.force_login(_staff("administrator"))

    listed = client.get("/admin/authtoken/tokenproxy/")

    assert "alice" in listed.text
    assert token.key[:6] in listed.text
    assert token.key not in listed.text


def test_an_administrator_unlocks_an_account_by_deleting_its_attempts(client):
    attempt = AccessAttempt.objects.create(
        username="alice", ip_address="192.0.2.1", failures_since_start=10, user_agent="x"
    )
    client.force_login(_staff("administrator"))

    shown = client.get(f"/admin/axes/accessattempt/{attempt.pk}/change/")
    changed = client.post(
        f"/admin/axes/accessattempt/{attempt.pk}/change/", {"username": "mallory"}
    )
    deleted = client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})

    assert shown.status_code == 200
    assert changed.status_code == 403
    assert deleted.status_code == 302
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "desk officer", "committee reader"])
def test_the_other_roles_cannot_delete_tokens_or_attempts(client, role):
    alice = officer(username="alice")
    Token.objects.create(user=alice)
    attempt = AccessAttempt.objects.create(username="alice", failures_since_start=10)
    client.force_login(_staff(role))

    token_deleted = client.post(f"/admin/authtoken/tokenproxy/{alice.pk}/delete/", {"post": "1"})
    attempt_deleted = client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "1"})

    assert token_deleted.status_code == 403
    assert attempt_deleted.status_code == 403
    assert Token.objects.filter(user=alice).exists()
    assert AccessAttempt.objects.exists()
