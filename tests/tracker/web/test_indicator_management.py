"""Coordinators and administrators manage indicators and their disaggregations on the pages:
they list, create and edit indicators and create a disaggregation with its categories; desk
officers and outsiders are refused; a bad value is named on its field and nothing is saved."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compact.models import Objective
from tests.factories import IndicatorDatasetFactory, IndicatorFactory, sex_dimension
from tracker.models import Category, Dimension, Indicator

LIST = "/indicators/"
NEW = "/indicators/new/"
NEW_DIMENSION = "/indicators/dimensions/new/"


def _indicator_data(agency_pk, **changes) -> dict:
    data = {
        "code": "GCM-7.2",
        "name": "Migrants in employment",
        "name_sv": "Sysselsatta migranter",
        "name_nb": "",
        "name_da": "",
        "definition": "Persons born abroad in employment.",
        "definition_sv": "",
        "definition_nb": "",
        "definition_da": "",
        "unit": "persons",
        "source_organisation": agency_pk,
        "source_name": "Labour force survey",
        "source_url": "https://statistics.example/lfs",
        "sdg_code": "8.8.1",
        "objectives": [Objective.objects.get(number=6).pk],
        "dimensions": [sex_dimension().pk],
        "is_demonstration": "on",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ["coordinator", "administrator"])
def test_it_lets_a_coordinator_create_an_indicator_and_lists_it(as_user, ministry, role):
    client = as_user(role)
    response = client.post(NEW, _indicator_data(ministry.pk), follow=True)
    page = response.content.decode()
    assert "Indicator GCM-7.2 created." in page
    assert "Migrants in employment" in page
    indicator = Indicator.objects.get(code="GCM-7.2")
    assert indicator.source_organisation == ministry
    assert indicator.sdg_code == "8.8.1"
    assert indicator.is_demonstration
    assert [o.number for o in indicator.objectives.all()] == [6]
    assert [d.code for d in indicator.dimensions.all()] == ["sex"]


def test_it_lets_a_coordinator_edit_an_indicator(as_user, ministry):
    indicator = IndicatorFactory(code="GCM-5.1", name="Old name")
    client = as_user("coordinator")
    form = client.get(f"/indicators/{indicator.code}/edit/").content.decode()
    assert 'value="Old name"' in form
    assert 'id="objective-1" checked' in form
    data = _indicator_data(ministry.pk, code="GCM-5.1", name="New name", unit="%")
    response = client.post(f"/indicators/{indicator.code}/edit/", data, follow=True)
    assert "Indicator GCM-5.1 saved." in response.content.decode()
    indicator.refresh_from_db()
    assert (indicator.name, indicator.unit) == ("New name", "%")


def test_it_shows_the_list_in_the_readers_language_with_the_navigation_link(as_user):
    IndicatorFactory(code="GCM-5.1", name="Migrants", name_sv="Migranter")
    client = as_user("coordinator")
    page = client.get(LIST, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Migranter" in page
    assert 'href="/indicators/"' in client.get("/entries/").content.decode()


@pytest.mark.parametrize("role", ["own_officer", "committee_reader"])
def test_it_refuses_officers_and_readers(as_user, role):
    indicator = IndicatorFactory(code="GCM-5.1")
    client = as_user(role)
    for url in (LIST, NEW, NEW_DIMENSION, f"/indicators/{indicator.code}/edit/"):
        assert client.get(url).status_code == 403
    assert client.post(NEW, _indicator_data("")).status_code == 403
    assert not Indicator.objects.filter(code="GCM-7.2").exists()
    assert 'href="/indicators/"' not in client.get("/entries/").content.decode()


def test_it_sends_an_anonymous_reader_to_the_login_page(client, compact):
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_it_names_the_field_of_a_bad_value_and_saves_nothing(as_user, ministry):
    client = as_user("coordinator")
    page = client.post(NEW, _indicator_data(ministry.pk, sdg_code="ten")).content.decode()
    assert "Please correct the following" in page
    assert 'href="#id_sdg_code"' in page
    assert "Give an SDG indicator code such as 10.7.2" in page
    assert not Indicator.objects.exists()


def test_it_refuses_to_drop_a_disaggregation_the_values_use(as_user, ministry):
    indicator = IndicatorFactory(code="GCM-5.1", dimensions=[sex_dimension()])
    IndicatorDatasetFactory(indicator=indicator, period=2024, values={"sex=female": 3})
    client = as_user("coordinator")
    data = _indicator_data(ministry.pk, code="GCM-5.1", dimensions=[], unit="%")
    page = client.post(f"/indicators/{indicator.code}/edit/", data).content.decode()
    assert "Values of GCM-5.1 are disaggregated by sex." in page
    indicator.refresh_from_db()
    assert indicator.unit == "persons"
    assert [d.code for d in indicator.dimensions.all()] == ["sex"]


def test_it_lets_a_coordinator_create_a_disaggregation_with_its_categories(as_user):
    client = as_user("coordinator")
    data = {"code": "age", "name": "Age group", "name_sv": "Åldersgrupp"}
    data["categories"] = "0-14 | Children\n\n15-24 | Youth\n25-plus | Adults\n"
    response = client.post(NEW_DIMENSION, data, follow=True)
    assert "Disaggregation age created." in response.content.decode()
    categories = Category.objects.filter(dimension__code="age").order_by("order")
    assert [(c.code, c.name) for c in categories] == [
        ("0-14", "Children"),
        ("15-24", "Youth"),
        ("25-plus", "Adults"),
    ]
    form = client.get(NEW).content.decode()
    assert "Age group (age)" in form


@pytest.mark.parametrize(
    ("categories", "problem"),
    [
        ("female Female", "Line 1: write the category"),
        ("female | Female\nfemale | Women", "Line 2: the code female is given twice."),
        ("fe male | Female", "Line 1: the code may contain only"),
        ("", "Give at least one category."),
    ],
)
def test_it_names_a_bad_category_line_and_saves_nothing(as_user, categories, problem):
    client = as_user("coordinator")
    data = {"code": "sex", "name": "Sex", "categories": categories}
    page = client.post(NEW_DIMENSION, data).content.decode()
    assert 'href="#id_categories"' in page
    assert problem in page
    assert not Dimension.objects.exists()


def _count(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def test_the_list_loads_in_a_fixed_number_of_queries(as_user):
    client = as_user("coordinator")
    sex = sex_dimension()
    for _index in range(2):
        IndicatorFactory(objectives=[1, 2], dimensions=[sex])
    few = _count(client)
    for _index in range(10):
        IndicatorFactory(objectives=[3, 4], dimensions=[sex])
    assert _count(client) == few


def test_the_dataset_page_links_a_coordinator_to_its_indicator(as_user):
    dataset = IndicatorDatasetFactory(indicator=IndicatorFactory(code="GCM-5.1"), period=2024)
    page = as_user("coordinator").get(f"/indicators/datasets/{dataset.pk}/").content.decode()
    assert 'href="/indicators/GCM-5.1/edit/"' in page
