"""Coordinators and administrators manage the indicators on the pages: the list, an
indicator's create and edit pages, and a disaggregation with its categories, new or edited."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tracker.models import Indicator
from tracker.rules import require
from tracker.selectors.indicators import (
    dimension_get,
    dimension_list,
    indicator_get,
    indicator_list,
)
from tracker.services.indicators import (
    dimension_create,
    dimension_update,
    indicator_create,
    indicator_update,
)
from tracker.web.forms.common import save_or_show_errors
from tracker.web.forms.indicators import DimensionEditForm, DimensionForm, IndicatorForm


@login_required
def indicator_list_view(request):
    require(request.user, "tracker.add_indicator")
    language = get_language()
    rows = [
        {"indicator": indicator, "name": indicator.name_in(language)}
        for indicator in indicator_list()
    ]
    dimensions = [
        {
            "dimension": dimension,
            "name": dimension.name_in(language),
            "categories": [category.name_in(language) for category in dimension.categories.all()],
        }
        for dimension in dimension_list()
    ]
    return render(request, "tracker/indicator_list.html", {"rows": rows, "dimensions": dimensions})


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


@login_required
def dimension_edit_view(request, code: str):
    dimension = dimension_get(code=code)
    require(request.user, "tracker.change_dimension", dimension)
    # The form writes the input into the instance; the service reads the stored one again.
    form = DimensionEditForm(request.POST or None, instance=dimension)
    if request.method == "POST" and form.is_valid():
        saved = save_or_show_errors(
            form,
            lambda: dimension_update(
                actor=request.user,
                dimension=dimension,
                data=form.service_data(),
                categories=form.cleaned_data["categories"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Disaggregation %(code)s saved.") % {"code": saved.code})
            return redirect("tracker:indicator-list")
    context = {"form": form, "dimension": dimension}
    return render(request, "tracker/dimension_form.html", context)
