"""The benchmark's own throwaway PostgreSQL database, and Django configured to use it.

Only a server on this machine is accepted: the script drops and re-creates its database, and
its timings mean nothing over a network.
"""

import ipaddress
import os
import socket
from dataclasses import dataclass
from urllib.parse import quote

import psycopg
from psycopg import sql

# Bounds every statement, so that a pathological plan ends the run instead of hanging it.
STATEMENT_TIMEOUT_MS = 120_000
# Left on a database once its seeding has finished, followed by the number of measures.
SEEDED_NOTE = "Dashboard benchmark data, measures: "


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    user: str
    password: str

    @classmethod
    def from_environment(cls) -> "Server":
        environ = os.environ
        return cls(
            host=environ.get("BENCH_POSTGRES_HOST", "127.0.0.1"),
            port=int(environ.get("BENCH_POSTGRES_PORT", "55432")),
            user=environ.get("BENCH_POSTGRES_USER", "postgres"),
            password=environ.get("BENCH_POSTGRES_PASSWORD", ""),
        )

    def refuse_remote(self) -> None:
        addresses = {info[4][0] for info in socket.getaddrinfo(self.host, self.port)}
        remote = [a for a in addresses if not ipaddress.ip_address(a.split("%")[0]).is_loopback]
        if remote:
            raise SystemExit(
                f"BENCH_POSTGRES_HOST={self.host} resolves to {', '.join(sorted(remote))}: "
                "the benchmark runs only against a PostgreSQL server on this machine."
            )

    def url(self, database: str) -> str:
        credentials = quote(self.user, safe="")
        if self.password:
            credentials += ":" + quote(self.password, safe="")
        options = quote(f"-c statement_timeout={STATEMENT_TIMEOUT_MS}", safe="")
        return f"postgres://{credentials}@{self.host}:{self.port}/{database}?options={options}"

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password or None,
            dbname="postgres",
            autocommit=True,
        )

    def recreate(self, database: str) -> None:
        with self._admin() as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
            )
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))

    def drop(self, database: str) -> None:
        with self._admin() as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
            )

    def seeded_size(self, database: str) -> int | None:
        """The number of measures a run with --keep finished seeding `database` with, from the
        note mark_seeded left on it; None for a database without one (or none at all)."""
        with self._admin() as connection:
            row = connection.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                [database],
            ).fetchone()
        note = (row[0] or "") if row else ""
        return int(note.removeprefix(SEEDED_NOTE)) if note.startswith(SEEDED_NOTE) else None

    def mark_seeded(self, database: str, size: int) -> None:
        with self._admin() as connection:
            connection.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                    sql.Identifier(database), sql.Literal(f"{SEEDED_NOTE}{size}")
                )
            )

    def version(self) -> str:
        with self._admin() as connection:
            return connection.execute("SHOW server_version").fetchone()[0]


def configure_django(server: Server, database: str) -> None:
    """Production-like settings (DEBUG off) on the benchmark's database, then django.setup()."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-only-secret-key-not-used-anywhere-else-0123456789",
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": server.url(database),
            "CELERY_BROKER_URL": "",
            "CELERY_TASK_ALWAYS_EAGER": "true",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django
    from django.conf import settings

    django.setup()
    # As in the tests: hashed static file names need a collectstatic run, which would only
    # add a dictionary lookup per {% static %} to what is measured.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # The benchmark clears the cache before every cold request: it must be its own, never a
    # cache server that others use. An in-process cache also keeps the run loopback-only.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dashboard-benchmark",
        }
    }


def use_database(database: str) -> None:
    """Point Django's connection at another database of the same server."""
    from django.db import connections

    connections.close_all()
    connections["default"].settings_dict["NAME"] = database
