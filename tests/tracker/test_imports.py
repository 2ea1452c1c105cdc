import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import (
    OrganisationFactory,
    administrator,
    committee_reader,
    coordinator,
    officer,
)
from tracker.exports import MEASURE_COLUMNS
from tracker.imports import RowError, measures_import
from tracker.imports import reading as imports
from tracker.models import Measure, WorkflowState

pytestmark = pytest.mark.usefixtures("compact")

IMPORT_URL = "/entries/import/"


def good_row(number: int, **changes) -> dict:
    row = {
        "title": f"Språkkurs för nyanlända {number}",
        "title_en": f"Language course for newcomers {number}",
        "description": "Kommunerna erbjuder kurser i svenska på arbetstid.",
        "description_en": "Municipalities offer Swedish lessons during working hours.",
        "language": "sv",
        "lead_organisation": "",
        "partner_organisations": "",
        "objectives": "16; 18",
        "actions": "16b; 18h",
        "guiding_principles": "whole_of_society; gender_responsive",
        "kind": "programme",
        "status": "ongoing",
        "start_date": "2024-01-01",
        "end_date": "2026-12-31",
        "budget_amount": "1 500 000,50",
        "budget_currency": "SEK",
        "target_groups": "migrant_workers; women",
        "stakeholders": "local_government; trade_unions",
    }
    row.update(changes)
    return row


def xlsx_file(rows: list[dict], header=MEASURE_COLUMNS, name="measures.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append([row.get(column) for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(rows, header=MEASURE_COLUMNS, delimiter=";", bom=True, name="measures.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    encoding = "utf-8-sig" if bom else "utf-8"
    return SimpleUploadedFile(name, buffer.getvalue().encode(encoding))


@pytest.fixture
def desk_officer():
    return officer(organisation=OrganisationFactory(code="MOL"))


def test_eighty_rows_of_an_excel_sheet_become_eighty_draft_measures(desk_officer):
    partner = OrganisationFactory(code="PES")
    rows = [
        good_row(
            number,
            partner_organisations="pes",
            # Excel cells hold real dates and numbers.
            start_date=datetime.datetime(2024, 3, 1),  # noqa: DTZ001
            end_date=datetime.date(2026, 6, 30),
            budget_amount=250000.5,
            objectives=16 if number % 2 else "16; 18",
            actions="16b" if number % 2 else "16(b), 18 h",
        )
        for number in range(1, 81)
    ]

    result = measures_import(actor=desk_officer, uploaded_file=xlsx_file(rows))

    assert result.errors == []
    assert len(result.measures) == 80
    measures = Measure.objects.order_by("id")
    assert measures.count() == 80
    measure = measures.last()
    assert measure.title == "Språkkurs för nyanlända 80"
    assert measure.workflow_state == WorkflowState.DRAFT
    assert measure.lead_organisation == desk_officer.organisation
    assert measure.created_by == desk_officer
    assert list(measure.partner_organisations.all()) == [partner]
    assert [o.number for o in measure.objectives.all()] == [16, 18]
    assert [str(a) for a in measure.actions.all()] == ["16(b)", "18(h)"]
    assert [p.code for p in measure.guiding_principles.all()] == [
        "gender_responsive",
        "whole_of_society",
    ]
    assert measure.start_date == datetime.date(2024, 3, 1)
    assert measure.end_date == datetime.date(2026, 6, 30)
    assert measure.budget_amount == Decimal("250000.50")
    assert measure.budget_currency == "SEK"
    assert measure.target_groups == ["migrant_workers", "women"]
    assert measure.stakeholders == ["local_government", "trade_unions"]
    assert [o.number for o in measures.first().objectives.all()] == [16]
    assert measure.history.count() == 1


def test_a_semicolon_csv_from_nordic_excel_is_imported(desk_officer):
    rows = [
        good_row(number, start_date="01.03.2024", kind="Programme or project", status="ONGOING")
        for number in range(1, 81)
    ]

    result = measures_import(actor=desk_officer, uploaded_file=csv_file(rows))

    assert result.errors == []
    assert Measure.objects.count() == 80
    measure = Measure.objects.get(title="Språkkurs för nyanlända 7")
    assert measure.budget_amount == Decimal("1500000.50")
    assert measure.start_date == datetime.date(2024, 3, 1)
    assert (measure.kind, measure.status) == ("programme", "ongoing")


def test_a_comma_csv_without_byte_order_mark_is_imported(desk_officer):
    rows = [good_row(1, budget_amount="1,234.5"), good_row(2, budget_amount="")]

    result = measures_import(
        actor=desk_officer, uploaded_file=csv_file(rows, delimiter=",", bom=False)
    )

    assert result.errors == []
    budgets = sorted(str(m.budget_amount) for m in Measure.objects.all())
    assert budgets == ["1234.50", "None"]


def test_one_bad_row_among_eighty_saves_nothing_and_names_its_row_and_column(desk_officer):
    rows = [good_row(number) for number in range(1, 80)]
    rows.insert(6, good_row(99, objectives="1; 24", actions=""))

    result = measures_import(actor=desk_officer, uploaded_file=xlsx_file(rows))

    assert Measure.objects.count() == 0
    assert result.measures == []
    assert result.errors == [
        RowError(8, "objectives", "24 is not an objective of the Compact (1 to 23).")
    ]
    assert str(result.errors[0]) == (
        "Row 8, column objectives: 24 is not an objective of the Compact (1 to 23)."
    )


def test_a_row_the_service_refuses_rolls_back_the_rows_created_before_it(desk_officer):
    """Row 81 parses but the service refuses it; rows 2 to 80 were already created in the
    same transaction and must be rolled back, history included."""
    rows = [good_row(number) for number in range(1, 80)]
    rows.append(good_row(80, budget_amount="10.125"))

    result = measures_import(actor=desk_officer, uploaded_file=csv_file(rows))

    assert [(error.row, error.column) for error in result.errors] == [(81, "budget_amount")]
    assert "2 decimal places" in result.errors[0].message
    assert Measure.objects.count() == 0
    assert Measure.history.count() == 0


def test_every_problem_of_the_file_is_reported_at_once(desk_officer):
    rows = [
        good_row(1, kind="law", status=""),
        good_row(2),
        good_row(3, start_date="2024-13-01", budget_currency="XYZ"),
    ]

    result = measures_import(actor=desk_officer, uploaded_file=xlsx_file(rows))

    assert [(error.row, error.column) for error in result.errors] == [
        (2, "kind"),
        (2, "status"),
        (4, "budget_currency"),
        (4, "start_date"),
    ]
    assert Measure.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"objectives": "24"}, "objectives", "24 is not an objective of the Compact (1 to 23)."),
        ({"objectives": "sex"}, "objectives", "sex is not an objective number"),
        ({"objectives": ""}, "objectives", "Required"),
        ({"actions": "10a"}, "actions", "10a: not an action of this row's objectives"),
        ({"actions": "16z"}, "actions", "Objective 16 has no action (z)."),
        ({"actions": "b16"}, "actions", "b16 is not an action"),
        (
            {"start_date": "2025-01-01", "end_date": "2024-12-31"},
            "end_date",
            "The end date 2024-12-31 is before the start date 2025-01-01.",
        ),
        ({"budget_amount": "-5"}, "budget_amount", "The budget cannot be negative."),
        ({"budget_amount": "lots"}, "budget_amount", "lots is not a number."),
        ({"budget_currency": "XYZ"}, "budget_currency", "XYZ is not an ISO 4217 currency"),
        ({"budget_currency": ""}, "budget_currency", "Give the currency of the budget."),
        ({"start_date": "next spring"}, "start_date", "next spring is not a date"),
        ({"end_date": "2024-02-30"}, "end_date", "2024-02-30 is not a date"),
        ({"kind": "law"}, "kind", "law is not a kind of measure; use one of: budget,"),
        ({"status": "done"}, "status", "done is not a status"),
        ({"language": "fr"}, "language", "fr is not a language"),
        ({"title": " "}, "title", "Required"),
        ({"lead_organisation": "MOJ"}, "lead_organisation", "your own organisation: write MOL"),
        ({"partner_organisations": "NOPE"}, "partner_organisations", "the code NOPE"),
        (
            {"partner_organisations": "MOL"},
            "partner_organisations",
            "The lead organisation cannot also be a partner organisation.",
        ),
        ({"guiding_principles": "kindness"}, "guiding_principles", "kindness: not a guiding"),
        ({"target_groups": "aliens"}, "target_groups", "aliens is not a target group"),
        ({"stakeholders": "the press"}, "stakeholders", "the press is not a stakeholder"),
    ],
)
def test_a_bad_value_is_named_by_row_and_column(desk_officer, changes, column, message):
    OrganisationFactory(code="MOJ")
    rows = [good_row(1), good_row(2), good_row(3, **changes)]

    result = measures_import(actor=desk_officer, uploaded_file=xlsx_file(rows))

    assert [(error.row, error.column) for error in result.errors] == [(4, column)]
    assert message in result.errors[0].message
    assert Measure.objects.count() == 0


def test_missing_required_columns_are_named_in_one_error(desk_officer):
    header = [c for c in MEASURE_COLUMNS if c not in ("kind", "objectives")]

    result = measures_import(actor=desk_officer, uploaded_file=xlsx_file([good_row(1)], header))

    assert result.errors == [
        RowError(None, "", "The sheet has no column objectives, kind; these columns are required.")
    ]


def test_unknown_columns_are_named(desk_officer):
    header = [*MEASURE_COLUMNS, "Responsible person"]

    result = measures_import(actor=desk_officer, uploaded_file=csv_file([good_row(1)], header))

    assert len(result.errors) == 1
    assert result.errors[0].message.startswith("Unknown columns: responsible_person.")
    assert Measure.objects.count() == 0


def test_optional_columns_may_be_left_out_and_headers_are_forgiving(desk_officer):
    header = [" Title", "DESCRIPTION", "language", "objectives", "kind", "status", "id"]
    row = dict(
        zip(
            header,
            ["Tolkstöd", "Tolkar i vården.", "sv", "15", "policy", "planned", 17],
            strict=True,
        )
    )

    result = measures_import(actor=desk_officer, uploaded_file=csv_file([row], header))

    assert result.errors == []
    measure = Measure.objects.get()
    assert (measure.title_en, measure.budget_amount, measure.target_groups) == ("", None, [])


def test_an_excel_serial_number_is_read_as_a_date(desk_officer):
    result = measures_import(
        actor=desk_officer, uploaded_file=xlsx_file([good_row(1, start_date=45292)])
    )

    assert result.errors == []
    assert Measure.objects.get().start_date == datetime.date(2024, 1, 1)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("measures.pdf", b"%PDF-1.4"), ".pdf files cannot be imported"),
        (SimpleUploadedFile("measures.xls", b"\xd0\xcf\x11\xe0"), "Old Excel files (.xls)"),
        (SimpleUploadedFile("measures.xlsx", b"title;kind\n"), "is not an Excel workbook"),
        (SimpleUploadedFile("measures.xlsx", b"PK\x03\x04broken"), "could not be read"),
        (SimpleUploadedFile("measures.csv", "titel;år\n".encode("latin-1")), "not UTF-8"),
        (SimpleUploadedFile("measures.csv", b""), "The file is empty"),
        (SimpleUploadedFile("measures.csv", b"title;kind\n;\n"), "no measures"),
    ],
)
def test_a_file_that_is_not_a_readable_spreadsheet_gets_a_clear_error(
    desk_officer, upload, message
):
    result = measures_import(actor=desk_officer, uploaded_file=upload)

    assert len(result.errors) == 1
    assert result.errors[0].row is None
    assert message in result.errors[0].message


def test_an_oversized_file_is_refused_before_it_is_read(desk_officer, monkeypatch):
    monkeypatch.setattr(imports, "MAX_BYTES", 100)
    upload = csv_file([good_row(1)])

    result = measures_import(actor=desk_officer, uploaded_file=upload)

    assert "the limit is 100\xa0bytes" in result.errors[0].message
    assert Measure.objects.count() == 0


def test_a_file_with_too_many_rows_is_refused(desk_officer, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 5)

    result = measures_import(
        actor=desk_officer, uploaded_file=csv_file([good_row(n) for n in range(6)])
    )

    assert result.errors[0].message == (
        "The file has more than 5 measures. Split it into smaller files."
    )
    assert Measure.objects.count() == 0


def test_a_title_the_export_protected_from_excel_formulas_is_imported_as_written(desk_officer):
    upload = csv_file([good_row(1, title="'=Tolkning - pilot")])

    measures_import(actor=desk_officer, uploaded_file=upload)

    assert Measure.objects.get().title == "=Tolkning - pilot"


def test_control_characters_excel_escapes_in_a_workbook_are_read_as_excel_means_them(
    desk_officer,
):
    description = "Steg 1_x000D_\nSteg 2, not _x005F_x0041_"
    upload = xlsx_file([good_row(1, description=description)])

    measures_import(actor=desk_officer, uploaded_file=upload)

    assert Measure.objects.get().description == "Steg 1\r\nSteg 2, not _x0041_"


@pytest.mark.parametrize("make_user", [coordinator, committee_reader, administrator])
def test_only_desk_officers_may_import(make_user):
    with pytest.raises(PermissionDenied):
        measures_import(actor=make_user(), uploaded_file=csv_file([good_row(1)]))
    assert Measure.objects.count() == 0


# The page


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(IMPORT_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("make_user", [coordinator, committee_reader, administrator])
@pytest.mark.parametrize(
    ("method", "url"),
    [("get", IMPORT_URL), ("post", IMPORT_URL), ("get", f"{IMPORT_URL}template.xlsx")],
)
def test_other_roles_are_forbidden_the_import(client, make_user, method, url):
    client.force_login(make_user())

    response = getattr(client, method)(url)

    assert response.status_code == 403


def test_the_page_offers_the_upload_form_and_the_templates(client, desk_officer):
    client.force_login(desk_officer)

    response = client.get(reverse("imports:measures"))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_file">Spreadsheet (.xlsx or .csv)</label>' in html
    assert 'href="/entries/import/template.xlsx"' in html
    assert 'href="/entries/import/template.csv"' in html
    assert "error-summary" not in html


def test_a_good_file_lands_on_my_entries_with_a_message(client, desk_officer):
    client.force_login(desk_officer)

    response = client.post(
        IMPORT_URL, {"file": xlsx_file([good_row(n) for n in range(1, 4)])}, follow=False
    )

    assert response.status_code == 302
    assert response.url == "/entries/"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["3 measures imported as drafts."]
    assert Measure.objects.filter(lead_organisation=desk_officer.organisation).count() == 3


def test_a_bad_file_shows_a_table_of_problems_and_saves_nothing(client, desk_officer):
    client.force_login(desk_officer)
    rows = [good_row(1), good_row(2, objectives="24")]

    response = client.post(IMPORT_URL, {"file": xlsx_file(rows)})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "The file has 1 problem." in html
    assert "<caption>Problems in the file, by row and column</caption>" in html
    assert (
        '<tr><th scope="row">3</th><td>objectives</td>'
        "<td>24 is not an objective of the Compact (1 to 23).</td></tr>"
    ) in html
    assert Measure.objects.count() == 0


def test_a_missing_file_is_named(client, desk_officer):
    client.force_login(desk_officer)

    response = client.post(IMPORT_URL, {})

    html = response.content.decode()
    assert '<a href="#id_file">This field is required.</a>' in html
    assert 'aria-invalid="true"' in html


def test_the_csv_template_imports_as_it_stands(client, desk_officer):
    client.force_login(desk_officer)

    response = client.get(reverse("imports:template", args=["csv"]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufefftitle,title_en,".encode())
    upload = SimpleUploadedFile("template.csv", response.content)
    result = measures_import(actor=desk_officer, uploaded_file=upload)
    assert result.errors == []
    assert Measure.objects.get().title == "Språkstöd på arbetsplatsen för nyanlända"


def test_the_excel_template_explains_the_columns_and_imports_once_filled_in(client, desk_officer):
    client.force_login(desk_officer)

    response = client.get(reverse("imports:template", args=["xlsx"]))

    assert response["Content-Disposition"].startswith(
        'attachment; filename="measures-import-template-'
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    measures, help_sheet = workbook.worksheets
    assert [cell.value for cell in measures[1]] == list(MEASURE_COLUMNS)
    assert measures.max_row == 1
    assert measures.freeze_panes == "A2"
    help_rows = list(help_sheet.iter_rows(values_only=True))
    assert help_rows[0] == ("column", "required", "what to write", "example")
    described = {row[0]: row for row in help_rows[1 : len(MEASURE_COLUMNS) + 1]}
    assert list(described) == list(MEASURE_COLUMNS)
    assert described["objectives"][1] == "yes"
    assert described["actions"][1] == "no"
    codes = [row[0] for row in help_rows]
    for expected in (23, "23e", "programme", "discontinued", "victims_of_trafficking"):
        assert expected in codes
    assert "national_human_rights_institution" in codes
    assert "child_sensitive" in codes
    assert desk_officer.organisation.code in codes
    # The officer copies the example row into the sheet.
    measures.append([described[column][3] for column in MEASURE_COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("filled.xlsx", buffer.getvalue())
    result = measures_import(actor=desk_officer, uploaded_file=upload)
    assert result.errors == []
    assert Measure.objects.get().budget_amount == Decimal("2500000")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_uploads_a_sheet_with_a_mistake_and_reads_the_problems(page, live_server):
    def assert_accessible():
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()

    officer(organisation=OrganisationFactory(code="MOL"), username="anna")
    upload = csv_file([good_row(1), good_row(2, end_date="2023-01-01")])
    page.goto(f"{live_server.url}/accounts/login/?next={IMPORT_URL}")
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill("secret-password")
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{live_server.url}{IMPORT_URL}")
    assert_accessible()

    page.get_by_label("Spreadsheet (.xlsx or .csv)").set_input_files(
        {"name": "measures.csv", "mimeType": "text/csv", "buffer": upload.read()}
    )
    page.get_by_role("button", name="Import").click()

    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported")
    table = page.get_by_role("table", name="Problems in the file, by row and column")
    expect(table.get_by_role("row")).to_have_count(2)
    expect(table.get_by_role("row").nth(1)).to_contain_text(
        "3end_dateThe end date 2023-01-01 is before the start date 2024-01-01."
    )
    assert_accessible()
    assert Measure.objects.count() == 0
