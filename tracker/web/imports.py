"""The import page: a desk officer uploads her spreadsheet of measures and either gets them as
drafts or a table of every problem, with nothing saved."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from tracker.exports import measures_import_template
from tracker.imports import (
    MAX_BYTES,
    MAX_CELL_CHARACTERS,
    MAX_COLUMNS,
    MAX_ROWS,
    measures_import,
)
from tracker.rules import require
from tracker.selectors.suggestions import import_row_suggestions


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet,text/csv",
                "aria-describedby": "file-help",
            }
        ),
    )

    suggest = forms.BooleanField(
        required=False,
        label=_("Only list suggested objectives and actions for the rows that name no action"),
        help_text=_("Nothing is imported: fill in the actions, then upload the file again."),
    )

    def full_clean(self):
        super().full_clean()
        if "file" in self.errors:
            self.fields["file"].widget.attrs.update(
                {"aria-describedby": "file-help file-error", "aria-invalid": "true"}
            )


@login_required
@require_http_methods(["GET", "POST"])
def import_measures(request):
    require(request.user, "tracker.import_measures")
    result = None
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid() and form.cleaned_data["suggest"]:
        require(request.user, "tracker.suggest_objectives")
        rows, problems = import_row_suggestions(uploaded_file=form.cleaned_data["file"])
        context = {"form": form, "row_suggestions": rows, "suggestion_problems": problems}
        return render(request, "tracker/import_suggestions.html", context)
    if form.is_bound and form.is_valid():
        result = measures_import(actor=request.user, uploaded_file=form.cleaned_data["file"])
        if result.ok:
            count = len(result.measures)
            messages.success(
                request,
                ngettext(
                    "%(count)d measure imported as a draft.",
                    "%(count)d measures imported as drafts.",
                    count,
                )
                % {"count": count},
            )
            return redirect("tracker:my-entries")
    context = {
        "form": form,
        "result": result,
        "file_errors": [error for error in result.errors if error.row is None] if result else [],
        "row_errors": [error for error in result.errors if error.row is not None] if result else [],
        "max_megabytes": MAX_BYTES // (1024 * 1024),
        "max_rows": MAX_ROWS,
        "max_columns": MAX_COLUMNS,
        "max_cell_characters": MAX_CELL_CHARACTERS,
    }
    return render(request, "tracker/import.html", context)


@login_required
def template(request, file_format: str):
    require(request.user, "tracker.import_measures")
    return measures_import_template(file_format)
