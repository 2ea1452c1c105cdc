"""The pages' protections: a strict Content Security Policy on every answer, templates that
need no inline script or style, cookies a script cannot read, sessions that end, and
passwords checked by Django's validators."""

import re

import pytest

from tests.factories import MeasureFactory, ReviewCycleFactory, coordinator
from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("compact")

PAGES = [
    "/compact/",
    "/compact/objectives/5/",
    "/dashboard/",
    "/dashboard/measures/",
    "/accounts/login/",
    "/api/docs/",
    "/api/v1/",
    "/admin/login/",
]


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_a_strict_content_security_policy(client, path):
    response = client.get(path)

    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert set(policy["img-src"]) <= {"'self'", "data:"}
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)


def _inline_code(html: str) -> list[str]:
    found = INLINE_SCRIPT.findall(html) + INLINE_STYLE.findall(html)
    return found + EVENT_HANDLER.findall(html)


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_have_no_inline_script_or_style(client, path):
    assert _inline_code(client.get(path).text) == []


def test_the_working_pages_have_no_inline_script_or_style(client, alice):
    measure = MeasureFactory(lead_organisation=alice.organisation)
    cycle = ReviewCycleFactory()
    pages = {
        alice: [
            "/entries/",
            "/measures/new/",
            f"/measures/{measure.pk}/",
            f"/measures/{measure.pk}/edit/",
            f"/measures/{measure.pk}/updates/new/",
            "/pledges/new/",
        ],
        coordinator(): ["/review/", "/cycles/", "/cycles/new/", f"/reports/{cycle.slug}/"],
    }

    for user, paths in pages.items():
        client.force_login(user)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            assert _inline_code(response.text) == [], path


def test_the_swagger_ui_start_up_script_is_served_as_a_file(client):
    response = client.get("/api/docs/?script=")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.text


def test_the_session_cookie_is_secure_http_only_and_ends_with_the_browser(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})

    session = response.cookies["sessionid"]
    csrf = response.cookies["csrftoken"]
    assert (session["secure"], session["httponly"]) == (True, True)
    assert (session["max-age"], session["expires"]) == ("", "")
    assert (csrf["secure"], csrf["httponly"]) == (True, True)


def test_a_session_expires_after_a_working_day(client, alice, settings):
    client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})

    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 8 * 60 * 60


@pytest.mark.parametrize(
    ("new_password", "complaint"),
    [
        ("1234567890", "This password is entirely numeric."),
        ("password1", "This password is too common."),
        ("k3Q!x", "This password is too short."),
        ("alice1234", "The password is too similar to the username."),
    ],
)
def test_a_new_password_is_checked_by_djangos_validators(client, alice, new_password, complaint):
    client.force_login(alice)

    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )

    assert response.status_code == 200
    assert complaint in response.text
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
