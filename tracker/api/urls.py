from django.urls import path
from rest_framework.routers import SimpleRouter

from tracker.api import entries, evidence, history, indicators, views

# A SimpleRouter: compact.api.urls's DefaultRouter already serves the API root at /api/v1/.
router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("cycles", views.CycleViewSet, basename="cycle")
router.register("measures", entries.MeasureViewSet, basename="measure")
router.register(
    r"measures/(?P<measure_id>\d+)/updates", entries.ProgressUpdateViewSet, basename="update"
)
router.register("pledges", entries.PledgeViewSet, basename="pledge")
router.register("indicators", indicators.IndicatorViewSet, basename="indicator")
router.register("dimensions", indicators.DimensionViewSet, basename="dimension")
router.register("indicator-datasets", indicators.DatasetViewSet, basename="indicator-dataset")
router.register("indicator-values", indicators.ValueViewSet, basename="indicator-value")
router.register(
    r"measures/(?P<measure_id>\d+)/evidence", evidence.EvidenceViewSet, basename="measure-evidence"
)
router.register(
    r"measures/(?P<measure_id>\d+)/history", history.MeasureHistoryViewSet, "measure-history"
)
router.register(
    r"pledges/(?P<pledge_id>\d+)/history", history.PledgeHistoryViewSet, "pledge-history"
)
router.register(
    r"measures/(?P<measure_id>\d+)/updates/(?P<update_id>\d+)/history",
    history.ProgressUpdateHistoryViewSet,
    "update-history",
)

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    *router.urls,
]
