"""Progress updates: one per measure and review cycle, editable while the cycle is open."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from tracker import selectors
from tracker.models import ProgressUpdate, ReviewCycle
from tracker.rules import require
from tracker.selectors.cycles import cycle_of_new_update
from tracker.services.updates import (
    NO_OPEN_CYCLE,
    progress_update_create,
    progress_update_update,
)
from tracker.web.forms.common import save_or_show_errors
from tracker.web.forms.entries import ProgressUpdateForm
from tracker.web.views.common import anonymous_may_log_in, pending_for_reviewer


def _closed(request, cycle: ReviewCycle, measure_pk: int):
    messages.error(
        request,
        _("%(cycle)s is closed; its progress updates can no longer be added or changed.")
        % {"cycle": cycle.name},
    )
    return redirect("tracker:measure-detail", measure_pk)


@login_required
def update_create_view(request, pk: int):
    """A progress update of a measure for the cycle named in ?cycle=, or the current one."""
    measure = selectors.measure_get(user=request.user, pk=pk)
    require(request.user, "tracker.change_measure", measure)
    slug = request.GET.get("cycle")
    cycle = cycle_of_new_update(get_object_or_404(ReviewCycle, slug=slug) if slug else None)
    if cycle is None:
        messages.error(request, NO_OPEN_CYCLE)
        return redirect("tracker:measure-detail", measure.pk)
    if cycle.is_closed:
        return _closed(request, cycle, measure.pk)
    existing = ProgressUpdate.objects.filter(measure=measure, cycle=cycle).first()
    if existing is not None:
        messages.info(request, _("This measure already has an update for this cycle."))
        return redirect("tracker:update-edit", existing.pk)
    form = ProgressUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        update = save_or_show_errors(
            form,
            lambda: progress_update_create(
                actor=request.user, measure=measure, cycle=cycle, data=form.service_data()
            ),
        )
        if update is not None:
            messages.success(request, _("Progress update saved as a draft."))
            return redirect("tracker:update-detail", update.pk)
    return render(
        request,
        "tracker/update_form.html",
        {"form": form, "measure": measure, "cycle": cycle, "update": None},
    )


@login_required
def update_edit_view(request, pk: int):
    update = selectors.progress_update_get(user=request.user, pk=pk)
    if update.cycle.is_closed:
        return _closed(request, update.cycle, update.measure_id)
    require(request.user, "tracker.change_progressupdate", update)
    form = ProgressUpdateForm(request.POST or None, instance=copy.copy(update))
    if request.method == "POST" and form.is_valid():
        if not form.has_changed():
            messages.info(request, _("Nothing was changed."))
            return redirect("tracker:update-detail", update.pk)
        saved = save_or_show_errors(
            form,
            lambda: progress_update_update(
                actor=request.user,
                update=update,
                expected_version=form.cleaned_data["version"],
                data=form.service_data(),
            ),
        )
        if saved is not None:
            messages.success(request, _("Progress update saved."))
            return redirect("tracker:update-detail", update.pk)
    return render(
        request,
        "tracker/update_form.html",
        {"form": form, "measure": update.measure, "cycle": update.cycle, "update": update},
    )


@anonymous_may_log_in
def update_detail(request, pk: int):
    user = request.user
    update = selectors.progress_update_get(user=user, pk=pk)
    return render(
        request,
        "tracker/update_detail.html",
        {
            "update": update,
            "evidence": update.evidence.all(),
            "can_edit": user.has_perm("tracker.change_progressupdate", update),
            "can_submit": user.has_perm("tracker.submit_now_progressupdate", update),
            "can_review": user.has_perm("tracker.review_now_progressupdate", update),
            "pending": pending_for_reviewer(user, "progressupdate", update),
            "can_view_history": user.has_perm("tracker.view_history_progressupdate", update),
        },
    )
