"""Floods of the forms anyone may post without an account: the login (each attempt costs a
password hash, about 0.3 s) and the password reset (each sends a mail). Each post is counted in
the cache per address and per account (the name or e-mail address typed, whether or not an
account has it, so that a refusal tells nothing about who has an account), before the form is
read, by django-ratelimit's counter; past either rate (LOGIN_THROTTLE, PASSWORD_RESET_THROTTLE)
the request is refused with the time to wait. A module of neither interface: the web pages'
views (tracker/web/views/accounts.py) ask it.

While the cache (Redis) cannot be reached nothing is counted and nothing refused
(RATELIMIT_FAIL_OPEN); the login lock (django-axes) still counts in the database."""

import ipaddress

from axes.helpers import get_client_ip_address
from django.conf import settings
from django_ratelimit.core import get_usage

# The field of each form that names the account, and the setting of its rates: per address,
# then per account, as django-ratelimit reads them (30/m: 30 a minute, 3/h: 3 an hour).
ACCOUNT_FIELDS = {"login": "username", "reset": "email"}
RATE_SETTINGS = {"login": "LOGIN_THROTTLE", "reset": "PASSWORD_RESET_THROTTLE"}


def client_network(group, request) -> str:
    """The client's address as the login lock finds it (TRUSTED_PROXY_COUNT); an IPv6 address
    by its /64 network, which one client can fill with addresses of its own."""
    address = get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    prefix = 64 if parsed.version == 6 else 32
    return str(ipaddress.ip_network(f"{parsed}/{prefix}", strict=False).network_address)


def _account(form: str):
    def account(group, request) -> str:
        return request.POST.get(ACCOUNT_FIELDS[form], "").strip().lower()

    return account


def flood_wait(*, request, form: str) -> int:
    """Count a post of `form` ("login", or "reset" for the password reset); the seconds until
    the sender may post it again if this one is past a rate, else 0."""
    address_rate, account_rate = getattr(settings, RATE_SETTINGS[form])
    counts = [("address", client_network, address_rate)]
    if _account(form)(None, request):
        counts.append(("account", _account(form), account_rate))
    waits = []
    for counted, key, rate in counts:
        usage = get_usage(
            request,
            group=f"flood:{form}:{counted}",
            key=key,
            rate=rate,
            method="POST",
            increment=True,
        )
        if usage is not None and usage["should_limit"]:
            waits.append(max(usage["time_left"], 1))
    return max(waits, default=0)
