"""What someone whose account django-axes has locked is told, on the login pages
(AXES_LOCKOUT_CALLABLE) and by the API's token endpoint alike. A module of neither interface,
so that the API does not import the web pages' views."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext


def lockout_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_message() -> str:
    minutes = lockout_seconds() // 60
    return ngettext(
        "Too many failed logins: this account is locked for %(minutes)d minute. Try again "
        "later, or ask an administrator to unlock it.",
        "Too many failed logins: this account is locked for %(minutes)d minutes. Try again "
        "later, or ask an administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}


def account_locked(request, original_response=None, credentials=None):
    response = render(
        request,
        "registration/lockout.html",
        {"message": lockout_message()},
        status=429,
    )
    response["Retry-After"] = str(lockout_seconds())
    return response
