"""What parliament and the UN see changes only when a coordinator approves it, and a closed
review cycle never changes (tracker/models/published.py), on the known dataset (conftest.py)."""

import re

from django.core.cache import cache
from django.urls import reverse

from reports.dashboards import figures
from tests.factories import coordinator, officer
from tests.reports.review.conftest import build
from tracker.selectors import cycles as cycle_selectors
from tracker.services.cycles import cycle_close
from tracker.services.measures import measure_update, measure_withdraw
from tracker.services.publication import cycle_snapshot_take
from tracker.services.workflow import entry_approve

# Written only into working copies: no public page may ever show it.
MARKER = "WORKING-COPY-7f3a"
PUBLIC_PAGES = (
    "/dashboard/",
    "/dashboard/?cycle=national-2025",
    "/dashboard/measures/",
    "/dashboard/measures/?q=legal",
    "/dashboard/measures/?format=csv",
    "/dashboard/objectives/2/",
    "/dashboard/round-tables/1/",
    "/dashboard/organisations/MOJ/",
)


def _measure_count(cycle) -> int:
    return figures.figures_by_cycle([cycle])[cycle.pk].measures


def _edit(measure, **data):
    return measure_update(
        actor=officer(measure.lead_organisation),
        measure=measure,
        expected_version=measure.version,
        data=data,
    )


def _entry_pages(measure) -> tuple[str, ...]:
    """The public's pages and API answers that show one measure, its record page included
    (XLSX is compressed: tests/tracker/api/test_published_records.py reads it back)."""
    return (
        f"/dashboard/measures/{measure.pk}/",
        f"/api/v1/measures/{measure.pk}/",
        "/api/v1/measures/",
        "/api/v1/measures/?q=legal",
        "/api/v1/measures/?format=csv",
    )


def test_an_edit_leaves_every_public_view_on_the_published_version_until_it_is_approved(
    client, dataset
):
    new = dataset.cycles.new
    assert _measure_count(new) == 3
    edited = _edit(dataset.measures.m1, title=f"Legal aid {MARKER}")

    cache.clear()
    assert _measure_count(new) == 3
    assert client.get(f"/api/v1/measures/{edited.pk}/").json()["title"] == "Legal aid"
    assert "Legal aid" in client.get(f"/dashboard/measures/{edited.pk}/").content.decode()
    for url in (*PUBLIC_PAGES, *_entry_pages(edited)):
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response) if response.streaming else response.content
        assert MARKER.encode() not in content, url
    listed = client.get(reverse("dashboard:measures"), {"q": "legal aid"}).content.decode()
    assert f'data-id="{edited.pk}"' in listed
    assert "Legal aid" in client.get("/dashboard/objectives/2/").content.decode()

    entry_approve(actor=coordinator(), entry=edited, expected_version=edited.version)
    cache.clear()
    assert MARKER in client.get("/dashboard/measures/").content.decode()
    assert MARKER in client.get(f"/dashboard/measures/{edited.pk}/").content.decode()
    assert client.get(f"/api/v1/measures/{edited.pk}/").json()["published_version"] == 2
    assert _measure_count(new) == 3


def _frozen_views(client, cycle) -> tuple:
    cache.clear()
    # The language switcher's form carries a fresh CSRF token on every page.
    overview = re.sub(
        rb'name="csrfmiddlewaretoken" value="[^"]+"',
        b"",
        client.get("/dashboard/", {"cycle": cycle.slug}).content,
    )
    listing = b"".join(client.get("/dashboard/measures/", {"cycle": cycle.slug, "format": "csv"}))
    return figures.figures_by_cycle([cycle])[cycle.pk], overview, listing


def test_a_closed_cycle_keeps_its_figures_lists_and_final_report_whatever_is_approved_later(
    client, dataset
):
    cora = coordinator()
    # The earlier cycle was closed before the data was arranged: it gets its snapshot as the
    # migration gives one to a cycle closed before published records.
    old = dataset.cycles.old
    cycle_snapshot_take(cycle=old, taken_at=old.closed_at)
    closed = cycle_close(actor=cora, cycle=dataset.cycles.new)
    before = _frozen_views(client, closed)
    report = build(closed, is_final=True)
    assert report.state == "done", report.error

    edited = _edit(dataset.measures.m4, title="Renamed after the close", status="completed")
    entry_approve(actor=cora, entry=edited, expected_version=edited.version)
    m2 = dataset.measures.m2
    m2.refresh_from_db()
    measure_withdraw(actor=officer(m2.lead_organisation), measure=m2)

    assert _frozen_views(client, closed) == before
    again = build(closed, is_final=True)
    assert again.state == "done", again.error
    assert (again.input_sha256, again.file_sha256) == (report.input_sha256, report.file_sha256)
    # Today's figures, of no cycle, follow the approvals.
    assert "Renamed after the close" in cycle_selectors.public_measures().values_list(
        "title", flat=True
    )


def test_the_report_names_the_published_versions_it_was_built_from(dataset):
    m1 = dataset.measures.m1
    edited = _edit(m1, title="Legal aid, second version")
    entry_approve(actor=coordinator(), entry=edited, expected_version=edited.version)
    run = build(dataset.cycles.new)
    source = run.sources.get(kind="measure", entry_id=m1.pk)
    assert (source.published_version, source.version) == (2, edited.version)
