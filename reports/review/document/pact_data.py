"""What a cycle's EU Pact implementation report says, read from the published records in a fixed
number of queries: per legal act and per operational section of the Pact, the cycle's published
measures with their status and dates; the items no measure serves (the gaps); and an annex of the
measures with both their Pact items and their GCM objectives.

The measures are the cycle's (reports/review/document/rows.py, a closed cycle's snapshot), as in
the voluntary national review: a measure that serves both frameworks is in both reports. Texts
follow the review report's rules (languages.py); the Pact's own texts exist in Swedish only and
are printed marked (compact/languages.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.utils.translation import gettext as _

from compact import selectors as compact_selectors
from compact.languages import LocalizedText
from compact.models import PactItem
from reports.review.document.languages import entry_text, organisation_name
from reports.review.document.rows import measure_rows as published_measure_rows
from reports.review.document.sources import Source, data_date, report_sources
from tracker.models import MeasureStatus, Organisation, PublishedMeasure, ReviewCycle

Text = LocalizedText


@dataclass
class PactMeasureLine:
    id: int
    title: Text
    lead_organisation: Text
    status: str
    start_date: date | None
    end_date: date | None
    approved_at: datetime | None
    item_codes: list[str] = field(default_factory=list)
    objective_numbers: list[int] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return MeasureStatus(self.status).label


@dataclass
class PactItemPart:
    """A legal act, section or sub-heading with the measures serving it, by title."""

    code: str
    kind: str
    title: Text
    measures: list[PactMeasureLine]
    # A sub-heading under a section (rather than directly under its part).
    under_section: bool = False

    @property
    def is_gap(self) -> bool:
        return not self.measures


@dataclass
class PactGroupPart:
    """One part (I to VI) of the communication with its sections and sub-headings."""

    code: str
    title: Text
    items: list[PactItemPart]


@dataclass
class PactReportData:
    cycle: ReviewCycle
    cycle_name: Text
    language: str
    is_final: bool
    country: str
    as_of: date
    # The document's title, as its metadata and cover give it.
    title: str
    # The cycle's published measures, and those serving at least one Pact item.
    cycle_measure_count: int
    status_counts: dict[str, int]
    acts: list[PactItemPart]
    parts: list[PactGroupPart]
    # The measures serving the Pact, by title: the annex.
    measures: list[PactMeasureLine]
    sources: list[Source]

    @property
    def items(self) -> list[PactItemPart]:
        return self.acts + [item for part in self.parts for item in part.items]

    @property
    def gaps(self) -> list[PactItemPart]:
        return [item for item in self.items if item.is_gap]

    @property
    def measure_count(self) -> int:
        return len(self.measures)

    @property
    def acts_served(self) -> int:
        return sum(1 for act in self.acts if not act.is_gap)


def _links(measure_ids: list[int]) -> tuple[dict, dict]:
    """Per published measure id: its Pact items' (id, code) in reading order, and its GCM
    objectives' numbers in order."""
    items, objectives = defaultdict(list), defaultdict(list)
    for measure_id, item_id, code in (
        PublishedMeasure.pact_items.through.objects.filter(publishedmeasure_id__in=measure_ids)
        .order_by("pactitem__position")
        .values_list("publishedmeasure_id", "pactitem_id", "pactitem__code")
    ):
        items[measure_id].append((item_id, code))
    for measure_id, number in (
        PublishedMeasure.objectives.through.objects.filter(publishedmeasure_id__in=measure_ids)
        .order_by("objective__number")
        .values_list("publishedmeasure_id", "objective__number")
    ):
        objectives[measure_id].append(number)
    return items, objectives


def _lines(rows, language: str) -> tuple[list[PactMeasureLine], dict[int, list[PactMeasureLine]]]:
    """The lines of the measures serving the Pact, by title, and the lines per Pact item id."""
    items, objectives = _links([row["pk"] for row in rows])
    names = {org.pk: organisation_name(org, language) for org in Organisation.objects.all()}
    lines, by_item = [], defaultdict(list)
    for row in rows:
        pairs = items.get(row["pk"])
        if not pairs:
            continue
        line = PactMeasureLine(
            id=row["entry_id"],
            title=entry_text(row["title"], row["language"], row["title_en"], language),
            lead_organisation=names[row["lead_organisation_id"]],
            status=row["cycle_status"],
            start_date=row["start_date"],
            end_date=row["end_date"],
            approved_at=row["approved_at"],
            item_codes=[code for _pk, code in pairs],
            objective_numbers=objectives[row["pk"]],
        )
        lines.append(line)
        for pk, _code in pairs:
            by_item[pk].append(line)
    return lines, by_item


def _item(item: PactItem, by_item, language: str) -> PactItemPart:
    return PactItemPart(
        code=item.code,
        kind=item.kind,
        title=item.localized("title", language),
        measures=by_item.get(item.pk, []),
        under_section=item.section_id is not None,
    )


def _parts(by_item, language: str) -> list[PactGroupPart]:
    """Each part that has items, its sections and sub-headings in reading order."""
    parts = []
    for part, sections in compact_selectors.pact_outline():
        items = [
            _item(item, by_item, language)
            for entry in sections
            for item in ([entry.section] if entry.section else []) + entry.subheadings
        ]
        if items:
            parts.append(PactGroupPart(part.code, part.localized("title", language), items))
    return parts


def pact_report_data(*, cycle: ReviewCycle, language: str, is_final: bool) -> PactReportData:
    """Everything the EU Pact implementation report shows for `cycle` in `language`, from the
    cycle's published records only."""
    rows = published_measure_rows(cycle)
    lines, by_item = _lines(rows, language)
    shown = {line.id for line in lines}
    sources = report_sources([row for row in rows if row["entry_id"] in shown], [], [])
    counts = dict.fromkeys(MeasureStatus.values, 0)
    for line in lines:
        counts[line.status] += 1
    return PactReportData(
        cycle=cycle,
        cycle_name=cycle.name_in(language),
        language=language,
        is_final=is_final,
        country=settings.REPORT_COUNTRY_NAME,
        as_of=data_date(cycle, sources),
        title=_("EU Pact on Migration and Asylum: national implementation report"),
        cycle_measure_count=len(rows),
        status_counts=counts,
        acts=[_item(act, by_item, language) for act in compact_selectors.pact_act_list()],
        parts=_parts(by_item, language),
        measures=lines,
        sources=sources,
    )
