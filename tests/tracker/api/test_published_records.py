"""Issue 13 through the API: the public and committee readers get published records, which an
edit under review does not change; the officers and coordinators get the working copy with its
published record beside it."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import MeasureFactory, PledgeFactory, ProgressUpdateFactory
from tests.tracker.api.conftest import client_for, measure_payload
from tracker.models import Measure, WorkflowState
from tracker.services.publication import entry_publish

pytestmark = pytest.mark.usefixtures("compact")
MARKER = "Zqxwv-working-copy-only"
PUBLISHED_TITLE = "Språkstöd för nyanlända"
PUBLIC_READERS = [None, "committee_reader", "administrator"]
WORKING_COPY_ONLY = {"workflow_state", "version", "review_comment", "reviewed_by", "created_by"}


@pytest.fixture
def approved(users, cycle):
    """A measure written, submitted and approved through the API: published version 1."""
    officer = client_for(users["own_officer"])
    payload = measure_payload(start_date="2025-02-01")
    measure = officer.post("/api/v1/measures/", payload, format="json").json()
    url = f"/api/v1/measures/{measure['id']}/"
    officer.post(f"{url}submit/")
    assert client_for(users["coordinator"]).post(f"{url}approve/").status_code == 200
    return url


@pytest.fixture
def edited(users, approved):
    """The approved measure, edited by its officer with MARKER in title and description: the
    edit is under review."""
    officer = client_for(users["own_officer"])
    version = officer.get(approved).json()["version"]
    changes = {"title": f"{MARKER} title", "description": f"{MARKER} text", "version": version}
    response = officer.patch(approved, changes, format="json")
    assert response.json()["workflow_state"] == "submitted"
    return approved


def everything_public(client, url) -> dict:
    """What a reader gets from every way of reading the measures."""
    pk = int(url.rstrip("/").rsplit("/", 1)[1])
    listed = client.get("/api/v1/measures/").json()["results"]
    csv_body = client.get("/api/v1/measures/", {"format": "csv"}).getvalue().decode("utf-8-sig")
    workbook = load_workbook(
        io.BytesIO(client.get("/api/v1/measures/", {"format": "xlsx"}).getvalue())
    )
    header, *rows = workbook.active.iter_rows(values_only=True)
    return {
        "detail": client.get(url).json(),
        "list": [row for row in listed if row["id"] == pk],
        "search": client.get("/api/v1/measures/", {"q": "nyanlända"}).json()["results"],
        "search marker": client.get("/api/v1/measures/", {"q": MARKER}).json()["results"],
        "cycle": client.get("/api/v1/measures/", {"cycle": "national-2025"}).json()["results"],
        "csv": [row for row in csv.DictReader(io.StringIO(csv_body)) if row["id"] == str(pk)],
        "xlsx": [dict(zip(header, row, strict=True)) for row in rows if row[0] == pk],
    }


@pytest.mark.parametrize("reader", PUBLIC_READERS)
def test_an_edit_under_review_changes_nothing_the_public_reads(users, edited, reader):
    client = client_for(users.get(reader))

    seen = everything_public(client, edited)

    assert MARKER not in str(seen)
    assert seen["detail"]["title"] == PUBLISHED_TITLE
    assert seen["detail"]["published_version"] == 1
    assert WORKING_COPY_ONLY.isdisjoint(seen["detail"])
    assert [row["title"] for row in seen["list"]] == [PUBLISHED_TITLE]
    assert [row["title"] for row in seen["search"]] == [PUBLISHED_TITLE]
    assert seen["search marker"] == []
    assert [row["title"] for row in seen["cycle"]] == [PUBLISHED_TITLE]
    assert [row["title"] for row in seen["csv"]] == [PUBLISHED_TITLE]
    assert [row["title"] for row in seen["xlsx"]] == [PUBLISHED_TITLE]
    assert client.get(edited).get("ETag") is None


@pytest.mark.parametrize("reader", PUBLIC_READERS)
def test_approving_the_edit_publishes_it_to_the_public(users, edited, reader):
    client_for(users["coordinator"]).post(f"{edited}approve/")

    seen = everything_public(client_for(users.get(reader)), edited)

    assert seen["detail"]["title"] == f"{MARKER} title"
    assert seen["detail"]["published_version"] == 2
    assert [row["title"] for row in seen["list"]] == [f"{MARKER} title"]
    assert [row["title"] for row in seen["search marker"]] == [f"{MARKER} title"]
    assert seen["search"] == []
    assert [row["description"] for row in seen["cycle"]] == [f"{MARKER} text"]
    assert [row["title"] for row in seen["csv"]] == [f"{MARKER} title"]
    assert [row["title"] for row in seen["xlsx"]] == [f"{MARKER} title"]


@pytest.mark.parametrize("reader", ["own_officer", "coordinator"])
def test_the_writers_read_the_working_copy_with_its_published_record_beside_it(
    users, edited, reader
):
    client = client_for(users[reader])
    measure = Measure.objects.get(title__startswith=MARKER)

    detail = client.get(edited)
    listed = client.get("/api/v1/measures/", {"q": MARKER}).json()["results"]

    body = detail.json()
    assert (body["title"], body["workflow_state"]) == (f"{MARKER} title", "submitted")
    assert detail["ETag"] == f'"measure-{measure.pk}-v{measure.version}"'
    assert body["published"]["id"] == measure.published_id
    assert body["published"]["published_version"] == 1
    assert body["published"]["withdrawn"] is False
    assert [row["published"]["published_version"] for row in listed] == [1]


def test_a_working_copy_never_approved_has_no_published_record(users, measures):
    body = client_for(users["own_officer"]).get(f"/api/v1/measures/{measures['own_draft'].pk}/")

    assert body.json()["published"] is None


def test_another_ministrys_officer_reads_the_published_record_of_a_measure_under_review(
    users, edited
):
    response = client_for(users["other_officer"]).get(edited)

    assert response.status_code == 200
    assert response.json()["title"] == PUBLISHED_TITLE
    assert response.json()["published_version"] == 1
    assert MARKER not in response.content.decode()


def test_the_published_at_is_when_the_coordinator_approved(users, approved):
    measure = Measure.objects.get(title=PUBLISHED_TITLE)

    body = client_for().get(approved).json()

    published_at = datetime.datetime.fromisoformat(body["published_at"])
    assert published_at == measure.published.approved_at
    assert body["id"] == measure.pk


@pytest.mark.parametrize("reader", PUBLIC_READERS)
def test_a_withdrawn_published_record_is_not_found(users, own, reader):
    measure = MeasureFactory(lead_organisation=own, workflow_state=WorkflowState.APPROVED)
    Measure.objects.filter(pk=measure.pk).update(version=measure.version + 1)
    measure.refresh_from_db()
    withdrawal = entry_publish(
        entry=measure, actor=None, approved_at=timezone.now(), withdrawn=True
    )
    Measure.objects.filter(pk=measure.pk).update(published=withdrawal)
    client = client_for(users.get(reader))

    assert client.get(f"/api/v1/measures/{measure.pk}/").status_code == 404
    assert client.get("/api/v1/measures/").json()["count"] == 0
    assert client.get(f"/api/v1/measures/{measure.pk}/updates/").status_code == 404


def test_the_public_reads_published_pledges_and_progress_updates(users, own, cycle):
    measure = MeasureFactory(lead_organisation=own, workflow_state=WorkflowState.APPROVED)
    update = ProgressUpdateFactory(
        measure=measure, cycle=cycle, results="300 finished.", workflow_state="approved"
    )
    pledge = PledgeFactory(lead_organisation=own, text="Two centres.", workflow_state="approved")
    officer = client_for(users["own_officer"])
    update_url = f"/api/v1/measures/{measure.pk}/updates/{update.pk}/"
    officer.patch(update_url, {"results": MARKER, "version": update.version}, format="json")
    pledge_url = f"/api/v1/pledges/{pledge.pk}/"
    officer.patch(pledge_url, {"text": MARKER, "version": pledge.version}, format="json")
    public = client_for()

    updates = public.get(f"/api/v1/measures/{measure.pk}/updates/").json()["results"]
    pledges = public.get("/api/v1/pledges/", {"format": "csv"}).getvalue().decode()

    assert [(u["id"], u["results"], u["published_version"]) for u in updates] == [
        (update.pk, "300 finished.", 1)
    ]
    assert public.get(update_url).json()["results"] == "300 finished."
    assert public.get(pledge_url).json()["text"] == "Two centres."
    assert "Two centres." in pledges
    assert MARKER not in pledges
    assert officer.get(update_url).json()["results"] == MARKER


def test_a_closed_cycles_list_reads_its_snapshot(users, approved, cycle):
    coordinator = client_for(users["coordinator"])
    coordinator.post(f"/api/v1/cycles/{cycle.slug}/close/")
    officer = client_for(users["own_officer"])
    version = officer.get(approved).json()["version"]
    officer.patch(approved, {"title": MARKER, "version": version}, format="json")
    coordinator.post(f"{approved}approve/")
    public = client_for()

    frozen = public.get("/api/v1/measures/", {"cycle": cycle.slug}).json()["results"]
    current = public.get("/api/v1/measures/").json()["results"]

    assert [(m["title"], m["published_version"]) for m in frozen] == [(PUBLISHED_TITLE, 1)]
    assert [(m["title"], m["published_version"]) for m in current] == [(MARKER, 2)]


def test_the_public_list_orders_and_filters_published_records_like_entries(users, own):
    first = MeasureFactory(lead_organisation=own, title="B first", workflow_state="approved")
    second = MeasureFactory(lead_organisation=own, title="A second", workflow_state="approved")
    MeasureFactory(lead_organisation=own, title="C draft")
    public = client_for()

    def ids(**params):
        return [m["id"] for m in public.get("/api/v1/measures/", params).json()["results"]]

    assert ids(ordering="id") == [first.pk, second.pk]
    assert ids(ordering="-id") == [second.pk, first.pk]
    assert ids(ordering="title") == [second.pk, first.pk]
    assert ids(workflow_state="approved", ordering="id") == [first.pk, second.pk]
    assert ids(workflow_state="draft") == []


@pytest.mark.parametrize(
    ("path", "entry", "record"),
    [
        ("/api/v1/measures/{id}/", "Measure", "PublishedMeasure"),
        ("/api/v1/pledges/{id}/", "Pledge", "PublishedPledge"),
        ("/api/v1/measures/{measure_id}/updates/{id}/", "ProgressUpdate", "PublishedUpdate"),
    ],
)
def test_the_schema_says_an_entry_is_read_as_a_working_copy_or_a_published_record(
    path, entry, record
):
    schema = client_for().get("/api/schema/?format=json").json()
    components = schema["components"]["schemas"]
    answer = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
    listed = schema["paths"][path.removesuffix("{id}/")]["get"]["responses"]["200"]["content"]

    reading = answer["schema"]["$ref"].rsplit("/", 1)[1]
    page = listed["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert components[reading]["oneOf"] == [
        {"$ref": f"#/components/schemas/{entry}"},
        {"$ref": f"#/components/schemas/{record}"},
    ]
    assert components[page]["properties"]["results"]["items"] == answer["schema"]
    assert {"id", "published_version", "published_at"} <= set(components[record]["required"])
    assert WORKING_COPY_ONLY.isdisjoint(components[record]["properties"])
    assert "PublishedSummary" in str(components[entry]["properties"]["published"])
