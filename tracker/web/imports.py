"""The import pages: a desk officer uploads her spreadsheet of measures, pledges or progress
updates and either gets them as drafts or a table of every problem, with nothing saved. One
page for the three kinds (tracker/imports/kinds.py)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from tracker.exports import import_template
from tracker.imports import (
    KINDS,
    MAX_BYTES,
    MAX_CELL_CHARACTERS,
    MAX_COLUMNS,
    MAX_ROWS,
    entries_import,
)
from tracker.rules import require
from tracker.selectors.suggestions import import_row_suggestions

# Per kind: the page's title, its heading and what the officer fills in.
PAGES = {
    "measures": (
        _("Import measures"),
        _("Import measures from a spreadsheet"),
        _(
            "One row per measure. The Help sheet of the Excel template explains each column "
            "and lists the allowed values; it also has an example row. Every imported measure "
            "becomes a draft of your organisation, which you can check and submit for review."
        ),
    ),
    "pledges": (
        _("Import pledges"),
        _("Import pledges from a spreadsheet"),
        _(
            "One row per pledge, with what the pledge form asks. The Help sheet of the Excel "
            "template explains each column and lists the allowed values; it also has an "
            "example row. Every imported pledge becomes a draft of your organisation, which "
            "you can check and submit for review."
        ),
    ),
    "updates": (
        _("Import progress updates"),
        _("Import progress updates from a spreadsheet"),
        _(
            "One row per progress update: the id of your organisation's measure, as the "
            "measure export gives it, and the slug of an open review cycle, then the update. "
            "The Help sheet of the Excel template explains each column and lists your "
            "measures and the open cycles. Every imported update becomes a draft, which you "
            "can check and submit for review."
        ),
    ),
}


def _imported(kind: str, count: int) -> str:
    if kind == "pledges":
        text = ngettext(
            "%(count)d pledge imported as a draft.", "%(count)d pledges imported as drafts.", count
        )
    elif kind == "updates":
        text = ngettext(
            "%(count)d progress update imported as a draft.",
            "%(count)d progress updates imported as drafts.",
            count,
        )
    else:
        text = ngettext(
            "%(count)d measure imported as a draft.",
            "%(count)d measures imported as drafts.",
            count,
        )
    return text % {"count": count}


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
def import_entries(request, kind: str):
    require(request.user, KINDS[kind].permission)
    result = None
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid() and form.cleaned_data["suggest"]:
        require(request.user, "tracker.suggest_objectives")
        rows, problems = import_row_suggestions(uploaded_file=form.cleaned_data["file"])
        context = {"form": form, "row_suggestions": rows, "suggestion_problems": problems}
        return render(request, "tracker/import_suggestions.html", context)
    if form.is_bound and form.is_valid():
        result = entries_import(
            actor=request.user, kind=kind, uploaded_file=form.cleaned_data["file"]
        )
        if result.ok:
            messages.success(request, _imported(kind, len(result.entries)))
            return redirect("tracker:my-entries")
    title, heading, intro = PAGES[kind]
    context = {
        "kind": kind,
        "page_title": title,
        "heading": heading,
        "intro": intro,
        "template_url": "imports:template" if kind == "measures" else f"imports:{kind}-template",
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
def template(request, file_format: str, kind: str):
    require(request.user, KINDS[kind].permission)
    return import_template(kind, file_format, actor=request.user)
