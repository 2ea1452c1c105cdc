from csp.decorators import csp_update
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from tracker import views
from tracker.web.views import accounts

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="compact:index"), name="home"),
    # Browsers ask for /favicon.ico whatever the page says; the site's icon is an SVG.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"), permanent=True)),
    path("compact/", include("compact.urls")),
    path("dashboard/", include("reports.dashboards.urls")),
    path("reports/", include("reports.review.web.urls")),
    path("", include("tracker.web.urls")),
    path("entries/import/", include("tracker.web.import_urls")),
    path("accounts/", include("tracker.web.account_urls")),
    path("api/v1/", include("compact.api.urls")),
    path("api/v1/", include("tracker.api.urls")),
    path("api/v1/", include("reports.review.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
    # The split view serves Swagger UI's start-up script as a file, which the Content Security
    # Policy allows, where an inline script would be refused. Swagger UI's stylesheet draws its
    # icons as data: images.
    path(
        "api/docs/",
        csp_update({"img-src": ["data:"]})(
            SpectacularSwaggerSplitView.as_view(
                url_name="schema",
                template_name="tracker/swagger_ui.html",
                permission_classes=[AllowAny],
            )
        ),
        name="swagger-ui",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", views.health, name="health"),
    # The admin's login is throttled like the site's (tracker/floods.py).
    path("admin/login/", accounts.admin_login),
    path("admin/", admin.site.urls),
]

handler400 = "tracker.web.views.errors.bad_request"
