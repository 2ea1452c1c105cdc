"""The throttle counts live in Redis in production, where every web worker sees them; while
Redis cannot be reached the API and the dashboards keep answering."""

import socket
import time

import pytest
from django.core.cache import caches
from django.test import override_settings
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.usefixtures("compact")


def _redis_cache(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "tracker.cache.FailOpenRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def small_rates(monkeypatch):
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "3/minute"}
    )


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.redis
def test_every_worker_sees_the_same_throttle_counts_in_redis(redis_url, small_rates):
    with override_settings(CACHES=_redis_cache(redis_url)):
        caches["default"].clear()
        answers = [APIClient().get("/api/v1/objectives/").status_code for _n in range(4)]
        another_worker = caches.create_connection("default")
        history = another_worker.get("throttle_anon_127.0.0.1")
        caches["default"].clear()

    assert answers == [200, 200, 200, 429]
    assert len(history) == 3


def test_while_redis_cannot_be_reached_the_api_and_dashboards_answer(closed_port, small_rates):
    with override_settings(CACHES=_redis_cache(f"redis://127.0.0.1:{closed_port}/0")):
        started = time.monotonic()
        api = [APIClient().get("/api/v1/objectives/").status_code for _n in range(4)]
        dashboard = APIClient().get("/dashboard/").status_code
        elapsed = time.monotonic() - started

    assert api == [200, 200, 200, 200]
    assert dashboard == 200
    assert elapsed < 10
