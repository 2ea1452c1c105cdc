"""PostgreSQL restarted during a burst of API writes: every write answered 201 is in the
database, whole, and every other one was told it failed (a 5xx or a broken connection, never a
4xx or a 201 for a row that is missing); writes succeed again once the server is back, even
through connections the web workers kept open from before (CONN_HEALTH_CHECKS).

The product runs under gunicorn, as in production, on a PostgreSQL cluster of the test's own
(tests/faults/servers.py): restarting the test suite's server would break every other test
using it. Several writers post measures while the cluster is restarted twice, in pg_ctl's fast
mode (clients are disconnected) and in its immediate mode (as in a crash: recovery from the
write-ahead log); then once more while nothing is sent, and a last round of writes must all
succeed."""

import itertools
import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from psycopg import sql

from tests.conftest import IN_CI, PG_CTL
from tests.faults.client import call
from tests.faults.servers import Cluster, Gunicorn, manage, product_env
from tests.tracker.api.conftest import measure_payload
from tracker.models import Measure

WRITERS = 6
GUNICORN_WORKERS = 3
# Writes answered 201 before the first restart, and after each restart before the next step.
SUCCESSES_BETWEEN = 60
# Seconds the writes have to succeed again after a restart, and to reach SUCCESSES_BETWEEN on a
# busy machine.
RECOVERY = 30
PATIENCE = 600
SEED_USERS = """
import json
from rest_framework.authtoken.models import Token
from tests.factories import OrganisationFactory, officer
ministry = OrganisationFactory(code="MOJ")
users = [officer(ministry, username=f"officer-{n}") for n in range(WRITERS)]
print(json.dumps([Token.objects.create(user=user).key for user in users]))
"""


@dataclass(frozen=True)
class Write:
    title: str
    sent: float
    answered: float
    status: int | None  # None: the connection failed
    error: str

    @property
    def told_it_failed(self) -> bool:
        return self.status is None or self.status >= 500


@dataclass(frozen=True)
class Restart:
    mode: str
    begun: float
    ended: float


@pytest.fixture
def cluster():
    if PG_CTL is None:
        message = "the PostgreSQL server binaries (pg_ctl) are not installed"
        if IN_CI:
            pytest.fail(f"CI=true and {message}.", pytrace=False)
        pytest.skip(message)
    cluster = Cluster(Path(PG_CTL).parent)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture
def web(cluster):
    """The product on the cluster, migrated, with a token per writer."""
    env = product_env(cluster)
    manage(env, "migrate", "--noinput")
    manage(env, "loadcompact")
    tokens = json.loads(
        manage(env, "shell", "--command", SEED_USERS.replace("WRITERS", str(WRITERS))).splitlines()[
            -1
        ]
    )
    server = Gunicorn(env, workers=GUNICORN_WORKERS)
    yield server, tokens
    server.stop()


class Burst:
    """Writers posting measures, each titled by its number, until stopped."""

    def __init__(self, base, tokens: list[str], prefix: str):
        self.base, self.tokens, self.prefix = base, tokens, prefix
        self.writes: list[Write] = []
        self._numbers = itertools.count()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._write, args=(t,)) for t in tokens]

    def _write(self, token: str) -> None:
        while not self._stop.is_set():
            title = f"{self.prefix} {next(self._numbers):04}"
            sent = time.monotonic()
            answer = call(
                self.base,
                "POST",
                "/api/v1/measures/",
                token=token,
                body=measure_payload(title=title),
            )
            self.writes.append(Write(title, sent, time.monotonic(), answer.status, answer.error))

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=120)

    def successes_after(self, moment: float) -> int:
        return sum(write.status == 201 and write.sent > moment for write in self.writes)

    def wait_for_successes(self, count: int, *, after: float) -> None:
        started = time.monotonic()
        while self.successes_after(after) < count:
            waited = time.monotonic() - started
            assert self.successes_after(after) or waited < RECOVERY, (
                f"no write succeeded in the {RECOVERY} s after the restart; the last answers: "
                f"{self.writes[-5:]}"
            )
            assert waited < PATIENCE, f"only {self.successes_after(after)} writes succeeded"
            time.sleep(0.05)


def _stored(cluster: Cluster) -> dict[str, tuple[int, int, int]]:
    """Each stored measure's title: its objectives, actions and history records."""
    tables = {
        "measure": Measure._meta.db_table,
        "objectives": Measure.objectives.through._meta.db_table,
        "actions": Measure.actions.through._meta.db_table,
        "history": Measure.history.model._meta.db_table,
    }
    query = sql.SQL("""
        SELECT m.title,
               (SELECT count(*) FROM {objectives} o WHERE o.measure_id = m.id),
               (SELECT count(*) FROM {actions} a WHERE a.measure_id = m.id),
               (SELECT count(*) FROM {history} h WHERE h.id = m.id)
        FROM {measure} m
    """).format(**{name: sql.Identifier(table) for name, table in tables.items()})
    with cluster.connect() as connection:
        rows = connection.execute(query).fetchall()
    titles = [row[0] for row in rows]
    assert len(titles) == len(set(titles)), "a write was stored twice"
    return {title: tuple(counts) for title, *counts in rows}


def test_every_write_answered_201_survives_restarts_and_every_other_was_told(cluster, web):
    server, tokens = web
    restarts = []
    with Burst(server.base, tokens, "Burst") as burst:
        burst.wait_for_successes(SUCCESSES_BETWEEN, after=0)
        for mode in ("fast", "immediate"):
            begun = time.monotonic()
            cluster.restart(mode)
            restarts.append(Restart(mode, begun, time.monotonic()))
            burst.wait_for_successes(SUCCESSES_BETWEEN, after=restarts[-1].ended)
    cluster.restart("fast")  # nothing is sent: every kept connection is now broken
    with Burst(server.base, tokens, "After") as after:
        after.wait_for_successes(2 * GUNICORN_WORKERS * WRITERS, after=0)

    stored = _stored(cluster)
    writes = burst.writes
    accepted = [write for write in writes if write.status == 201]
    refused = [write for write in writes if write.status != 201]
    print(
        f"{len(writes)} writes during {len(restarts)} restarts "
        f"({', '.join(f'{r.mode} {r.ended - r.begun:.1f} s' for r in restarts)}): "
        f"{len(accepted)} answered 201, {len(refused)} refused "
        f"({sum(w.status is None for w in refused)} connection errors, "
        f"{sum(w.status is not None and w.status >= 500 for w in refused)} 5xx), "
        f"{sum(w.title in stored for w in refused)} of those saved nonetheless; "
        f"after an idle restart {sum(w.status == 201 for w in after.writes)} of "
        f"{len(after.writes)} succeeded"
    )
    answered_201 = [write for write in writes + after.writes if write.status == 201]
    assert [write.title for write in answered_201 if write.title not in stored] == []
    assert [write for write in refused if not write.told_it_failed] == []
    assert {title: counts for title, counts in stored.items() if counts != (2, 2, 1)} == {}
    for restart in restarts:
        in_flight = [w for w in writes if w.sent < restart.ended and w.answered > restart.begun]
        assert in_flight, f"no write was under way during the {restart.mode} restart"
    assert [write for write in after.writes if write.status != 201] == [], server.output()
