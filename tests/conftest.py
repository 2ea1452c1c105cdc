"""Test setup on the real servers the product runs on.

PostgreSQL: an external throwaway cluster when TEST_POSTGRES_PORT is set (.ci/run starts one as
the unprivileged postgres user, because PostgreSQL refuses to run as root); otherwise one that
pytest-postgresql starts itself when the binaries are here and we are not root; otherwise SQLite,
with a notice. Redis: a throwaway redis-server started by pytest-redis. With CI=true a missing
server fails the run instead of skipping.
"""

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.utils import translation
from pytest_postgresql import factories as postgresql_factories
from pytest_redis import factories as redis_factories

from compact.services import compact_load_file, pact_fixture_path, pact_load_file
from tests.workers import product_env

IN_CI = os.environ.get("CI", "").lower() == "true"
PG_CTL = shutil.which("pg_ctl") or next(
    iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)), None
)
REDIS_SERVER = shutil.which("redis-server")
# Several test runs may share one PostgreSQL server; each names its own databases.
TEST_DATABASE_NAME = os.environ.get("TEST_DATABASE_NAME", "test_tracker")

postgresql_external = postgresql_factories.postgresql_noproc(
    host=os.environ.get("TEST_POSTGRES_HOST", "127.0.0.1"),
    port=os.environ.get("TEST_POSTGRES_PORT"),
    user=os.environ.get("TEST_POSTGRES_USER", "postgres"),
    password=os.environ.get("TEST_POSTGRES_PASSWORD", ""),
    dbname=f"{TEST_DATABASE_NAME}_janitor",
)
postgresql_spawned = postgresql_factories.postgresql_proc(
    executable=str(PG_CTL), host="127.0.0.1", dbname=f"{TEST_DATABASE_NAME}_janitor"
)
redis_spawned = redis_factories.redis_proc(executable=REDIS_SERVER, host="127.0.0.1")


def postgresql_expected() -> bool:
    return IN_CI or _postgresql_source()[0] is not None


def _postgresql_source() -> tuple[str | None, str]:
    if os.environ.get("TEST_POSTGRES_PORT"):
        return "postgresql_external", "PostgreSQL started by the caller (TEST_POSTGRES_PORT)"
    if PG_CTL and os.geteuid() != 0:
        return "postgresql_spawned", f"throwaway PostgreSQL cluster started with {PG_CTL}"
    if PG_CTL:
        reason = "PostgreSQL refuses to run as root; run `bash .ci/run` or run as another user"
    else:
        reason = "the PostgreSQL server binaries (pg_ctl) are not installed"
    return None, reason


def pytest_configure(config):
    # A deliberately fast hasher: the factories set many passwords and security is not
    # under test here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploaded evidence goes to a throwaway folder, not the developer's var/media.
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="tracker-test-media-")
    # Hashed static files need collectstatic; the pages under test only need the plain names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def pytest_report_header(config):
    fixture, reason = _postgresql_source()
    if fixture is None:
        return [f"NOTICE: tests run on SQLite, not PostgreSQL, because {reason}."]
    return [f"database: {reason}"]


def pytest_terminal_summary(terminalreporter):
    fixture, reason = _postgresql_source()
    if fixture is None:
        terminalreporter.write_line(
            f"NOTICE: these tests ran on SQLite, not PostgreSQL, because {reason}.", yellow=True
        )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request, django_db_modify_db_settings_parallel_suffix):
    fixture, reason = _postgresql_source()
    if fixture is None:
        if IN_CI:
            pytest.fail(f"CI=true and PostgreSQL is not available: {reason}.", pytrace=False)
        return
    server = request.getfixturevalue(fixture)
    settings.DATABASES["default"].update(
        ENGINE="django.db.backends.postgresql",
        HOST=str(server.host),
        PORT=str(server.port),
        USER=server.user,
        PASSWORD=server.password or "",
        NAME="tracker",
        OPTIONS={},
        CONN_MAX_AGE=0,
    )
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = TEST_DATABASE_NAME
    # pytest-django has already opened the connection object with the SQLite backend; drop it
    # so that the next query builds a PostgreSQL one from the settings above.
    connections.close_all()
    with contextlib.suppress(AttributeError):
        del connections["default"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the Compact and the EU Pact once, as every page and endpoint builds on them."""
    with django_db_blocker.unblock():
        compact_load_file(path=settings.COMPACT_FIXTURE)
        pact_load_file(path=pact_fixture_path())


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in Swedish leaves its language
    active in the thread, and a later test would otherwise print Swedish."""
    yield
    translation.deactivate()


@pytest.fixture
def compact(db):
    """The loaded Compact; reloaded if a transactional test flushed the database."""
    from compact.models import Objective

    if not Objective.objects.exists():
        compact_load_file(path=settings.COMPACT_FIXTURE)


@pytest.fixture
def pact(compact):
    """The loaded EU Pact; reloaded if a transactional test flushed the database."""
    from compact.models import PactItem

    if not PactItem.objects.exists():
        pact_load_file(path=pact_fixture_path())


@pytest.fixture(scope="session")
def redis_url(request) -> str:
    if os.environ.get("TEST_REDIS_URL"):
        return os.environ["TEST_REDIS_URL"]
    if not REDIS_SERVER:
        message = "redis-server is not installed"
        if IN_CI:
            pytest.fail(f"CI=true and {message}.", pytrace=False)
        pytest.skip(message)
    server = request.getfixturevalue("redis_spawned")
    return f"redis://{server.host}:{server.port}/0"


@pytest.fixture
def subprocess_env(redis_url) -> dict[str, str]:
    """Environment for a process of the product (a Celery worker) that talks to the test
    servers: the same Redis, and the test database."""
    return product_env(broker_url=redis_url)


CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM}"
        if IN_CI:
            pytest.fail(f"CI=true and {message}.", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on the test thread; the test's own ORM reads
    # there are synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        # As root Chromium needs --no-sandbox; the network flags stop it calling home through
        # this machine's closed network.
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """pytest-django's live server, started only after the test database is configured: it
    opens the database connections, which must point at PostgreSQL by then."""
    return live_server
