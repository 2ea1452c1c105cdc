"""A pledge's pages: create, edit, detail."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tracker import selectors
from tracker.models import Pledge, PublishedPledge
from tracker.rules import require
from tracker.selectors.cycles import pledge_is_stale
from tracker.services.pledges import pledge_create, pledge_update
from tracker.services.workflow import is_public
from tracker.web.forms.common import save_or_show_errors
from tracker.web.forms.entries import PledgeForm
from tracker.web.views.common import anonymous_may_log_in, pending_for_reviewer, public_page_instead


@login_required
def pledge_create_view(request):
    require(request.user, "tracker.add_pledge")
    return _pledge_form(request, None)


@login_required
def pledge_edit_view(request, pk: int):
    pledge = selectors.pledge_get(user=request.user, pk=pk)
    require(request.user, "tracker.change_pledge", pledge)
    return _pledge_form(request, pledge)


def _pledge_form(request, pledge: Pledge | None):
    # A new pledge starts in the officer's language (User.working_language).
    instance = (
        copy.copy(pledge)
        if pledge
        else Pledge(
            lead_organisation=request.user.organisation, language=request.user.working_language
        )
    )
    kwargs = {"instance": instance, "user": request.user}
    if request.method != "POST":
        form = PledgeForm(**kwargs)
    else:
        form = PledgeForm(request.POST, **kwargs)
        if form.is_valid():
            if pledge is not None and not form.has_changed():
                messages.info(request, _("Nothing was changed."))
                return redirect("tracker:pledge-detail", pledge.pk)

            def save():
                if pledge is None:
                    return pledge_create(actor=request.user, data=form.service_data())
                return pledge_update(
                    actor=request.user,
                    pledge=pledge,
                    expected_version=form.cleaned_data["version"],
                    data=form.service_data(),
                )

            saved = save_or_show_errors(form, save)
            if saved is not None:
                messages.success(request, _("Pledge saved."))
                return redirect("tracker:pledge-detail", saved.pk)
    return render(
        request,
        "tracker/pledge_form.html",
        {"form": form, "pledge": pledge, "organisation": request.user.organisation},
    )


@anonymous_may_log_in
@public_page_instead("dashboard:pledge", PublishedPledge)
def pledge_detail(request, pk: int):
    user = request.user
    pledge = selectors.pledge_get(user=user, pk=pk)
    current_cycle = selectors.cycle_current()
    pledge.is_stale = pledge_is_stale(pledge, current_cycle)
    measures = selectors.measure_list(user=user).prefetch_related(None).filter(pledges=pledge)
    return render(
        request,
        "tracker/pledge_detail.html",
        {
            "pledge": pledge,
            "current_cycle": current_cycle,
            "measures": measures,
            "can_edit": user.has_perm("tracker.change_pledge", pledge),
            "can_submit": user.has_perm("tracker.submit_now_pledge", pledge),
            "can_withdraw": user.has_perm("tracker.withdraw_pledge", pledge),
            "can_cancel_withdrawal": user.has_perm("tracker.cancel_withdrawal_pledge", pledge),
            "can_restore": user.has_perm("tracker.restore_pledge", pledge),
            "entry_is_public": is_public(pledge),
            "can_review": user.has_perm("tracker.review_now_pledge", pledge),
            "pending": pending_for_reviewer(user, "pledge", pledge),
            "can_view_history": user.has_perm("tracker.view_history_pledge", pledge),
        },
    )
