"""The EU Pact implementation report built from the known dataset (tests/reports/conftest.py)
through the review report's run, service and pipeline: its parts and bookmarks, the measures
per legal act and section with their status and dates, the gaps, the annex of both frameworks,
determinism and provenance."""

import re

import pytest

from compact.models import PactItem
from reports.models import ReportKind, ReportSource, ReportState, SourceKind
from tests.factories import coordinator
from tests.reports.dashboards.test_record_pages import approve_edit
from tests.reports.review.conftest import build, read_pdf
from tracker.models import Measure
from tracker.services.cycles import cycle_close

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pact")]

PARTS = [
    "1. Summary",
    "2. The Pact's legal acts",
    "3. Operational sections of the communication",
    "4. Gaps",
    "5. Annex: measures with their Pact items and GCM objectives",
]


def _items(*codes) -> list[PactItem]:
    return list(PactItem.objects.filter(code__in=codes))


@pytest.fixture
def linked(dataset):
    """In national-2025: m1 ("Legal aid", MOJ, objectives 2 and 5, completed, from
    2022-06-01) serves ACT-04 and III.2; m4 (MOL, objectives 5 and 8, ongoing, no dates)
    serves ACT-04. m3 (ended before the period) serves ACT-05: it is not in the cycle."""
    m = dataset.measures
    return (
        approve_edit(m.m1, pact_items=_items("ACT-04", "III.2")),
        approve_edit(m.m4, pact_items=_items("ACT-04")),
        approve_edit(m.m3, pact_items=_items("ACT-05")),
    )


@pytest.fixture
def pact_run(dataset, linked):
    return build(dataset.cycles.new, report_kind=ReportKind.PACT)


def _at(text: str, heading: str) -> int:
    """Where `heading` starts in the text, however its words were cut into lines."""
    return re.search(r"\s+".join(map(re.escape, heading.split())), text).start()


def _item_text(text: str, code: str, following: str) -> str:
    """The report's text from the heading of the item `code` to the next `following`."""
    start = re.search(rf"^{re.escape(code)} ", text, re.MULTILINE).start()
    return text[start : text.index(following, start + len(code))]


def test_it_is_built_by_the_same_run_with_a_file_checksums_and_pages(pact_run):
    assert pact_run.state == ReportState.DONE, pact_run.error
    assert pact_run.report_kind == ReportKind.PACT
    assert pact_run.progress == 100
    assert len(pact_run.file_sha256) == 64
    assert pact_run.pages == len(read_pdf(pact_run).reader.pages)
    assert "EU Pact" in str(read_pdf(pact_run).reader.metadata.title)


def test_its_bookmarks_name_every_part_every_act_and_the_parts_with_sections(pact_run):
    outline = read_pdf(pact_run).outline
    assert [title for title, _children in outline] == PARTS
    acts = dict(outline)["2. The Pact's legal acts"]
    expected = list(PactItem.objects.filter(kind="act").order_by("position"))
    assert [title.split()[0] for title, _ in acts] == [act.code for act in expected]
    parts = dict(outline)["3. Operational sections of the communication"]
    # Parts I and VI have no section: nothing there for a measure to serve.
    assert [title.split(".")[0] for title, _ in parts] == ["II", "III", "IV", "V"]


def test_each_item_lists_its_measures_with_status_and_dates_or_says_it_is_a_gap(pact_run):
    text = read_pdf(pact_run).body
    acts = text[text.index(PARTS[1]) : text.index(PARTS[2])]
    act_04 = _item_text(acts, "ACT-04", "ACT-05")
    assert "2 measures serve this item." in act_04
    assert re.search(r"Legal aid.*Completed\s*2022-06-01", act_04, re.DOTALL)
    assert "Ongoing" in act_04  # m4, without dates
    # The act's title exists in Swedish only: printed so, and marked.
    title = PactItem.objects.get(code="ACT-04").title_sv
    assert re.sub(r"\s+", "", act_04).startswith(re.sub(r"\s+", "", f"ACT-04 {title} (sv)"))
    act_05 = _item_text(acts, "ACT-05", "ACT-06")
    assert "Gap: no approved measure serves this item in the period." in act_05
    sections = text[text.index(PARTS[2]) : text.index(PARTS[3])]
    assert "1 measure serves this item." in _item_text(sections, "III.2", "III.3")


def test_the_gaps_are_the_items_no_measure_of_the_cycle_serves(pact_run):
    text = read_pdf(pact_run).body
    gaps = text[_at(text, PARTS[3]) : _at(text, PARTS[4])]
    listed = re.findall(r"^((?:ACT-\d+|[IVX]+\.[\w.]+)) ", gaps, re.MULTILINE)
    expected = PactItem.objects.exclude(code__in=["ACT-04", "III.2"]).values_list("code", flat=True)
    assert sorted(listed) == sorted(expected)
    assert len(listed) == 48  # m3's ACT-05 is a gap: m3 is not a measure of the cycle


def test_the_summary_counts_the_measures_serving_the_pact(pact_run):
    text = read_pdf(pact_run).body
    summary = text[text.index(PARTS[0]) : text.index(PARTS[1])]
    assert re.search(r"Measures serving the Pact\s*2", summary)
    assert re.search(r"Measures of the cycle\s*3", summary)
    assert re.search(r"Legal acts served\s*1 of 11", summary)
    assert re.search(r"Pact items without a measure\s*48", summary)


def test_the_annex_gives_each_measure_its_pact_items_and_its_gcm_objectives(pact_run, dataset):
    text = read_pdf(pact_run).body
    # Narrow columns cut their cells into lines: compare without the white space.
    annex = re.sub(r"\s+", "", text[_at(text, PARTS[4]) :])
    m1, m2, m4 = dataset.measures.m1, dataset.measures.m2, dataset.measures.m4
    # The Pact items in reading order (the sections, then the acts), then the objectives.
    assert f"M-{m1.pk}Legalaid(sv)MinistryofJusticeIII.2,ACT-042,5Completed" in annex
    assert f"M-{m4.pk}{m4.title.replace(' ', '')}(sv)MinistryofLabourACT-045,8Ongoing" in annex
    assert f"M-{m2.pk}" not in annex  # serves no Pact item


def test_a_measure_linked_to_both_frameworks_is_counted_in_both_reports(dataset, pact_run):
    review = read_pdf(build(dataset.cycles.new)).body
    objective_5 = review[review.index("Objective 5:") : review.index("Objective 6:")]
    assert "3 measures serve this objective." in objective_5
    assert "Legal aid" in objective_5
    pact = read_pdf(pact_run).body
    act_04 = _item_text(pact, "ACT-04", "ACT-05")
    assert "2 measures serve this item." in act_04
    assert "Legal aid" in act_04


def test_the_same_data_gives_the_same_file_twice(dataset, pact_run):
    again = build(dataset.cycles.new, report_kind=ReportKind.PACT)
    assert again.pk != pact_run.pk
    assert again.file_sha256 == pact_run.file_sha256
    assert again.input_sha256 == pact_run.input_sha256


def test_it_records_the_published_version_of_each_measure_and_update_it_shows(dataset, pact_run):
    m = dataset.measures
    sources = ReportSource.objects.filter(run=pact_run)
    measures = dict(sources.filter(kind=SourceKind.MEASURE).values_list("entry_id", "version"))
    assert measures == {m.m1.pk: m.m1.version + 1, m.m4.pk: m.m4.version + 1}
    assert sources.filter(kind=SourceKind.UPDATE).count() == 2  # m1's and m4's for 2025
    assert not sources.filter(kind__in=[SourceKind.PLEDGE, SourceKind.NARRATIVE]).exists()


def test_a_closed_cycles_report_reads_its_snapshot(dataset, linked):
    cycle = cycle_close(actor=coordinator(), cycle=dataset.cycles.new)
    # Approved after the close: m1 no longer serves ACT-04, m4 serves ACT-05 as well.
    m1 = Measure.objects.get(pk=dataset.measures.m1.pk)
    approve_edit(m1, pact_items=_items("III.2"))
    m4 = Measure.objects.get(pk=dataset.measures.m4.pk)
    approve_edit(m4, pact_items=_items("ACT-04", "ACT-05"))

    text = read_pdf(build(cycle, report_kind=ReportKind.PACT)).body
    act_04 = _item_text(text, "ACT-04", "ACT-05")
    assert "2 measures serve this item." in act_04
    assert "Legal aid" in act_04
    assert "Gap: no approved measure" in _item_text(text, "ACT-05", "ACT-06")
