"""Accounts: the API token a login gives, what a change of a user's credentials takes away, and
the preferences a user sets for herself.

A user whose password changes (her own change, a reset by e-mail, an administrator's in the
admin, set_password and save in a command) or whom an administrator deactivates keeps no API
token: every one of hers is deleted, so an old one answers 401 and her next token login gets a
new one. tracker/signals.py calls user_access_revoke on every save of a user that does either,
whatever interface saved it.

Her other sessions end without a step of ours: Django keeps a digest of the password hash in
each session and refuses a session whose digest no longer matches (the session in which she
changed her own password is given the new digest and goes on), and refuses every session of an
inactive user.
"""

from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_noop
from rest_framework.authtoken.models import Token

from tracker.rules import require


def token_login(*, request, user) -> Token:
    """The API token of `user`, who has just given her password with `request`: a login like
    the login page's, which Django and django-axes are told of (the last login is recorded and
    the failed attempts before it are cleared)."""
    user_logged_in.send(sender=user.__class__, request=request, user=user)
    token, _created = Token.objects.get_or_create(user=user)
    return token


def user_access_revoke(*, user) -> int:
    """Delete every API token of `user`; the number deleted."""
    deleted, _by_model = Token.objects.filter(user=user).delete()
    return deleted


def user_preferences_update(*, actor, user, preferred_language: str):
    """Set `user`'s preferred language (empty: her organisation's), in which her new entries
    start and her reminders are written; recorded in her history as changed by `actor`."""
    require(actor, "tracker.change_preferences_user", user)
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password"])
    user._history_user = actor
    user._change_reason = gettext_noop("Preferences changed")
    user.save(update_fields=["preferred_language"])
    return user
