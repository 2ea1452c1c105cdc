"""The API of indicators, their datasets and values: the public reads published values only,
the recording organisation's officers and the coordinators the working copy; values are saved,
reviewed and imported through the same services and rules as everywhere else."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    IndicatorDatasetFactory,
    IndicatorFactory,
    OrganisationFactory,
    ReviewCycleFactory,
    coordinator,
    officer,
    sex_dimension,
)
from tests.tracker.api.conftest import client_for
from tracker.models import Dimension, Indicator, IndicatorValue, WorkflowState
from tracker.services.cycles import cycle_close

pytestmark = pytest.mark.usefixtures("compact")

VALUES = "/api/v1/indicator-values/"
DATASETS = "/api/v1/indicator-datasets/"


@pytest.fixture
def agency():
    return OrganisationFactory(code="SCB", kind="agency")


@pytest.fixture
def indicator(agency):
    return IndicatorFactory(
        code="GCM-5.1",
        name="Regular pathways",
        name_sv="Reguljära vägar",
        source_organisation=agency,
        objectives=[5],
        dimensions=[sex_dimension()],
    )


@pytest.fixture
def revised(indicator, agency):
    """2024 published with a total of 100 (55 women), then revised to 101, under review."""
    dataset = IndicatorDatasetFactory(
        indicator=indicator, period=2024, values={"": 100, "sex=female": 55, "sex=male": 45}
    )
    IndicatorValue.objects.filter(dataset=dataset, key="").update(value=101)
    dataset.workflow_state = WorkflowState.SUBMITTED
    dataset.version += 1
    dataset.save()
    return dataset


def _values(client, query="") -> dict:
    response = client.get(f"{VALUES}?indicator=GCM-5.1{query}")
    assert response.status_code == 200, response.content
    return {(row["period"], row["key"]): row["value"] for row in response.json()["results"]}


def test_indicators_are_public_and_filter_by_objective(indicator):
    IndicatorFactory(code="GCM-7.1", objectives=[7])
    anonymous = client_for()
    listed = anonymous.get("/api/v1/indicators/?objective=5", HTTP_ACCEPT_LANGUAGE="da").json()
    assert [row["code"] for row in listed["results"]] == ["GCM-5.1"]
    row = listed["results"][0]
    assert row["objectives"] == [5]
    assert row["disaggregations"][0]["code"] == "sex"
    assert [c["code"] for c in row["disaggregations"][0]["categories"]] == ["female", "male"]
    detail = anonymous.get("/api/v1/indicators/GCM-5.1/?lang=da").json()
    assert detail["name_in_language"] == {
        "text": "Reguljära vägar",
        "language": "sv",
        "is_fallback": True,
    }


def test_coordinators_create_indicators_and_others_may_not(agency):
    payload = {
        "code": "GCM-8.1",
        "name": "Missing migrants",
        "unit": "persons",
        "source_organisation": "SCB",
        "objectives": [8],
        "sdg_code": "10.7.3",
    }
    assert client_for(officer(agency)).post("/api/v1/indicators/", payload).status_code == 403
    assert client_for().post("/api/v1/indicators/", payload).status_code in (401, 403)
    response = client_for(coordinator()).post("/api/v1/indicators/", payload, format="json")
    assert response.status_code == 201, response.content
    assert Indicator.objects.get(code="GCM-8.1").objectives.get().number == 8
    changed = client_for(coordinator()).patch(
        "/api/v1/indicators/GCM-8.1/", {"sdg_code": "10.7"}, format="json"
    )
    assert changed.status_code == 400
    assert "10.7.2" in str(changed.json())


def test_the_public_reads_the_published_values_the_writers_the_working_copy(revised, agency):
    assert _values(client_for()) == {
        (2024, ""): "100.0000",
        (2024, "sex=female"): "55.0000",
        (2024, "sex=male"): "45.0000",
    }
    # As for measures, another ministry's officer lists working copies: an approved dataset's,
    # never a change under review of someone else's.
    assert _values(client_for(officer())) == {}
    assert _values(client_for(officer(agency)))[(2024, "")] == "101.0000"
    assert _values(client_for(coordinator()))[(2024, "")] == "101.0000"
    public = client_for().get(f"{VALUES}?indicator=GCM-5.1&key=").json()["results"][0]
    assert public["published_version"] == 1
    assert "workflow_state" not in public
    dataset = client_for().get(f"{DATASETS}{revised.pk}/").json()
    assert dataset["published_version"] == 1
    assert "workflow_state" not in dataset


def test_values_filter_by_disaggregation_period_and_objective(revised, indicator):
    IndicatorDatasetFactory(indicator=indicator, period=2023, values={"": 90})
    anonymous = client_for()
    assert set(_values(anonymous, "&disaggregation=sex")) == {
        (2024, "sex=female"),
        (2024, "sex=male"),
    }
    assert set(_values(anonymous, "&disaggregation=total")) == {(2023, ""), (2024, "")}
    assert set(_values(anonymous, "&period=2023")) == {(2023, "")}
    assert anonymous.get(f"{VALUES}?objective=7").json()["results"] == []
    assert len(anonymous.get(f"{VALUES}?objective=5").json()["results"]) == 4


def test_a_dataset_goes_through_review_by_the_api(indicator, agency):
    statistician = client_for(officer(agency), token=True)
    created = statistician.post(DATASETS, {"indicator": "GCM-5.1", "period": 2025}, format="json")
    assert created.status_code == 201, created.content
    dataset = created.json()
    payload = {
        "values": [{"value": "12.5"}, {"categories": {"sex": "female"}, "value": "7"}],
        "version": dataset["version"],
    }
    saved = statistician.post(f"{DATASETS}{dataset['id']}/values/", payload, format="json")
    assert saved.status_code == 200, saved.content
    bad = statistician.post(
        f"{DATASETS}{dataset['id']}/values/",
        {
            "values": [{"categories": {"sex": "other"}, "value": "1"}],
            "version": saved.json()["version"],
        },
        format="json",
    )
    assert bad.status_code == 400
    assert "other is not a category of sex" in str(bad.json())
    assert client_for(officer()).post(
        f"{DATASETS}{dataset['id']}/values/", payload, format="json"
    ).status_code in (403, 404)
    submitted = statistician.post(f"{DATASETS}{dataset['id']}/submit/", {}, format="json")
    assert submitted.json()["workflow_state"] == "submitted"
    assert _values(client_for()) == {}
    approved = client_for(coordinator()).post(
        f"{DATASETS}{dataset['id']}/approve/", {}, format="json"
    )
    assert approved.status_code == 200, approved.content
    assert _values(client_for()) == {(2025, ""): "12.5000", (2025, "sex=female"): "7.0000"}


def test_values_import_by_the_api_is_all_or_nothing(indicator, agency):
    statistician = client_for(officer(agency))
    good = (
        "indicator,period,sex,unit,value\nGCM-5.1,2024,,persons,10\nGCM-5.1,2024,female,persons,6\n"
    )
    bad = good + "GCM-5.1,2024,female,persons,7\n"
    refused = statistician.post(
        f"{VALUES}import/", {"file": SimpleUploadedFile("v.csv", bad.encode())}, format="multipart"
    )
    assert refused.status_code == 400
    assert refused.json()["errors"] == [
        {"row": 4, "column": "", "message": "The same indicator, period and categories as row 3."}
    ]
    assert not IndicatorValue.objects.exists()
    done = statistician.post(
        f"{VALUES}import/", {"file": SimpleUploadedFile("v.csv", good.encode())}, format="multipart"
    )
    assert done.status_code == 201, done.content
    assert done.json()["values"] == 2
    assert (
        client_for(coordinator())
        .post(
            f"{VALUES}import/",
            {"file": SimpleUploadedFile("v.csv", good.encode())},
            format="multipart",
        )
        .status_code
        == 403
    )


def test_the_csv_download_is_the_tidy_format_the_import_reads(revised):
    response = client_for().get(f"{VALUES}?indicator=GCM-5.1&format=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == [
        "indicator",
        "period",
        "sex",
        "unit",
        "value",
        "note",
        "status",
        "recorded_on",
    ]
    assert [row[:5] for row in rows[1:]] == [
        ["GCM-5.1", "2024", "", "persons", "100.0000"],
        ["GCM-5.1", "2024", "female", "persons", "55.0000"],
        ["GCM-5.1", "2024", "male", "persons", "45.0000"],
    ]


def test_the_value_list_takes_the_same_queries_however_many_values(indicator, agency):
    def count(client) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(VALUES).status_code == 200
        return len(captured)

    IndicatorDatasetFactory(indicator=indicator, period=2020, values={"": 1})
    few = {
        who: count(client_for(user))
        for who, user in (
            ("public", None),
            ("officer", officer(agency)),
            ("coordinator", coordinator()),
        )
    }
    for period in range(2000, 2010):
        IndicatorDatasetFactory(
            indicator=indicator, period=period, values={"": 1, "sex=female": Decimal("0.5")}
        )
    many = {
        who: count(client_for(user))
        for who, user in (
            ("public", None),
            ("officer", officer(agency)),
            ("coordinator", coordinator()),
        )
    }
    assert few == many


def test_coordinators_create_a_dimension_with_its_categories():
    payload = {
        "code": "age",
        "name": "Age group",
        "name_sv": "Åldersgrupp",
        "categories": [{"code": "0-14", "name": "0 to 14"}, {"code": "15-24", "name": "15 to 24"}],
    }
    assert (
        client_for(officer()).post("/api/v1/dimensions/", payload, format="json").status_code == 403
    )
    created = client_for(coordinator()).post("/api/v1/dimensions/", payload, format="json")
    assert created.status_code == 201, created.content
    read = client_for().get("/api/v1/dimensions/age/").json()
    assert [(c["code"], c["order"]) for c in read["categories"]] == [("0-14", 1), ("15-24", 2)]
    again = client_for(coordinator()).post("/api/v1/dimensions/", payload, format="json")
    assert again.status_code == 400


def test_coordinators_rename_and_translate_a_dimension_and_its_categories():
    sex_dimension()
    payload = {
        "name_nb": "Kjønn",
        "categories": [
            {"code": "female", "name": "Women", "name_da": "Kvinder"},
            {"code": "male", "name": "Men"},
        ],
    }
    url = "/api/v1/dimensions/sex/"
    assert client_for(officer()).patch(url, payload, format="json").status_code == 403

    response = client_for(coordinator()).patch(url, payload, format="json")

    assert response.status_code == 200, response.content
    read = client_for().get(url).json()
    assert (read["name"], read["name_nb"]) == ("Sex", "Kjønn")
    assert [(c["code"], c["name"], c["name_da"]) for c in read["categories"]] == [
        ("female", "Women", "Kvinder"),
        ("male", "Men", ""),
    ]


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"code": "gender"}, "code", "A disaggregation's code stays as it is"),
        (
            {"categories": [{"code": "female", "name": "Women"}]},
            "categories",
            "Values are recorded for male",
        ),
    ],
)
def test_a_dimension_change_that_would_lose_values_is_refused(agency, payload, field, message):
    sex = sex_dimension()
    indicator = IndicatorFactory(code="A-1", source_organisation=agency, dimensions=[sex])
    IndicatorDatasetFactory(indicator=indicator, period=2024, values={"sex=male": 4})

    response = client_for(coordinator()).patch(
        "/api/v1/dimensions/sex/", {"name": "Gender", **payload}, format="json"
    )

    assert response.status_code == 400
    assert message in str(response.json()[field])
    sex.refresh_from_db()
    assert sex.name == "Sex"
    assert sorted(sex.categories.values_list("code", flat=True)) == ["female", "male"]


def test_a_name_sent_as_a_number_is_refused_naming_the_field_and_nothing_is_saved():
    payload = {"code": "age", "name": "Age group", "name_da": 114, "categories": []}

    response = client_for(coordinator()).post("/api/v1/dimensions/", payload, format="json")

    assert response.status_code == 400
    assert response.json()["name_da"] == ["Give a text (a string), not int."]
    assert not Dimension.objects.exists()


def test_the_indicator_list_takes_the_same_queries_however_many_indicators(agency):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_for().get("/api/v1/indicators/").status_code == 200
        return len(captured)

    sex = sex_dimension()
    IndicatorFactory(code="A-1", source_organisation=agency, dimensions=[sex], objectives=[1])
    few = count()
    for number in range(2, 12):
        IndicatorFactory(
            code=f"A-{number}", source_organisation=agency, dimensions=[sex], objectives=[2, 3]
        )
    assert count() == few


def test_a_closed_cycles_snapshot_names_the_datasets_it_froze(indicator):
    kept = IndicatorDatasetFactory(indicator=indicator, period=2024)
    IndicatorDatasetFactory(indicator=indicator, period=2030)  # after the cycle's period
    cycle = ReviewCycleFactory(slug="national-2024-25")
    cycle_close(actor=coordinator(), cycle=cycle)
    body = client_for().get("/api/v1/cycles/national-2024-25/snapshot/").json()
    assert [(row["entry_id"], row["published_version"]) for row in body["indicator_datasets"]] == [
        (kept.pk, 1)
    ]


@pytest.mark.parametrize("query", ["period=99999", "period=1e309", "objective=24", "objective=x"])
def test_a_filter_no_value_can_match_is_a_400_naming_it(query):
    response = client_for().get(f"{VALUES}?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()
