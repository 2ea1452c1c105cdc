"""The API's own protections: every view says who may call it, requests are throttled per
address and per account, and a token can be revoked."""

import pytest
from django.contrib.admindocs.views import simplify_regex
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from tests.factories import UserFactory
from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("compact")

PROJECT_PACKAGES = ("tracker.", "compact.", "reports.")


def _drf_views(resolver=None, prefix=""):
    """(route, view class, as_view's arguments) of every DRF view in the URL configuration."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _drf_views(pattern, route)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "cls", None)
            if view_class is not None and issubclass(view_class, APIView):
                yield simplify_regex(route), view_class, pattern.callback.initkwargs


def _declared_permissions(view_class, initkwargs):
    """The permission classes the project itself gave the view, in its own classes or where
    the URL configuration builds it; DRF's default and the libraries' choices do not count."""
    if "permission_classes" in initkwargs:
        return initkwargs["permission_classes"]
    for klass in view_class.__mro__:
        if klass.__module__.startswith(PROJECT_PACKAGES) and "permission_classes" in vars(klass):
            return klass.permission_classes
    return None


def test_every_api_view_declares_its_permission_classes():
    views = list(_drf_views())
    undeclared = [
        f"{route} ({view_class.__module__}.{view_class.__qualname__})"
        for route, view_class, initkwargs in views
        if not _declared_permissions(view_class, initkwargs)
    ]

    assert len(views) > 20, "the walk found too few API views to be looking at the URLs"
    assert undeclared == [], "API views relying on the default permissions:\n" + "\n".join(
        undeclared
    )


def test_a_view_without_its_own_permission_classes_is_refused_by_default(rf):
    class Forgotten(APIView):
        def get(self, request):
            raise AssertionError("a forgotten view must not be reached")

    response = Forgotten.as_view()(rf.get("/"))

    assert response.status_code in (401, 403)


@pytest.fixture
def rates(monkeypatch):
    """Small throttle rates; DRF's throttles read them when the module is imported."""
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {"anon": "3/minute", "user": "5/minute", "token": "2/minute"},
    )


def test_anonymous_readers_are_throttled_per_address(rates):
    client = APIClient()
    answers = [client.get("/api/v1/objectives/").status_code for _request in range(4)]
    other_address = client.get("/api/v1/objectives/", REMOTE_ADDR="192.0.2.44")

    assert answers == [200, 200, 200, 429]
    assert other_address.status_code == 200


def test_a_forged_x_forwarded_for_does_not_escape_the_anonymous_throttle(rates):
    client = APIClient()
    answers = [
        client.get("/api/v1/objectives/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(4)
    ]

    assert answers == [200, 200, 200, 429]


def test_a_throttled_reader_is_told_when_to_come_back(rates):
    client = APIClient()
    for _request in range(3):
        client.get("/api/v1/objectives/")

    response = client.get("/api/v1/objectives/")

    assert response.status_code == 429
    assert "throttled" in response.json()["detail"]
    assert 0 < int(response["Retry-After"]) <= 60


def test_logged_in_users_are_throttled_per_account(rates, alice, bob):
    alices, bobs = APIClient(), APIClient()
    alices.force_authenticate(alice)
    bobs.force_authenticate(bob)

    answers = [alices.get("/api/v1/measures/").status_code for _request in range(6)]

    assert answers == [200] * 5 + [429]
    assert bobs.get("/api/v1/measures/").status_code == 200


def test_the_token_endpoint_has_its_own_stricter_rate(rates, alice):
    client = APIClient()
    credentials = {"username": "alice", "password": PASSWORD}

    answers = [client.post("/api/v1/auth/token/", credentials).status_code for _n in range(3)]

    assert answers == [200, 200, 429]


def test_the_caller_revokes_her_token(alice):
    key = APIClient().post("/api/v1/auth/token/", {"username": "alice", "password": PASSWORD})
    key = key.json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/measures/").status_code == 200

    revoked = client.delete("/api/v1/auth/token/")

    assert revoked.status_code == 204
    assert not Token.objects.filter(key=key).exists()
    refused = client.get("/api/v1/measures/")
    assert refused.status_code in (401, 403)
    assert "Invalid token" in refused.json()["detail"]
    renewed = client.post("/api/v1/auth/token/", {"username": "alice", "password": PASSWORD})
    assert renewed.status_code == 200
    assert renewed.json()["token"] != key


def test_revoking_takes_only_the_callers_token(alice, bob):
    bobs_token = Token.objects.create(user=bob)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")

    client.delete("/api/v1/auth/token/")

    assert list(Token.objects.all()) == [bobs_token]


def test_revoking_needs_the_token(alice):
    Token.objects.create(user=alice)

    response = APIClient().delete("/api/v1/auth/token/")

    assert response.status_code in (401, 403)
    assert Token.objects.filter(user=alice).exists()


def test_an_administrator_deletes_a_token_in_the_admin(client, alice):
    token = Token.objects.create(user=alice)
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    listed = client.get("/admin/authtoken/tokenproxy/")
    deleted = client.post(f"/admin/authtoken/tokenproxy/{alice.pk}/delete/", {"post": "yes"})

    assert listed.status_code == 200
    assert "alice" in listed.text
    assert deleted.status_code == 302
    assert not Token.objects.filter(key=token.key).exists()
