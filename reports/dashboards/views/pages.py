"""A page per round table, per objective and per organisation, for the chosen cycle."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from compact import selectors as compact_selectors
from compact.common.language import reader_language
from compact.models import Objective
from reports.dashboards import figures as selectors
from reports.dashboards.views.common import (
    chosen_cycle,
    list_url,
    pledge_status_chart,
    show_titles,
    status_chart,
    status_figures,
)
from tracker.models import Organisation, PledgeStatus
from tracker.selectors import cycles as cycle_selectors

PLEDGES_SHOWN = 20


def round_table_detail(request, number: int):
    round_table = get_object_or_404(compact_selectors.round_table_list(), number=number)
    choice = chosen_cycle(request)

    def compute():
        measures = cycle_selectors.measures_of_cycle(choice.cycle)
        objectives = Objective.objects.filter(round_table=round_table)
        return {
            "status": selectors.status_counts(
                measures.filter(selectors.serving_objectives(objectives))
            ),
            "objectives": selectors.objective_counts(measures),
            "pledges": selectors.pledge_objective_counts(
                cycle_selectors.pledges_of_cycle(choice.cycle)
            ),
        }

    figures = selectors.cached(
        selectors.data_version(),
        "round-table",
        (round_table.number, selectors.cycle_key(choice.cycle)),
        compute,
    )
    per_objective, pledges_per_objective = figures["objectives"], figures["pledges"]
    language = reader_language()
    rows = [
        {
            "objective": objective,
            "title": objective.localized("title", language),
            "measures": per_objective.get(objective.pk, 0),
            "measures_url": list_url("measures", **choice.query(objective=objective.number)),
            "pledges": pledges_per_objective.get(objective.pk, 0),
            "pledges_url": list_url("pledges", **choice.query(objective=objective.number)),
        }
        for objective in round_table.objectives.all()
    ]
    counts = figures["status"]
    return render(
        request,
        "reports/dashboards/round_table.html",
        {
            "choice": choice,
            "round_table": round_table,
            "rows": rows,
            "total": sum(counts.values()),
            "status_chart": status_chart(
                counts,
                title=_("Measures by status"),
                chart_id="round-table-measures-by-status",
                links=choice.query(round_table=round_table.number),
            ),
            "measures_url": list_url("measures", **choice.query(round_table=round_table.number)),
        },
    )


def objective_detail(request, number: int):
    objective = get_object_or_404(compact_selectors.objective_list(), number=number)
    choice = chosen_cycle(request)

    def compute():
        measures = cycle_selectors.measures_of_cycle(choice.cycle)
        serving = selectors.serving_objectives(Objective.objects.filter(pk=objective.pk))
        return {
            "status": selectors.status_counts(measures.filter(serving)),
            "actions": selectors.action_coverage(objective, measures),
            "without_action": selectors.measures_without_action(objective, measures),
            "pledges": selectors.pledge_figures(
                choice.cycle, None, cycle_selectors.public_pledges().filter(objectives=objective)
            ),
        }

    figures = selectors.cached(
        selectors.data_version(),
        "objective",
        (objective.number, selectors.cycle_key(choice.cycle)),
        compute,
    )
    counts, actions, pledges = figures["status"], figures["actions"], figures["pledges"]
    language = reader_language()
    for item in actions:
        item.text = item.action.localized("text", language)
        item.url = list_url(
            "measures", **choice.query(action=f"{objective.number}{item.action.letter}")
        )
        show_titles(item.measures, language)
    links = choice.query(objective=objective.number)
    return render(
        request,
        "reports/dashboards/objective.html",
        {
            "choice": choice,
            "objective": objective,
            "title": objective.localized("title", language),
            "commitment": objective.localized("commitment", language),
            "total": sum(counts.values()),
            "status_chart": status_chart(
                counts,
                title=_("Measures by status"),
                chart_id="objective-measures-by-status",
                links=links,
            ),
            "served_actions": [item for item in actions if item.count],
            "unserved_actions": [item for item in actions if not item.count],
            "without_action": figures["without_action"],
            "pledge_statuses": status_figures(
                PledgeStatus,
                pledges.by_status,
                None,
                lambda status: list_url("pledges", **links, status=status),
            ),
            "pledge_total": pledges.total,
            "measures_url": list_url("measures", **links),
            "pledges_url": list_url("pledges", **links),
        },
    )


def organisation_detail(request, code: str):
    organisation = get_object_or_404(Organisation, code=code)
    choice = chosen_cycle(request)
    own_pledges = cycle_selectors.public_pledges().filter(lead_organisation=organisation)

    def compute():
        measures = cycle_selectors.measures_of_cycle(choice.cycle).filter(
            lead_organisation=organisation
        )
        return {
            "status": selectors.status_counts(measures),
            "objectives": selectors.objective_counts(measures),
            "pledges": selectors.pledge_figures(choice.cycle, choice.previous, own_pledges),
        }

    figures = selectors.cached(
        selectors.data_version(),
        "organisation",
        (
            organisation.pk,
            selectors.cycle_key(choice.cycle),
            selectors.cycle_key(choice.previous),
        ),
        compute,
    )
    counts, per_objective, pledges = figures["status"], figures["objectives"], figures["pledges"]
    language = reader_language()
    links = choice.query(organisation=organisation.code)
    objectives = [
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
    recent_pledges = (
        cycle_selectors.pledges_of_cycle(choice.cycle)
        .filter(lead_organisation=organisation)
        .prefetch_related("objectives")
        .order_by("-made_on", "-pk")[:PLEDGES_SHOWN]
    )
    return render(
        request,
        "reports/dashboards/organisation.html",
        {
            "choice": choice,
            "organisation": organisation,
            "name": organisation.localized("name", language),
            "total": sum(counts.values()),
            "status_chart": status_chart(
                counts,
                title=_("Measures by status"),
                chart_id="organisation-measures-by-status",
                links=links,
            ),
            "objectives": objectives,
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
            "pledges": list(recent_pledges),
            "measures_url": list_url("measures", **links),
            "pledges_url": list_url("pledges", **links),
        },
    )
