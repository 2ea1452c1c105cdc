"""What the public sees of the measures' links to the EU Pact, counted in the database.

Each function takes the measures of a cycle (`cycles.measures_of_cycle`, annotated with
`cycle_status`) and makes one grouped query over their Pact links, whatever the number of
measures, items, organisations or objectives. A measure counts once for each Pact item it
serves (and, in the crosswalk, once for each pair of a Pact item and an objective it serves).
"""

from collections import defaultdict

from django.db.models import Count, QuerySet

from tracker.models import MeasureStatus, PublishedMeasure


def pact_status_counts(measures: QuerySet[PublishedMeasure]) -> dict[int, dict[str, int]]:
    """Per Pact item id: its measures per status in the cycle, every status present."""
    rows = measures.order_by().values("pact_items", "cycle_status").annotate(n=Count("pk"))
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(MeasureStatus.values, 0))
    for row in rows:
        if row["pact_items"] is not None:
            counts[row["pact_items"]][row["cycle_status"]] += row["n"]
    return dict(counts)


def pact_organisation_counts(measures: QuerySet[PublishedMeasure]) -> dict[tuple[int, int], int]:
    """Measures per (Pact item id, lead organisation id)."""
    rows = measures.order_by().values("pact_items", "lead_organisation").annotate(n=Count("pk"))
    return {
        (row["pact_items"], row["lead_organisation"]): row["n"]
        for row in rows
        if row["pact_items"] is not None
    }


def pact_objective_counts(measures: QuerySet[PublishedMeasure]) -> dict[tuple[int, int], int]:
    """Measures serving both a Pact item and a GCM objective, per (Pact item id, objective
    number)."""
    rows = measures.order_by().values("pact_items", "objectives__number").annotate(n=Count("pk"))
    return {
        (row["pact_items"], row["objectives__number"]): row["n"]
        for row in rows
        if row["pact_items"] is not None and row["objectives__number"] is not None
    }
