"""Fixtures of the security tests: a fresh cache (throttle counts live there) and people."""

import pytest
from django.core.cache import cache

from tests.factories import officer

PASSWORD = "secret-password"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice(db):
    return officer(username="alice")


@pytest.fixture
def bob(db):
    return officer(username="bob")
