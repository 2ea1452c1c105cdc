"""Floods without an account: the login forms (the site's and the admin's) and the password
reset are counted per address and per account before any password is hashed or mail sent, and
past their rates answer a 429 page saying when to try again, in the reader's language. A
refused reset looks the same whether or not the address belongs to an account."""

import re
import socket
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.contrib.auth import forms as auth_forms
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

from tests.factories import officer
from tests.security.conftest import PASSWORD
from tracker.models import User

LOGIN_URL = "/accounts/login/"
RESET_URL = "/accounts/password_reset/"
PLENTY = "1000/m"
WRONG = "not-the-password"


class Rates:
    """The rates under test, per address and per account, set in the settings as they change."""

    def __init__(self, settings):
        self.settings = settings
        self.set("LOGIN_THROTTLE", address="3/m", account="3/m")
        self.set("PASSWORD_RESET_THROTTLE", address="3/h", account="2/h")

    def set(self, name, **rates):
        address, account = getattr(self.settings, name, ("", ""))
        setattr(self.settings, name, [rates.get("address", address), rates.get("account", account)])


@pytest.fixture
def rates(settings, db):
    """Three posts a minute per address and per account, unless a test says otherwise."""
    return Rates(settings)


@pytest.fixture
def hashed(monkeypatch):
    """The logins that reached the password check."""
    checked = []
    authenticate = auth_forms.authenticate

    def counted(request=None, **credentials):
        checked.append(credentials["username"])
        return authenticate(request, **credentials)

    monkeypatch.setattr(auth_forms, "authenticate", counted)
    return checked


def _log_in(client, username, password=WRONG, url=LOGIN_URL, address="192.0.2.1", **headers):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def _reset(client, email, address="192.0.2.1", **headers):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=address, **headers)


def test_one_address_trying_many_accounts_is_stopped_before_the_password_check(
    client, rates, hashed, db
):
    rates.set("LOGIN_THROTTLE", account=PLENTY)
    answers = [_log_in(client, f"user{n}").status_code for n in range(3)]

    refused = _log_in(client, "user3")
    elsewhere = _log_in(client, "user4", address="198.51.100.7")

    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    assert "Too many attempts" in refused.text
    assert "Try again in 1 minute." in refused.text
    assert 0 < int(refused["Retry-After"]) <= 60
    assert elsewhere.status_code == 200
    assert hashed == ["user0", "user1", "user2", "user4"]


def test_one_account_tried_from_many_addresses_is_stopped(client, rates, hashed, alice):
    rates.set("LOGIN_THROTTLE", address=PLENTY)
    answers = [_log_in(client, "alice", address=f"192.0.2.{n}").status_code for n in range(3)]

    refused = _log_in(client, "Alice", PASSWORD, address="192.0.2.99")
    someone_else = _log_in(client, "bob", address="192.0.2.99")

    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    assert not refused.wsgi_request.user.is_authenticated
    assert someone_else.status_code == 200
    assert hashed == ["alice", "alice", "alice", "bob"]


def test_the_admin_login_is_throttled_too(client, rates, hashed, db):
    rates.set("LOGIN_THROTTLE", account=PLENTY)
    for n in range(3):
        _log_in(client, f"user{n}", url="/admin/login/")

    refused = _log_in(client, "user3", url="/admin/login/")

    assert refused.status_code == 429
    assert len(hashed) == 3


def test_reading_the_login_page_is_not_counted(client, rates, alice):
    for _n in range(5):
        assert client.get(LOGIN_URL, REMOTE_ADDR="192.0.2.1").status_code == 200

    assert _log_in(client, "alice", PASSWORD).status_code == 302


def test_the_refusal_is_in_the_readers_language(client, rates, db):
    for n in range(3):
        _log_in(client, f"user{n}")

    refused = _log_in(client, "user3", HTTP_ACCEPT_LANGUAGE="sv")

    assert refused.status_code == 429
    assert 'lang="sv"' in refused.text
    assert "För många försök" in refused.text
    assert "Försök igen om 1 minut." in refused.text


def test_a_flood_of_password_resets_to_one_account_sends_only_the_allowed_mails(client, rates):
    officer(username="alice", email="alice@example.org")
    answers = [
        _reset(client, "alice@example.org", address=f"192.0.2.{n}").status_code for n in range(5)
    ]

    assert answers == [302, 302, 429, 429, 429]
    assert len(mail.outbox) == 2


def test_a_flood_of_password_resets_from_one_address_is_stopped(client, rates):
    rates.set("PASSWORD_RESET_THROTTLE", account=PLENTY)
    for n in range(4):
        officer(username=f"user{n}", email=f"user{n}@example.org")

    answers = [_reset(client, f"user{n}@example.org").status_code for n in range(4)]

    assert answers == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


def test_a_refused_reset_does_not_tell_whether_the_account_exists(client, rates, monkeypatch):
    # The same address typed with and without an account behind it, at the same moment.
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: 1.8e9))
    refusals = []
    for exists in (True, False):
        cache.clear()
        User.objects.filter(username="alice").delete()
        if exists:
            officer(username="alice", email="alice@example.org")
        for _n in range(2):
            _reset(client, "alice@example.org")
        refusals.append(_reset(client, "alice@example.org"))

    known, unknown = refusals
    assert known.status_code == unknown.status_code == 429
    assert known["Retry-After"] == unknown["Retry-After"]
    assert _message(known) == _message(unknown)
    assert "Try again in" in _message(known)


def _message(response) -> str:
    return re.search(r'role="alert">(.*?)</div>', response.text, re.DOTALL).group(1)


def test_while_the_cache_cannot_be_reached_logins_are_not_throttled(client, rates, alice):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    unreachable = {
        "default": {
            "BACKEND": "tracker.cache.FailOpenRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=unreachable):
        answers = [_log_in(client, "alice").status_code for _n in range(4)]
        right = _log_in(client, "alice", PASSWORD)

    assert answers == [200, 200, 200, 200]
    assert right.status_code == 302


def test_the_addresses_of_one_ipv6_network_count_together(client, rates):
    rates.set("LOGIN_THROTTLE", account=PLENTY)
    answers = [_log_in(client, f"user{n}", address=f"2001:db8::{n}").status_code for n in range(4)]

    assert answers == [200, 200, 200, 429]
    assert _log_in(client, "user9", address="2001:db8:0:1::1").status_code == 200
