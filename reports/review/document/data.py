"""What a cycle's report says, read from the approved data in a fixed number of queries.

The report counts what the dashboards count (tracker/selectors/cycles.py: the measures of a cycle,
their status in it, the pledges of a cycle), so that the PDF and the committee's pages agree. Texts
are chosen for the report's language (languages.py): the Compact's in the closest language that
has them, an entry's in English for an English report when it has an English version, otherwise
as written, marked with the language it is written in; organisations', the cycle's and the
round-table narratives' in the report's language or the closest one.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from compact.languages import LocalizedText, localize
from compact.models import GuidingPrinciple, Objective, RoundTable
from reports.models import RoundTableNarrative
from reports.review.document.indicators import indicator_tables
from reports.review.document.languages import (
    chosen_narratives,
    entry_text,
    optional_entry_text,
    organisation_name,
)
from reports.review.document.rows import measure_rows as published_measure_rows
from reports.review.document.sources import Source, data_date, report_sources
from tracker.models import (
    MeasureStatus,
    Organisation,
    PledgeStatus,
    PublishedMeasure,
    ReviewCycle,
    Stakeholder,
)
from tracker.selectors.cycles import (
    pledges_of_cycle,
    public_measures,
)

# A text with the language it is printed in (for `lang` and the marker) and the report's.
Text = LocalizedText


@dataclass
class MeasureLine:
    id: int
    title: Text
    description: Text
    results: Text | None
    lead_organisation_id: int
    lead_organisation: Text
    status: str
    start_date: date | None
    end_date: date | None
    approved_at: datetime | None
    objective_numbers: list[int] = field(default_factory=list)
    # The objective it is printed in full under, the first of its objectives in the report's
    # order (round tables 1 to 4, objectives in the Declaration's order); under the others it
    # is one line that refers to that page.
    home_objective: int | None = None

    @property
    def status_label(self) -> str:
        return MeasureStatus(self.status).label


@dataclass
class ObjectivePart:
    number: int
    title: LocalizedText
    measures: list[MeasureLine]


@dataclass
class RoundTablePart:
    number: int
    title: str
    objectives: list[ObjectivePart]
    status_counts: dict[str, int]
    narrative: RoundTableNarrative | None
    # Its objectives' indicators (reports/review/document/indicators.py).
    indicators: list = field(default_factory=list)


@dataclass
class PledgeLine:
    id: int
    text: Text
    lead_organisation: Text
    status: str
    status_narrative: Text | None
    made_on: date
    occasion: str
    measure_count: int
    version: int
    approved_at: datetime | None
    published_version: int = 1
    history_id: int | None = None

    @property
    def status_label(self) -> str:
        return PledgeStatus(self.status).label


@dataclass
class ReportData:
    cycle: ReviewCycle
    # The cycle's name as the report prints it.
    cycle_name: Text
    language: str
    is_final: bool
    country: str
    as_of: date
    status_counts: dict[str, int]
    organisations: list[Text]
    objectives_covered: int
    pledge_counts: dict[str, int]
    stakeholders: list[tuple[str, int]]
    round_tables: list[RoundTablePart]
    pledges: list[PledgeLine]
    principles: list[tuple[LocalizedText, int]]
    gaps: list[tuple[int, LocalizedText]]
    measures: list[MeasureLine]
    matrix_objectives: list[int]
    matrix: list[tuple[Text, list[int]]]
    sources: list[Source]
    # The sources of the indicators the round tables give: (name, link).
    indicator_sources: list = field(default_factory=list)

    @property
    def measure_count(self) -> int:
        return len(self.measures)

    @property
    def pledges_fulfilled(self) -> int:
        return self.pledge_counts.get(PledgeStatus.FULFILLED, 0)


def report_data(*, cycle: ReviewCycle, language: str, is_final: bool) -> ReportData:
    """Everything the report shows for `cycle` in `language`, from approved entries only."""
    organisations = {org.pk: organisation_name(org, language) for org in Organisation.objects.all()}
    measure_rows = published_measure_rows(cycle)
    measure_ids = [row["pk"] for row in measure_rows]
    lines = _measure_lines(measure_rows, organisations, language)
    by_objective = defaultdict(list)
    for line in lines:
        for number in line.objective_numbers:
            by_objective[number].append(line)
    objectives = list(Objective.objects.order_by("round_table__number", "round_table_position"))
    _set_home_objectives(lines, objectives)
    narratives = chosen_narratives(RoundTableNarrative.objects.filter(cycle=cycle), language)
    pledges = _pledge_lines(cycle, language, organisations)
    contributing = sorted({line.lead_organisation_id for line in lines})
    sources = report_sources(measure_rows, pledges, narratives.values())
    indicators = indicator_tables(cycle=cycle, language=language)
    return ReportData(
        cycle=cycle,
        cycle_name=cycle.name_in(language),
        language=language,
        is_final=is_final,
        country=settings.REPORT_COUNTRY_NAME,
        as_of=data_date(cycle, sources),
        status_counts=_status_counts(MeasureStatus, lines),
        organisations=sorted(
            (organisations[org_id] for org_id in contributing), key=lambda name: name.text
        ),
        objectives_covered=sum(1 for objective in objectives if by_objective[objective.number]),
        pledge_counts=_status_counts(PledgeStatus, pledges),
        stakeholders=_stakeholders(measure_rows),
        round_tables=indicators.attach(
            _round_tables(objectives, by_objective, narratives, language)
        ),
        pledges=pledges,
        principles=_principles(measure_ids, language),
        gaps=[
            (objective.number, objective.localized("title", language))
            for objective in sorted(objectives, key=lambda objective: objective.number)
            if not by_objective[objective.number]
        ],
        measures=lines,
        matrix_objectives=[objective.number for objective in objectives],
        matrix=_matrix(lines, contributing, organisations, objectives),
        sources=sources,
        indicator_sources=indicators.sources,
    )


def _set_home_objectives(lines: list[MeasureLine], objectives: list[Objective]) -> None:
    """Each measure's first objective in the report's order (`objectives`)."""
    position = {objective.number: index for index, objective in enumerate(objectives)}
    for line in lines:
        if line.objective_numbers:
            line.home_objective = min(line.objective_numbers, key=position.__getitem__)


def _measure_lines(measure_rows, organisations, language) -> list[MeasureLine]:
    """A line per measure row, in their order, with its objectives' numbers in order."""
    objectives_of = defaultdict(list)
    for measure_id, objective_number in (
        PublishedMeasure.objectives.through.objects.filter(
            publishedmeasure_id__in=[row["pk"] for row in measure_rows]
        )
        .order_by("objective__number")
        .values_list("publishedmeasure_id", "objective__number")
    ):
        objectives_of[measure_id].append(objective_number)
    return [
        MeasureLine(
            id=row["entry_id"],
            title=entry_text(row["title"], row["language"], row["title_en"], language),
            description=entry_text(
                row["description"], row["language"], row["description_en"], language
            ),
            results=optional_entry_text(
                row["update_results"] or "",
                row["language"],
                row["update_results_en"] or "",
                language,
            ),
            lead_organisation_id=row["lead_organisation_id"],
            lead_organisation=organisations[row["lead_organisation_id"]],
            status=row["cycle_status"],
            start_date=row["start_date"],
            end_date=row["end_date"],
            approved_at=row["approved_at"],
            objective_numbers=objectives_of[row["pk"]],
        )
        for row in measure_rows
    ]


def _round_tables(objectives, by_objective, narratives, language) -> list[RoundTablePart]:
    """Each round table with its objectives' measures, its measures (each once) by status and
    its narrative for the cycle."""
    round_tables = []
    for round_table in RoundTable.objects.prefetch_related("objectives"):
        parts = [
            ObjectivePart(
                number=objective.number,
                title=objective.localized("title", language),
                measures=by_objective[objective.number],
            )
            for objective in objectives
            if objective.round_table_id == round_table.pk
        ]
        measures = {line.id: line for part in parts for line in part.measures}
        round_tables.append(
            RoundTablePart(
                number=round_table.number,
                title=round_table.title,
                objectives=parts,
                status_counts=_status_counts(MeasureStatus, measures.values()),
                narrative=narratives.get(round_table.pk),
            )
        )
    return round_tables


def _status_counts(statuses, lines) -> dict[str, int]:
    """How many of `lines` have each of `statuses`, every status present."""
    counts = dict.fromkeys(statuses.values, 0)
    for line in lines:
        counts[line.status] += 1
    return counts


def _matrix(lines, contributing, organisations, objectives) -> list[tuple[Text, list[int]]]:
    """Per contributing organisation (by name), its measures per objective in `objectives`'
    order."""
    per_cell = Counter(
        (line.lead_organisation_id, number) for line in lines for number in line.objective_numbers
    )
    matrix = [
        (organisations[org_id], [per_cell[org_id, objective.number] for objective in objectives])
        for org_id in contributing
    ]
    return sorted(matrix, key=lambda row: (row[0].text, row[1]))


def _pledge_lines(cycle, language, organisations) -> list[PledgeLine]:
    links = (
        PublishedMeasure.pledges.through.objects.filter(
            pledge_id=OuterRef("entry_id"),
            publishedmeasure_id__in=public_measures(cycle).values("pk"),
        )
        .order_by()
        .values("pledge_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    rows = (
        pledges_of_cycle(cycle)
        .annotate(
            measure_count=Coalesce(Subquery(links), 0),
        )
        .order_by("made_on", "entry_id")
        .values(
            "entry_id",
            "number",
            "history_id",
            "text",
            "text_en",
            "language",
            "lead_organisation_id",
            "status",
            "status_narrative",
            "made_on",
            "occasion",
            "measure_count",
            "version",
            "approved_at",
        )
    )
    return [
        PledgeLine(
            id=row["entry_id"],
            text=entry_text(row["text"], row["language"], row["text_en"], language),
            lead_organisation=organisations[row["lead_organisation_id"]],
            status=row["status"],
            status_narrative=optional_entry_text(
                row["status_narrative"], row["language"], "", language
            ),
            made_on=row["made_on"],
            occasion=row["occasion"],
            measure_count=row["measure_count"],
            version=row["version"],
            approved_at=row["approved_at"],
            published_version=row["number"],
            history_id=row["history_id"],
        )
        for row in rows
    ]


def _stakeholders(measure_rows) -> list[tuple[str, int]]:
    """Measures per whole-of-society stakeholder involved, every stakeholder listed."""
    counts = dict.fromkeys(Stakeholder.values, 0)
    for row in measure_rows:
        for code in row["stakeholders"] or ():
            if code in counts:
                counts[code] += 1
    return [(str(Stakeholder(code).label), n) for code, n in counts.items()]


def _principles(measure_ids, language) -> list[tuple[LocalizedText, int]]:
    counts = dict(
        PublishedMeasure.guiding_principles.through.objects.filter(
            publishedmeasure_id__in=measure_ids
        )
        .values("guidingprinciple_id")
        .annotate(n=Count("publishedmeasure_id"))
        .values_list("guidingprinciple_id", "n")
    )
    return [
        (localize(principle, "name", language), counts.get(principle.pk, 0))
        for principle in GuidingPrinciple.objects.order_by("position")
    ]
