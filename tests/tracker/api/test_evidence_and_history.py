"""The API's evidence and history endpoints, under the same rules as the pages: the measure's
organisation and the coordinators see its working copy's evidence and its history, everyone
else the published evidence only; a measure one may not see is 404, an action one may not take
403."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.tracker.api.conftest import client_for
from tracker.models import Evidence, Measure
from tracker.services.measures import evidence_add, measure_update
from tracker.services.workflow import entry_approve

pytestmark = pytest.mark.usefixtures("compact")

PDF = b"%PDF-1.7\n" + b"0" * 100
ROLES = ("own_officer", "other_officer", "coordinator", "committee_reader", "anonymous")


def _client(users, role):
    return client_for(None if role == "anonymous" else users[role])


def _file(name="evaluation.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def published_with_evidence(users, measures):
    """The own organisation's approved measure with a public file, approved, then a private
    link added since (not yet reviewed)."""
    measure = measures["own_approved"]
    officer, coordinator = users["own_officer"], users["coordinator"]
    public = evidence_add(
        actor=officer, measure=measure, title="Evaluation", file=_file(), public=True
    )
    measure.refresh_from_db()  # an edit of an approved measure: submitted again
    entry_approve(actor=coordinator, entry=measure, expected_version=measure.version)
    measure.refresh_from_db()
    private = evidence_add(
        actor=officer, measure=measure, title="Internal memo", url="https://example.gov/memo"
    )
    measure.refresh_from_db()
    return measure, public, private


@pytest.mark.parametrize(
    ("role", "titles"),
    [
        ("own_officer", ["Evaluation", "Internal memo"]),
        ("coordinator", ["Evaluation", "Internal memo"]),
        ("other_officer", ["Evaluation"]),
        ("committee_reader", ["Evaluation"]),
        ("anonymous", ["Evaluation"]),
    ],
)
def test_it_lists_the_evidence_each_reader_may_see(users, published_with_evidence, role, titles):
    measure, _public, _private = published_with_evidence

    response = _client(users, role).get(f"/api/v1/measures/{measure.pk}/evidence/")

    assert response.status_code == 200
    assert [item["title"] for item in response.json()] == titles


def test_it_names_who_added_evidence_only_to_the_measure_s_organisation(
    users, published_with_evidence
):
    measure, _public, _private = published_with_evidence
    url = f"/api/v1/measures/{measure.pk}/evidence/"

    own = _client(users, "own_officer").get(url).json()
    outside = _client(users, "committee_reader").get(url).json()

    assert own[0]["added_by"] == "own-officer"
    assert outside[0]["added_by"] is None


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("own_officer", 200),
        ("coordinator", 200),
        ("other_officer", 404),
        ("committee_reader", 404),
        ("anonymous", 404),
    ],
)
def test_it_hides_a_draft_s_evidence_from_outsiders(users, measures, role, expected):
    draft = measures["own_draft"]
    evidence_add(
        actor=users["own_officer"], measure=draft, title="Draft note", url="https://e.org/1"
    )

    response = _client(users, role).get(f"/api/v1/measures/{draft.pk}/evidence/")

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("own_officer", 201),
        ("other_officer", 403),
        ("coordinator", 403),
        ("committee_reader", 403),
        ("anonymous", 403),
    ],
)
def test_it_adds_a_file_only_for_the_measure_s_organisation(users, measures, role, expected):
    draft = measures["own_approved"]

    response = _client(users, role).post(
        f"/api/v1/measures/{draft.pk}/evidence/",
        {"title": "Evaluation", "file": _file(), "public": "true"},
        format="multipart",
    )

    assert response.status_code == expected
    assert Evidence.objects.filter(measure=draft).count() == (1 if expected == 201 else 0)
    if expected == 201:
        body = response.json()
        assert body["public"] is True
        assert body["size"] == len(PDF)
        download = _client(users, role).get(body["download_url"])
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF


def test_it_adds_a_link_in_json_and_refuses_neither_link_nor_file(users, measures):
    client = _client(users, "own_officer")
    url = f"/api/v1/measures/{measures['own_draft'].pk}/evidence/"

    added = client.post(url, {"title": "Decision", "url": "https://e.org/d"}, format="json")
    refused = client.post(url, {"title": "Nothing"}, format="json")

    assert added.status_code == 201
    assert added.json()["download_url"] is None
    assert refused.status_code == 400
    assert [e.title for e in Evidence.objects.all()] == ["Decision"]


def test_an_outsider_gets_404_for_adding_to_a_draft_she_cannot_see(users, measures):
    response = _client(users, "other_officer").post(
        f"/api/v1/measures/{measures['own_draft'].pk}/evidence/",
        {"title": "x", "url": "https://e.org/x"},
        format="json",
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("own_officer", 204),
        ("other_officer", 403),
        ("coordinator", 403),
        ("committee_reader", 403),
        ("anonymous", 403),
    ],
)
def test_it_removes_evidence_only_for_the_measure_s_organisation(
    users, published_with_evidence, role, expected
):
    measure, public, _private = published_with_evidence

    response = _client(users, role).delete(f"/api/v1/measures/{measure.pk}/evidence/{public.pk}/")

    assert response.status_code == expected
    public.refresh_from_db()
    assert (public.removed_at is not None) == (expected == 204)


@pytest.mark.parametrize(
    ("role", "public_file", "private_file"),
    [
        ("own_officer", 200, 200),
        ("coordinator", 200, 200),
        ("other_officer", 200, 404),
        ("committee_reader", 200, 404),
        ("anonymous", 200, 404),
    ],
)
def test_it_downloads_a_file_only_for_whom_it_is_published_or_own(
    users, published_with_evidence, role, public_file, private_file
):
    measure, public, _private = published_with_evidence
    private = evidence_add(
        actor=users["own_officer"],
        measure=Measure.objects.get(pk=measure.pk),
        title="Draft",
        file=_file("draft.pdf"),
    )
    client = _client(users, role)
    base = f"/api/v1/measures/{measure.pk}/evidence"

    assert client.get(f"{base}/{public.pk}/file/").status_code == public_file
    assert client.get(f"{base}/{private.pk}/file/").status_code == private_file


def test_the_evidence_list_does_not_grow_with_the_evidence(users, measures):
    measure = measures["own_draft"]
    client = _client(users, "own_officer")
    url = f"/api/v1/measures/{measure.pk}/evidence/"

    def count(number):
        for index in range(number):
            Evidence.objects.create(
                measure=measure,
                title=f"E{index}",
                url=f"https://e.org/{index}",
                added_by=users["own_officer"],
            )
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get(url).json()) >= number
        return len(queries)

    assert count(5) == count(45)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("own_officer", 200),
        ("coordinator", 200),
        ("other_officer", 403),
        ("committee_reader", 403),
        ("anonymous", 403),
    ],
)
def test_it_gives_an_approved_measure_s_history_to_its_organisation_only(
    users, measures, role, expected
):
    response = _client(users, role).get(f"/api/v1/measures/{measures['own_approved'].pk}/history/")

    assert response.status_code == expected


@pytest.mark.parametrize("role", ["own_officer", "coordinator"])
def test_it_gives_each_change_with_version_who_and_field_from_and_to(users, measures, role):
    measure = measures["own_approved"]
    measure_update(
        actor=users["own_officer"],
        measure=measure,
        expected_version=measure.version,
        data={"title": "Språkstöd, utökat"},
    )

    response = _client(users, role).get(f"/api/v1/measures/{measure.pk}/history/?lang=en")

    latest = response.json()[0]
    officer = users["own_officer"]
    assert latest["who"] == (officer.get_full_name() or officer.username)
    assert latest["version"] == Measure.objects.get(pk=measure.pk).version
    assert {"label": "Title", "old": "Own approved", "new": "Språkstöd, utökat"} in latest[
        "changes"
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("own_officer", 200),
        ("coordinator", 200),
        ("other_officer", 404),
        ("committee_reader", 404),
        ("anonymous", 404),
    ],
)
def test_it_hides_a_draft_s_history_from_outsiders(users, measures, pledges, role, expected):
    client = _client(users, role)

    assert client.get(f"/api/v1/measures/{measures['own_draft'].pk}/history/").status_code == (
        expected
    )
    assert client.get(f"/api/v1/pledges/{pledges['own_draft'].pk}/history/").status_code == (
        expected
    )


def test_it_gives_a_progress_update_s_history_under_its_own_measure_only(
    users, measures, draft_update
):
    client = _client(users, "own_officer")
    own = measures["own_approved"].pk

    found = client.get(f"/api/v1/measures/{own}/updates/{draft_update.pk}/history/")
    elsewhere = client.get(
        f"/api/v1/measures/{measures['own_draft'].pk}/updates/{draft_update.pk}/history/"
    )

    assert found.status_code == 200
    assert found.json()[-1]["changes"]
    assert elsewhere.status_code == 404


def test_it_says_the_history_s_field_names_in_the_language_asked_for(users, measures):
    response = _client(users, "own_officer").get(
        f"/api/v1/measures/{measures['own_draft'].pk}/history/?lang=sv"
    )

    labels = {change["label"] for change in response.json()[-1]["changes"]}
    assert "Titel" in labels
    assert response["Content-Language"] == "sv"
