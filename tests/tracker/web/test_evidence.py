"""Evidence on a measure's page: a link or an uploaded file, refused on its field when the
file is too large or not of an accepted type; files only for those who may see the measure."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.tracker.web.factories import measure_in
from tests.tracker.web.helpers import field_errors, text
from tracker.models import Evidence, WorkflowState
from tracker.models.validators import EVIDENCE_MAX_BYTES

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"0" * 100


def _add(client, measure, **data):
    return client.post(
        reverse("tracker:evidence-add", args=[measure.pk]),
        {f"evidence-{key}": value for key, value in data.items()},
    )


def test_an_officer_adds_a_link_and_a_file_that_the_page_lists(as_user, people, ministry):
    measure = measure_in(WorkflowState.DRAFT, ministry)
    client = as_user("own_officer")

    _add(client, measure, title="Government decision", url="https://example.gov/decision")
    response = _add(
        client,
        measure,
        title="Evaluation report",
        file=SimpleUploadedFile("evaluation.pdf", PDF, content_type="application/pdf"),
    )

    assert response.status_code == 302
    link, upload = Evidence.objects.order_by("id")
    assert link.url == "https://example.gov/decision"
    assert upload.size == len(PDF)
    assert upload.content_type == "application/pdf"
    page = client.get(reverse("tracker:measure-detail", args=[measure.pk])).content.decode()
    assert 'href="https://example.gov/decision"' in page
    file_url = reverse("tracker:evidence-file", args=[upload.pk])
    assert f'href="{file_url}"' in page
    download = client.get(file_url)
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"file": ("big.pdf", b"%PDF-" + b"0" * (EVIDENCE_MAX_BYTES - 4))},
            "file",
            "the limit is 20.0",
        ),
        ({"file": ("tool.exe", b"MZ\x90\x00")}, "file", ".exe files are not accepted"),
        ({"file": ("fake.pdf", b"<html>not a pdf</html>")}, "file", "not a .pdf file"),
        ({"url": "not a link"}, "url", "Enter a valid URL"),
        ({}, "url", "Give a link, or choose a file"),
        (
            {"url": "https://example.org", "file": ("a.pdf", PDF)},
            "file",
            "either a link or a file, not both",
        ),
    ],
    ids=["too large", "wrong type", "content not its type", "bad link", "nothing", "both"],
)
def test_bad_evidence_is_refused_on_its_field_and_nothing_is_saved(
    as_user, people, ministry, data, field, message
):
    measure = measure_in(WorkflowState.DRAFT, ministry)
    if "file" in data:
        name, content = data["file"]
        data = {**data, "file": SimpleUploadedFile(name, content)}

    response = _add(as_user("own_officer"), measure, title="Attachment", **data)

    assert response.status_code == 200
    assert message in field_errors(response, f"evidence-{field}")
    assert Evidence.objects.count() == 0
    assert "Please correct the following" in text(response)


def test_a_draft_measures_file_is_not_found_by_another_ministry(client, people, ministry):
    measure = measure_in(WorkflowState.DRAFT, ministry)
    client.force_login(people["own_officer"])
    _add(client, measure, title="Memo", file=SimpleUploadedFile("memo.pdf", PDF))
    url = reverse("tracker:evidence-file", args=[Evidence.objects.get().pk])

    client.force_login(people["other_officer"])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("login"))
