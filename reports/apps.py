from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports and dashboards built from the tracker's approved data."""

    name = "reports"
    verbose_name = _("Reports and dashboards")

    def ready(self):
        # Registers the Celery tasks, which the services enqueue by name (REPORT_BUILD_TASK).
        from reports import tasks  # noqa: F401
