# ruff: noqa: S608 - the SQL is built from the benchmark's own constants and rows.
"""The dashboard pages the benchmark requests, each with the raw SQL of its main aggregates.

The raw SQL is hand-written, the shortest correct query for what the page shows, read from the
published records as the dashboards read them, with the counting rules of
tracker/selectors/cycles.py: public is each entry's current published record, not withdrawn and
its entry not withdrawn, or for a closed cycle the records its snapshot froze; the measures of a
cycle are those active in its period or with a public progress update for it, counted with the
update's status when they have one. A page's baseline is the sum of its queries' medians, so its
ratio says how much the ORM, Python and templates add to the database's own work. Values are
written into the SQL as literals: they come from the benchmark's own rows.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from compact.models import Objective, RoundTable
from tracker.models import CycleSnapshot, Organisation, ReviewCycle

LIST_ROWS = 50
# Which of its lists the benchmark requests, and the filters that make them representative:
# a heatmap cell's link, the filters on the Compact, a status and a kind, and a word search.
ROUND_TABLE = 2
OBJECTIVE = 10
ORGANISATION = "MIG"
PRINCIPLE = "human_rights"
SEARCH_WORD = "människohandel"


@dataclass
class Page:
    label: str
    url: str
    raw_sql: dict[str, str]


@dataclass
class Scope:
    cycle: ReviewCycle
    previous: ReviewCycle | None
    round_table: RoundTable
    objective: Objective
    organisation: Organisation

    @classmethod
    def load(cls) -> "Scope":
        cycles = list(ReviewCycle.objects.order_by("-period_start", "-pk"))
        return cls(
            cycle=cycles[0],
            previous=cycles[1] if len(cycles) > 1 else None,
            round_table=RoundTable.objects.get(number=ROUND_TABLE),
            objective=Objective.objects.get(number=OBJECTIVE),
            organisation=Organisation.objects.get(code=ORGANISATION),
        )


def _snapshot_id(cycle: ReviewCycle | None) -> int | None:
    """The snapshot a closed cycle's figures read, if it has one."""
    if cycle is None or cycle.closed_at is None:
        return None
    return CycleSnapshot.objects.filter(cycle=cycle).values_list("pk", flat=True).first()


def _public(kind: str, alias: str, cycle: ReviewCycle | None = None) -> str:
    """The FROM clause of the public published records of `kind` (measure, pledge, update) as
    `alias`: a closed cycle's snapshot, or else the records the entries point to now, their
    entry not withdrawn (updates are withdrawn with their measure)."""
    records = f"tracker_published{kind} {alias}"
    snapshot = _snapshot_id(cycle)
    if snapshot is not None:
        plural = {"measure": "measures", "pledge": "pledges", "update": "updates"}[kind]
        return (
            f"{records} JOIN tracker_cyclesnapshot_{plural} {alias}s "
            f"ON {alias}s.published{kind}_id = {alias}.id "
            f"AND {alias}s.cyclesnapshot_id = {snapshot}"
        )
    entries = "tracker_progressupdate" if kind == "update" else f"tracker_{kind}"
    archived = "" if kind == "update" else f" AND {alias}e.archived_at IS NULL"
    return (
        f"{records} JOIN {entries} {alias}e ON {alias}e.published_id = {alias}.id "
        f"AND NOT {alias}.withdrawn{archived}"
    )


def _in_cycle(cycle: ReviewCycle) -> tuple[str, str]:
    """The join and the condition that make `m` the measures of `cycle`, with `u` its update."""
    join = (
        f"LEFT JOIN ({_public('update', 'u', cycle)}) ON u.measure_id = m.entry_id "
        f"AND u.cycle_id = {cycle.pk}"
    )
    where = (
        f"(((m.start_date IS NULL OR m.start_date <= '{cycle.period_end}') "
        f"AND (m.end_date IS NULL OR m.end_date >= '{cycle.period_start}')) "
        "OR u.status IS NOT NULL)"
    )
    return join, where


OBJECTIVE_LINKS = "JOIN tracker_publishedmeasure_objectives mo ON mo.publishedmeasure_id = m.id"


def _measures(cycle: ReviewCycle | None, joins: str = "") -> str:
    """FROM and the start of WHERE: the public measures (of `cycle` when there is one) as `m`,
    with `joins`."""
    if cycle is None:
        return f"FROM {_public('measure', 'm')} {joins} WHERE TRUE"
    join, where = _in_cycle(cycle)
    return f"FROM {_public('measure', 'm', cycle)} {join} {joins} WHERE {where}"


def status_counts(cycle: ReviewCycle, extra: str = "") -> str:
    return f"SELECT COALESCE(u.status, m.status), count(*) {_measures(cycle)} {extra} GROUP BY 1"


def matrix(cycle: ReviewCycle) -> str:
    return (
        "SELECT mo.objective_id, m.lead_organisation_id, count(*) "
        f"{_measures(cycle, OBJECTIVE_LINKS)} GROUP BY 1, 2"
    )


def objective_counts(cycle: ReviewCycle, extra: str = "") -> str:
    return (
        f"SELECT mo.objective_id, count(*) {_measures(cycle, OBJECTIVE_LINKS)} {extra} GROUP BY 1"
    )


def action_counts(cycle: ReviewCycle, objective: Objective) -> str:
    joins = (
        "JOIN tracker_publishedmeasure_actions ma ON ma.publishedmeasure_id = m.id "
        "JOIN compact_action a ON a.id = ma.action_id"
    )
    return (
        f"SELECT ma.action_id, count(*) {_measures(cycle, joins)} "
        f"AND a.objective_id = {objective.pk} GROUP BY 1"
    )


def pledge_counts(cycle: ReviewCycle, extra: str = "") -> str:
    return (
        f"SELECT p.status, count(*) FROM {_public('pledge', 'p', cycle)} "
        f"WHERE p.made_on <= '{cycle.period_end}' {extra} GROUP BY 1"
    )


def serving(objective_ids: str) -> str:
    return (
        "AND m.id IN (SELECT publishedmeasure_id FROM tracker_publishedmeasure_objectives "
        f"WHERE objective_id IN ({objective_ids}))"
    )


def measure_list(where: str, cycle: ReviewCycle | None = None) -> dict[str, str]:
    """The filtered count and the first page, latest approved first as the list orders them."""
    source = f"{_measures(cycle)} {where}"
    return {
        "count": f"SELECT count(*) {source}",
        "first page": (
            "SELECT m.id, m.entry_id, m.title, m.title_en, m.language, m.status, m.approved_at, "
            f"m.lead_organisation_id {source} "
            f"ORDER BY m.approved_at DESC, m.id DESC LIMIT {LIST_ROWS}"
        ),
    }


def pledge_list(where: str) -> dict[str, str]:
    source = f"FROM {_public('pledge', 'p')} WHERE TRUE {where}"
    return {
        "count": f"SELECT count(*) {source}",
        "first page": (
            "SELECT p.id, p.entry_id, p.text, p.status, p.made_on, p.lead_organisation_id "
            f"{source} ORDER BY p.approved_at DESC, p.id DESC LIMIT {LIST_ROWS}"
        ),
    }


def _search(columns: tuple[str, ...], word: str) -> str:
    # As Django writes icontains on PostgreSQL, so that the same index can serve both.
    terms = (f"UPPER({column}) LIKE UPPER('%{word}%')" for column in columns)
    return "AND (" + " OR ".join(terms) + ")"


def _url(path: str, **query) -> str:
    return f"{path}?{urlencode(query, doseq=True)}" if query else path


def pages(scope: Scope) -> list[Page]:
    cycle, previous = scope.cycle, scope.previous
    round_table, objective, organisation = scope.round_table, scope.objective, scope.organisation
    round_table_objectives = ", ".join(
        str(pk) for pk in round_table.objectives.values_list("pk", flat=True)
    )
    overview = {
        "measures by status": status_counts(cycle),
        "objective-by-organisation matrix": matrix(cycle),
        "pledges by status": pledge_counts(cycle),
    }
    if previous is not None:
        overview["measures by status, previous cycle"] = status_counts(previous)
    own = f"AND m.lead_organisation_id = {organisation.pk}"
    heatmap_cell = f"{own} {serving(str(objective.pk))}"
    in_round_table = serving(round_table_objectives)
    principle = (
        "AND m.id IN (SELECT publishedmeasure_id FROM tracker_publishedmeasure_guiding_principles "
        "mg JOIN compact_guidingprinciple g ON g.id = mg.guidingprinciple_id "
        f"WHERE g.code = '{PRINCIPLE}')"
    )
    measure_search = _search(
        ("m.title", "m.description", "m.title_en", "m.description_en"), SEARCH_WORD
    )
    pledge_objective = (
        "AND p.id IN (SELECT publishedpledge_id FROM tracker_publishedpledge_objectives "
        f"WHERE objective_id = {objective.pk})"
    )
    return [
        Page("overview", "/dashboard/", overview),
        Page(
            f"round table {round_table.number}",
            f"/dashboard/round-tables/{round_table.number}/",
            {
                "measures by status": status_counts(cycle, in_round_table),
                "measures per objective": objective_counts(
                    cycle, f"AND mo.objective_id IN ({round_table_objectives})"
                ),
            },
        ),
        Page(
            f"objective {objective.number}",
            f"/dashboard/objectives/{objective.number}/",
            {
                "measures by status": status_counts(cycle, serving(str(objective.pk))),
                "measures per action": action_counts(cycle, objective),
            },
        ),
        Page(
            f"organisation {organisation.code}",
            f"/dashboard/organisations/{organisation.code}/",
            {
                "measures by status": status_counts(cycle, own),
                "measures per objective": objective_counts(cycle, own),
                "pledges by status": pledge_counts(
                    cycle, f"AND p.lead_organisation_id = {organisation.pk}"
                ),
            },
        ),
        Page(
            "measures",
            "/dashboard/measures/",
            measure_list(""),
        ),
        Page(
            "measures: cycle + status",
            _url("/dashboard/measures/", cycle=cycle.slug, status="ongoing"),
            measure_list("AND COALESCE(u.status, m.status) = 'ongoing'", cycle),
        ),
        Page(
            "measures: heatmap cell",
            _url(
                "/dashboard/measures/",
                cycle=cycle.slug,
                objective=objective.number,
                organisation=organisation.code,
            ),
            measure_list(heatmap_cell, cycle),
        ),
        Page(
            "measures: round table + kind",
            _url("/dashboard/measures/", round_table=round_table.number, kind="legislation"),
            measure_list(f"AND m.kind = 'legislation' {in_round_table}"),
        ),
        Page(
            "measures: guiding principle",
            _url("/dashboard/measures/", guiding_principle=PRINCIPLE),
            measure_list(principle),
        ),
        Page(
            "measures: search",
            _url("/dashboard/measures/", q=SEARCH_WORD),
            measure_list(measure_search),
        ),
        Page(
            "measures: page 100",
            _url("/dashboard/measures/", page=100),
            {
                "count": measure_list("")["count"],
                "page 100": measure_list("")["first page"] + f" OFFSET {99 * LIST_ROWS}",
            },
        ),
        Page("pledges", "/dashboard/pledges/", pledge_list("")),
        Page(
            "pledges: objective + status",
            _url("/dashboard/pledges/", objective=objective.number, status="in_progress"),
            pledge_list(f"AND p.status = 'in_progress' {pledge_objective}"),
        ),
    ]
