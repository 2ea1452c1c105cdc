"""Floods of the forms anyone may post without an account: the login (each attempt costs a
password hash, about 0.3 s) and the password reset (each sends a mail). Each post is counted in
the cache per address and per account (the name or e-mail address typed, whether or not an
account has it, so that a refusal tells nothing about who has an account), before the form is
read, by django-ratelimit's counter; past either rate (FLOOD_RATES) the request is refused with
the time to wait. A module of neither interface: the web pages' views (tracker/web/views/
accounts.py) ask it.

While the cache (Redis) cannot be reached nothing is counted and nothing refused
(RATELIMIT_FAIL_OPEN); the login lock (django-axes) still counts in the database."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django_ratelimit.core import get_usage

# The field of each form that names the account.
ACCOUNT_FIELDS = {"login": "username", "reset": "email"}


def client_address(request) -> str:
    """The client's address, as the login lock finds it (TRUSTED_PROXY_COUNT); django-ratelimit
    counts an IPv6 address by its /64 network (RATELIMIT_IP_META_KEY)."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or "unknown"


def _account(form: str):
    def key(group, request) -> str:
        return request.POST.get(ACCOUNT_FIELDS[form], "").strip().lower()

    return key


def flood_wait(*, request, form: str) -> int:
    """Count a post of `form` ("login", or "reset" for the password reset); the seconds until
    the sender may post it again if this one is past a rate, else 0."""
    rates = settings.FLOOD_RATES[form]
    keys = {"address": "ip"}
    if _account(form)(None, request):
        keys["account"] = _account(form)
    waits = []
    for counted, key in keys.items():
        usage = get_usage(
            request,
            group=f"flood:{form}:{counted}",
            key=key,
            rate=rates[counted],
            method="POST",
            increment=True,
        )
        if usage is not None and usage["should_limit"]:
            waits.append(max(usage["time_left"], 1))
    return max(waits, default=0)
