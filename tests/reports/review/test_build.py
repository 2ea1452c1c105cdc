"""The report built from the known dataset (tests/reports/conftest.py): its parts, order,
bookmarks, determinism and provenance."""

import re

import pytest
from django.utils import translation

from compact.models import RoundTable
from reports.models import ReportSource, ReportState, SourceKind
from tests.factories import republish
from tests.reports.review.conftest import build, read_pdf
from tracker.models import Measure

pytestmark = pytest.mark.django_db


def _declaration_order() -> list[tuple[str, list[int]]]:
    with translation.override("en"):
        return [
            (
                round_table.title,
                list(
                    round_table.objectives.order_by("round_table_position").values_list(
                        "number", flat=True
                    )
                ),
            )
            for round_table in RoundTable.objects.order_by("number")
        ]


def test_it_builds_a_done_run_with_file_checksums_and_pages(built):
    assert built.state == ReportState.DONE, built.error
    assert built.progress == 100
    assert len(built.file_sha256) == 64
    assert len(built.input_sha256) == 64
    assert built.pages == len(read_pdf(built).reader.pages)
    with built.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_its_round_tables_are_in_order_each_with_exactly_its_objectives(built):
    pdf = read_pdf(built)
    parts = dict(pdf.outline)["3. Progress by round table"]
    expected = _declaration_order()
    assert [title for title, _objectives in parts] == [title for title, _numbers in expected]
    assert expected[0][0] == "Round table 1 (objectives 2, 5, 6, 12 and 18)"
    for (_title, objectives), (_expected_title, numbers) in zip(parts, expected, strict=True):
        listed = [int(re.match(r"Objective (\d+):", title)[1]) for title, _ in objectives]
        assert listed == numbers
    # The text follows the same order: every round table, then its objectives.
    text = pdf.body
    positions = []
    for title, numbers in expected:
        positions.append(text.index(title))
        positions += [text.index(f"Objective {number}:", positions[-1]) for number in numbers]
    assert positions == sorted(positions)


def test_its_bookmarks_name_every_part(built):
    top = [title for title, _children in read_pdf(built).outline]
    assert top == [
        "1. Summary",
        "2. Methodology",
        "3. Progress by round table",
        "4. Pledges and their implementation",
        "5. Guiding principles",
        "6. Gaps",
        "7. Annexes",
    ]
    annexes = dict(read_pdf(built).outline)["7. Annexes"]
    assert [title for title, _ in annexes] == [
        "Annex A. All measures",
        "Annex B. Measures by objective and organisation",
    ]


def test_it_lists_the_periods_approved_measures_under_their_objectives(built, dataset):
    text = read_pdf(built).body
    assert "Legal aid" in text  # m1, objectives 2 and 5
    assert "Hidden" not in text  # drafts, submitted, returned and withdrawn never show
    assert "Migration data" not in text  # m3 ended before the period
    round_table_1 = text[text.index("Round table 1 (") : text.index("Round table 2 (")]
    assert round_table_1.count("Legal aid") == 2  # under objective 2 and objective 5


def test_its_summary_pledge_and_gap_sections_carry_the_datasets_figures(built):
    text = read_pdf(built).body
    summary = text[text.index("1. Summary") : text.index("2. Methodology")]
    assert re.search(r"Measures reported\s*3", summary)
    assert re.search(r"Objectives covered\s*3 of 23", summary)
    assert re.search(r"Ministries and agencies contributing\s*2", summary)
    assert re.search(r"Fulfilled\s*1", summary)
    pledges = text[text.index("4. Pledges and their implementation") : text.index("5. Guiding")]
    assert pledges.count("Ministry of Justice") == 2  # p1 and p3
    gaps = text[text.index("6. Gaps") : text.index("7. Annexes")]
    listed = [int(number) for number in re.findall(r"Objective (\d+):", gaps)]
    assert listed == [n for n in range(1, 24) if n not in (2, 5, 8)]


def test_the_same_data_gives_the_same_file_twice(dataset, built):
    again = build(dataset.cycles.new)
    assert again.pk != built.pk
    assert again.file_sha256 == built.file_sha256
    assert again.input_sha256 == built.input_sha256


def test_a_changed_measure_changes_the_input_checksum(dataset, built):
    Measure.objects.filter(pk=dataset.measures.m1.pk).update(title="Legal aid for all")
    republish(Measure.objects.get(pk=dataset.measures.m1.pk))
    again = build(dataset.cycles.new)
    assert again.input_sha256 != built.input_sha256
    assert again.file_sha256 != built.file_sha256


def test_a_draft_has_a_watermark_and_a_final_has_none(dataset, built):
    Measure.objects.filter(workflow_state__in=["submitted", "returned"]).update(
        workflow_state="draft"
    )
    dataset.measures.m2.updates.update(workflow_state="approved")
    final = build(dataset.cycles.new, is_final=True)
    assert final.state == ReportState.DONE, final.error
    assert "Draft, not for submission" in read_pdf(built).text
    assert "Draft, not for submission" not in read_pdf(final).text
    # The watermark is a form drawn under every page of the draft, the cover included.
    draft_pages, final_pages = read_pdf(built).reader.pages, read_pdf(final).reader.pages
    assert all("/ReportWatermark" in page["/Resources"]["/XObject"] for page in draft_pages)
    assert not any("/ReportWatermark" in page["/Resources"]["/XObject"] for page in final_pages)
    assert all("DRAFT" in page.extract_text() for page in draft_pages)
    assert not any("DRAFT" in page.extract_text() for page in final_pages)


def test_it_records_each_source_entry_in_its_version(dataset, built):
    m1 = dataset.measures.m1
    source = ReportSource.objects.get(run=built, kind=SourceKind.MEASURE, entry_id=m1.pk)
    assert source.version == m1.version
    assert source.history_id == m1.history.latest().history_id
    assert source.approved_at == m1.reviewed_at
    measures = set(
        ReportSource.objects.filter(run=built, kind=SourceKind.MEASURE).values_list(
            "entry_id", flat=True
        )
    )
    m = dataset.measures
    assert measures == {m.m1.pk, m.m2.pk, m.m4.pk}
    assert ReportSource.objects.filter(run=built, kind=SourceKind.PLEDGE).count() == 3


def test_the_annex_gives_each_measures_identifier_and_approval_date(dataset, built):
    text = read_pdf(built).text
    annex = text[text.index("Annex A. All measures", text.index("7. Annexes")) :]
    m1 = dataset.measures.m1
    assert re.search(rf"M-{m1.pk}\s*Legal aid.*{m1.reviewed_at:%Y-%m-%d}", annex, re.S)


def test_it_is_written_in_the_chosen_language(dataset):
    run = build(dataset.cycles.new, "sv")
    text = read_pdf(run).text
    with translation.override("sv"):
        title = RoundTable.objects.get(number=1).title
    assert title in text
    assert "Round table 1" not in text
    assert read_pdf(run).reader.trailer["/Root"]["/Lang"] == "sv"


def test_the_pdf_is_tagged_with_fonts_embedded(built):
    reader = read_pdf(built).reader
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor or "/FontFile" in descriptor
