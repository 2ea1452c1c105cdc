"""The pledge form: the approved pledge's warning, the pledge named in its own language, and
concurrent edits refused as on the measure form."""

import pytest
from django.urls import reverse

from tests.factories import officer
from tests.tracker.web.factories import pledge_in
from tests.tracker.web.helpers import html, objective_ids, text
from tracker.models import WorkflowState

pytestmark = pytest.mark.django_db


def _data(**overrides) -> dict:
    return {
        "text": "Vi öppnar två nya lagliga vägar.",
        "language": "sv",
        "pledge_type": "policy_oriented",
        "objectives": objective_ids(5),
        "made_on": "2022-05-20",
        "occasion": "IMRF 2022",
        "status": "in_progress",
        **overrides,
    }


def test_editing_an_approved_pledge_warns_and_names_the_pledge_in_its_language(
    as_user, people, ministry
):
    pledge = pledge_in(WorkflowState.APPROVED, ministry, text="Vi öppnar vägar.", language="sv")

    response = as_user("own_officer").get(reverse("tracker:pledge-edit", args=[pledge.pk]))

    assert "<h1>Edit pledge</h1>" in html(response)
    assert "This pledge is approved. Saving a change sends it back" in text(response)
    detail = reverse("tracker:pledge-detail", args=[pledge.pk])
    assert f'<a href="{detail}" lang="sv">Vi öppnar vägar.</a>' in html(response)


def test_a_new_pledge_form_has_no_warning_and_links_back_to_the_entries(as_user, people):
    response = as_user("own_officer").get(reverse("tracker:pledge-create"))

    assert "<h1>New pledge</h1>" in html(response)
    assert "Saving a change sends it back" not in text(response)
    assert f'<a href="{reverse("tracker:my-entries")}">My entries</a>' in html(response)


def test_the_second_of_two_concurrent_pledge_edits_is_refused_and_the_first_is_kept(
    client, people, ministry
):
    pledge = pledge_in(WorkflowState.DRAFT, ministry, objectives=[5], text="Original")
    colleague = officer(ministry, username="bea")
    first, second = client, client.__class__()
    first.force_login(people["own_officer"])
    second.force_login(colleague)
    edit_url = reverse("tracker:pledge-edit", args=[pledge.pk])

    saved = first.post(edit_url, _data(text="First text", version=1))
    refused = second.post(edit_url, _data(text="Second text", version=1))

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert "Someone else saved this entry while you were editing it" in text(refused)
    assert "Second text" in html(refused)  # her input is still in the form
    pledge.refresh_from_db()
    assert pledge.text == "First text"
    assert pledge.version == 2
