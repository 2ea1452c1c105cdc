from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Implementation tracker"

    def ready(self):
        from tracker import (
            checks,  # noqa: F401  registers the deployment checks
            signals,  # noqa: F401  connects the receivers
        )
