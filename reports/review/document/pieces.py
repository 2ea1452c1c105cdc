"""The report cut into pieces that WeasyPrint typesets in bounded time and memory.

WeasyPrint 70 holds the whole document in memory, and part of its work per page grows with the
pages and elements before it (it recomputes the page styles over everything laid out so far),
so one pass over a 10,000-measure report takes several minutes and gigabytes. A piece is a
whole HTML document of at most PIECE_WEIGHT; pieces follow the report's order, and the cuts
fall where the report starts a new page anyway (before a part or a round table) unless a
round table or the annex is larger than a piece: it is then cut into near-equal slices, between
measures or rows, and each slice starts a page. A report lighter than one piece is one piece,
the same document as report_html.

The weights count roughly what a piece costs to typeset, in measures as shown in full under
their first objective (about a quarter of a page and 25 ms each with WeasyPrint 70 here, see
tests/benchmarks/report.py); under a measure's other objectives it is a one-line REFERENCE.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Protocol

from reports.review.document.data import MeasureLine, ObjectivePart, ReportData

MEASURE = 1.0
REFERENCE = 0.2  # a measure's line under its other objectives
OBJECTIVE = 0.5  # its heading, or the note that it has no measure
ROUND_TABLE = 4.0  # heading, chart with its data table, narrative
INDICATOR = 0.1  # a row of its table of indicators
FRONT = 14.0  # cover, contents, summary with its chart, methodology
BACK = 6.0  # guiding principles and gaps, besides the pledges
PLEDGE = 0.5
ANNEX_ROW = 0.4
MATRIX = 4.0
# About 100 pages, 10 s of one core and 200 MB for WeasyPrint: small enough to spread over
# the typesetting processes, large enough that a piece's start-up (~0.3 s) stays small.
PIECE_WEIGHT = 400.0


class RoundTableLike(Protocol):
    number: int
    objectives: list[ObjectivePart]


@dataclass
class ObjectiveSlice:
    """An objective's measures, or a run of them; `first` carries its heading."""

    number: int
    title: object
    measures: list[MeasureLine]
    first: bool
    # How many measures serve the objective in all (its heading says so).
    total: int = 0


@dataclass
class RoundTableSlice:
    """A round table, or a run of its objectives' measures: `first` carries its heading and
    chart, `last` its narrative."""

    part: RoundTableLike
    objectives: list[ObjectiveSlice]
    first: bool
    last: bool


@dataclass
class Piece:
    """What one HTML document of the report holds, in the report's order."""

    front: bool = False
    round_tables_first: bool = False
    round_tables: list[RoundTableSlice] = field(default_factory=list)
    back: bool = False
    annex_first: bool = False
    annex_measures: list[MeasureLine] | None = None
    matrix: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.front or self.round_tables or self.back or self.annex_measures is not None)


def _cuts(weights: Sequence[float], count: int) -> list[int]:
    """Where to cut a run of `weights` into `count` slices of about equal weight (fewer when
    there are fewer items): the indexes at which the slices after the first start."""
    total = sum(weights)
    cuts, running = [], 0.0
    for index, weight in enumerate(weights):
        if len(cuts) < count - 1 and running >= total * (len(cuts) + 1) / count:
            cuts.append(index)
        running += weight
    return cuts


def _slices(items: list, cuts: list[int]) -> list[list]:
    bounds = [0, *cuts, len(items)]
    return [items[start:end] for start, end in pairwise(bounds)]


def _weight(objective: ObjectivePart, measure: MeasureLine | None) -> float:
    if measure is None:
        return 0.0
    return MEASURE if measure.home_objective == objective.number else REFERENCE


def _round_table_slices(part: RoundTableLike, budget: float) -> list[tuple[RoundTableSlice, float]]:
    # One entry per measure under an objective, or one for an objective without measures.
    entries = [
        (objective, measure)
        for objective in part.objectives
        for measure in (objective.measures or [None])
    ]
    weights = [
        _weight(objective, measure)
        + (OBJECTIVE if index == 0 or entries[index - 1][0] is not objective else 0.0)
        for index, (objective, measure) in enumerate(entries)
    ]
    weights[0] += ROUND_TABLE + INDICATOR * len(getattr(part, "indicators", ()))
    cuts = _cuts(weights, max(1, math.ceil(sum(weights) / budget)))
    slices = []
    for number, (run, run_weights) in enumerate(
        zip(_slices(entries, cuts), _slices(weights, cuts), strict=True)
    ):
        objectives: list[ObjectiveSlice] = []
        for objective, measure in run:
            if not objectives or objectives[-1].number != objective.number:
                first = measure is None or measure is objective.measures[0]
                objectives.append(
                    ObjectiveSlice(
                        objective.number, objective.title, [], first, len(objective.measures)
                    )
                )
            if measure is not None:
                objectives[-1].measures.append(measure)
        slices.append(
            (
                RoundTableSlice(part, objectives, first=number == 0, last=number == len(cuts)),
                sum(run_weights),
            )
        )
    return slices


def _annex_slices(measures: list[MeasureLine], budget: float):
    total = OBJECTIVE + len(measures) * ANNEX_ROW + MATRIX
    count = max(1, math.ceil(total / budget))
    cuts = _cuts([ANNEX_ROW] * len(measures), count) if measures else []
    runs = _slices(measures, cuts)
    for number, run in enumerate(runs):
        last = number == len(runs) - 1
        yield run, number == 0, last, len(run) * ANNEX_ROW + (MATRIX if last else 0.0)


class _Packer:
    """Fills pieces in order, starting a new one when the next part would overflow."""

    def __init__(self, budget: float):
        self.budget = budget
        self.pieces: list[Piece] = []
        self.current = Piece()
        self.load = 0.0

    def place(self, weight: float, *, new: bool = False) -> Piece:
        """The piece to put `weight` in: a `new` one (for the slices of a part cut in
        several, after the first), or the current one while it has room."""
        if self.load and (new or self.load + weight > self.budget):
            self.pieces.append(self.current)
            self.current, self.load = Piece(), 0.0
        self.load += weight
        return self.current

    def finish(self) -> list[Piece]:
        if not self.current.is_empty:
            self.pieces.append(self.current)
        return self.pieces


def report_pieces(
    data: ReportData,
    *,
    round_tables: Sequence[RoundTableLike],
    budget: float | None = None,
) -> list[Piece]:
    """The report as pieces of at most about `budget` (by default PIECE_WEIGHT);
    `round_tables` are data.round_tables as the templates show them. An infinite budget gives
    the whole report as one piece."""
    budget = PIECE_WEIGHT if budget is None else budget
    packer = _Packer(budget)
    packer.place(FRONT).front = True
    for index, part in enumerate(round_tables):
        for piece_slice, weight in _round_table_slices(part, budget):
            piece = packer.place(weight, new=not piece_slice.first)
            piece.round_tables.append(piece_slice)
            piece.round_tables_first = piece.round_tables_first or (
                index == 0 and piece_slice.first
            )
    packer.place(BACK + PLEDGE * len(data.pledges)).back = True
    for run, first, last, weight in _annex_slices(data.measures, budget):
        piece = packer.place(weight, new=not first)
        piece.annex_first, piece.annex_measures, piece.matrix = first, run, last
    return packer.finish()
