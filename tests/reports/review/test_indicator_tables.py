"""The report's indicator tables, read from the PDF: each round table's part gives its
objectives' indicators with the value at the start of the cycle's period (2024 for
national-2025), the latest value in it, the change and the source; a round table without
indicators has no table; the methodology names the sources. Texts not in the report's language
carry their language."""

import re
from decimal import Decimal

import pytest

from tests.factories import IndicatorDatasetFactory, coordinator, officer
from tests.reports.review.conftest import build, read_pdf
from tracker.services.indicator_values import ValueInput, dataset_save_values
from tracker.services.publication import cycle_snapshot_take
from tracker.services.workflow import entry_approve

pytestmark = pytest.mark.django_db


def _words(text: str) -> str:
    return " ".join(text.split())


def _round_table_parts(body: str) -> dict[int, str]:
    """The text of each round table's part, from its heading to the next."""
    parts = re.split(r"Round table (\d) \(objectives", body)
    found: dict[int, str] = {}
    for number, text in zip(parts[1::2], parts[2::2], strict=True):
        found.setdefault(int(number), _words(text))
    return found


def test_each_round_table_gives_its_indicators_and_the_methodology_their_sources(
    dataset, indicators
):
    run = build(dataset.cycles.new)
    assert run.state == "done", run.error
    body = read_pdf(run).body

    parts = _round_table_parts(body)
    assert "Indicator Start of the period Latest value Change Source" in parts[1]
    assert (
        "GCM-5.1 Residence permits for work (persons) 120 (2024) 150.5 (2025) +30.5 "
        "Statistics office" in parts[1]
    )
    assert "GCM-8.1 Missing migrants (persons) 12 (2024) 9 (2025) \u22123 Coast guard" in parts[2]
    assert "GCM-8.1" not in parts[1]
    assert "Indicators" not in parts[3]
    assert "GCM-23.1 Returns (persons) — — — Statistics office" in parts[4]
    methodology = _words(body.split("2. Methodology")[1].split("3. Progress by round table")[0])
    assert "Coast guard: https://statistics.example/table" in methodology
    assert "Statistics office: https://statistics.example/permits" in methodology


def test_a_swedish_report_marks_the_names_it_prints_in_english(dataset, indicators):
    run = build(dataset.cycles.new, "sv")
    assert run.state == "done", run.error
    body = _words(read_pdf(run).body)

    assert "GCM-5.1 Uppehållstillstånd för arbete (persons) 120 (2024) 150,5 (2025) +30,5" in body
    assert "GCM-23.1 Returns (en) (persons)" in body


def test_a_closed_cycle_reports_what_its_snapshot_froze(dataset, indicators):
    cycle = dataset.cycles.old  # 2022 to 2023, closed
    cycle_snapshot_take(cycle=cycle, taken_at=cycle.closed_at)
    IndicatorDatasetFactory(indicator=indicators.missing, period=2023, values={"": 7})

    run = build(cycle)
    assert run.state == "done", run.error
    parts = _round_table_parts(read_pdf(run).body)

    assert "GCM-5.1 Residence permits for work (persons) 90 (2022) 100 (2023) +10" in parts[1]
    assert "GCM-8.1 Missing migrants (persons) — — —" in parts[2]


def test_a_provisional_value_is_marked_so(dataset, indicators):
    revised = dataset_save_values(
        actor=officer(indicators.stat),
        dataset=indicators.revised,
        values=[ValueInput({}, Decimal("151"))],  # provisional unless said final
    )
    entry_approve(actor=coordinator(), entry=revised)

    run = build(dataset.cycles.new)
    assert run.state == "done", run.error
    parts = _round_table_parts(read_pdf(run).body)

    assert (
        "GCM-5.1 Residence permits for work (persons) 120 (2024) 151 (2025, provisional) +31"
        in parts[1]
    )
    assert "GCM-8.1 Missing migrants (persons) 12 (2024) 9 (2025) \u22123" in parts[2]
    methodology = _words(read_pdf(run).body.split("2. Methodology")[1])
    assert "A value marked provisional may still be revised by its source." in methodology
