"""Synthetic national-scale indicator data for tests/benchmarks/indicator_pages.py.

`scale` 1.0 is the issue's national scale: 500 indicators, 20 periods (2006 to 2025) and 200
category combinations each (the total; sex; age group; sex and age group; citizenship; sex
and citizenship; age group and citizenship; and the first 50 of all three), 2,000,000
published values. Every twentieth dataset was revised: its first published version keeps
its own values beside the current one's, as a revision does. Indicators, datasets and their
records are written with bulk_create; the values with COPY. The working values are not
written (the public pages never read them), nor history rows. A fixed pattern makes every run
write the same rows.
"""

import datetime
import itertools
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from compact.models import Objective
from tracker.models import (
    Category,
    Dimension,
    Indicator,
    IndicatorDataset,
    Organisation,
    OrganisationKind,
    PublishedIndicatorDataset,
    PublishedIndicatorValue,
    ReviewCycle,
    WorkflowState,
)
from tracker.models.indicators import category_key

INDICATORS = 500
PERIODS = tuple(range(2006, 2026))
COMBINATIONS = 200
REVISED_EVERY = 20
DIMENSIONS = {
    "sex": ["female", "male"],
    "age": [f"{low}-{low + 9}" for low in range(0, 100, 10)],
    "citizenship": ["se", "no", "dk", "fi", "eu", "europe", "africa", "asia", "other"],
}
APPROVED_AT = datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC)


@dataclass
class SeedReport:
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)


def combinations() -> list[str]:
    """The keys of the COMBINATIONS category combinations, the total first."""
    names = sorted(DIMENSIONS)
    keys = [""]
    for size in (1, 2, 3):
        for chosen in itertools.combinations(names, size):
            for categories in itertools.product(*(DIMENSIONS[name] for name in chosen)):
                keys.append(category_key(dict(zip(chosen, categories, strict=True)))[0])
    ordered = sorted(keys, key=lambda key: (key.count(";"), key))
    return ordered[:COMBINATIONS]


def _reference_data(count: int) -> list[Indicator]:
    stat = Organisation.objects.create(
        code="SCB", name_en="Statistics office", kind=OrganisationKind.AGENCY
    )
    ReviewCycle.objects.create(
        name="National review 2025",
        slug="national-2025",
        kind="national",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        deadline=timezone.now(),
    )
    dimensions = []
    for code, categories in DIMENSIONS.items():
        dimension = Dimension.objects.create(code=code, name=code.capitalize())
        dimensions.append(dimension)
        Category.objects.bulk_create(
            Category(dimension=dimension, code=c, name=c.capitalize(), order=n)
            for n, c in enumerate(categories)
        )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            code=f"GCM-{1 + number % 23}.{number}",
            name=f"Indicator {number} of objective {1 + number % 23}",
            name_sv=f"Indikator {number}",
            definition="What is counted, and how, for the benchmark. " * 3,
            unit="persons",
            source_organisation=stat,
            source_url="https://statistics.example/table",
        )
        for number in range(count)
    )
    objectives = {objective.number: objective.pk for objective in Objective.objects.all()}
    Indicator.objectives.through.objects.bulk_create(
        Indicator.objectives.through(
            indicator_id=indicator.pk, objective_id=objectives[1 + number % 23]
        )
        for number, indicator in enumerate(indicators)
    )
    Indicator.dimensions.through.objects.bulk_create(
        Indicator.dimensions.through(indicator_id=indicator.pk, dimension_id=dimension.pk)
        for indicator in indicators
        for dimension in dimensions
    )
    return indicators


def _datasets(indicators: list[Indicator]) -> list[tuple[PublishedIndicatorDataset, int]]:
    """Each indicator's approved dataset per period and its published records: (record,
    variant) pairs, the variant shifting a revised dataset's first values."""
    stat = indicators[0].source_organisation_id
    datasets = IndicatorDataset.objects.bulk_create(
        IndicatorDataset(
            indicator=indicator,
            period=period,
            organisation_id=stat,
            workflow_state=WorkflowState.APPROVED,
            reviewed_at=APPROVED_AT,
        )
        for indicator in indicators
        for period in PERIODS
    )
    records = []
    for number, dataset in enumerate(datasets):
        revised = number % REVISED_EVERY == 0
        for version in (1, 2) if revised else (1,):
            records.append(
                PublishedIndicatorDataset(
                    entry=dataset,
                    number=version,
                    version=version,
                    approved_at=APPROVED_AT + datetime.timedelta(days=version),
                    indicator_id=dataset.indicator_id,
                    period=dataset.period,
                    organisation_id=stat,
                )
            )
    records = PublishedIndicatorDataset.objects.bulk_create(records, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE tracker_indicatordataset d SET published_id = p.id "
            "FROM tracker_publishedindicatordataset p "
            "WHERE p.entry_id = d.id AND p.number = "
            "(SELECT MAX(q.number) FROM tracker_publishedindicatordataset q "
            "WHERE q.entry_id = d.id)"
        )
    return [(record, record.number) for record in records]


def _copy_values(records, keys: list[str]) -> int:
    columns = [
        field.column
        for field in PublishedIndicatorValue._meta.concrete_fields
        if not field.primary_key
    ]
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    table = PublishedIndicatorValue._meta.db_table
    dimensions = {
        key: ";".join(pair.split("=")[0] for pair in key.split(";") if pair) for key in keys
    }
    written = 0
    connection.ensure_connection()
    statement = f"COPY {table} ({quoted}) FROM STDIN"
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        for record, variant in records:
            for position, key in enumerate(keys):
                row = {
                    "record_id": record.pk,
                    "indicator_id": record.indicator_id,
                    "period": record.period,
                    "key": key,
                    "dimensions": dimensions[key],
                    "value": Decimal(1000 + record.period + position * 7 + variant) / 4,
                    "note": "",
                    "recorded_on": datetime.date(record.period + 1, 3, 1),
                    "status": "final",
                }
                copy.write_row([row[column] for column in columns])
                written += 1
    return written


def seed(scale: float) -> SeedReport:
    """Write the indicators at `scale` of the national scale; VACUUM ANALYZE after."""
    report = SeedReport()
    started = time.perf_counter()
    indicators = _reference_data(max(1, round(INDICATORS * scale)))
    records = _datasets(indicators)
    values = _copy_values(records, combinations())
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    report.seconds = time.perf_counter() - started
    report.rows = {
        "indicators": len(indicators),
        "datasets": len(indicators) * len(PERIODS),
        "published datasets": len(records),
        "published values": values,
    }
    return report
