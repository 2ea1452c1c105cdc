"""The lists: an officer's entries (everyone else's visible ones) and the review queue."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from tracker import selectors
from tracker.exports import measures_export, pledges_export
from tracker.models import WorkflowState
from tracker.rules import is_desk_officer, require
from tracker.selectors.cycles import pledge_is_stale
from tracker.selectors.review import KINDS, review_queue_counts, review_queue_entries
from tracker.web.forms.review import ReviewQueueFilterForm

PAGE_SIZE = 50
# About a screen or two of the review queue: its items are longer than the lists' rows.
QUEUE_PAGE_SIZE = 20
# The filter of My entries that lists the withdrawn (archived) entries, whatever their state.
WITHDRAWN = "withdrawn"


def _page(request, queryset, param: str, size: int = PAGE_SIZE):
    """One page of a list; the links to its neighbours keep the page of the other list."""
    page = Paginator(queryset, size).get_page(request.GET.get(param))

    def link(number: int) -> str:
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page.previous_url = link(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = link(page.next_page_number()) if page.has_next() else ""
    return page


def _download(request, **lists):
    """The whole of one list as shown (every page of it), as ?download=measures&format=xlsx."""
    name, file_format = request.GET.get("download"), request.GET.get("format")
    if name not in lists or file_format not in ("csv", "xlsx"):
        return None
    export = {"measures": measures_export, "pledges": pledges_export}[name]
    return export(lists[name], file_format)


def _entry_lists(user, own: bool, withdrawn: bool = False) -> tuple:
    """The measures, pledges and progress updates the list shows: the officer's
    organisation's when `own`, otherwise all the user may read; only the withdrawn measures
    and pledges when `withdrawn`."""
    # The lists show objective numbers; the other related rows are for the entry pages.
    measures = (
        selectors.measure_list(user=user, include_archived=withdrawn)
        .prefetch_related(None)
        .prefetch_related("objectives")
    )
    pledges = selectors.pledge_list(user=user, include_archived=withdrawn).prefetch_related(None)
    if withdrawn:
        measures = measures.filter(archived_at__isnull=False)
        pledges = pledges.filter(archived_at__isnull=False)
    updates = selectors.progress_update_list(user=user)
    if own:
        measures = measures.filter(lead_organisation=user.organisation_id)
        pledges = pledges.filter(lead_organisation=user.organisation_id)
        updates = updates.filter(measure__lead_organisation=user.organisation_id)
    return measures, pledges, updates


def _mark_current_updates(measures, updates, cycle) -> None:
    """Give each measure of the page its update for the current cycle (None if none)."""
    if cycle is None:
        return
    current = {
        update.measure_id: update
        for update in updates.filter(cycle=cycle, measure__in=[m.pk for m in measures])
    }
    for measure in measures:
        measure.current_update = current.get(measure.pk)


def _returned(measures, pledges, updates) -> dict:
    """The entries a coordinator returned to the officer's organisation."""
    returned = WorkflowState.RETURNED
    return {
        "measures": measures.filter(workflow_state=returned).prefetch_related(None),
        "pledges": pledges.filter(workflow_state=returned).prefetch_related(None),
        "updates": updates.filter(workflow_state=returned),
    }


def _mark_restorable(user, measures, pledges) -> None:
    """Give each withdrawn entry of the page whether the user may restore it."""
    for kind, entries in (("measure", measures), ("pledge", pledges)):
        for entry in entries:
            entry.can_restore = user.has_perm(f"tracker.restore_{kind}", entry)


@login_required
def my_entries(request):
    """A desk officer's organisation's measures, pledges and returned updates in every
    workflow state; for other roles, the entries they may read."""
    user = request.user
    own = is_desk_officer(user)
    state = request.GET.get("state", "")
    # An officer finds her organisation's withdrawn entries here, to restore them.
    withdrawn = own and state == WITHDRAWN
    measures, pledges, updates = _entry_lists(user, own, withdrawn)
    if state in WorkflowState.values:
        measures = measures.filter(workflow_state=state)
        pledges = pledges.filter(workflow_state=state)
    elif not withdrawn:
        state = ""

    download = _download(request, measures=measures, pledges=pledges)
    if download is not None:
        return download

    measure_page = _page(request, measures, "measures_page")
    pledge_page = _page(request, pledges, "pledges_page")
    current_cycle = selectors.cycle_current()
    _mark_current_updates(measure_page, updates, current_cycle)
    for pledge in pledge_page:
        pledge.is_stale = pledge_is_stale(pledge, current_cycle)
    if withdrawn:
        _mark_restorable(user, measure_page, pledge_page)
    return render(
        request,
        "tracker/my_entries.html",
        {
            "own": own,
            "organisation": user.organisation,
            "state": state,
            "states": WorkflowState.choices,
            "withdrawn": withdrawn,
            "measure_page": measure_page,
            "pledge_page": pledge_page,
            "current_cycle": current_cycle,
            "returned": _returned(measures, pledges, updates) if own else {},
            "can_add": user.has_perm("tracker.add_measure"),
        },
    )


def _kind_urls(request) -> dict[str, str]:
    """The queue of each kind under the other filters, from its first page."""
    urls = {}
    for kind in KINDS:
        query = request.GET.copy()
        query.pop("page", None)
        query["kind"] = kind
        urls[kind] = f"?{query.urlencode()}"
    return urls


@login_required
def review_queue(request):
    """Submitted entries of every ministry in one list, oldest first, whatever their kind: a
    coordinator reviews what has waited longest first, and narrows the list by kind,
    organisation, cycle or waiting time when she wants to. The filters and the page are in
    the query string, so that every view of the queue is a link."""
    require(request.user, "tracker.view_review_queue")
    form = ReviewQueueFilterForm(request.GET)
    filters = form.filters()
    page = _page(request, selectors.review_queue(**filters), "page", QUEUE_PAGE_SIZE)
    kind_filters = {name: value for name, value in filters.items() if name != "kind"}
    return render(
        request,
        "tracker/review_queue.html",
        {
            "form": form,
            "page": page,
            "entries": review_queue_entries(page),
            "counts": review_queue_counts(**kind_filters),
            "kind_urls": _kind_urls(request),
            "kind": filters["kind"],
            "here": request.get_full_path(),
        },
    )
