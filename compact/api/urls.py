from rest_framework.permissions import AllowAny
from rest_framework.routers import APIRootView, DefaultRouter

from compact.api import views


class ApiRootView(APIRootView):
    """The API's entry points, for anyone to discover."""

    permission_classes = [AllowAny]


router = DefaultRouter()
router.APIRootView = ApiRootView
router.register("objectives", views.ObjectiveViewSet, basename="objective")
router.register("round-tables", views.RoundTableViewSet, basename="round-table")
router.register("guiding-principles", views.GuidingPrincipleViewSet, basename="guiding-principle")

urlpatterns = router.urls
