"""Settings come from the environment; each case runs Django in a fresh process."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "gcm.example.gov",
    "DATABASE_URL": "postgres://tracker:secret@db.example.gov:5432/tracker",
    "CELERY_BROKER_URL": "redis://redis.example.gov:6379/0",
    "CACHE_URL": "redis://redis.example.gov:6379/2",
}
SETTINGS_VARIABLES = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "CELERY_TASK_ALWAYS_EAGER",
    "CELERY_BROKER_FOLDER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def _run(args: list[str], **env) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "tracker.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checklist_without_warnings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_and_says_which_variable():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _run(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_with_nothing_set_but_debug_it_uses_sqlite_and_the_embedded_broker_in_var():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from tracker.celery import app; "
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], "
        "app.conf.task_always_eager, app.conf.broker_url, "
        "app.conf.broker_transport_options['data_folder_in'])"
    )
    result = _run(["-c", code], DEBUG="true")
    assert result.returncode == 0, result.stderr
    engine, name, eager, broker, folder = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert name == str(settings.BASE_DIR / "var" / "db.sqlite3")
    # Tasks are queued for the worker that `make run` starts, never run inside a request.
    assert (eager, broker) == ("False", "filesystem://")
    assert folder == str(settings.BASE_DIR / "var" / "broker")


def test_a_broker_url_makes_celery_use_redis_with_the_documented_safety_settings():
    code = (
        "import django; django.setup(); from tracker.celery import app; c = app.conf; "
        "print(c.broker_url, c.task_always_eager, c.task_acks_late, "
        "c.task_reject_on_worker_lost, c.worker_prefetch_multiplier, "
        "c.broker_transport_options['visibility_timeout'] > c.task_time_limit)"
    )
    result = _run(["-c", code], **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "redis://redis.example.gov:6379/0",
        "False",
        "True",
        "True",
        "1",
        "True",
    ]


def test_there_are_no_missing_migrations():
    result = _run(["manage.py", "makemigrations", "--check", "--dry-run"], DEBUG="true")
    assert result.returncode == 0, result.stdout + result.stderr
