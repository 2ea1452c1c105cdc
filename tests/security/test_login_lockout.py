"""The 10th wrong password locks an account (django-axes), on the login page and on the API's
token endpoint alike; the lock is the account's, whatever address the attempts claim to come
from, and one account's failures never lock another."""

from django.core.management import call_command
from rest_framework.test import APIClient

from tests.security.conftest import PASSWORD

LOGIN_URL = "/accounts/login/"
TOKEN_URL = "/api/v1/auth/token/"
LOCKED = "Too many failed logins: this account is locked for 30 minutes."


def _log_in(client, username, password, **headers):
    return client.post(LOGIN_URL, {"username": username, "password": password}, **headers)


def _ask_token(username, password, **headers):
    return APIClient().post(
        TOKEN_URL, {"username": username, "password": password}, format="json", **headers
    )


def test_nine_wrong_passwords_on_the_form_still_let_the_right_one_in(client, alice):
    for _attempt in range(9):
        assert _log_in(client, "alice", "wrong").status_code == 200

    response = _log_in(client, "alice", PASSWORD)

    assert response.status_code == 302
    assert response.wsgi_request.user == alice


def test_the_tenth_wrong_password_on_the_form_locks_and_the_right_one_is_refused(client, alice):
    for _attempt in range(9):
        response = _log_in(client, "alice", "wrong")
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.text

    tenth = _log_in(client, "alice", "wrong")
    eleventh = _log_in(client, "alice", PASSWORD)

    for response in (tenth, eleventh):
        assert response.status_code == 429
        assert LOCKED in response.text
        assert response["Retry-After"] == "1800"
    assert "<h1>Account locked</h1>" in eleventh.text
    assert not eleventh.wsgi_request.user.is_authenticated
    assert "_auth_user_id" not in client.session


def test_the_lock_page_is_in_the_readers_language(client, alice):
    for _attempt in range(10):
        response = _log_in(client, "alice", "wrong", HTTP_ACCEPT_LANGUAGE="sv")

    assert response.status_code == 429
    assert 'lang="sv"' in response.text
    assert "30 minuter" in response.text


def test_the_tenth_wrong_password_on_the_token_endpoint_locks_with_a_json_error(alice):
    for _attempt in range(9):
        response = _ask_token("alice", "wrong")
        assert response.status_code == 400
        assert "token" not in response.json()

    tenth = _ask_token("alice", "wrong")
    eleventh = _ask_token("alice", PASSWORD)

    for response in (tenth, eleventh):
        assert response.status_code == 429
        assert response.json()["detail"].startswith(LOCKED)
        assert response["Retry-After"] == "1800"
    assert "token" not in eleventh.json()


def test_the_form_and_the_token_endpoint_count_together(client, alice):
    for _attempt in range(5):
        _log_in(client, "alice", "wrong")
    for _attempt in range(5):
        _ask_token("alice", "wrong")

    assert _ask_token("alice", PASSWORD).status_code == 429
    assert _log_in(client, "alice", PASSWORD).status_code == 429


def test_a_forged_x_forwarded_for_does_not_reset_the_count(client, alice):
    for attempt in range(10):
        forged = {"HTTP_X_FORWARDED_FOR": f"198.51.100.{attempt}"}
        if attempt % 2:
            _log_in(client, "alice", "wrong", **forged)
        else:
            _ask_token("alice", "wrong", **forged)

    fresh_address = {"HTTP_X_FORWARDED_FOR": "203.0.113.77"}
    assert _log_in(client, "alice", PASSWORD, **fresh_address).status_code == 429
    assert _ask_token("alice", PASSWORD, **fresh_address).status_code == 429


def test_one_accounts_failures_do_not_lock_another_account_from_the_same_address(
    client, alice, bob
):
    for _attempt in range(12):
        _log_in(client, "alice", "wrong")
        _ask_token("alice", "wrong")

    assert _log_in(client, "bob", PASSWORD).status_code == 302
    assert _ask_token("bob", PASSWORD).status_code == 200


def test_failures_claiming_another_persons_address_do_not_lock_her(client, alice, bob):
    bobs_address = {"HTTP_X_FORWARDED_FOR": "192.0.2.10"}
    for _attempt in range(12):
        _log_in(client, "alice", "wrong", **bobs_address)

    assert _log_in(client, "bob", PASSWORD, **bobs_address).status_code == 302


def test_an_operator_unlocks_an_account_with_axes_reset_username(client, alice):
    for _attempt in range(10):
        _log_in(client, "alice", "wrong")
    assert _log_in(client, "alice", PASSWORD).status_code == 429

    call_command("axes_reset_username", "alice")

    assert _log_in(client, "alice", PASSWORD).status_code == 302


def test_a_successful_login_on_the_form_clears_the_failures_before_it(client, alice):
    for _attempt in range(9):
        _log_in(client, "alice", "wrong")
    assert _log_in(client, "alice", PASSWORD).status_code == 302
    client.logout()

    one_more_wrong = _log_in(client, "alice", "wrong")
    right_again = _log_in(client, "alice", PASSWORD)

    assert one_more_wrong.status_code == 200
    assert right_again.status_code == 302
    assert right_again.wsgi_request.user == alice


def test_a_token_granted_clears_the_failures_before_it(alice):
    for _attempt in range(9):
        _ask_token("alice", "wrong")
    assert _ask_token("alice", PASSWORD).status_code == 200

    one_more_wrong = _ask_token("alice", "wrong")
    right_again = _ask_token("alice", PASSWORD)

    assert one_more_wrong.status_code == 400
    assert right_again.status_code == 200
