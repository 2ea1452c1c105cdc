"""The demo's indicators (fixtures/demo/indicators.json): a handful linked to objectives, marked
as demonstration values (is_demonstration, and their names and definitions say so), with a value
a year and for two of them a disaggregation by sex. Recorded by the statistics office's desk
officer, submitted and approved through the services like every entry, so that they are
published with their history. Idempotent: an indicator or a year that exists is left alone."""

import json
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from compact.models import Objective
from tracker.models import Category, Dimension, Indicator, IndicatorDataset
from tracker.services.indicator_values import (
    ValueInput,
    ValuesChange,
    datasets_open,
    datasets_save_values,
)
from tracker.services.indicators import indicator_create
from tracker.services.workflow import entry_approve, entry_submit

RECORDER = "STAT"
TEXT_FIELDS = ("name_sv", "name_nb", "name_da", "definition", "definition_sv")


def _data() -> dict:
    path = settings.BASE_DIR / "fixtures" / "demo" / "indicators.json"
    with path.open(encoding="utf-8") as file:
        return json.load(file)


def _dimensions(rows: list[dict]) -> dict[str, Dimension]:
    dimensions = {}
    for row in rows:
        names = {key: row[key] for key in ("name", "name_sv", "name_nb", "name_da")}
        dimension, _created = Dimension.objects.get_or_create(code=row["code"], defaults=names)
        for order, category in enumerate(row["categories"], start=1):
            Category.objects.get_or_create(
                dimension=dimension,
                code=category["code"],
                defaults={**{k: v for k, v in category.items() if k != "code"}, "order": order},
            )
        dimensions[row["code"]] = dimension
    return dimensions


def _values(row: dict, year: int, first_year: int, note: str) -> list[ValueInput]:
    """The year's total (and by sex) from the row's start value and yearly growth."""
    places = Decimal("1") if row["unit"] == "persons" else Decimal("0.01")
    total = Decimal(str(row["start"])) * (1 + Decimal(row["growth"])) ** (year - first_year)
    total = total.quantize(places, ROUND_HALF_UP)
    values = [ValueInput({}, total, note, status="final")]
    if row["by_sex"]:
        women = (total * Decimal(row["female_share"])).quantize(places, ROUND_HALF_UP)
        values += [
            ValueInput({"sex": "female"}, women, note, status="final"),
            ValueInput({"sex": "male"}, total - women, note, status="final"),
        ]
    return values


def seed_indicators(*, coordinator, officer, organisations: dict, report) -> None:
    """Bring the demo's indicators and their approved values into the database."""
    data = _data()
    dimensions = _dimensions(data["dimensions"])
    years = range(data["first_year"], data["last_year"] + 1)
    for row in data["indicators"]:
        indicator = Indicator.objects.filter(code=row["code"]).first()
        if indicator is None:
            fields = ("code", "name", "unit", "source_name", "source_url", "sdg_code")
            indicator = indicator_create(
                actor=coordinator,
                data={
                    **{name: row[name] for name in fields},
                    **{name: row[name] for name in TEXT_FIELDS if name in row},
                    "source_organisation": organisations[RECORDER],
                    "is_demonstration": True,
                    "objectives": Objective.objects.filter(number__in=row["objectives"]),
                    "dimensions": [dimensions["sex"]] if row["by_sex"] else [],
                },
            )
            report.count("indicators")
        have = set(
            IndicatorDataset.objects.filter(indicator=indicator).values_list("period", flat=True)
        )
        wanted = [(indicator, year) for year in years if year not in have]
        if not wanted:
            continue
        datasets = datasets_open(actor=officer, wanted=wanted)
        changes = [
            ValuesChange(datasets[indicator.pk, year], _values(row, year, years[0], data["note"]))
            for _indicator, year in wanted
        ]
        for dataset in datasets_save_values(actor=officer, changes=changes):
            dataset = entry_submit(actor=officer, entry=dataset)
            entry_approve(actor=coordinator, entry=dataset)
            report.count("indicator datasets")
