"""The measure form's EU Pact items: offered per part and as legal acts, in Swedish marked as
such in other languages, saved with the measure, and an unknown code refused by name."""

import re

import pytest
from django.urls import reverse

from tests.tracker.web.factories import measure_in
from tests.tracker.web.helpers import field_errors, html, objective_ids
from tracker.models import Measure, WorkflowState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pact")]


def _data(**overrides) -> dict:
    return {
        "title": "Asylum border procedure",
        "description": "A new procedure at the external border.",
        "language": "sv",
        "kind": "legislation",
        "status": "planned",
        "objectives": objective_ids(11, 13),
        **overrides,
    }


def test_the_form_offers_the_pact_per_part_then_its_legal_acts_marked_as_swedish(as_user, people):
    page = html(as_user("own_officer").get(reverse("tracker:measure-create")))

    legends = ["RIKTADE OPERATIVA ÅTGÄRDER", "STÖD FRÅN EU:S BYRÅER", "The Pact's legal acts"]
    positions = [page.index(legend) for legend in legends]
    assert positions == sorted(positions)
    boxes = [page.index(f'value="{code}"') for code in ("II.1", "III.2", "III.2.c", "V.a")]
    assert boxes == sorted(boxes)
    assert page.count('name="pact_items"') == 50
    label = re.search(r'<label for="pact-act-04">(.*?)</label>', page, re.S).group(1)
    assert '<span lang="sv">' in label
    assert "(Swedish)" in label


def test_an_officer_links_a_measure_to_pact_items_and_the_edit_form_shows_them_chosen(
    as_user, people, ministry
):
    client = as_user("own_officer")
    client.post(reverse("tracker:measure-create"), _data(pact_items=["ACT-04", "III.2.c"]))

    measure = Measure.objects.get()
    assert sorted(measure.pact_items.values_list("code", flat=True)) == ["ACT-04", "III.2.c"]
    page = html(client.get(reverse("tracker:measure-edit", args=[measure.pk])))
    assert re.search(r'value="ACT-04" id="pact-act-04" checked', page)
    assert not re.search(r'value="ACT-05" id="pact-act-05" checked', page)
    detail = html(client.get(reverse("tracker:measure-detail", args=[measure.pk])))
    assert 'href="/compact/eu-pact/#III.2.c">III.2.c</a> <span lang="sv">' in detail


def test_an_unknown_pact_code_is_named_on_its_field_and_nothing_is_saved(as_user, people, ministry):
    measure = measure_in(WorkflowState.DRAFT, ministry, objectives=[11])
    response = as_user("own_officer").post(
        reverse("tracker:measure-edit", args=[measure.pk]),
        _data(pact_items=["ACT-04", "ACT-99"], version=measure.version),
    )

    assert response.status_code == 200
    assert "ACT-99" in field_errors(response, "pact_items")
    measure.refresh_from_db()
    assert (measure.version, measure.pact_items.count()) == (1, 0)
    assert measure.title != "Asylum border procedure"
