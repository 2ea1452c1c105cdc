"""The searchable, filterable lists of approved measures and pledges. The filters live in the
query string, so every selection has a permanent link; ?format=csv or xlsx downloads exactly
the selected rows, every page of them."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from compact.common.language import reader_language
from reports.dashboards import figures as selectors
from reports.dashboards.filters import MeasureFilter, PledgeFilter
from reports.dashboards.views.common import bad_request, show_titles
from tracker.exports import FILE_FORMATS, measures_export, pledges_export
from tracker.models import MeasureStatus
from tracker.selectors import cycles as cycle_selectors

PAGE_SIZE = 50
# Parameters of the page that are not filters.
NOT_FILTERS = ("page", "format")


def measure_rows(ids, chosen, cycle) -> list:
    """The measures of `ids` in that order, with their status in the `chosen` cycle (if the
    list is filtered by one) and whether they have an update for `cycle`."""
    rows = cycle_selectors.public_measures().filter(pk__in=ids)
    if chosen is not None:
        rows = cycle_selectors.measures_of_cycle(chosen, rows)
    rows = rows.select_related("lead_organisation").prefetch_related("objectives")
    return _in_order(ids, cycle_selectors.with_freshness(rows, cycle))


def pledge_rows(ids, chosen, cycle) -> list:
    rows = cycle_selectors.public_pledges().filter(pk__in=ids)
    return _in_order(ids, rows.select_related("lead_organisation").prefetch_related("objectives"))


def _in_order(ids, rows) -> list:
    position = {pk: index for index, pk in enumerate(ids)}
    return sorted(rows, key=lambda row: position[row.pk])


@dataclass(frozen=True)
class ListKind:
    name: str
    back_label: object
    filterset: type
    template: str
    # The results' part of the page: the count, the table and the pager.
    results_template: str
    export: callable
    # The rows to show, in the order of the given ids, with what their columns need.
    rows: callable


MEASURES = ListKind(
    "measures",
    gettext_lazy("All approved measures"),
    MeasureFilter,
    "reports/dashboards/measures.html",
    "reports/dashboards/_measures_results.html",
    measures_export,
    measure_rows,
)
PLEDGES = ListKind(
    "pledges",
    gettext_lazy("All approved pledges"),
    PledgeFilter,
    "reports/dashboards/pledges.html",
    "reports/dashboards/_pledges_results.html",
    pledges_export,
    pledge_rows,
)


def measure_list(request):
    return _list(request, MEASURES, cycle_selectors.public_measures())


def pledge_list(request):
    return _list(request, PLEDGES, cycle_selectors.public_pledges())


def _list(request, kind: ListKind, queryset):
    url = reverse(f"dashboard:{kind.name}")
    file_format = request.GET.get("format", "")
    if file_format and file_format not in FILE_FORMATS:
        return bad_request(
            request,
            [(_("Format"), _("Downloads are available as csv or xlsx."))],
            url,
            kind.back_label,
        )
    filterset = kind.filterset(request.GET, queryset=queryset, request=request)
    if not filterset.is_valid():
        errors = [
            (filterset.form.fields[name].label if name in filterset.form.fields else name, error)
            for name, messages in filterset.errors.items()
            for error in messages
        ]
        return bad_request(request, errors, url, kind.back_label)
    rows = filterset.qs
    if file_format:
        return kind.export(rows, file_format)

    query = request.GET.copy()
    for name in NOT_FILTERS:
        query.pop(name, None)
    cycles = cycle_selectors.cycles_latest_first()
    chosen = filterset.form.cleaned_data.get("cycle")
    # Freshness is told against the chosen cycle, or the latest one.
    cycle = chosen or (cycles[0] if cycles else None)
    context = {
        "kind": kind,
        "filterset": filterset,
        "form": filterset.form,
        "cycle": cycle,
        "filtered": any(value for _name, value in query.lists() if any(value)),
        "csv_query": _with(query, format="csv"),
        "xlsx_query": _with(query, format="xlsx"),
    }
    # The results are the same for every reader of the same address in the same language
    # until an entry is saved (or the latest cycle changes): rendered once, then reused.
    context["results"] = selectors.cached(
        selectors.data_version(),
        f"{kind.name}-results",
        (get_language(), sorted(request.GET.lists()), selectors.cycle_key(cycle)),
        lambda: _results(request, kind, rows, chosen, cycles, context),
    )
    return render(request, kind.template, context)


def _results(request, kind: ListKind, rows, chosen, cycles, context) -> str:
    page = _page(request, rows)
    cycle = context["cycle"]
    page.object_list = kind.rows(page.object_list, chosen, cycle)
    _describe_rows(kind, page, cycle, {c.pk: c for c in cycles})
    _link_pages(request, page)
    return render_to_string(kind.results_template, {**context, "page": page}, request)


def _page(request, rows):
    """The requested page, its object_list the ids of its rows."""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list.values_list("pk", flat=True))
    return page


def _with(query, **values) -> str:
    query = query.copy()
    for name, value in values.items():
        query[name] = value
    return query.urlencode()


def _link_pages(request, page) -> None:
    def link(number: int) -> str:
        return f"?{_with(request.GET, page=number)}"

    page.previous_url = link(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = link(page.next_page_number()) if page.has_next() else ""


def _describe_rows(kind: ListKind, page, cycle, cycles_by_id) -> None:
    """What each row shows beside its fields: the status in the chosen cycle and freshness."""
    if kind is MEASURES:
        labels = dict(MeasureStatus.choices)
        show_titles(page, reader_language())
        for measure in page:
            measure.shown_status = labels[getattr(measure, "cycle_status", measure.status)]
            measure.latest_update_cycle = cycles_by_id.get(measure.latest_update_cycle_id)
            measure.is_stale = cycle is not None and not measure.updated_in_cycle
        return
    for pledge in page:
        pledge.is_stale = (
            cycle is not None
            and pledge.status in cycle_selectors.OPEN_PLEDGE_STATUSES
            and (pledge.status_updated_on is None or pledge.status_updated_on < cycle.period_start)
        )
