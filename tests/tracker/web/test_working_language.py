"""New entries start in the officer's language: her own choice on her account page, else her
organisation's, else the language she reads the site in."""

import re

import pytest
from django.urls import reverse

from tests.tracker.web.helpers import html, text

pytestmark = pytest.mark.django_db


def _selected_language(response) -> str:
    select = re.search(r'<select name="language"[^>]*>(.*?)</select>', html(response), re.S)
    return re.search(r'<option value="(\w*)" selected>', select.group(1)).group(1)


@pytest.mark.parametrize("form", ["tracker:measure-create", "tracker:pledge-create"])
def test_a_swedish_ministrys_new_entry_starts_in_swedish_on_the_english_site(
    as_user, ministry, people, form
):
    ministry.language = "sv"
    ministry.save()

    assert _selected_language(as_user("own_officer").get(reverse(form))) == "sv"


@pytest.mark.parametrize("form", ["tracker:measure-create", "tracker:pledge-create"])
def test_the_officers_own_language_wins_over_her_organisations(as_user, ministry, people, form):
    ministry.language = "sv"
    ministry.save()
    people["own_officer"].preferred_language = "nb"
    people["own_officer"].save()

    assert _selected_language(as_user("own_officer").get(reverse(form))) == "nb"


def test_with_no_language_set_the_form_starts_in_the_language_of_the_site(as_user, people):
    client = as_user("own_officer")
    client.cookies["django_language"] = "da"

    assert _selected_language(client.get(reverse("tracker:measure-create"))) == "da"


def test_an_officer_sets_her_language_on_her_account_page(as_user, ministry, people):
    ministry.language = "sv"
    ministry.save()
    client = as_user("own_officer")
    page = client.get(reverse("tracker:my-entries"))
    assert f'href="{reverse("tracker:account")}"' in html(page)  # her name links to it
    account = client.get(reverse("tracker:account"))
    assert "As my organisation: Swedish" in text(account)

    response = client.post(reverse("tracker:account"), {"preferred_language": "da"}, follow=True)

    assert "Your preferences were saved." in text(response)
    anna = people["own_officer"]
    anna.refresh_from_db()
    assert anna.preferred_language == "da"
    assert anna.history.first().history_change_reason == "Preferences changed"
    assert _selected_language(client.get(reverse("tracker:pledge-create"))) == "da"
    # Back to her organisation's.
    client.post(reverse("tracker:account"), {"preferred_language": ""})
    assert _selected_language(client.get(reverse("tracker:pledge-create"))) == "sv"


def test_a_language_that_is_not_offered_is_refused(as_user, people):
    response = as_user("own_officer").post(reverse("tracker:account"), {"preferred_language": "de"})

    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    people["own_officer"].refresh_from_db()
    assert people["own_officer"].preferred_language == ""


def test_the_account_page_is_for_logged_in_users(client):
    response = client.get(reverse("tracker:account"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
