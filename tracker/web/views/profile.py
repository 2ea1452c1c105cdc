"""The user's account page: who she is, and the preferences she sets herself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tracker.services.accounts import user_preferences_update
from tracker.web.forms.common import save_or_show_errors
from tracker.web.forms.profile import PreferencesForm


@login_required
def account(request):
    user = request.user
    initial = {"preferred_language": user.preferred_language}
    if request.method == "POST":
        form = PreferencesForm(request.POST, initial=initial, user=user)
        if form.is_valid():
            saved = save_or_show_errors(
                form,
                lambda: user_preferences_update(
                    actor=user,
                    user=user,
                    preferred_language=form.cleaned_data["preferred_language"],
                ),
            )
            if saved is not None:
                messages.success(request, _("Your preferences were saved."))
                return redirect("tracker:account")
    else:
        form = PreferencesForm(initial=initial, user=user)
    return render(request, "tracker/account.html", {"form": form, "account": user})
