"""The page of an indicator dataset (one indicator's values for a period): its values, what
they change in the published version, and the workflow's buttons (tracker/web/views/workflow.py
takes them, as for every entry)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import get_language

from tracker.models.indicators import key_categories
from tracker.selectors.indicators import dataset_get, dataset_value_changes


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
        },
    )
