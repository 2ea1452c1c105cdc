"""Planning the demo's measures: pure, from a fixed random seed, so the plan is the same every
run and in every process."""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from tracker.demo.data import Base, Region, demo_data
from tracker.models import MeasureKind, MeasureStatus, WorkflowState

SEED = 20181219  # The day the General Assembly endorsed the Compact.
# No measure serves these, so that the report has gaps to show.
EMPTY_OBJECTIVES = (8, 20, 22)
# Measures' statuses are as of this day, so that the plan does not depend on the day it runs.
STATUS_DAY = datetime.date(2026, 6, 30)
RULE_KINDS = ("legislation", "policy", "institutional", "budget")


@dataclass(frozen=True)
class UpdatePlan:
    status: str
    narrative: str
    results: str
    challenges: str
    narrative_en: str
    results_en: str
    challenges_en: str
    workflow: str


@dataclass(frozen=True)
class MeasurePlan:
    organisation: str
    title: str
    title_en: str
    description: str
    description_en: str
    kind: str
    status: str
    objectives: tuple[int, ...]
    actions: tuple[str, ...]
    principles: tuple[str, ...]
    target_groups: tuple[str, ...]
    stakeholders: tuple[str, ...]
    partners: tuple[str, ...]
    start_date: datetime.date
    end_date: datetime.date | None
    budget_amount: Decimal | None
    # The position of the pledge it carries out, in fixtures/demo/pledges.json.
    pledge: int | None
    # draft, submitted, returned, approved, or approved after being returned once
    workflow: str
    comment: str
    imrf_update: UpdatePlan | None
    national_update: UpdatePlan | None


def _status(rng: random.Random, start, end, day: datetime.date) -> str:
    if start > day:
        return MeasureStatus.PLANNED
    if end and end < day:
        return MeasureStatus.DISCONTINUED if rng.random() < 0.1 else MeasureStatus.COMPLETED
    return MeasureStatus.ONGOING


def _update(rng: random.Random, status: str, workflow: str, english: bool) -> UpdatePlan:
    texts = demo_data().texts
    update_texts = texts.update_texts[status]
    challenge = rng.choice(texts.challenges)
    numbers = {"n": rng.randrange(40, 2400, 10), "p": rng.randrange(55, 95)}
    return UpdatePlan(
        status=status,
        narrative=update_texts.narrative.format(**numbers),
        results=update_texts.results.format(**numbers),
        challenges=challenge.text,
        narrative_en=update_texts.narrative_en.format(**numbers) if english else "",
        results_en=update_texts.results_en.format(**numbers) if english else "",
        challenges_en=challenge.text_en if english else "",
        workflow=workflow,
    )


def _workflow(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.15:
        return WorkflowState.DRAFT
    if draw < 0.27:
        return WorkflowState.SUBMITTED
    if draw < 0.37:
        return WorkflowState.RETURNED
    if draw < 0.45:
        return "approved_after_return"
    return WorkflowState.APPROVED


def _budget(rng: random.Random, kind: str) -> Decimal | None:
    if kind == MeasureKind.BUDGET:
        return Decimal(rng.randrange(50, 5000) * 1_000_000)
    if kind in RULE_KINDS:
        return Decimal(rng.randrange(1, 30) * 100_000) if rng.random() < 0.4 else None
    return Decimal(rng.randrange(5, 400) * 100_000)


def _variants(base: Base, region: Region):
    family = demo_data().variants["rule" if base.kind in RULE_KINDS else "programme"]
    yield base.title, base.title_en, base.kind, base.description, base.description_en
    names = {"sv": region.sv, "en": region.en}
    for variant in family:
        yield (
            base.title + variant.title_suffix.format(**names),
            base.title_en + variant.title_suffix_en.format(**names),
            variant.kind or base.kind,
            f"{base.description} {variant.extra_sentence.format(**names)}",
            f"{base.description_en} {variant.extra_sentence_en.format(**names)}",
        )


def _pledge_links() -> dict[int, int]:
    """The position of the pledge that each base's first entry carries out, by the base's."""
    data = demo_data()
    positions = {base.title: index for index, base in enumerate(data.bases)}
    return {
        positions[pledge.measure]: index
        for index, pledge in enumerate(data.pledges.pledges)
        if pledge.measure is not None
    }


def _status_and_updates(
    rng: random.Random, *, workflow: str, start, end, imrf_end: datetime.date
) -> tuple[str, UpdatePlan | None, UpdatePlan | None]:
    """A measure's status on STATUS_DAY, its approved update for the IMRF cycle when it is
    approved and started by the cycle's end, and (seven in ten, unless a draft) its update for
    the national cycle in any state."""
    approved = workflow in (WorkflowState.APPROVED, "approved_after_return")
    imrf_update = national_update = None
    if approved and start <= imrf_end:
        ended = end is not None and end <= imrf_end
        status = MeasureStatus.COMPLETED if ended else MeasureStatus.ONGOING
        imrf_update = _update(rng, status, WorkflowState.APPROVED, english=True)
    status = _status(rng, start, end, STATUS_DAY)
    if workflow != WorkflowState.DRAFT and rng.random() < 0.7:
        national_update = _update(
            rng,
            status,
            rng.choice(["draft", "submitted", "submitted", "returned", *["approved"] * 4]),
            english=rng.random() > 0.15,
        )
    return status, imrf_update, national_update


def plan_measures() -> list[MeasurePlan]:
    """About 150 measures: each base as it is and in two variants."""
    data = demo_data()
    imrf_end = data.imrf_cycle.period_end
    pledge_links = _pledge_links()
    # Demo data, not secrets: a seeded generator is the point.
    rng = random.Random(SEED)  # noqa: S311  # nosec B311
    codes = [organisation.code for organisation in data.organisations]
    plans = []
    for index, base in enumerate(data.bases):
        region = rng.choice(data.regions)
        year = rng.choice((2019, 2019, 2020, 2020, 2021, 2021, 2022, 2023, 2024))
        first_start = datetime.date(year, rng.choice((1, 3, 7, 9)), 1)
        for number, texts in enumerate(_variants(base, region)):
            title, title_en, kind, description, description_en = texts
            start = first_start.replace(year=first_start.year + number * rng.randint(1, 2))
            lasting = number == 0 and kind in ("legislation", "policy", "institutional")
            end = None if lasting else datetime.date(start.year + rng.randint(1, 4), 12, 31)
            workflow = _workflow(rng)
            # Some English translations are missing, for the report's check to find.
            english = workflow == "approved_after_return" or rng.random() > 0.12
            status, imrf_update, national_update = _status_and_updates(
                rng, workflow=workflow, start=start, end=end, imrf_end=imrf_end
            )
            others = [code for code in codes if code != base.organisation]
            partners = rng.sample(others, rng.randint(1, 2)) if rng.random() < 0.4 else []
            plans.append(
                MeasurePlan(
                    organisation=base.organisation,
                    title=title,
                    title_en=title_en if english else "",
                    description=description,
                    description_en=description_en if english else "",
                    kind=kind,
                    status=status,
                    objectives=base.objectives,
                    actions=base.actions,
                    principles=base.principles,
                    target_groups=base.target_groups,
                    stakeholders=base.stakeholders,
                    partners=tuple(sorted(partners)),
                    start_date=start,
                    end_date=end,
                    budget_amount=_budget(rng, kind),
                    pledge=pledge_links.get(index) if number == 0 else None,
                    workflow=workflow,
                    comment=rng.choice(data.texts.measure_return_comments),
                    imrf_update=imrf_update,
                    national_update=national_update,
                )
            )
    return plans
