import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from compact.models import Action, GuidingPrinciple, Objective
from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    PledgeFactory,
    coordinator,
    officer,
)
from tracker.exports import (
    FORMULA_STARTS,
    MEASURE_COLUMNS,
    MEASURE_EXPORT_COLUMNS,
    PLEDGE_EXPORT_COLUMNS,
    measures_export,
    pledges_export,
)
from tracker.exports.columns import measure_columns, pledge_columns
from tracker.exports.copy import copy_csv_lines
from tracker.exports.files import csv_lines, typed_rows
from tracker.imports import measures_import
from tracker.models import Measure, MeasureKind, Pledge, PledgeStatus, WorkflowState
from tracker.selectors import measure_list, pledge_list

pytestmark = pytest.mark.usefixtures("compact")


@pytest.fixture
def ministry():
    return OrganisationFactory(code="MOL", name_sv="Arbetsmarknadsdepartementet")


def full_measure(ministry, number: int, **fields) -> Measure:
    partner = OrganisationFactory(code="PES")
    measure = MeasureFactory(
        lead_organisation=ministry,
        title=f"Yrkessvenska för vårdpersonal {number}",
        title_en=f"Swedish for care workers {number}",
        description="Kurser i yrkessvenska för undersköterskor från länder utanför EU.",
        description_en="Courses for assistant nurses from outside the EU.",
        kind=MeasureKind.PROGRAMME,
        start_date=datetime.date(2024, 1, 15),
        end_date=datetime.date(2026, 12, 31),
        budget_amount=Decimal("1250000.50"),
        budget_currency="SEK",
        target_groups=["migrant_workers", "women"],
        stakeholders=["trade_unions"],
        objectives=[5, 18],
        **fields,
    )
    measure.partner_organisations.set([partner])
    measure.actions.set(
        Action.objects.filter(objective__number=18, letter__in=["a", "h"])
        | Action.objects.filter(objective__number=5, letter="c")
    )
    measure.guiding_principles.set(GuidingPrinciple.objects.filter(code="human_rights"))
    return measure


def read_csv(response) -> list[dict]:
    """The rows of a CSV download; its content streams, so it can be read once."""
    return csv_rows(response.getvalue())


def csv_rows(content: bytes) -> list[dict]:
    text = content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def read_xlsx(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    return workbook.worksheets[0]


def test_the_csv_export_has_one_row_per_measure_of_the_filtered_list(ministry):
    wanted = [full_measure(ministry, 1), full_measure(ministry, 2)]
    MeasureFactory(lead_organisation=ministry, objectives=[3], title="Inte med")
    queryset = measure_list(user=coordinator()).filter(objectives__number=18)

    response = measures_export(queryset, "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="measures-{today}.csv"'
    assert response.streaming
    content = response.getvalue()
    assert content.startswith(b"\xef\xbb\xbfid,title,title_en,")
    rows = csv_rows(content)
    assert sorted(int(row["id"]) for row in rows) == sorted(m.pk for m in wanted)
    row = rows[0]
    assert list(row) == list(MEASURE_EXPORT_COLUMNS)
    assert row["title"].startswith("Yrkessvenska för vårdpersonal")
    assert row["lead_organisation"] == "MOL"
    assert row["partner_organisations"] == "PES"
    assert row["objectives"] == "5; 18"
    assert row["actions"] == "5c; 18a; 18h"
    assert row["guiding_principles"] == "human_rights"
    assert (row["kind"], row["status"]) == ("programme", "ongoing")
    assert (row["start_date"], row["end_date"]) == ("2024-01-15", "2026-12-31")
    assert (row["budget_amount"], row["budget_currency"]) == ("1250000.50", "SEK")
    assert row["target_groups"] == "migrant_workers; women"
    assert row["workflow_state"] == "draft"
    assert row["last_updated"].startswith(today)


def test_the_excel_export_has_a_bold_frozen_header_and_real_dates_and_numbers(ministry):
    measure = full_measure(ministry, 1)

    response = measures_export(Measure.objects.all(), "xlsx")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = read_xlsx(response)
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]] == list(MEASURE_EXPORT_COLUMNS)
    assert all(cell.font.bold for cell in sheet[1])
    values = dict(zip(MEASURE_EXPORT_COLUMNS, (cell.value for cell in sheet[2]), strict=True))
    assert values["id"] == measure.pk
    assert values["start_date"] == datetime.datetime(2024, 1, 15)  # noqa: DTZ001
    assert values["budget_amount"] == 1250000.5
    assert isinstance(values["last_updated"], datetime.datetime)
    assert values["description_en"] == "Courses for assistant nurses from outside the EU."
    assert values["partner_organisations"] == "PES"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_exported_sheet_imports_back_as_new_measures(ministry, file_format):
    desk_officer = officer(organisation=ministry)
    originals = [full_measure(ministry, n) for n in (1, 2, 3)]
    response = measures_export(
        Measure.objects.filter(pk__in=[m.pk for m in originals]), file_format
    )

    result = measures_import(
        actor=desk_officer,
        uploaded_file=SimpleUploadedFile(f"export.{file_format}", response.getvalue()),
    )

    assert result.errors == []
    assert len(result.measures) == 3
    exported_again = measures_export(
        Measure.objects.filter(pk__in=[m.pk for m in result.measures]), "csv"
    )
    original_rows = read_csv(
        measures_export(Measure.objects.filter(pk__in=[m.pk for m in originals]), "csv")
    )

    def comparable(rows):
        return sorted(tuple(row[column] for column in MEASURE_COLUMNS) for row in rows)

    assert comparable(read_csv(exported_again)) == comparable(original_rows)
    assert {m.workflow_state for m in result.measures} == {WorkflowState.DRAFT}


def test_a_title_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(ministry):
    desk_officer = officer(organisation=ministry)
    MeasureFactory(lead_organisation=ministry, title='=HYPERLINK("http://evil.example","x")')

    csv_content = measures_export(Measure.objects.all(), "csv").getvalue()
    xlsx_response = measures_export(Measure.objects.all(), "xlsx")

    assert csv_rows(csv_content)[0]["title"] == '\'=HYPERLINK("http://evil.example","x")'
    cell = read_xlsx(xlsx_response)["B2"]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://evil.example","x")')
    measures_import(actor=desk_officer, uploaded_file=SimpleUploadedFile("m.csv", csv_content))
    assert Measure.objects.filter(title__startswith="=HYPERLINK").count() == 2


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("source", ["selector", "plain queryset"])
def test_the_measure_export_queries_do_not_grow_with_the_rows(
    ministry, file_format, source, django_assert_max_num_queries
):
    reader = coordinator()

    def queryset():
        return measure_list(user=reader) if source == "selector" else Measure.objects.all()

    full_measure(ministry, 0)
    with django_assert_max_num_queries(6) as few:
        measures_export(queryset(), file_format).getvalue()
    for number in range(1, 25):
        full_measure(ministry, number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = measures_export(queryset(), file_format)
        if file_format == "csv":
            rows = read_csv(response)
        else:
            rows = list(read_xlsx(response).iter_rows(min_row=2))
    assert len(rows) == 25


def test_the_pledge_export_lists_the_filtered_pledges(ministry, django_assert_max_num_queries):
    pledge = PledgeFactory(
        lead_organisation=ministry,
        text="Vi åtar oss att halvera handläggningstiden för arbetstillstånd.",
        status=PledgeStatus.IN_PROGRESS,
        status_narrative="Handläggningstiden har minskat med en tredjedel.",
        status_updated_on=datetime.date(2023, 2, 1),
        objectives=[5, 6],
        workflow_state=WorkflowState.APPROVED,
    )
    pledge.co_pledging_organisations.set([OrganisationFactory(code="MIG")])
    PledgeFactory(lead_organisation=ministry, workflow_state=WorkflowState.APPROVED)
    for _number in range(5):
        PledgeFactory(status=PledgeStatus.FULFILLED, workflow_state=WorkflowState.APPROVED)
    queryset = pledge_list(user=coordinator()).filter(lead_organisation=ministry)

    # The rows' query, or on PostgreSQL the COPY in a transaction that turns off JIT.
    with django_assert_max_num_queries(5):
        response = pledges_export(queryset, "csv")
        rows = read_csv(response)

    assert response["Content-Disposition"].startswith('attachment; filename="pledges-')
    assert len(rows) == 2
    row = next(row for row in rows if row["id"] == str(pledge.pk))
    assert list(row) == list(PLEDGE_EXPORT_COLUMNS)
    assert row["text"] == "Vi åtar oss att halvera handläggningstiden för arbetstillstånd."
    assert (row["lead_organisation"], row["co_pledging_organisations"]) == ("MOL", "MIG")
    assert (row["objectives"], row["status"]) == ("5; 6", "in_progress")
    assert (row["made_on"], row["occasion"]) == ("2022-05-20", "IMRF 2022")
    assert row["status_updated_on"] == "2023-02-01"
    assert row["workflow_state"] == "approved"


def test_the_pledge_excel_export_has_dates_as_dates(ministry):
    PledgeFactory(lead_organisation=ministry)

    sheet = read_xlsx(pledges_export(Pledge.objects.all(), "xlsx"))

    assert [cell.value for cell in sheet[1]] == list(PLEDGE_EXPORT_COLUMNS)
    assert sheet["I2"].value == datetime.datetime(2022, 5, 20)  # noqa: DTZ001
    assert sheet["I2"].is_date


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_empty_list_downloads_as_its_header(file_format):
    response = measures_export(Measure.objects.none(), file_format)

    if file_format == "csv":
        assert (
            response.getvalue()
            == "\ufeff".encode() + ",".join(MEASURE_EXPORT_COLUMNS).encode() + b"\n"
        )
    else:
        assert [[cell.value for cell in row] for row in read_xlsx(response).rows] == [
            list(MEASURE_EXPORT_COLUMNS)
        ]


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="Unknown spreadsheet format 'pdf'"):
        measures_export(Measure.objects.none(), "pdf")


def test_objectives_are_listed_in_their_number_order(ministry):
    measure = MeasureFactory(lead_organisation=ministry, objectives=[23, 2, 11])
    assert set(measure.objectives.all()) == set(Objective.objects.filter(number__in=[2, 11, 23]))

    row = read_csv(measures_export(Measure.objects.all(), "csv"))[0]

    assert row["objectives"] == "2; 11; 23"


def tricky_entries(ministry) -> None:
    """Measures and pledges with every value the two CSV writers must write alike: each
    formula start, quotes, commas, lone CRs and LFs, empty and missing values, lists in their
    order, an organisation code a spreadsheet would run, and moments either side of DST."""
    dashed = OrganisationFactory(code="-X")
    texts = [f"{start}SUM(A1)" for start in FORMULA_STARTS] + [
        'Komma, "citat" och ; semikolon',
        "Rad ett\r\nrad två",
        "Bara\rvagnretur",
        "Bara\nradmatning",
        "  blanksteg  ",
        "åäö ø æ € 中文",
    ]
    moments = [
        datetime.datetime(2025, 3, 30, 0, 59, 59, 999999, tzinfo=datetime.UTC),
        datetime.datetime(2025, 10, 26, 1, 30, tzinfo=datetime.UTC),
    ]
    for number, text in enumerate(texts):
        measure = MeasureFactory(
            lead_organisation=ministry if number % 2 else dashed,
            title=text,
            title_en="" if number % 3 else text,
            description=text * 2,
            objectives=[23, 2, 11][: 1 + number % 3],
            budget_amount=[None, Decimal("0.00"), Decimal("1234567890.05")][number % 3],
            budget_currency="" if number % 3 == 0 else "SEK",
            start_date=None if number % 2 else datetime.date(2024, 1, 1),
            target_groups=["women", "children"][: number % 3],
            stakeholders=[text] if number == 0 else [],
        )
        measure.partner_organisations.set([ministry, dashed][: number % 3])
        measure.actions.set(Action.objects.filter(objective__number=2)[: number % 4])
        measure.guiding_principles.set(GuidingPrinciple.objects.order_by("-position")[:number])
        Measure.objects.filter(pk=measure.pk).update(updated_at=moments[number % 2])
        pledge = PledgeFactory(
            lead_organisation=dashed,
            text=text,
            text_en="",
            network_reference=text[:100],
            status_narrative=text,
            status_updated_on=None if number % 2 else datetime.date(2023, 2, 1),
            objectives=[5, 6][: 1 + number % 2],
        )
        pledge.co_pledging_organisations.set([ministry, dashed][: number % 3])


@pytest.mark.parametrize(
    ("model", "columns"), [(Measure, measure_columns), (Pledge, pledge_columns)]
)
def test_postgresql_writes_the_csv_lines_python_writes(ministry, model, columns):
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; elsewhere Python writes the lines")
    tricky_entries(ministry)
    queryset = model.objects.all()

    written_by_postgresql = b"".join(copy_csv_lines(queryset, columns()))
    written_by_python = b"".join(csv_lines(typed_rows(queryset, columns())))

    assert written_by_postgresql == written_by_python
    assert written_by_python.count(b"'") >= 2 * len(FORMULA_STARTS)


def test_the_cells_a_spreadsheet_would_run_are_neutralised_in_every_column(ministry):
    tricky_entries(ministry)

    rows = read_csv(measures_export(Measure.objects.order_by("pk"), "csv"))
    pledges = read_csv(pledges_export(Pledge.objects.order_by("pk"), "csv"))
    sheet = read_xlsx(measures_export(Measure.objects.order_by("pk"), "xlsx"))

    assert [row["title"] for row in rows[: len(FORMULA_STARTS)]] == [
        f"'{start}SUM(A1)" for start in FORMULA_STARTS
    ]
    assert rows[0]["stakeholders"] == "'=SUM(A1)"
    assert rows[0]["lead_organisation"] == "'-X"
    assert rows[2]["partner_organisations"] == "'-X; MOL"
    assert pledges[0]["network_reference"] == "'=SUM(A1)"
    # In XLSX a cell is text or a formula by its type: the text stays as it is.
    assert [(cell.data_type, cell.value) for cell in (sheet["B2"], sheet["D2"])] == [
        ("s", "=SUM(A1)"),
        ("s", "=SUM(A1)=SUM(A1)"),
    ]
    assert rows[len(FORMULA_STARTS) + 1]["title"] == "Rad ett\r\nrad två"
    assert rows[len(FORMULA_STARTS) + 2]["title"] == "Bara\rvagnretur"


def test_the_last_update_is_written_in_the_readers_time_zone(ministry):
    tricky_entries(ministry)

    rows = read_csv(measures_export(Measure.objects.order_by("pk"), "csv"))
    sheet = read_xlsx(measures_export(Measure.objects.order_by("pk"), "xlsx"))

    # Stockholm: summer time from 2025-03-30 01:00 UTC, winter time from 2025-10-26 01:00 UTC.
    assert [row["last_updated"] for row in rows[:2]] == [
        "2025-03-30 01:59:59",
        "2025-10-26 02:30:00",
    ]
    written = sheet["V2"].value - datetime.datetime(2025, 3, 30, 1, 59, 59, 999999)  # noqa: DTZ001
    assert abs(written) < datetime.timedelta(milliseconds=1)


def test_a_download_streams_and_its_rows_follow_the_queryset_order(ministry):
    measures = [full_measure(ministry, number) for number in range(3)]

    response = measures_export(Measure.objects.order_by("-title"), "csv")
    xlsx = measures_export(Measure.objects.order_by("-title"), "xlsx")

    assert response.streaming
    assert xlsx.streaming
    expected = [m.pk for m in sorted(measures, key=lambda m: m.title, reverse=True)]
    assert [int(row["id"]) for row in read_csv(response)] == expected
    assert [row[0].value for row in read_xlsx(xlsx).iter_rows(min_row=2)] == expected
