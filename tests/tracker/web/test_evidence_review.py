"""Evidence is a reviewed change of its measure (issue 19, ADR 0016): adding or removing it
sends an approved measure back to review, and a file reaches the public only when it is marked
public and a coordinator has approved the measure with it."""

import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from tests.tracker.web.factories import measure_in
from tests.tracker.web.helpers import text
from tracker.models import Evidence, Measure, WorkflowState
from tracker.selectors.evidence import published_evidence, published_evidence_by_record
from tracker.services.workflow import entry_approve

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"0" * 100


def _add_file(client, measure, title, public):
    data = {
        "evidence-title": title,
        "evidence-file": SimpleUploadedFile(f"{title}.pdf", PDF, content_type="application/pdf"),
    }
    if public:
        data["evidence-public"] = "on"
    response = client.post(reverse("tracker:evidence-add", args=[measure.pk]), data)
    assert response.status_code == 302
    return Evidence.objects.get(title=title)


def _anonymous_downloads(evidence) -> bool:
    response = Client().get(reverse("tracker:evidence-file", args=[evidence.pk]))
    return response.status_code == 200 and b"".join(response.streaming_content) == PDF


def _approve(people, measure):
    measure = Measure.objects.get(pk=measure.pk)
    return entry_approve(
        actor=people["coordinator"], entry=measure, expected_version=measure.version
    )


def test_a_file_added_to_an_approved_measure_waits_for_review_and_then_only_if_public(
    as_user, people, ministry
):
    measure = measure_in(WorkflowState.APPROVED, ministry)
    client = as_user("own_officer")

    public = _add_file(client, measure, "Evaluation", public=True)
    internal = _add_file(client, measure, "Internal memo", public=False)

    measure.refresh_from_db()
    assert measure.workflow_state == WorkflowState.SUBMITTED
    assert not _anonymous_downloads(public)
    assert not _anonymous_downloads(internal)
    # Its organisation reads both at once.
    assert client.get(reverse("tracker:evidence-file", args=[internal.pk])).status_code == 200
    reasons = list(measure.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["Evidence added", "Evidence added"]

    approved = _approve(people, measure)

    assert list(published_evidence(approved.published)) == [public]
    assert _anonymous_downloads(public)
    assert not _anonymous_downloads(internal)


def test_removed_evidence_stays_public_until_the_removal_is_approved(as_user, people, ministry):
    measure = measure_in(WorkflowState.DRAFT, ministry)
    client = as_user("own_officer")
    evidence = _add_file(client, measure, "Decision", public=True)
    measure.workflow_state = WorkflowState.SUBMITTED
    measure.save()
    _approve(people, measure)
    assert _anonymous_downloads(evidence)

    response = client.post(reverse("tracker:evidence-remove", args=[evidence.pk]), follow=True)

    assert "Evidence removed" in text(response)
    measure.refresh_from_db()
    assert measure.workflow_state == WorkflowState.SUBMITTED
    assert _anonymous_downloads(evidence)
    assert "Decision" not in text(client.get(reverse("tracker:measure-detail", args=[measure.pk])))

    approved = _approve(people, measure)

    assert list(published_evidence(approved.published)) == []
    assert not _anonymous_downloads(evidence)
    # Never deleted: the earlier published record still lists it.
    assert Evidence.objects.get(pk=evidence.pk).removed_at is not None
    first = approved.published_versions.get(number=1)
    assert list(published_evidence(first)) == [evidence]


def test_only_the_measures_officer_removes_evidence(as_user, people, ministry):
    measure = measure_in(WorkflowState.DRAFT, ministry)
    evidence = _add_file(as_user("own_officer"), measure, "Decision", public=True)
    url = reverse("tracker:evidence-remove", args=[evidence.pk])

    for role, status in (("other_officer", 404), ("coordinator", 403)):
        assert as_user(role).post(url).status_code == status
    assert as_user("own_officer").get(url).status_code == 405
    assert Evidence.objects.get(pk=evidence.pk).removed_at is None


def test_the_measure_page_says_which_evidence_is_public_and_the_public_sees_only_that(
    as_user, people, ministry
):
    measure = measure_in(WorkflowState.DRAFT, ministry)
    client = as_user("own_officer")
    shown = _add_file(client, measure, "Evaluation", public=True)
    kept = _add_file(client, measure, "Internal memo", public=False)
    page = client.get(reverse("tracker:measure-detail", args=[measure.pk]))
    assert 'name="evidence-public"' in page.content.decode()
    assert re.search(r"Evaluation \([^)]*\) public ·", text(page))
    assert re.search(r"Internal memo \([^)]*\) not public ·", text(page))
    for evidence in (shown, kept):
        assert reverse("tracker:evidence-remove", args=[evidence.pk]) in page.content.decode()

    measure.workflow_state = WorkflowState.SUBMITTED
    measure.save()
    _approve(people, measure)
    client.logout()
    public_page = text(client.get(reverse("tracker:measure-detail", args=[measure.pk])))
    assert "Evaluation" in public_page
    assert "Internal memo" not in public_page
    assert "Anna Berg" not in public_page


def test_the_evidence_of_many_published_records_is_read_in_one_query(
    as_user, people, ministry, django_assert_num_queries
):
    client = as_user("own_officer")
    records = []
    for index in range(3):
        measure = measure_in(WorkflowState.DRAFT, ministry)
        _add_file(client, measure, f"Report {index}", public=True)
        measure.workflow_state = WorkflowState.SUBMITTED
        measure.save()
        records.append(_approve(people, measure).published)

    with django_assert_num_queries(1):
        by_record = published_evidence_by_record(records)

    assert {pk: [e.title for e in items] for pk, items in by_record.items()} == {
        record.pk: [f"Report {index}"] for index, record in enumerate(records)
    }


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE tracker_publishedmeasure_evidence SET evidence_id = evidence_id",
        "DELETE FROM tracker_publishedmeasure_evidence",
    ],
)
def test_the_database_refuses_to_change_a_published_records_evidence(
    as_user, people, ministry, statement
):
    if connection.vendor != "postgresql" and os.environ.get("CI") != "true":
        pytest.skip("the trigger is PostgreSQL's")
    measure = measure_in(WorkflowState.DRAFT, ministry)
    _add_file(as_user("own_officer"), measure, "Decision", public=True)
    measure.workflow_state = WorkflowState.SUBMITTED
    measure.save()
    record = _approve(people, measure).published
    with (
        pytest.raises(IntegrityError, match="a published record cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert record.evidence.count() == 1


def test_the_public_record_page_lists_only_the_published_public_evidence(as_user, people, ministry):
    measure = measure_in(WorkflowState.APPROVED, ministry)
    client = as_user("own_officer")
    public = _add_file(client, measure, "Evaluation report", public=True)
    _add_file(client, measure, "Internal memo", public=False)
    record_url = reverse("dashboard:measure", args=[measure.pk])

    before = Client().get(record_url).content.decode()
    assert "Evaluation report" not in before
    assert "No public evidence has been published for this measure." in before

    _approve(people, measure)
    page = Client().get(record_url).content.decode()
    assert f'href="{reverse("tracker:evidence-file", args=[public.pk])}"' in page
    assert "Evaluation report" in page
    assert "Internal memo" not in page


def test_the_revision_record_names_the_evidence_a_new_version_published(as_user, people, ministry):
    measure = measure_in(WorkflowState.APPROVED, ministry)
    evidence = _add_file(as_user("own_officer"), measure, "Evaluation report", public=True)
    _approve(people, measure)

    page = Client().get(reverse("dashboard:measure", args=[measure.pk])).content.decode()
    changes = page[page.index('id="changes"') :]
    assert "Evaluation report" in changes
    assert "a pledge that is not public" not in page
    assert page.count(reverse("tracker:evidence-file", args=[evidence.pk])) == 2
