from rest_framework.routers import SimpleRouter

from reports.review import api

router = SimpleRouter()
router.register("reports", api.ReportRunViewSet, basename="report-run")

urlpatterns = router.urls
