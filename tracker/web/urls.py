from django.urls import path

from tracker.web import indicator_imports
from tracker.web.views import (
    cycles,
    entries,
    indicator_admin,
    indicators,
    measures,
    pledges,
    profile,
    updates,
    workflow,
)

app_name = "tracker"


def _workflow_urls(prefix: str, kind: str, name: str, withdraw: bool = True) -> list:
    kwargs = {"kind": kind}
    urls = [
        path(f"{prefix}/<int:pk>/submit/", workflow.entry_submit, kwargs, name=f"{name}-submit"),
        path(f"{prefix}/<int:pk>/approve/", workflow.entry_approve, kwargs, name=f"{name}-approve"),
        path(f"{prefix}/<int:pk>/return/", workflow.entry_return, kwargs, name=f"{name}-return"),
        path(
            f"{prefix}/<int:pk>/history/",
            workflow.entry_history_view,
            kwargs,
            name=f"{name}-history",
        ),
    ]
    if withdraw:
        urls += [
            path(
                f"{prefix}/<int:pk>/withdraw/",
                workflow.entry_withdraw,
                kwargs,
                name=f"{name}-withdraw",
            ),
            path(
                f"{prefix}/<int:pk>/withdraw/cancel/",
                workflow.entry_withdrawal_cancel,
                kwargs,
                name=f"{name}-withdraw-cancel",
            ),
            path(
                f"{prefix}/<int:pk>/restore/",
                workflow.entry_restore,
                kwargs,
                name=f"{name}-restore",
            ),
        ]
    return urls


urlpatterns = [
    path("account/", profile.account, name="account"),
    path("entries/", entries.my_entries, name="my-entries"),
    path("review/", entries.review_queue, name="review-queue"),
    path("measures/new/", measures.measure_create_view, name="measure-create"),
    path("measures/actions/", measures.measure_actions, name="measure-actions"),
    path("measures/<int:pk>/", measures.measure_detail, name="measure-detail"),
    path("measures/<int:pk>/edit/", measures.measure_edit_view, name="measure-edit"),
    path("measures/<int:pk>/evidence/", measures.evidence_add_view, name="evidence-add"),
    path("measures/<int:pk>/updates/new/", updates.update_create_view, name="update-create"),
    *_workflow_urls("measures", "measure", "measure"),
    path("evidence/<int:pk>/file/", measures.evidence_file, name="evidence-file"),
    path("evidence/<int:pk>/remove/", measures.evidence_remove_view, name="evidence-remove"),
    path("pledges/new/", pledges.pledge_create_view, name="pledge-create"),
    path("pledges/<int:pk>/", pledges.pledge_detail, name="pledge-detail"),
    path("pledges/<int:pk>/edit/", pledges.pledge_edit_view, name="pledge-edit"),
    *_workflow_urls("pledges", "pledge", "pledge"),
    path("updates/<int:pk>/", updates.update_detail, name="update-detail"),
    path("updates/<int:pk>/edit/", updates.update_edit_view, name="update-edit"),
    *_workflow_urls("updates", "progressupdate", "update", withdraw=False),
    path("indicators/", indicator_admin.indicator_list_view, name="indicator-list"),
    path("indicators/new/", indicator_admin.indicator_create_view, name="indicator-create"),
    path(
        "indicators/dimensions/new/",
        indicator_admin.dimension_create_view,
        name="dimension-create",
    ),
    path(
        "indicators/dimensions/<slug:code>/edit/",
        indicator_admin.dimension_edit_view,
        name="dimension-edit",
    ),
    path(
        "indicators/<str:code>/edit/",
        indicator_admin.indicator_edit_view,
        name="indicator-edit",
    ),
    path(
        "indicators/import/",
        indicator_imports.import_indicator_values,
        name="indicator-import",
    ),
    path("indicators/datasets/<int:pk>/", indicators.dataset_detail, name="dataset-detail"),
    path(
        "indicators/datasets/<int:pk>/value/",
        indicators.dataset_value_correct,
        name="dataset-value",
    ),
    *_workflow_urls("indicators/datasets", "indicatordataset", "dataset", withdraw=False),
    path("cycles/", cycles.cycle_list, name="cycle-list"),
    path("cycles/new/", cycles.cycle_create_view, name="cycle-create"),
    path("cycles/<slug:slug>/close/", cycles.cycle_close_view, name="cycle-close"),
    path("cycles/<slug:slug>/reopen/", cycles.cycle_reopen_view, name="cycle-reopen"),
    path("cycles/<slug:slug>/names/", cycles.cycle_names_view, name="cycle-names"),
]
