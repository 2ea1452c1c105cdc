"""Coordinators and administrators edit a disaggregation on its page: its names in each
language, its categories' names (translations included) and order, new categories, and the
removal of a category no value uses; a category that values use is kept, named, and nothing is
saved; desk officers and readers are refused."""

import pytest

from tests.factories import (
    CategoryFactory,
    DimensionFactory,
    IndicatorDatasetFactory,
    IndicatorFactory,
    sex_dimension,
)
from tracker.models import Category, Dimension

EDIT = "/indicators/dimensions/sex/edit/"


def _data(**changes) -> dict:
    data = {
        "name": "Sex",
        "name_sv": "Kön",
        "name_nb": "",
        "name_da": "",
        "categories": "female | Female | Kvinnor\nmale | Male | Män",
    }
    data.update(changes)
    return data


def _categories(dimension: Dimension) -> list[tuple]:
    return [
        (category.code, category.name, category.name_sv, category.name_nb, category.name_da)
        for category in Category.objects.filter(dimension=dimension).order_by("order")
    ]


def test_it_shows_the_categories_as_the_lines_to_edit(as_user):
    sex_dimension()
    page = as_user("coordinator").get(EDIT).content.decode()
    assert "female | Female | Kvinnor\nmale | Male | Män</textarea>" in page
    assert 'name="code"' not in page


@pytest.mark.parametrize("role", ["coordinator", "administrator"])
def test_it_lets_a_coordinator_rename_translate_reorder_and_add(as_user, role):
    sex = sex_dimension()
    categories = "male | Male | Män | Menn | Mænd\nfemale | Women | Kvinnor | Kvinner | Kvinder\n\n"
    categories += "other | Other"
    response = as_user(role).post(EDIT, _data(name_nb="Kjønn", categories=categories), follow=True)

    assert "Disaggregation sex saved." in response.content.decode()
    sex.refresh_from_db()
    assert (sex.code, sex.name, sex.name_nb) == ("sex", "Sex", "Kjønn")
    assert _categories(sex) == [
        ("male", "Male", "Män", "Menn", "Mænd"),
        ("female", "Women", "Kvinnor", "Kvinner", "Kvinder"),
        ("other", "Other", "", "", ""),
    ]


def test_it_removes_a_category_no_value_uses(as_user):
    sex = sex_dimension()
    indicator = IndicatorFactory(code="GCM-5.1", dimensions=[sex])
    IndicatorDatasetFactory(indicator=indicator, period=2024, values={"sex=female": 3})

    as_user("coordinator").post(EDIT, _data(categories="female | Female"))

    assert _categories(sex) == [("female", "Female", "", "", "")]


@pytest.mark.parametrize("key", ["sex=male", "age=adult;sex=male"])
def test_it_keeps_a_category_values_use_names_it_and_saves_nothing(as_user, key):
    sex = sex_dimension()
    age = DimensionFactory(code="age", name="Age group")
    CategoryFactory(dimension=age, code="adult", name="Adults")
    indicator = IndicatorFactory(code="GCM-5.1", dimensions=[age, sex])
    IndicatorDatasetFactory(indicator=indicator, period=2024, values={key: 3})

    page = as_user("coordinator").post(EDIT, _data(name="Gender", categories="female | Women"))

    content = page.content.decode()
    assert "Values are recorded for male: keep their lines." in content
    assert 'href="#id_categories"' in content
    sex.refresh_from_db()
    assert sex.name == "Sex"
    assert _categories(sex) == [
        ("female", "Female", "Kvinnor", "", ""),
        ("male", "Male", "Män", "", ""),
    ]


def test_a_new_disaggregation_takes_its_categories_translated(as_user):
    data = {"code": "age", "name": "Age group", "categories": "0-14 | Children | Barn | | Børn"}
    as_user("coordinator").post("/indicators/dimensions/new/", data)

    assert _categories(Dimension.objects.get(code="age")) == [
        ("0-14", "Children", "Barn", "", "Børn")
    ]


def test_a_line_with_too_many_names_is_named(as_user):
    sex_dimension()
    line = "female | Female | Kvinnor | Kvinner | Kvinder | Femmes"
    page = as_user("coordinator").post(EDIT, _data(categories=line)).content.decode()
    assert "Line 1: give at most the code and the English, Swedish, Norwegian and Danish" in page


def test_the_list_links_each_disaggregation_to_its_page(as_user):
    sex_dimension()
    page = as_user("coordinator").get("/indicators/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert f'href="{EDIT}"' in page
    assert '<span lang="sv">Kvinnor</span>, <span lang="sv">Män</span>' in page


@pytest.mark.parametrize("role", ["own_officer", "committee_reader"])
def test_it_refuses_officers_and_readers(as_user, role):
    sex = sex_dimension()
    client = as_user(role)
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, _data(categories="female | Women")).status_code == 403
    assert _categories(sex)[0] == ("female", "Female", "Kvinnor", "", "")


def test_an_unknown_disaggregation_is_not_found(as_user):
    assert as_user("coordinator").get("/indicators/dimensions/nope/edit/").status_code == 404
