"""The dashboards' list downloads are for people: headings and values in the reader's language,
the latest progress update of each measure, and a file name that names the filters; the API's
downloads stay machine-readable (tests/tracker/api)."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from compact.models import GuidingPrinciple
from tests.factories import republish
from tests.reports.dashboards.test_query_counts import grow
from tracker.models import MeasureKind

pytestmark = pytest.mark.usefixtures("compact")


def read(response, file_format: str) -> list[dict]:
    """The download's rows as {heading: value}, read as a spreadsheet program would."""
    assert response.status_code == 200
    content = b"".join(response) if response.streaming else response.content
    if file_format == "csv":
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def download(client, list_name: str, file_format: str, language: str = "en", **query):
    return client.get(
        reverse(f"dashboard:{list_name}"),
        {**query, "format": file_format},
        HTTP_ACCEPT_LANGUAGE=language,
    )


@pytest.fixture
def described(dataset):
    """m1 with an English version, partners, principles, target groups and stakeholders."""
    m1 = dataset.measures.m1
    m1.title_en = "Legal aid in English"
    m1.description_en = "Advice for asylum seekers."
    m1.kind = MeasureKind.POLICY
    m1.target_groups = ["women", "children"]
    m1.stakeholders = ["trade_unions"]
    m1.save()
    m1.partner_organisations.set([dataset.organisations.mol, dataset.organisations.mfa])
    m1.guiding_principles.set(GuidingPrinciple.objects.filter(code="human_rights"))
    republish(m1)
    mfa = dataset.organisations.mfa
    mfa.name_sv = ""
    mfa.save()
    return dataset


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_measures_download_speaks_english_to_an_english_reader(client, described, file_format):
    rows = read(download(client, "measures", file_format), file_format)

    m1 = next(row for row in rows if str(row["ID"]) == str(described.measures.m1.pk))
    assert list(m1) == [
        "ID",
        "Title",
        "Description",
        "Language",
        "Lead organisation",
        "Partner organisations",
        "Objectives",
        "Actions",
        "Guiding principles",
        "EU Pact item codes",
        "EU Pact item names",
        "Kind",
        "Status",
        "Latest progress update",
        "Status in the latest progress update",
        "Start date",
        "End date",
        "Budget",
        "Currency",
        "Target groups",
        "Stakeholders",
        "Last updated",
    ]
    assert m1["Title"] == "Legal aid in English"
    assert m1["Description"] == "Advice for asylum seekers."
    assert m1["Language"] == "English"
    assert m1["Lead organisation"] == "Ministry of Justice"
    assert m1["Partner organisations"] == "Ministry for Foreign Affairs; Ministry of Labour"
    assert m1["Objectives"] == "2; 5"
    assert m1["Actions"] == "2a"
    assert m1["Guiding principles"] == "Human rights"
    assert (m1["Kind"], m1["Status"]) == ("Policy or strategy", "Ongoing")
    assert m1["Latest progress update"] == "National review 2025"
    assert m1["Status in the latest progress update"] == "Completed"
    assert m1["Target groups"] == "Women and girls; Children"
    assert m1["Stakeholders"] == "Trade unions"
    # A measure without a progress update, and one written in Swedish only.
    m2 = next(row for row in rows if str(row["ID"]) == str(described.measures.m2.pk))
    assert m2["Latest progress update"] in ("", None)
    assert m2["Language"] == "Swedish"


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_measures_download_speaks_swedish_to_a_swedish_reader(client, described, file_format):
    rows = read(download(client, "measures", file_format, "sv"), file_format)

    m1 = next(row for row in rows if str(row["ID"]) == str(described.measures.m1.pk))
    assert m1["Titel"] == "Legal aid"
    assert m1["Språk"] == "svenska"
    assert m1["Ansvarig organisation"] == "Justitiedep."
    # MFA has no Swedish name: its English one is the closest.
    assert m1["Samarbetsorganisationer"] == "Ministry for Foreign Affairs; Departementet MOL"
    assert m1["Vägledande principer"] == "Mänskliga rättigheter"
    assert m1["Status"] == "Pågående"
    assert m1["Senaste lägesrapport"] == "National review 2025"
    assert m1["Status i den senaste lägesrapporten"] == "Genomförd"
    assert m1["Målgrupper"] == "Kvinnor och flickor; Barn"


def test_the_status_of_a_cycle_filtered_download_is_the_status_in_that_cycle(client, dataset):
    rows = read(download(client, "measures", "csv", cycle="national-2025"), "csv")

    statuses = {int(row["ID"]): row["Status"] for row in rows}
    m = dataset.measures
    assert statuses == {m.m1.pk: "Completed", m.m2.pk: "Planned", m.m4.pk: "Ongoing"}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_pledges_download_speaks_the_readers_language(client, dataset, file_format):
    english = read(download(client, "pledges", file_format), file_format)
    swedish = read(download(client, "pledges", file_format, "sv"), file_format)

    p2 = str(dataset.pledges.p2.pk)
    row = next(row for row in english if str(row["ID"]) == p2)
    assert row["Lead organisation"] == "Ministry for Foreign Affairs"
    assert (row["Type"], row["Status"]) == ("Policy-oriented", "Not started")
    assert row["Objectives"] == "1"
    row = next(row for row in swedish if str(row["ID"]) == p2)
    assert row["Status"] == "Inte påbörjad"
    assert "Utfästelse" in row


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("", "measures"),
        ("objective=5&status=ongoing", "measures-objective-5-ongoing"),
        # The filters' order, whatever the address's.
        ("status=ongoing&objective=5", "measures-objective-5-ongoing"),
        (
            "cycle=national-2025&organisation=MOJ&action=5A&status=planned&status=ongoing"
            "&q=Rätt+hjälp",
            "measures-national-2025-moj-action-5a-planned-ongoing-search-ratt-hjalp",
        ),
    ],
)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_file_name_names_the_filters_and_today(client, dataset, query, name, file_format):
    response = client.get(f"{reverse('dashboard:measures')}?{query}&format={file_format}")

    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="{name}-{today}.{file_format}"'
    )


def test_the_pledge_file_name_names_its_filters(client, dataset):
    response = download(client, "pledges", "csv", kind="financial", round_table="1")

    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="pledges-round-table-1-financial-{today}.csv"'
    )


def test_a_title_a_spreadsheet_would_run_is_written_as_text(client, dataset):
    m1 = dataset.measures.m1
    m1.title = '=HYPERLINK("http://evil.example","x")'
    m1.save()
    republish(m1)

    rows = read(download(client, "measures", "csv", q="HYPERLINK"), "csv")
    sheet = read(download(client, "measures", "xlsx", q="HYPERLINK"), "xlsx")

    assert [row["Title"] for row in rows] == ["'" + m1.title]
    assert [row["Title"] for row in sheet] == [m1.title]


def _queries(client, url) -> int:
    """The queries of a download, its streamed content read."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
        assert response.status_code == 200
        b"".join(response) if response.streaming else response.content
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/measures/?format=csv",
        "/dashboard/measures/?format=xlsx&cycle=national-2025&objective=5",
        "/dashboard/pledges/?format=csv",
        "/dashboard/pledges/?format=xlsx&organisation=MOJ",
    ],
)
def test_a_download_takes_the_same_queries_for_6_and_66_measures(client, dataset, url):
    grow(dataset, 1)
    few = _queries(client, url)
    grow(dataset, 60)

    assert _queries(client, url) == few
