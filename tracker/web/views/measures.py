"""A measure's pages: create, edit, detail with its updates and evidence, and evidence files."""

import copy
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from compact.languages import LANGUAGE_NAMES
from tracker import selectors
from tracker.models import (
    Evidence,
    Measure,
    PublishedMeasure,
    Stakeholder,
    TargetGroup,
    WorkflowState,
)
from tracker.rules import require
from tracker.selectors.evidence import evidence_of_measure
from tracker.services.measures import (
    evidence_add,
    evidence_remove,
    measure_create,
    measure_update,
)
from tracker.services.workflow import is_public
from tracker.web.forms.common import save_or_show_errors, unbound_copy
from tracker.web.forms.measures import EvidenceForm, MeasureForm, action_groups
from tracker.web.views.common import anonymous_may_log_in, pending_for_reviewer, public_page_instead
from tracker.web.views.suggestions import suggestions_page, wants_suggestions


@login_required
def measure_create_view(request):
    require(request.user, "tracker.add_measure")
    return _measure_form(request, None)


@login_required
def measure_edit_view(request, pk: int):
    measure = selectors.measure_get(user=request.user, pk=pk)
    require(request.user, "tracker.change_measure", measure)
    return _measure_form(request, measure)


def _measure_form(request, measure: Measure | None):
    # The form writes the user's input into its instance; the page's heading and the
    # service keep working on the stored measure.
    if measure is None:
        # A new measure starts in the officer's language (User.working_language).
        instance = Measure(
            lead_organisation=request.user.organisation, language=request.user.working_language
        )
    else:
        instance = copy.copy(measure)
    kwargs = {"instance": instance, "user": request.user}
    if request.method != "POST":
        form = MeasureForm(**kwargs)
    elif "show_actions" in request.POST:
        form = unbound_copy(MeasureForm(request.POST, **kwargs), **kwargs)
    elif wants_suggestions(request.POST):
        return suggestions_page(request, measure, kwargs)
    else:
        form = MeasureForm(request.POST, **kwargs)
        if form.is_valid():
            if measure is not None and not form.has_changed():
                messages.info(request, _("Nothing was changed."))
                return redirect("tracker:measure-detail", measure.pk)

            def save():
                if measure is None:
                    return measure_create(actor=request.user, data=form.service_data())
                return measure_update(
                    actor=request.user,
                    measure=measure,
                    expected_version=form.cleaned_data["version"],
                    data=form.service_data(),
                )

            saved = save_or_show_errors(form, save)
            if saved is not None:
                messages.success(
                    request,
                    _("Measure saved. It is waiting for a coordinator's review.")
                    if saved.workflow_state == WorkflowState.SUBMITTED
                    else _("Measure saved. Submit it for review when it is ready."),
                )
                return redirect("tracker:measure-detail", saved.pk)
    return render(
        request,
        "tracker/measure_form.html",
        {"form": form, "measure": measure, "organisation": request.user.organisation},
    )


@login_required
def measure_actions(request):
    """The actions of the objectives chosen so far: the measure form fetches this fieldset
    whenever its objectives change (htmx)."""
    groups = action_groups(request.GET.getlist("objectives"), request.GET.getlist("actions"))
    return render(request, "tracker/_measure_actions.html", {"groups": groups})


@anonymous_may_log_in
@public_page_instead("dashboard:measure", PublishedMeasure)
def measure_detail(request, pk: int):
    measure = selectors.measure_get(user=request.user, pk=pk)
    return render(request, "tracker/measure_detail.html", _detail_context(request, measure))


def _detail_context(request, measure: Measure, evidence_form: EvidenceForm | None = None) -> dict:
    user = request.user
    updates = list(
        selectors.progress_update_list(user=user)
        .filter(measure=measure)
        .order_by("-cycle__period_start")
    )
    pledges = list(selectors.pledge_list(user=user).prefetch_related(None).filter(measures=measure))
    current_cycle = selectors.cycle_current()
    editable = user.has_perm("tracker.change_measure", measure)
    has_current_update = current_cycle is not None and any(
        update.cycle_id == current_cycle.pk for update in updates
    )
    return {
        "measure": measure,
        "target_groups": [TargetGroup(value).label for value in measure.target_groups],
        "stakeholders": [Stakeholder(value).label for value in measure.stakeholders],
        "language_name": LANGUAGE_NAMES.get(measure.language, measure.language),
        "updates": updates,
        "pledges": pledges,
        "evidence": evidence_of_measure(user=user, measure=measure),
        "current_cycle": current_cycle,
        "evidence_form": evidence_form or EvidenceForm(prefix="evidence"),
        "can_edit": editable,
        "can_submit": user.has_perm("tracker.submit_now_measure", measure),
        "can_withdraw": user.has_perm("tracker.withdraw_measure", measure),
        "can_cancel_withdrawal": user.has_perm("tracker.cancel_withdrawal_measure", measure),
        "can_restore": user.has_perm("tracker.restore_measure", measure),
        "entry_is_public": is_public(measure),
        "can_add_update": editable and current_cycle is not None and not has_current_update,
        "can_add_evidence": user.has_perm("tracker.add_evidence", measure),
        # Removing is offered on every item when it is on one: the same rule, on the measure.
        "can_remove_evidence": user.has_perm("tracker.add_evidence", measure),
        "can_review": user.has_perm("tracker.review_now_measure", measure),
        "pending": pending_for_reviewer(user, "measure", measure),
        "can_view_history": user.has_perm("tracker.view_history_measure", measure),
    }


@login_required
@require_POST
def evidence_add_view(request, pk: int):
    measure = selectors.measure_get(user=request.user, pk=pk)
    require(request.user, "tracker.add_evidence", measure)
    form = EvidenceForm(request.POST, request.FILES, prefix="evidence")
    if form.is_valid():
        evidence = save_or_show_errors(
            form,
            lambda: evidence_add(
                actor=request.user,
                measure=measure,
                title=form.cleaned_data["title"],
                url=form.cleaned_data["url"],
                file=form.cleaned_data["file"],
                public=form.cleaned_data["public"],
            ),
        )
        if evidence is not None:
            messages.success(request, _evidence_message(_("Evidence added."), measure))
            return redirect("tracker:measure-detail", measure.pk)
    context = _detail_context(request, measure, evidence_form=form)
    return render(request, "tracker/measure_detail.html", context)


def _evidence_message(done: str, measure: Measure) -> str:
    if measure.published_id is None:
        return done
    return " ".join(
        (done, _("The public sees the change when a coordinator approves the measure."))
    )


@login_required
@require_POST
def evidence_remove_view(request, pk: int):
    evidence = get_object_or_404(Evidence.objects.select_related("measure"), pk=pk)
    measure = selectors.measure_get(user=request.user, pk=evidence.measure_id)
    require(request.user, "tracker.remove_evidence", evidence)
    evidence_remove(actor=request.user, evidence=evidence)
    messages.success(request, _evidence_message(_("Evidence removed."), measure))
    return redirect(reverse("tracker:measure-detail", args=[measure.pk]) + "#evidence")


@anonymous_may_log_in
def evidence_file(request, pk: int):
    """A file attached to a measure: for its organisation and the coordinators, and for
    everyone else only when it is in the measure's current published record."""
    evidence = get_object_or_404(Evidence.objects.exclude(file=""), pk=pk)
    if not request.user.has_perm("tracker.download_evidence", evidence):
        raise Http404("No such file")
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=Path(evidence.file.name).name
    )
