"""A changed password or a deactivated account takes away what the old credentials gave: every
API token of the user is refused and the next token login gets a new one, and her other
sessions end; the session where she changed her own password goes on. Whichever way the
change is made: her own change, a reset by e-mail, an administrator in the admin, a command."""

from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import administrator
from tests.security.conftest import PASSWORD

NEW_PASSWORD = "Nya-lösenordet-för-våren-2025"
TOKEN_URL = "/api/v1/auth/token/"


def _token_status(key: str) -> int | str:
    """200, or "refused" when the API refuses the token as invalid (a 403, as the API tries
    the session first; see tests/security/test_api.py)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/v1/measures/")
    if response.status_code in (401, 403) and response.json()["detail"] == "Invalid token.":
        return "refused"
    return response.status_code


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _still_logged_in(client: Client) -> bool:
    return client.get(reverse("tracker:my-entries")).status_code == 200


def test_changing_ones_password_revokes_the_tokens_and_ends_the_other_sessions(alice):
    old_token = Token.objects.create(user=alice).key
    elsewhere = _logged_in(alice)
    here = _logged_in(alice)
    assert _token_status(old_token) == 200
    assert _still_logged_in(elsewhere)

    response = here.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert _token_status(old_token) == "refused"
    assert not _still_logged_in(elsewhere)
    assert _still_logged_in(here)
    login = APIClient().post(
        TOKEN_URL, {"username": "alice", "password": NEW_PASSWORD}, format="json"
    )
    assert login.status_code == 200
    assert login.json()["token"] != old_token


def test_a_password_reset_revokes_the_tokens_and_ends_the_sessions(alice):
    old_token = Token.objects.create(user=alice).key
    elsewhere = _logged_in(alice)
    uid = urlsafe_base64_encode(force_bytes(alice.pk))
    link = f"/accounts/reset/{uid}/{default_token_generator.make_token(alice)}/"
    client = Client()

    form = client.get(link, follow=True)
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == "/accounts/reset/done/"
    assert _token_status(old_token) == "refused"
    assert not _still_logged_in(elsewhere)


def test_an_administrator_setting_a_password_in_the_admin_revokes_the_tokens(alice):
    old_token = Token.objects.create(user=alice).key
    admin = _logged_in(administrator(is_staff=True))

    response = admin.post(
        f"/admin/tracker/user/{alice.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302
    assert _token_status(old_token) == "refused"


def test_an_administrator_deactivating_a_user_revokes_the_tokens_and_ends_the_sessions(alice):
    old_token = Token.objects.create(user=alice).key
    elsewhere = _logged_in(alice)
    admin = _logged_in(administrator(is_staff=True))

    response = admin.post(
        f"/admin/tracker/user/{alice.pk}/change/",
        {
            "username": "alice",
            "email": alice.email,
            "is_staff": "",
            # is_active left out: the box unticked.
            "organisation": alice.organisation_id,
            "role": alice.role,
        },
    )

    assert response.status_code == 302
    alice.refresh_from_db()
    assert not alice.is_active
    assert not Token.objects.filter(user=alice).exists()
    assert _token_status(old_token) == "refused"
    assert not _still_logged_in(elsewhere)


def test_set_password_and_save_in_a_command_revokes_the_tokens(alice):
    old_token = Token.objects.create(user=alice).key

    alice.set_password(NEW_PASSWORD)
    alice.save()

    assert _token_status(old_token) == "refused"


def test_saving_a_user_without_a_new_password_keeps_her_tokens(alice):
    token = Token.objects.create(user=alice).key

    alice.first_name = "Alice"
    alice.save()
    APIClient().post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, format="json")

    assert _token_status(token) == 200
    assert Token.objects.get(user=alice).key == token


def test_a_password_hash_upgraded_at_login_is_no_change_of_password(alice, settings):
    """Django rehashes a password at login when the hasher changes; that keeps the tokens."""
    token = Token.objects.create(user=alice).key
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    old_hash = alice.password

    login = APIClient().post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, format="json")

    alice.refresh_from_db()
    assert alice.password != old_hash
    assert login.json()["token"] == token
    assert _token_status(token) == 200
