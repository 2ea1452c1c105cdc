"""The import page of indicator values: a statistics office's desk officer uploads a file in
the tidy long format and either gets the values saved into their datasets, for review, or a
table of every problem with nothing saved; below, her organisation's datasets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from tracker.imports.indicator_rows import MAX_BYTES, MAX_ROWS
from tracker.imports.indicators import indicator_values_import
from tracker.rules import require
from tracker.selectors.indicators import dataset_list
from tracker.web.imports import ImportForm


@login_required
@require_http_methods(["GET", "POST"])
def import_indicator_values(request):
    require(request.user, "tracker.import_indicator_values")
    result = None
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        result = indicator_values_import(
            actor=request.user, uploaded_file=form.cleaned_data["file"]
        )
        if result.ok:
            messages.success(
                request,
                ngettext(
                    "%(count)d value saved. Submit each dataset for review below.",
                    "%(count)d values saved. Submit each dataset for review below.",
                    result.values,
                )
                % {"count": result.values},
            )
            return redirect("tracker:indicator-import")
    errors = result.errors if result else []
    context = {
        "form": form,
        "result": result,
        "file_errors": [error for error in errors if error.row is None],
        "row_errors": [error for error in errors if error.row is not None],
        "max_megabytes": MAX_BYTES // (1024 * 1024),
        "max_rows": MAX_ROWS,
        "datasets": dataset_list(user=request.user)
        .filter(organisation_id=request.user.organisation_id)
        .order_by("indicator__code", "-period"),
    }
    return render(request, "tracker/indicator_import.html", context)
