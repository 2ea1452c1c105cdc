"""The review workflow's buttons, shared by measures, pledges and progress updates: submit,
withdraw (after a confirmation page; and cancel a withdrawal, or restore a withdrawn entry),
approve, return with a comment; and each entry's history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tracker.rules import require
from tracker.selectors.history import entry_history
from tracker.services import workflow
from tracker.web.forms.entries import ReturnForm
from tracker.web.views.common import (
    ENTRY_KINDS,
    entry_get,
    posted_version,
    redirect_next,
    safe_next,
)


def _detail_url(kind: str, entry) -> str:
    return reverse(ENTRY_KINDS[kind].detail, args=[entry.pk])


def _run(request, kind: str, entry, operation, success: str):
    """Run one service call and say how it went; refusals are told, not raised."""
    try:
        operation()
    except workflow.StaleVersionError as error:
        messages.error(request, str(error))
        return redirect(_detail_url(kind, entry))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect_next(request, _detail_url(kind, entry))


@login_required
@require_POST
def entry_submit(request, kind: str, pk: int):
    entry = entry_get(request, kind, pk)
    version = posted_version(request)
    return _run(
        request,
        kind,
        entry,
        lambda: workflow.entry_submit(actor=request.user, entry=entry, expected_version=version),
        _("Submitted for review. A coordinator will approve it or return it with a comment."),
    )


@login_required
def entry_withdraw(request, kind: str, pk: int):
    """Withdraw a measure or pledge, after a page saying what withdrawing does; the entry's
    page links here, and the page's form posts here."""
    entry = entry_get(request, kind, pk)
    public = workflow.is_public(entry)
    if request.method != "POST":
        require(request.user, f"tracker.withdraw_{kind}", entry)
        return render(
            request,
            "tracker/entry_withdraw.html",
            {
                "entry": entry,
                "kind": ENTRY_KINDS[kind],
                "detail_url": _detail_url(kind, entry),
                "public": public,
            },
        )
    version = posted_version(request)
    if public:
        done = _(
            "Withdrawal requested. The published version stays public until a coordinator "
            "approves the withdrawal."
        )
    else:
        done = _(
            "Withdrawn. It no longer appears in the lists; nothing was deleted. You find it "
            "under “Withdrawn” in My entries, where you can restore it."
        )
    return _run(
        request,
        kind,
        entry,
        lambda: workflow.entry_withdraw(actor=request.user, entry=entry, expected_version=version),
        done,
    )


@login_required
@require_POST
def entry_restore(request, kind: str, pk: int):
    entry = entry_get(request, kind, pk)
    version = posted_version(request)
    return _run(
        request,
        kind,
        entry,
        lambda: workflow.entry_restore(actor=request.user, entry=entry, expected_version=version),
        _(
            "Restored as a draft. The public sees it again only when you submit it and a "
            "coordinator approves it."
        ),
    )


@login_required
@require_POST
def entry_withdrawal_cancel(request, kind: str, pk: int):
    entry = entry_get(request, kind, pk)
    version = posted_version(request)
    return _run(
        request,
        kind,
        entry,
        lambda: workflow.entry_withdrawal_cancel(
            actor=request.user, entry=entry, expected_version=version
        ),
        _("Withdrawal cancelled. The published version stays public."),
    )


@login_required
@require_POST
def entry_approve(request, kind: str, pk: int):
    entry = entry_get(request, kind, pk)
    version = posted_version(request)
    return _run(
        request,
        kind,
        entry,
        lambda: workflow.entry_approve(
            actor=request.user,
            entry=entry,
            expected_version=version,
            comment=request.POST.get("comment", "").strip(),
        ),
        (
            _("Withdrawal approved: “%(entry)s” has left public view.")
            if getattr(entry, "withdrawal_pending", False)
            else _("Approved: “%(entry)s” is now public.")
        )
        % {"entry": entry},
    )


@login_required
def entry_return(request, kind: str, pk: int):
    """Return an entry with a comment. The review queue and the entry's page post here; a
    missing comment brings the coordinator to this page with the error on the field."""
    entry = entry_get(request, kind, pk)
    require(request.user, f"tracker.review_{kind}", entry)
    if request.method == "POST":
        form = ReturnForm(request.POST)
        if form.is_valid():
            return _run(
                request,
                kind,
                entry,
                lambda: workflow.entry_return(
                    actor=request.user,
                    entry=entry,
                    expected_version=form.cleaned_data["version"],
                    comment=form.cleaned_data["comment"],
                ),
                _("Returned to the ministry with your comment."),
            )
    else:
        form = ReturnForm(initial={"version": entry.version})
    return render(
        request,
        "tracker/entry_return.html",
        {"entry": entry, "kind": ENTRY_KINDS[kind], "form": form, "next": safe_next(request)},
    )


@login_required
def entry_history_view(request, kind: str, pk: int):
    entry = entry_get(request, kind, pk)
    require(request.user, f"tracker.view_history_{kind}", entry)
    return render(
        request,
        "tracker/entry_history.html",
        {
            "entry": entry,
            "kind": ENTRY_KINDS[kind],
            "detail_url": _detail_url(kind, entry),
            "rows": entry_history(entry),
        },
    )
