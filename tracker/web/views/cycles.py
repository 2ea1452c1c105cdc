"""Review cycles: everyone logged in sees them and their deadlines; coordinators open and
close them, and reopen a closed one saying why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tracker import selectors
from tracker.models import ReviewCycle
from tracker.rules import require
from tracker.services.cycles import cycle_close, cycle_create, cycle_rename, cycle_reopen
from tracker.web.forms.common import save_or_show_errors
from tracker.web.forms.entries import CycleNamesForm, CycleReopenForm, ReviewCycleForm


@login_required
def cycle_list(request):
    require(request.user, "tracker.view_reviewcycle")
    return render(
        request,
        "tracker/cycle_list.html",
        {
            "cycles": selectors.cycle_list().annotate(update_count=Count("updates")),
            "current_cycle": selectors.cycle_current(),
            "can_add": request.user.has_perm("tracker.add_reviewcycle"),
            "can_close": request.user.has_perm("tracker.change_reviewcycle"),
            "can_reopen": request.user.has_perm("tracker.reopen_reviewcycle"),
        },
    )


@login_required
def cycle_create_view(request):
    require(request.user, "tracker.add_reviewcycle")
    form = ReviewCycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cycle = save_or_show_errors(
            form, lambda: cycle_create(actor=request.user, **form.cleaned_data)
        )
        if cycle is not None:
            messages.success(request, _("Review cycle “%(name)s” opened.") % {"name": cycle.name})
            return redirect("tracker:cycle-list")
    return render(request, "tracker/cycle_form.html", {"form": form})


@login_required
@require_POST
def cycle_close_view(request, slug: str):
    cycle = get_object_or_404(ReviewCycle, slug=slug)
    try:
        cycle_close(actor=request.user, cycle=cycle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Review cycle “%(name)s” closed; its progress updates can no longer change.")
            % {"name": cycle.name},
        )
    return redirect("tracker:cycle-list")


@login_required
def cycle_reopen_view(request, slug: str):
    """Ask why, warn that the frozen figures go, then reopen: the cycle follows today's data
    until it closes again."""
    cycle = get_object_or_404(ReviewCycle, slug=slug)
    require(request.user, "tracker.reopen_reviewcycle", cycle)
    form = CycleReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reopened = save_or_show_errors(
            form,
            lambda: cycle_reopen(
                actor=request.user, cycle=cycle, reason=form.cleaned_data["reason"]
            ),
        )
        if reopened is not None:
            messages.success(
                request,
                _(
                    "Review cycle “%(name)s” reopened; its figures follow today's data until "
                    "it closes again."
                )
                % {"name": cycle.name},
            )
            return redirect("tracker:cycle-list")
    return render(request, "tracker/cycle_reopen.html", {"cycle": cycle, "form": form})


@login_required
def cycle_names_view(request, slug: str):
    """The cycle's name in each language: the report prints the one of its language."""
    cycle = get_object_or_404(ReviewCycle, slug=slug)
    require(request.user, "tracker.change_reviewcycle", cycle)
    form = CycleNamesForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        renamed = save_or_show_errors(
            form, lambda: cycle_rename(actor=request.user, cycle=cycle, names=form.cleaned_data)
        )
        if renamed is not None:
            messages.success(request, _("The names of “%(name)s” are saved.") % {"name": renamed})
            return redirect("tracker:cycle-list")
    return render(request, "tracker/cycle_names.html", {"cycle": cycle, "form": form})
