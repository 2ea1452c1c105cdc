"""The rows every synthetic measure points at (organisations, officers, review cycles), the
proportions the seeding draws from, and the helpers that write fast. See seed.py."""

import datetime
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction

from compact.models import Action, GuidingPrinciple, Objective
from tracker.demo.data import demo_data
from tracker.models import (
    CycleKind,
    MeasureStatus,
    Organisation,
    OrganisationKind,
    PledgeStatus,
    ReviewCycle,
    Role,
    User,
    WorkflowState,
)

SEED = 20_181_219  # the day the General Assembly endorsed the Compact
UTC = datetime.UTC
# Seeded dates are relative to a fixed day, not today, so that every run writes the same rows.
SEED_NOW = datetime.datetime(2026, 11, 1, 10, 0, tzinfo=UTC)
FIRST_DAY = datetime.datetime(2019, 1, 1, 8, 0, tzinfo=UTC)
CHUNK = 5_000
BATCH = 2_000
UPDATE_SHARE = 0.6

# Organisations the demo does not have, to reach a national government's ~15 bodies.
EXTRA_ORGANISATIONS = (
    ("CAB", OrganisationKind.AGENCY, "County Administrative Boards", "Länsstyrelserna"),
    ("SIDA", OrganisationKind.AGENCY, "Development Cooperation Agency", "Sida"),
    ("EO", OrganisationKind.OTHER, "Equality Ombudsman", "Diskrimineringsombudsmannen"),
)
# How many measures each organisation leads, relative to the others: migration and labour
# bodies record far more than the statistics office.
ORGANISATION_WEIGHTS = {"MOJ": 9, "MIG": 12, "MOL": 8, "PES": 7, "POL": 5, "CAB": 6, "MFA": 4}

WORKFLOW_WEIGHTS = {
    WorkflowState.APPROVED: 90,
    WorkflowState.DRAFT: 4,
    WorkflowState.SUBMITTED: 3,
    WorkflowState.RETURNED: 3,
}
MEASURE_STATUS_WEIGHTS = {
    MeasureStatus.PLANNED: 15,
    MeasureStatus.ONGOING: 50,
    MeasureStatus.COMPLETED: 30,
    MeasureStatus.DISCONTINUED: 5,
}
PLEDGE_STATUS_WEIGHTS = {
    PledgeStatus.NOT_STARTED: 15,
    PledgeStatus.IN_PROGRESS: 50,
    PledgeStatus.FULFILLED: 30,
    PledgeStatus.WITHDRAWN: 5,
}
LANGUAGE_WEIGHTS = {"sv": 80, "en": 10, "nb": 5, "da": 5}
ARCHIVED_SHARE = 0.02
PLEDGE_OCCASIONS = (
    ("IMRF 2022", datetime.date(2022, 5, 20)),
    ("General Assembly 2024", datetime.date(2024, 10, 1)),
    ("IMRF 2026", datetime.date(2026, 5, 8)),
)


@dataclass
class World:
    """The rows every measure points at."""

    organisations: list[Organisation]
    organisation_weights: list[int]
    cycles: list[ReviewCycle]
    objectives: list[int]
    actions_of: dict[int, list[int]]
    principles: list[int]
    officers: dict[int, int]
    coordinator: int


@dataclass
class SeedReport:
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, count: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + count


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def moment(rng: random.Random, start: datetime.datetime, end: datetime.datetime):
    seconds = max(0, int((end - start).total_seconds()))
    return start + datetime.timedelta(seconds=rng.randrange(seconds + 1))


@contextmanager
def explicit_timestamps(*models) -> Iterator[None]:
    """Let bulk_create write the created_at/updated_at we give instead of now: the freshness
    figures need entries last updated over several years."""
    fields = [
        model_field
        for model in models
        for model_field in model._meta.concrete_fields
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for model_field in fields:
        model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in saved:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


@contextmanager
def fast_writes() -> Iterator[None]:
    """One transaction without waiting for the WAL flush at commit: safe for a throwaway
    database, and the only COPY-like trick seeding needs."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO off")
        yield


def seed_world(report: SeedReport) -> World:
    """Organisations, their officers, a coordinator and three review cycles."""
    data = demo_data()
    organisations = [
        Organisation(
            code=row.code,
            kind=row.kind,
            name_en=row.name_en,
            name_sv=row.name_sv,
            name_nb=row.name_nb,
            name_da=row.name_da,
        )
        for row in data.organisations
    ] + [
        Organisation(code=code, kind=kind, name_en=name_en, name_sv=name_sv)
        for code, kind, name_en, name_sv in EXTRA_ORGANISATIONS
    ]
    with fast_writes():
        Organisation.objects.bulk_create(organisations)
        users = [
            User(
                username=f"officer-{organisation.code.lower()}",
                role=Role.DESK_OFFICER,
                organisation=organisation,
                password="!benchmark-unusable",
            )
            for organisation in organisations
        ]
        users.append(
            User(username="coordinator", role=Role.COORDINATOR, password="!benchmark-unusable")
        )
        User.objects.bulk_create(users)
        cycles = ReviewCycle.objects.bulk_create(
            [
                ReviewCycle(
                    name="International Migration Review Forum 2022",
                    slug="imrf-2022",
                    kind=CycleKind.IMRF,
                    period_start=datetime.date(2019, 1, 1),
                    period_end=datetime.date(2021, 12, 31),
                    deadline=datetime.datetime(2022, 2, 28, 16, tzinfo=UTC),
                    closed_at=datetime.datetime(2022, 5, 20, 12, tzinfo=UTC),
                ),
                ReviewCycle(
                    name="General Assembly review 2024",
                    slug="general-assembly-2024",
                    kind=CycleKind.GENERAL_ASSEMBLY,
                    period_start=datetime.date(2022, 1, 1),
                    period_end=datetime.date(2024, 6, 30),
                    deadline=datetime.datetime(2024, 8, 31, 16, tzinfo=UTC),
                    closed_at=datetime.datetime(2024, 10, 1, 12, tzinfo=UTC),
                ),
                ReviewCycle(
                    name="National review 2025-2026",
                    slug="national-2025-2026",
                    kind=CycleKind.NATIONAL,
                    period_start=datetime.date(2024, 7, 1),
                    period_end=datetime.date(2026, 12, 31),
                    deadline=datetime.datetime(2027, 1, 31, 16, tzinfo=UTC),
                ),
            ]
        )
    report.add("organisations", len(organisations))
    report.add("users", len(users))
    report.add("review cycles", len(cycles))
    actions_of: dict[int, list[int]] = {}
    for objective_id, action_id in Action.objects.values_list("objective_id", "id"):
        actions_of.setdefault(objective_id, []).append(action_id)
    return World(
        organisations=organisations,
        organisation_weights=[ORGANISATION_WEIGHTS.get(o.code, 3) for o in organisations],
        cycles=cycles,
        objectives=list(Objective.objects.order_by("number").values_list("id", flat=True)),
        actions_of=actions_of,
        principles=list(GuidingPrinciple.objects.values_list("id", flat=True)),
        officers={user.organisation_id: user.pk for user in users if user.organisation_id},
        coordinator=users[-1].pk,
    )


def reviewed(rng: random.Random, entry, state: str, world: World, start, end) -> None:
    """The workflow fields of an entry in `state`, made between `start` and `end`."""
    entry.workflow_state = state
    entry.created_at = moment(rng, start, end)
    entry.updated_at = moment(rng, entry.created_at, end)
    entry.version = rng.randint(1, 6)
    if state != WorkflowState.DRAFT:
        entry.submitted_at = entry.updated_at - datetime.timedelta(days=rng.randint(1, 30))
        entry.submitted_at = max(entry.submitted_at, entry.created_at)
    if state in (WorkflowState.APPROVED, WorkflowState.RETURNED):
        entry.reviewed_at = entry.updated_at
        entry.reviewed_by_id = world.coordinator
