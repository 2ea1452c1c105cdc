"""Reports and dashboards built from the tracker's data (voluntary national review PDFs,
committee dashboards). The app is added to INSTALLED_APPS with its first model."""
