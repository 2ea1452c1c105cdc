"""Helpers the page views share: finding an entry the user may see, and the redirects."""

import functools
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from tracker import selectors
from tracker.selectors.changes import PendingChanges, pending_changes
from tracker.selectors.indicators import dataset_get
from tracker.selectors.published import has_public_record


@dataclass(frozen=True)
class EntryKind:
    """One of the reviewed kinds of entry; `name` prefixes its URL names (measure-detail)."""

    name: str
    get: callable
    noun: str

    @property
    def detail(self) -> str:
        return f"tracker:{self.name}-detail"


ENTRY_KINDS = {
    "measure": EntryKind("measure", selectors.measure_get, _("measure")),
    "pledge": EntryKind("pledge", selectors.pledge_get, _("pledge")),
    "progressupdate": EntryKind("update", selectors.progress_update_get, _("progress update")),
    "indicatordataset": EntryKind("dataset", dataset_get, _("indicator dataset")),
}


def entry_get(request, kind: str, pk: int):
    """The entry if the user may see it; 404 otherwise, so that drafts do not leak."""
    return ENTRY_KINDS[kind].get(user=request.user, pk=pk)


def pending_for_reviewer(user, kind: str, entry) -> PendingChanges | None:
    """What approving the entry would change for the public, for a coordinator who may review
    it now (None for everyone else): shown beside the review buttons."""
    if not user.has_perm(f"tracker.review_now_{kind}", entry):
        return None
    return pending_changes([entry])[entry.pk]


def anonymous_may_log_in(view):
    """An entry an anonymous reader may not see may be one she can see once logged in: send
    her to the login page instead of a 404. Any id gets the same answer, so nothing leaks."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            if request.user.is_authenticated:
                raise
            return redirect_to_login(request.get_full_path())

    return wrapper


def public_page_instead(url_name: str, model):
    """An entry whose working copy the reader may not see (a 404) but whose published record
    the public reads: send her to its public page, named by URL (the tracker's pages do not
    import the dashboards'). Otherwise the 404 stands."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, pk: int, *args, **kwargs):
            try:
                return view(request, pk, *args, **kwargs)
            except Http404:
                if not has_public_record(model, entry_id=pk):
                    raise
                return redirect(url_name, pk)

        return wrapper

    return decorator


def posted_version(request) -> int:
    """The version of the entry the user saw when she asked for the change: every button
    sends it, so that nobody submits or approves content she has not seen."""
    value = request.POST.get("version", "")
    if not value.isdigit():
        raise BadRequest("version must be a whole number")
    return int(value)


def safe_next(request) -> str:
    """Where the user came from (such as the review queue), when it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def redirect_next(request, default):
    return redirect(safe_next(request) or default)
