"""Coordinators and administrators manage the indicators on the pages: the list, an
indicator's create and edit pages, and a new disaggregation with its categories."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tracker.models import Indicator
from tracker.rules import require
from tracker.selectors.indicators import indicator_get, indicator_list
from tracker.services.indicators import dimension_create, indicator_create, indicator_update
from tracker.web.forms.common import save_or_show_errors
from tracker.web.forms.indicators import DimensionForm, IndicatorForm


@login_required
def indicator_list_view(request):
    require(request.user, "tracker.add_indicator")
    language = get_language()
    rows = [
        {"indicator": indicator, "name": indicator.name_in(language)}
        for indicator in indicator_list()
    ]
    return render(request, "tracker/indicator_list.html", {"rows": rows})


@login_required
def indicator_create_view(request):
    require(request.user, "tracker.add_indicator")
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        indicator = save_or_show_errors(
            form, lambda: indicator_create(actor=request.user, data=form.service_data())
        )
        if indicator is not None:
            messages.success(request, _("Indicator %(code)s created.") % {"code": indicator})
            return redirect("tracker:indicator-list")
    return render(request, "tracker/indicator_form.html", {"form": form, "indicator": None})


@login_required
def indicator_edit_view(request, code: str):
    indicator = indicator_get(code=code)
    require(request.user, "tracker.change_indicator", indicator)
    # The form writes the input into its instance; the service saves the stored indicator.
    form = IndicatorForm(request.POST or None, instance=Indicator.objects.get(pk=indicator.pk))
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: indicator_update(
                actor=request.user, indicator=indicator, data=form.service_data()
            ),
        )
        if saved is not None:
            messages.success(request, _("Indicator %(code)s saved.") % {"code": saved})
            return redirect("tracker:indicator-list")
    return render(request, "tracker/indicator_form.html", {"form": form, "indicator": indicator})


@login_required
def dimension_create_view(request):
    require(request.user, "tracker.add_dimension")
    form = DimensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dimension = save_or_show_errors(
            form,
            lambda: dimension_create(
                actor=request.user,
                data=form.service_data(),
                categories=form.cleaned_data["categories"],
            ),
        )
        if dimension is not None:
            messages.success(
                request, _("Disaggregation %(code)s created.") % {"code": dimension.code}
            )
            return redirect("tracker:indicator-list")
    return render(request, "tracker/dimension_form.html", {"form": form})
