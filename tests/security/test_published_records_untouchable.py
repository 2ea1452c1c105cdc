"""A published record can never be edited or deleted through any page, API, admin or command
(issue 13): each surface is tried, as a superuser or a coordinator where that gets furthest,
and the record is read back unchanged."""

import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from rest_framework.test import APIClient

from tests.factories import MeasureFactory, OrganisationFactory, UserFactory, coordinator, officer
from tracker.models import Measure, PublishedMeasure, WorkflowState
from tracker.services.workflow import entry_approve, entry_submit

pytestmark = pytest.mark.usefixtures("compact")
TITLE = "Legal aid at the border"


@pytest.fixture
def record():
    ministry = OrganisationFactory(code="MOJ")
    measure = MeasureFactory(lead_organisation=ministry, title=TITLE, objectives=[2])
    measure = entry_submit(actor=officer(ministry), entry=measure, expected_version=1)
    approved = entry_approve(actor=coordinator(), entry=measure, expected_version=2)
    assert approved.workflow_state == WorkflowState.APPROVED
    return approved.published


def _unchanged(record) -> bool:
    kept = PublishedMeasure.objects.get(pk=record.pk)
    return (kept.title, kept.number, list(kept.objectives.values_list("number", flat=True))) == (
        TITLE,
        1,
        [2],
    )


def test_the_admin_has_no_page_for_published_records(client, record):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    for url in (
        "/admin/tracker/publishedmeasure/",
        f"/admin/tracker/publishedmeasure/{record.pk}/change/",
        f"/admin/tracker/publishedmeasure/{record.pk}/delete/",
    ):
        assert client.get(url).status_code == 404, url
        client.post(url, {"title": "Changed", "post": "yes"})
    assert _unchanged(record)


def test_the_public_page_and_the_api_only_read_it(client, record):
    page = f"/dashboard/measures/{record.entry_id}/"
    client.post(page, {"title": "Changed"})
    api = APIClient()
    api.force_authenticate(coordinator())
    detail = f"/api/v1/measures/{record.entry_id}/"

    assert api.delete(detail).status_code == 405
    # Its officer's change through the API changes the working copy, never the record.
    api.force_authenticate(officer(record.lead_organisation))
    version = Measure.objects.get(pk=record.entry_id).version
    changed = api.patch(detail, {"title": "Changed", "version": version}, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["title"] == "Changed"
    assert _unchanged(record)


def test_a_command_loading_data_over_it_is_refused_by_the_database(record, tmp_path):
    fixture = tmp_path / "changed.json"
    fields = {"title": "Changed by a fixture"}
    fixture.write_text(
        json.dumps([{"model": "tracker.publishedmeasure", "pk": record.pk, "fields": fields}])
    )

    with pytest.raises(IntegrityError, match="a published record cannot be changed"):
        call_command("loaddata", str(fixture), verbosity=0)
    assert _unchanged(record)
