from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports and dashboards built from the tracker's approved data."""

    name = "reports"
    verbose_name = _("Reports and dashboards")
