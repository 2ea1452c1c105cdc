"""The page of an indicator dataset (one indicator's values for a period): its values, what
they change in the published version, and the workflow's buttons (tracker/web/views/workflow.py
takes them, as for every entry); and the page where its desk officer corrects one value."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tracker.models.indicators import key_categories
from tracker.rules import require
from tracker.selectors.indicators import dataset_get, dataset_value_changes
from tracker.services.indicator_values import ValueInput, dataset_save_values
from tracker.web.forms.common import save_or_show_errors
from tracker.web.forms.indicators import ValueCorrectionForm


@login_required
def dataset_detail(request, pk: int):
    user = request.user
    dataset = dataset_get(user=user, pk=pk)
    values = [
        {"categories": key_categories(value.key), "value": value}
        for value in dataset.values.order_by("dimensions", "key")
    ]
    can_review = user.has_perm("tracker.review_now_indicatordataset", dataset)
    return render(
        request,
        "tracker/indicator_dataset_detail.html",
        {
            "dataset": dataset,
            "name": dataset.indicator.name_in(get_language()),
            "values": values,
            "changes": dataset_value_changes(dataset) if can_review else None,
            "can_submit": user.has_perm("tracker.submit_now_indicatordataset", dataset),
            "can_review": can_review,
            "can_view_history": user.has_perm("tracker.view_history_indicatordataset", dataset),
            "can_correct": user.has_perm("tracker.change_indicatordataset", dataset),
        },
    )


@login_required
def dataset_value_correct(request, pk: int):
    """Correct one value of the dataset, named by its key (?key=sex%3Dfemale; empty: total)."""
    dataset = dataset_get(user=request.user, pk=pk)
    require(request.user, "tracker.change_indicatordataset", dataset)
    key = request.POST.get("key", request.GET.get("key", ""))
    value = dataset.values.filter(key=key).first()
    if value is None:
        raise Http404("No such value")
    initial = {"version": dataset.version, "value": value.value, "status": value.status}
    form = ValueCorrectionForm(request.POST or None, initial={**initial, "note": value.note})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        correction = ValueInput(
            key_categories(key), data["value"], note=data["note"], status=data["status"]
        )
        saved = save_or_show_errors(
            form,
            lambda: dataset_save_values(
                actor=request.user,
                dataset=dataset,
                values=[correction],
                expected_version=data["version"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The value is corrected. Submit the values for review."))
            return redirect("tracker:dataset-detail", dataset.pk)
    context = {"dataset": dataset, "form": form, "key": key, "categories": key_categories(key)}
    return render(request, "tracker/indicator_value_form.html", context)
