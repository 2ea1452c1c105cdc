"""The demo's data, read from fixtures/demo/*.json into frozen records: the organisations and
their people, the measures' texts, the pledges, the review cycles and the texts of reviews and
updates. The texts are in Swedish, as a Swedish ministry would write them, with English
translations; the JSON files are the place to edit them.
"""

import datetime
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings

from tracker.models import CycleKind, OrganisationKind, PledgeStatus, PledgeType, Role


@dataclass(frozen=True)
class Name:
    first_name: str
    last_name: str


@dataclass(frozen=True)
class OrganisationData:
    code: str
    kind: OrganisationKind
    parent: str | None
    name_en: str
    name_sv: str
    name_nb: str
    name_da: str
    desk_officer: Name


@dataclass(frozen=True)
class Person:
    username: str
    role: Role
    organisation: str | None
    first_name: str
    last_name: str


@dataclass(frozen=True)
class Base:
    """A measure of the demo, which becomes up to three entries (see Variant)."""

    organisation: str
    kind: str
    objectives: tuple[int, ...]
    actions: tuple[str, ...]
    principles: tuple[str, ...]
    target_groups: tuple[str, ...]
    stakeholders: tuple[str, ...]
    title: str
    title_en: str
    description: str
    description_en: str


@dataclass(frozen=True)
class Variant:
    """A later entry of a base: laws are implemented and evaluated, programmes piloted and
    extended. The texts may name the base's region as {sv} and {en}."""

    title_suffix: str
    title_suffix_en: str
    # None: the base's kind.
    kind: str | None
    extra_sentence: str
    extra_sentence_en: str


@dataclass(frozen=True)
class Region:
    sv: str
    en: str


@dataclass(frozen=True)
class PledgeData:
    organisation: str
    pledge_type: PledgeType
    objectives: tuple[int, ...]
    status: PledgeStatus
    text: str
    text_en: str
    status_narrative: str
    # Set on pledges nobody has updated since, to show how old the news is.
    status_updated_on: datetime.date | None
    network_reference: str
    co_pledging_organisations: tuple[str, ...]
    workflow: str
    # The title of the base whose first entry carries the pledge out.
    measure: str | None


@dataclass(frozen=True)
class Pledges:
    occasion: str
    made_on: datetime.date
    return_comment: str
    pledges: tuple[PledgeData, ...]


@dataclass(frozen=True)
class CycleData:
    """The keyword arguments of cycle_create, but the deadline."""

    slug: str
    name: str
    kind: CycleKind
    period_start: datetime.date
    period_end: datetime.date


@dataclass(frozen=True)
class UpdateTexts:
    """A progress update's texts for a status at the end of the period; {n} and {p} are
    filled with numbers."""

    narrative: str
    narrative_en: str
    results: str
    results_en: str


@dataclass(frozen=True)
class Challenge:
    text: str
    text_en: str


@dataclass(frozen=True)
class Texts:
    measure_return_comments: tuple[str, ...]
    translation_comment: str
    update_return_comment: str
    update_texts: dict[str, UpdateTexts]
    challenges: tuple[Challenge, ...]


@dataclass(frozen=True)
class DemoData:
    organisations: tuple[OrganisationData, ...]
    people: tuple[Person, ...]
    bases: tuple[Base, ...]
    variants: dict[str, tuple[Variant, ...]]
    regions: tuple[Region, ...]
    pledges: Pledges
    imrf_cycle: CycleData
    national_cycle: CycleData
    texts: Texts


def _read(name: str) -> Any:
    path = settings.BASE_DIR / "fixtures" / "demo" / name
    with path.open(encoding="utf-8") as file:
        return json.load(file)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _tuples(row: dict, *names: str) -> dict:
    """The row with its lists `names` as tuples, so that the records stay immutable."""
    return {**row, **{name: tuple(row[name]) for name in names}}


def _organisation(row: dict) -> OrganisationData:
    return OrganisationData(
        **{
            **row,
            "kind": OrganisationKind(row["kind"]),
            "desk_officer": Name(**row["desk_officer"]),
        }
    )


def _pledge(row: dict) -> PledgeData:
    row = _tuples(row, "objectives", "co_pledging_organisations")
    return PledgeData(
        **{
            **row,
            "pledge_type": PledgeType(row["pledge_type"]),
            "status": PledgeStatus(row["status"]),
            "status_updated_on": _date(row["status_updated_on"]),
        }
    )


def _cycle(row: dict) -> CycleData:
    return CycleData(
        **{
            **row,
            "kind": CycleKind(row["kind"]),
            "period_start": _date(row["period_start"]),
            "period_end": _date(row["period_end"]),
        }
    )


@cache
def demo_data() -> DemoData:
    """The demo's data, read once per process."""
    organisations = _read("organisations.json")
    measures = _read("measures.json")
    pledges = _read("pledges.json")
    cycles = _read("cycles.json")
    texts = _read("texts.json")
    list_fields = ("objectives", "actions", "principles", "target_groups", "stakeholders")
    return DemoData(
        organisations=tuple(_organisation(row) for row in organisations["organisations"]),
        people=tuple(
            Person(**{**row, "role": Role(row["role"])}) for row in organisations["people"]
        ),
        bases=tuple(Base(**_tuples(row, *list_fields)) for row in measures["bases"]),
        variants={
            family: tuple(Variant(**row) for row in rows)
            for family, rows in measures["variants"].items()
        },
        regions=tuple(Region(**row) for row in measures["regions"]),
        pledges=Pledges(
            occasion=pledges["occasion"],
            made_on=_date(pledges["made_on"]),
            return_comment=pledges["return_comment"],
            pledges=tuple(_pledge(row) for row in pledges["pledges"]),
        ),
        imrf_cycle=_cycle(cycles["imrf"]),
        national_cycle=_cycle(cycles["national"]),
        texts=Texts(
            measure_return_comments=tuple(texts["measure_return_comments"]),
            translation_comment=texts["translation_comment"],
            update_return_comment=texts["update_return_comment"],
            update_texts={
                status: UpdateTexts(**row) for status, row in texts["update_texts"].items()
            },
            challenges=tuple(Challenge(**row) for row in texts["challenges"]),
        ),
    )
