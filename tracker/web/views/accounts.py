"""The login and password-reset forms, refused with a 429 page while their sender floods them
(tracker/floods.py); otherwise Django's own views."""

import math
from functools import wraps

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.translation import ngettext

from tracker.floods import flood_wait


def too_many_attempts(request, seconds: int):
    minutes = math.ceil(seconds / 60)
    message = ngettext(
        "Too many attempts from your address or for this account. Try again in %(minutes)d minute.",
        "Too many attempts from your address or for this account. Try again in %(minutes)d "
        "minutes.",
        minutes,
    ) % {"minutes": minutes}
    response = render(request, "registration/throttled.html", {"message": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def throttled(view, *, form: str):
    """`view`, with each post of `form` counted first and refused past its rates."""

    @wraps(view)
    def throttled_view(request, *args, **kwargs):
        if request.method == "POST":
            seconds = flood_wait(request=request, form=form)
            if seconds:
                return too_many_attempts(request, seconds)
        return view(request, *args, **kwargs)

    return throttled_view


login = throttled(auth_views.LoginView.as_view(), form="login")
admin_login = throttled(admin.site.login, form="login")
password_reset = throttled(auth_views.PasswordResetView.as_view(), form="reset")
