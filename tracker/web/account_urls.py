"""Django's account pages, with the login and the password reset throttled
(tracker/web/views/accounts.py)."""

from django.urls import include, path

from tracker.web.views import accounts

urlpatterns = [
    path("login/", accounts.login, name="login"),
    path("password_reset/", accounts.password_reset, name="password_reset"),
    path("", include("django.contrib.auth.urls")),
]
