"""The EU Pact dashboard's figures: one call per page, cached under the data's version like
the other pages' (reports.dashboards.cache). Three grouped queries, whatever the data's size;
the counting itself is tracker/selectors/pact.py's."""

from dataclasses import dataclass

from reports.dashboards.cache import cached_figures
from tracker.models import ReviewCycle
from tracker.selectors.cycles import measures_of_cycle
from tracker.selectors.pact import (
    pact_objective_counts,
    pact_organisation_counts,
    pact_status_counts,
)


@dataclass
class PactFigures:
    """Per Pact item id, measures by status; measures per (item id, organisation id); measures
    per (item id, objective number)."""

    by_status: dict[int, dict[str, int]]
    by_organisation: dict[tuple[int, int], int]
    by_objective: dict[tuple[int, int], int]


@cached_figures
def pact_figures(*, cycle: ReviewCycle | None) -> PactFigures:
    measures = measures_of_cycle(cycle)
    return PactFigures(
        by_status=pact_status_counts(measures),
        by_organisation=pact_organisation_counts(measures),
        by_objective=pact_objective_counts(measures),
    )
