"""The pledge form's EU Pact items, as the measure form's: offered per part and as legal acts,
in Swedish marked as such, saved with the pledge and shown on its page, and an unknown code
refused by name with nothing saved."""

import re

import pytest
from django.urls import reverse

from tests.tracker.web.factories import pledge_in
from tests.tracker.web.helpers import field_errors, html
from tests.tracker.web.test_pledge_form import _data
from tracker.models import Pledge, WorkflowState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pact")]


def test_the_form_offers_the_pact_per_part_then_its_legal_acts_marked_as_swedish(as_user, people):
    page = html(as_user("own_officer").get(reverse("tracker:pledge-create")))

    legends = ["RIKTADE OPERATIVA ÅTGÄRDER", "STÖD FRÅN EU:S BYRÅER", "The Pact's legal acts"]
    positions = [page.index(legend) for legend in legends]
    assert positions == sorted(positions)
    assert page.count('name="pact_items"') == 50
    label = re.search(r'<label for="pact-act-04">(.*?)</label>', page, re.S).group(1)
    assert '<span lang="sv">' in label
    assert "(Swedish)" in label


def test_an_officer_links_a_pledge_to_pact_items_and_sees_them_chosen_and_listed(
    as_user, people, ministry
):
    client = as_user("own_officer")
    client.post(reverse("tracker:pledge-create"), _data(pact_items=["ACT-04", "III.2.c"]))

    pledge = Pledge.objects.get()
    assert sorted(pledge.pact_items.values_list("code", flat=True)) == ["ACT-04", "III.2.c"]
    page = html(client.get(reverse("tracker:pledge-edit", args=[pledge.pk])))
    assert re.search(r'value="ACT-04" id="pact-act-04" checked', page)
    assert not re.search(r'value="ACT-05" id="pact-act-05" checked', page)
    detail = html(client.get(reverse("tracker:pledge-detail", args=[pledge.pk])))
    assert 'href="/compact/eu-pact/#III.2.c">III.2.c</a> <span lang="sv">' in detail


def test_an_unknown_pact_code_is_named_on_its_field_and_nothing_is_saved(as_user, people, ministry):
    pledge = pledge_in(WorkflowState.DRAFT, ministry, objectives=[5], text="Original")
    response = as_user("own_officer").post(
        reverse("tracker:pledge-edit", args=[pledge.pk]),
        _data(pact_items=["ACT-04", "ACT-99"], text="Changed", version=pledge.version),
    )

    assert response.status_code == 200
    assert "ACT-99" in field_errors(response, "pact_items")
    pledge.refresh_from_db()
    assert (pledge.version, pledge.text, pledge.pact_items.count()) == (1, "Original", 0)
