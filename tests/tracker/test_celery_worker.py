"""A real Celery worker process on a real Redis, as docker compose runs it."""

import subprocess
import sys
import time

from celery import Celery
from django.conf import settings


def test_a_worker_process_connects_to_redis_and_answers_the_health_ping(subprocess_env, redis_url):
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "--app",
            "tracker",
            "worker",
            "--pool",
            "solo",
            "--hostname",
            "test-worker@%h",
            "--loglevel",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=settings.BASE_DIR,
        env=subprocess_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    client = Celery(broker=redis_url)
    try:
        replies = []
        deadline = time.monotonic() + 60
        while not replies and time.monotonic() < deadline and worker.poll() is None:
            replies = client.control.ping(timeout=1.0)
        assert worker.poll() is None, worker.stdout.read()
        assert any(name.startswith("test-worker@") for reply in replies for name in reply)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
