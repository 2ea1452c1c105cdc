"""What the navigation of every page needs to know about the user, from tracker/rules.py."""

import rules
from django.contrib.auth.models import AnonymousUser


def navigation(request) -> dict:
    """`lists_own_entries`: the user's list of entries is their organisation's ("My entries")
    rather than every entry they may read ("Entries"). A callable, so that a template that does
    not ask does not load the user.

    Asked of the rules themselves: `perms` would also ask Django's permission tables
    (ModelBackend) for everyone the rule refuses, two queries more on every page, and would
    grant it to a superuser, whose list is not an organisation's."""

    def lists_own_entries() -> bool:
        user = getattr(request, "user", None) or AnonymousUser()
        return rules.has_perm("tracker.list_own_entries", user)

    return {"lists_own_entries": lists_own_entries}
