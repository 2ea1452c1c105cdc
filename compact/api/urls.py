from rest_framework.routers import DefaultRouter

from compact.api import views

router = DefaultRouter()
router.register("objectives", views.ObjectiveViewSet, basename="objective")
router.register("round-tables", views.RoundTableViewSet, basename="round-table")
router.register("guiding-principles", views.GuidingPrincipleViewSet, basename="guiding-principle")

urlpatterns = router.urls
