"""The searchable, filterable lists of approved measures and pledges. The filters live in the
query string, so every selection has a permanent link; ?format=csv or xlsx downloads exactly
the selected rows, every page of them."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from compact.common.language import reader_language
from compact.languages import normalize_language
from reports.dashboards.cache import cached_figures
from reports.dashboards.filters import MeasureFilter, PledgeFilter
from reports.dashboards.views.common import bad_request, show_texts
from tracker.exports import FILE_FORMATS, measures_readable_export, pledges_readable_export
from tracker.models import MeasureStatus
from tracker.selectors import cycles as cycle_selectors

PAGE_SIZE = 50
# Parameters of the page that are not filters.
NOT_FILTERS = ("page", "format")


def measure_rows(ids, chosen, cycle) -> list:
    """The measures of `ids` in that order, with their status in the `chosen` cycle (if the
    list is filtered by one) and whether they have an update for `cycle`."""
    rows = cycle_selectors.public_measures(chosen).filter(pk__in=ids)
    if chosen is not None:
        rows = cycle_selectors.measures_of_cycle(chosen, rows)
    rows = rows.select_related("lead_organisation").prefetch_related("objectives")
    return _in_order(ids, cycle_selectors.with_freshness(rows, cycle))


def pledge_rows(ids, chosen, cycle) -> list:
    rows = cycle_selectors.public_pledges(chosen).filter(pk__in=ids)
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
    measures_readable_export,
    measure_rows,
)
PLEDGES = ListKind(
    "pledges",
    gettext_lazy("All approved pledges"),
    PledgeFilter,
    "reports/dashboards/pledges.html",
    "reports/dashboards/_pledges_results.html",
    pledges_readable_export,
    pledge_rows,
)


KINDS = {kind.name: kind for kind in (MEASURES, PLEDGES)}


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
        name = download_name(kind.name, filterset.form.cleaned_data)
        return kind.export(rows, file_format, name=name, language=reader_language())

    cycles = cycle_selectors.cycles_latest_first()
    chosen = filterset.form.cleaned_data.get("cycle")
    # Freshness is told against the chosen cycle, or the latest one.
    cycle = chosen or (cycles[0] if cycles else None)
    results = list_results(
        request=request,
        rows=rows,
        kind=kind.name,
        query=request.GET,
        language=get_language(),
        chosen=chosen,
        cycle=cycle,
        cycles=cycles,
    )
    context = {
        "kind": kind,
        "filterset": filterset,
        "form": filterset.form,
        "cycle": cycle,
        "filtered": any(value for _name, value in _filters(request.GET).lists() if any(value)),
        "results": results,
    }
    return render(request, kind.template, context)


@cached_figures(unkeyed=("request", "rows"))
def list_results(*, request, rows, kind: str, query, language: str, chosen, cycle, cycles) -> str:
    """The results' part of a list page (the count, the table and the pager) for the address
    `query` in `language`: the same for every reader until an entry is saved or the cycles
    change, so rendered once, then reused. `rows` are the rows the query's filters select;
    freshness is told against `cycle`."""
    kind = KINDS[kind]
    page = _page(query, rows)
    page.object_list = kind.rows(page.object_list, chosen, cycle)
    _describe_rows(kind, page, cycle, {c.pk: c for c in cycles}, normalize_language(language))
    _link_pages(query, page)
    filters = _filters(query)
    context = {
        "cycle": cycle,
        "page": page,
        "csv_query": _with(filters, format="csv"),
        "xlsx_query": _with(filters, format="xlsx"),
    }
    return render_to_string(kind.results_template, context, request)


# A file name stays short enough for every file system, with room for the date.
NAME_LENGTH = 120


def download_name(kind: str, cleaned: dict) -> str:
    """The download's name: the list and its filters in the filters' order, such as
    measures-objective-5-ongoing (the export adds today's date), in ASCII."""
    parts = [kind]
    for name, value in cleaned.items():
        if value in (None, "", [], ()):
            continue
        parts.append(slugify(_name_part(name, value)).replace("_", "-"))
    return "-".join(part for part in parts if part)[:NAME_LENGTH].strip("-")


def _name_part(name: str, value) -> str:
    if name == "cycle":
        return value.slug
    if name == "organisation":
        return value.code
    if name in ("round_table", "objective"):
        return f"{name} {value.number}"
    if name == "action":
        return f"action {value.objective.number}{value.letter}"
    if name in ("guiding_principle", "pact_item"):
        return value.code
    if name == "q":
        return f"search {value}"
    return " ".join(value)


def _filters(query):
    """The query string without the parameters that are not filters."""
    query = query.copy()
    for name in NOT_FILTERS:
        query.pop(name, None)
    return query


def _page(query, rows):
    """The requested page, its object_list the ids of its rows."""
    page = Paginator(rows, PAGE_SIZE).get_page(query.get("page"))
    page.object_list = list(page.object_list.values_list("pk", flat=True))
    return page


def _with(query, **values) -> str:
    query = query.copy()
    for name, value in values.items():
        query[name] = value
    return query.urlencode()


def _link_pages(query, page) -> None:
    def link(number: int) -> str:
        return f"?{_with(query, page=number)}"

    page.previous_url = link(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = link(page.next_page_number()) if page.has_next() else ""


def _describe_rows(kind: ListKind, page, cycle, cycles_by_id, language: str) -> None:
    """What each row shows beside its fields: the status in the chosen cycle and freshness."""
    if kind is MEASURES:
        labels = dict(MeasureStatus.choices)
        show_texts(page, "title", language)
        for measure in page:
            measure.shown_status = labels[getattr(measure, "cycle_status", measure.status)]
            measure.latest_update_cycle = cycles_by_id.get(measure.latest_update_cycle_id)
            measure.is_stale = cycle is not None and not measure.updated_in_cycle
        return
    show_texts(page, "text", language)
    for pledge in page:
        pledge.is_stale = cycle_selectors.pledge_is_stale(pledge, cycle)
