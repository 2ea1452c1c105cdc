"""Deployment checks of the tracker's own settings, beside Django's `check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def cache_shared_between_processes(app_configs, **kwargs):
    """The API's throttles count in the cache: a cache in each process's memory lets every
    gunicorn worker allow the full rate."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is in each process's memory, so each web worker counts API "
                "throttles on its own.",
                hint="Set CACHE_URL to a Redis database, e.g. redis://redis:6379/2.",
                id="tracker.W001",
            )
        ]
    return []
