"""The production settings (DEBUG off), each read by Django in a fresh process."""

import json

from tests.tracker.test_settings import PRODUCTION_ENV, _run

READ_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "from rest_framework.settings import api_settings as api; print(json.dumps({{{}}}))"
)


def _settings(names: dict[str, str], **env) -> dict:
    code = READ_SETTINGS.format(", ".join(f"{key!r}: {value}" for key, value in names.items()))
    result = _run(["-c", code], **{**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_http_only_and_sessions_end():
    values = _settings(
        {
            name: f"s.{name}"
            for name in (
                "SESSION_COOKIE_SECURE",
                "SESSION_COOKIE_HTTPONLY",
                "CSRF_COOKIE_SECURE",
                "CSRF_COOKIE_HTTPONLY",
                "LANGUAGE_COOKIE_SECURE",
                "SESSION_EXPIRE_AT_BROWSER_CLOSE",
                "SESSION_COOKIE_AGE",
                "SECURE_HSTS_SECONDS",
                "SECURE_SSL_REDIRECT",
            )
        }
    )

    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "SESSION_COOKIE_AGE": 8 * 60 * 60,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_SSL_REDIRECT": True,
    }


def test_production_has_a_strict_content_security_policy_and_the_login_lock():
    values = _settings(
        {
            "csp": "s.CONTENT_SECURITY_POLICY['DIRECTIVES']",
            "middleware": "s.MIDDLEWARE",
            "backend": "s.AUTHENTICATION_BACKENDS[0]",
            "limit": "s.AXES_FAILURE_LIMIT",
            "cooloff": "s.AXES_COOLOFF_TIME.total_seconds()",
        },
        LOGIN_LOCKOUT_MINUTES="45",
    )

    assert values["csp"]["script-src"] == ["'self'"]
    assert values["csp"]["default-src"] == ["'self'"]
    assert {"csp.middleware.CSPMiddleware", "axes.middleware.AxesMiddleware"} <= set(
        values["middleware"]
    )
    assert values["backend"] == "axes.backends.AxesStandaloneBackend"
    assert values["limit"] == 10
    assert values["cooloff"] == 45 * 60


def test_the_throttle_cache_is_redis_when_configured_and_shared_by_the_workers():
    shared = _settings({"cache": "s.CACHES['default']"}, CACHE_URL="redis://redis:6379/2")
    local = _settings({"cache": "s.CACHES['default']['BACKEND']"}, CACHE_URL="")

    assert shared["cache"]["BACKEND"] == "tracker.cache.FailOpenRedisCache"
    assert shared["cache"]["LOCATION"] == "redis://redis:6379/2"
    assert local["cache"] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_per_process_cache_in_production_is_a_deployment_warning():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **{**PRODUCTION_ENV, "CACHE_URL": ""},
    )

    assert result.returncode != 0
    assert "tracker.W001" in result.stderr + result.stdout


CLIENT_ADDRESSES = (
    "import django, json; django.setup(); from django.test import RequestFactory; "
    "from axes.helpers import get_client_ip_address; "
    "from rest_framework.throttling import AnonRateThrottle; "
    "request = RequestFactory().get('/', REMOTE_ADDR='172.18.0.5', "
    "HTTP_X_FORWARDED_FOR='6.6.6.6, 203.0.113.9'); "
    "print(json.dumps([get_client_ip_address(request), AnonRateThrottle().get_ident(request)]))"
)


def test_without_a_proxy_the_connections_address_counts_and_x_forwarded_for_is_ignored():
    result = _run(["-c", CLIENT_ADDRESSES], **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == ["172.18.0.5", "172.18.0.5"]


def test_behind_one_proxy_the_address_it_saw_counts_not_the_one_the_client_claimed():
    result = _run(["-c", CLIENT_ADDRESSES], **PRODUCTION_ENV, TRUSTED_PROXY_COUNT="1")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == ["203.0.113.9", "203.0.113.9"]
