"""A bad request gets the site's own 400 page, in the reader's language and with her
navigation, never Django's bare one nor a 500."""

import pytest
from django.urls import reverse

from tests.tracker.web.factories import measure_in
from tests.tracker.web.helpers import html, text
from tracker.models import WorkflowState

pytestmark = pytest.mark.django_db


def test_a_bad_request_from_a_page_is_told_in_the_readers_language_and_keeps_her_logged_in(
    as_user, people, ministry
):
    measure = measure_in(WorkflowState.SUBMITTED, ministry)
    # A workflow button without the version of the entry shown is refused as a bad request.
    response = as_user("coordinator").post(
        reverse("tracker:measure-approve", args=[measure.pk]), HTTP_ACCEPT_LANGUAGE="sv"
    )

    assert response.status_code == 400
    assert '<html lang="sv">' in html(response)
    assert text(response).startswith("Felaktig begäran · ")
    assert "<h1>Begäran kunde inte förstås</h1>" in html(response)
    assert "Cora Lind Logga ut" in text(response)
    assert 'name="csrfmiddlewaretoken"' in html(response)  # the language switcher works


def test_a_request_for_another_host_is_a_400_page_not_an_error(client):
    response = client.get("/compact/", HTTP_HOST="attacker.example", HTTP_ACCEPT_LANGUAGE="nb")

    assert response.status_code == 400
    assert '<html lang="nb">' in html(response)
    assert text(response).startswith("Ugyldig forespørsel · ")
    assert "<h1>Forespørselen kunne ikke forstås</h1>" in html(response)
