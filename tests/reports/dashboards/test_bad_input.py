"""Bad input gets a clear 400 or 404 page in the reader's language, never a 500."""

import pytest
from django.urls import reverse

from tests.reports.html import Page

pytestmark = pytest.mark.usefixtures("compact")


@pytest.mark.parametrize(
    ("query", "label", "message"),
    [
        ("objective=99", "Objective", "There is no objective 99"),
        ("objective=five", "Objective", "There is no objective five"),
        ("round_table=5", "Round table", "There is no round table 5"),
        ("organisation=NOPE", "Lead organisation", "There is no organisation with the code NOPE"),
        ("cycle=national-1999", "Review cycle", "There is no review cycle national-1999"),
        ("status=finished", "Status", "“finished” is not one of the choices"),
        ("kind=poem", "Kind", "“poem” is not one of the choices"),
        ("guiding_principle=kindness", "Guiding principle", "There is no guiding principle"),
        ("action=5zz", "Action", "5zz is not an action of the Compact"),
        ("action=%00", "Action", "is not an action of the Compact"),
        ("q=%00", "Words in the title or description", "Null characters are not allowed"),
        ("q=" + "word+" * 60, "Words in the title or description", "at most 200 characters"),
        ("format=pdf", "Format", "csv or xlsx"),
        ("format=pdf&objective=99", "Format", "csv or xlsx"),
    ],
)
def test_an_unknown_filter_value_of_the_measure_list_is_a_400_naming_it(
    client, dataset, query, label, message
):
    response = client.get(f"{reverse('dashboard:measures')}?{query}")

    assert response.status_code == 400
    errors = Page(response).texts(".error-summary li")
    assert any(error.startswith(f"{label}:") and message in error for error in errors), errors


@pytest.mark.parametrize(
    "query", ["status=done", "kind=legislation", "objective=0", "cycle=x", "format=csv&q=%00"]
)
def test_an_unknown_filter_value_of_the_pledge_list_is_a_400(client, dataset, query):
    response = client.get(f"{reverse('dashboard:pledges')}?{query}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_the_400_page_is_in_the_readers_language(client, dataset):
    url = f"{reverse('dashboard:measures')}?objective=99"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")

    assert response.status_code == 400
    assert Page(response).one("html").get("lang") == "sv"


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/?cycle=national-1999",
        "/dashboard/?cycle=%ff%fe",
        "/dashboard/round-tables/5/",
        "/dashboard/round-tables/0/",
        "/dashboard/round-tables/1/?cycle=nope",
        "/dashboard/objectives/24/",
        "/dashboard/objectives/five/",
        "/dashboard/objectives/5/?cycle=nope",
        "/dashboard/organisations/NOPE/",
        "/dashboard/organisations/moj/",
        "/dashboard/organisations/MOJ/?cycle=nope",
    ],
)
def test_a_page_of_something_that_does_not_exist_is_a_404(client, dataset, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="nb")

    assert response.status_code == 404
    assert Page(response).one("html").get("lang") == "nb"


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/measures/?page=abc",
        "/dashboard/measures/?page=999",
        "/dashboard/measures/?page=-1",
        "/dashboard/measures/?%zz=1&=&&objective=",
        "/dashboard/measures/?unknown=1",
        "/dashboard/pledges/?page=0",
        "/dashboard/?unknown=1&cycle=",
    ],
)
def test_odd_but_harmless_query_strings_show_the_page(client, dataset, url):
    assert client.get(url).status_code == 200


def test_a_query_string_with_too_many_fields_is_a_400_in_the_readers_language(
    client, dataset, settings
):
    fields = "&".join(f"q{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.get(f"{reverse('dashboard:measures')}?{fields}", HTTP_ACCEPT_LANGUAGE="da")

    assert response.status_code == 400
    page = Page(response)
    assert page.one("html").get("lang") == "da"
    assert page.text("title").startswith("Ugyldig anmodning · ")
    assert page.text("h1") == "Forespørgslen kunne ikke forstås"
