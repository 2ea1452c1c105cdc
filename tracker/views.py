from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from tracker.celery import app as celery_app


@never_cache
def health(request):
    """Readiness for the load balancer and docker compose: the database and the task broker."""
    checks = {"database": _database_ok()}
    # The embedded broker (settings.py) is a folder on this machine, not a server to wait for.
    if not settings.CELERY_BROKER_URL.startswith("filesystem://"):
        checks["broker"] = _broker_ok()
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # any failure means not ready, and is reported as such
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write(url=settings.CELERY_BROKER_URL) as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:  # any failure means not ready, and is reported as such
        return False
