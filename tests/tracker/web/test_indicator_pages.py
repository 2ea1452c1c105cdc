"""The officers' pages of indicator values: the import page saves a good file and names the
problems of a bad one, and a dataset's page takes it through review like any entry."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import (
    IndicatorDatasetFactory,
    IndicatorFactory,
    OrganisationFactory,
    coordinator,
    officer,
    sex_dimension,
)
from tracker.models import IndicatorDataset, IndicatorValue, WorkflowState

pytestmark = pytest.mark.usefixtures("compact")
IMPORT = "/indicators/import/"
GOOD = "indicator,period,sex,unit,value\nGCM-5.1,2024,,persons,10\nGCM-5.1,2024,female,persons,6\n"


@pytest.fixture
def agency():
    return OrganisationFactory(code="SCB", kind="agency")


@pytest.fixture
def indicator(agency):
    return IndicatorFactory(
        code="GCM-5.1", source_organisation=agency, dimensions=[sex_dimension()]
    )


def _upload(client, text: str):
    return client.post(
        IMPORT, {"file": SimpleUploadedFile("values.csv", text.encode())}, follow=True
    )


def test_an_officer_imports_values_submits_them_and_a_coordinator_approves(
    client, indicator, agency
):
    client.force_login(officer(agency))
    page = _upload(client, GOOD)
    assert "2 values saved" in page.content.decode()
    dataset = IndicatorDataset.objects.get()
    assert f"/indicators/datasets/{dataset.pk}/" in page.content.decode()
    detail = client.get(f"/indicators/datasets/{dataset.pk}/").content.decode()
    assert "Submit for review" in detail
    client.post(f"/indicators/datasets/{dataset.pk}/submit/", {"version": dataset.version})
    dataset.refresh_from_db()
    assert dataset.workflow_state == WorkflowState.SUBMITTED
    client.force_login(coordinator())
    review = client.get(f"/indicators/datasets/{dataset.pk}/").content.decode()
    assert "Values changed since the published version" in review
    client.post(f"/indicators/datasets/{dataset.pk}/approve/", {"version": dataset.version})
    dataset.refresh_from_db()
    assert dataset.workflow_state == WorkflowState.APPROVED
    assert dataset.published.values.count() == 2
    history = client.get(f"/indicators/datasets/{dataset.pk}/history/")
    assert history.status_code == 200


def test_a_bad_file_shows_every_problem_and_saves_nothing(client, indicator, agency):
    client.force_login(officer(agency))
    page = _upload(client, GOOD + "GCM-5.1,2024,other,%,x\n").content.decode()
    assert "Nothing was imported" in page
    assert "other is not a category of sex" in page
    assert "The unit of GCM-5.1 is persons, not %" in page
    assert "x is not a number" in page
    assert not IndicatorValue.objects.exists()


def test_the_import_page_is_for_desk_officers(client, indicator):
    client.force_login(coordinator())
    assert client.get(IMPORT).status_code == 403


def test_the_review_queue_lists_datasets_with_their_changed_values(client, indicator, agency):
    dataset = IndicatorDatasetFactory(
        indicator=indicator, period=2024, values={"": 10, "sex=female": 6, "sex=male": 4}
    )
    IndicatorValue.objects.filter(dataset=dataset, key="").update(value=11)
    IndicatorValue.objects.filter(dataset=dataset, key="sex=male").delete()
    dataset.workflow_state = WorkflowState.SUBMITTED
    dataset.save()
    client.force_login(coordinator())
    page = client.get("/review/").content.decode()
    assert "1 indicator dataset" in page
    assert "GCM-5.1, 2024" in page
    assert "2 values changed since the published version" in page
    only = client.get("/review/?kind=dataset").content.decode()
    assert "GCM-5.1, 2024" in only


def test_an_officer_corrects_one_value_and_the_dataset_goes_back_to_review(
    client, indicator, agency
):
    dataset = IndicatorDatasetFactory(
        indicator=indicator, period=2024, values={"": 10, "sex=female": 6, "sex=male": 4}
    )
    client.force_login(officer(agency))
    detail = client.get(f"/indicators/datasets/{dataset.pk}/").content.decode()
    url = f"/indicators/datasets/{dataset.pk}/value/?key=sex%3Dfemale"
    assert url in detail
    assert 'value="6.0000"' in client.get(url).content.decode()
    form = {"key": "sex=female", "version": dataset.version, "value": "7", "status": "final"}
    page = client.post(url, {**form, "note": "Corrected count"}, follow=True).content.decode()
    assert "The value is corrected." in page
    value = IndicatorValue.objects.get(dataset=dataset, key="sex=female")
    assert (value.value, value.status, value.note) == (7, "final", "Corrected count")
    dataset.refresh_from_db()
    assert dataset.workflow_state == WorkflowState.SUBMITTED


def test_a_bad_correction_names_the_field_and_saves_nothing(client, indicator, agency):
    dataset = IndicatorDatasetFactory(indicator=indicator, period=2024, values={"": 10})
    client.force_login(officer(agency))
    url = f"/indicators/datasets/{dataset.pk}/value/"
    form = {"key": "", "version": dataset.version, "value": "ten", "status": "final"}
    page = client.post(url, form).content.decode()
    assert 'href="#id_value"' in page
    stale = client.post(url, {**form, "value": "11", "version": dataset.version - 1})
    assert "Please correct the following" in stale.content.decode()
    assert IndicatorValue.objects.get(dataset=dataset).value == 10


def test_only_the_recording_organisations_officer_corrects_values(client, indicator):
    dataset = IndicatorDatasetFactory(indicator=indicator, period=2024, values={"": 10})
    client.force_login(coordinator())
    detail = client.get(f"/indicators/datasets/{dataset.pk}/").content.decode()
    assert "/value/" not in detail
    response = client.post(
        f"/indicators/datasets/{dataset.pk}/value/",
        {"key": "", "version": dataset.version, "value": "11", "status": "final"},
    )
    assert response.status_code == 403
    assert IndicatorValue.objects.get(dataset=dataset).value == 10
