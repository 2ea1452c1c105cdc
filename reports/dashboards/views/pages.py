"""A page per round table, per objective and per organisation, for the chosen cycle: each
fetches what it shows, makes one call for its (cached) figures and renders them."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from compact import selectors as compact_selectors
from compact.common.language import reader_language
from reports.dashboards import figures as selectors
from reports.dashboards.indicator_figures import indicator_table
from reports.dashboards.views.common import (
    CycleChoice,
    chosen_cycle,
    list_url,
    pledge_status_chart,
    show_texts,
    status_chart,
    status_figures,
)
from reports.dashboards.views.indicators import indicator_rows
from reports.dashboards.views.tables import offer_downloads
from tracker.models import Organisation, PledgeStatus
from tracker.selectors import cycles as cycle_selectors
from tracker.selectors.indicator_series import informing

PLEDGES_SHOWN = 20


def round_table_detail(request, number: int):
    round_table = get_object_or_404(compact_selectors.round_table_list(), number=number)
    choice = chosen_cycle(request)
    figures = selectors.round_table_figures(round_table=round_table, cycle=choice.cycle)
    links = choice.query(round_table=round_table.number)
    return _page(
        request,
        "reports/dashboards/round_table.html",
        f"round-table-{round_table.number}",
        {
            "choice": choice,
            "round_table": round_table,
            "rows": objective_rows(choice, round_table, figures),
            "total": sum(figures.status_counts.values()),
            "status_chart": status_chart(
                figures.status_counts,
                title=_("Measures by status"),
                chart_id="round-table-measures-by-status",
                links=links,
            ),
            "measures_url": list_url("measures", **links),
            **_indicators(request, choice, round_table.objectives.all(), links, round_table.title),
        },
    )


def _indicators(request, choice: CycleChoice, objectives, links: dict, what: str) -> dict:
    """The indicators informing `objectives` (of the page `what` names), with their latest
    value, as a table rendered once per data version and language, and their list."""
    count, table = indicator_table(
        request=request,
        rows=lambda: indicator_rows(choice.cycle, informing(objectives), choice.suffix),
        scope=f"{request.path}?{choice.suffix}",
        language=reader_language(),
        cycle=choice.cycle,
        caption=_("Indicators of %(what)s, with their latest value") % {"what": what},
    )
    return {
        "indicator_count": count,
        "indicator_table": table,
        "indicators_url": list_url("indicators", **links),
    }


def _page(request, template: str, page: str, context: dict):
    """The page, or the download of one of its tables that the address asks for."""
    download = offer_downloads(request, context, page=page, cycle=context["choice"].cycle)
    return download if download is not None else render(request, template, context)


def objective_rows(choice: CycleChoice, round_table, figures: selectors.RoundTableFigures):
    """The round table's objectives, each with its measures and pledges and their lists."""
    language = reader_language()
    return [
        {
            "objective": objective,
            "title": objective.localized("title", language),
            "measures": figures.measures_per_objective.get(objective.pk, 0),
            "measures_url": list_url("measures", **choice.query(objective=objective.number)),
            "pledges": figures.pledges_per_objective.get(objective.pk, 0),
            "pledges_url": list_url("pledges", **choice.query(objective=objective.number)),
        }
        for objective in round_table.objectives.all()
    ]


def objective_detail(request, number: int):
    objective = get_object_or_404(compact_selectors.objective_list(), number=number)
    choice = chosen_cycle(request)
    figures = selectors.objective_figures(objective=objective, cycle=choice.cycle)
    language = reader_language()
    describe_actions(choice, objective, figures.actions, language)
    links = choice.query(objective=objective.number)
    return _page(
        request,
        "reports/dashboards/objective.html",
        f"objective-{objective.number}",
        {
            "choice": choice,
            "objective": objective,
            "title": objective.localized("title", language),
            "commitment": objective.localized("commitment", language),
            "total": sum(figures.status_counts.values()),
            "status_chart": status_chart(
                figures.status_counts,
                title=_("Measures by status"),
                chart_id="objective-measures-by-status",
                links=links,
            ),
            "served_actions": [item for item in figures.actions if item.count],
            "unserved_actions": [item for item in figures.actions if not item.count],
            "without_action": figures.without_action,
            "pledge_statuses": status_figures(
                PledgeStatus,
                figures.pledges.by_status,
                None,
                lambda status: list_url("pledges", **links, status=status),
            ),
            "pledge_total": figures.pledges.total,
            "measures_url": list_url("measures", **links),
            "pledges_url": list_url("pledges", **links),
            **_indicators(
                request,
                choice,
                compact_selectors.objective_list().filter(pk=objective.pk),
                links,
                _("objective %(number)s") % {"number": objective.number},
            ),
        },
    )


def describe_actions(choice: CycleChoice, objective, actions, language: str) -> None:
    """Give each action its text in the reader's language, the link to its measures and its
    measures their titles to show."""
    for item in actions:
        item.text = item.action.localized("text", language)
        item.url = list_url(
            "measures", **choice.query(action=f"{objective.number}{item.action.letter}")
        )
        show_texts(item.measures, "title", language)


def organisation_detail(request, code: str):
    organisation = get_object_or_404(Organisation, code=code)
    choice = chosen_cycle(request)
    figures = selectors.organisation_figures(
        organisation=organisation, cycle=choice.cycle, previous=choice.previous
    )
    language = reader_language()
    links = choice.query(organisation=organisation.code)
    return _page(
        request,
        "reports/dashboards/organisation.html",
        f"organisation-{organisation.code}",
        {
            "choice": choice,
            "organisation": organisation,
            "name": organisation.localized("name", language),
            "total": sum(figures.status_counts.values()),
            "status_chart": status_chart(
                figures.status_counts,
                title=_("Measures by status"),
                chart_id="organisation-measures-by-status",
                links=links,
            ),
            "objectives": served_objectives(figures.measures_per_objective, links, language),
            **organisation_pledges(choice, organisation, figures.pledges, links),
            "measures_url": list_url("measures", **links),
            "pledges_url": list_url("pledges", **links),
        },
    )


def served_objectives(per_objective: dict[int, int], links: dict, language: str) -> list[dict]:
    """The objectives the organisation's measures serve, in the Declaration's order, each
    with the number of measures and the link to them."""
    return [
        {
            "objective": objective,
            "title": objective.localized("title", language),
            "measures": per_objective[objective.pk],
            "url": list_url("measures", **links, objective=objective.number),
        }
        for round_table in compact_selectors.round_table_list()
        for objective in round_table.objectives.all()
        if per_objective.get(objective.pk)
    ]


def organisation_pledges(
    choice: CycleChoice, organisation, pledges: selectors.PledgeFigures, links: dict
) -> dict:
    """The organisation's pledges by status, against the previous cycle's, and its latest
    pledges of the cycle."""
    recent = (
        cycle_selectors.pledges_of_cycle(choice.cycle)
        .filter(lead_organisation=organisation)
        .prefetch_related("objectives")
        .order_by("-made_on", "-pk")[:PLEDGES_SHOWN]
    )
    recent = list(recent)
    show_texts(recent, "text", reader_language())
    for pledge in recent:
        pledge.objective_numbers = [objective.number for objective in pledge.objectives.all()]
    return {
        "pledge_statuses": status_figures(
            PledgeStatus,
            pledges.by_status,
            pledges.previous_by_status,
            lambda status: list_url("pledges", **links, status=status),
        ),
        "pledge_chart": pledge_status_chart(
            pledges.by_status,
            title=_("Pledges by status"),
            chart_id="organisation-pledges-by-status",
            links=links,
        ),
        "pledge_total": pledges.total,
        "pledges": recent,
    }
