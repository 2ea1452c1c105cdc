"""The review queue as a coordinator with many items meets it: filtered by organisation, kind,
cycle and waiting time in the query string, paged oldest first, Approve apart from Return,
and each item saying what changed since its published version."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.tracker.web.factories import measure_in, pledge_in, update_in
from tests.tracker.web.helpers import html, text
from tracker.models import Measure, WorkflowState
from tracker.services.measures import measure_update
from tracker.services.workflow import entry_withdraw

pytestmark = pytest.mark.django_db

QUEUE = reverse("tracker:review-queue")


def _changed(officer, organisation, title):
    """An approved, published measure whose title the officer has changed since."""
    measure = measure_in(WorkflowState.APPROVED, organisation, title=f"{title} (published)")
    return measure_update(
        actor=officer, measure=measure, expected_version=measure.version, data={"title": title}
    )


def test_it_filters_by_organisation_kind_and_waiting_time_in_a_link(
    as_user, people, ministry, other_ministry, cycle
):
    old = timezone.now() - datetime.timedelta(days=20)
    measure_in(WorkflowState.SUBMITTED, ministry, title="Ours, old", submitted_at=old)
    measure_in(WorkflowState.SUBMITTED, ministry, title="Ours, recent")
    measure_in(WorkflowState.SUBMITTED, other_ministry, title="Theirs, old", submitted_at=old)
    pledge_in(WorkflowState.SUBMITTED, ministry, text="Our pledge", submitted_at=old)
    client = as_user("coordinator")

    page = text(
        client.get(QUEUE, {"organisation": ministry.code, "kind": "measure", "waiting": 14})
    )

    assert "Ours, old" in page
    assert "Ours, recent" not in page
    assert "Theirs, old" not in page
    assert "Our pledge" not in page
    assert "1 entry waiting" in page


def test_a_cycle_shows_its_progress_updates_only(as_user, people, ministry, cycle):
    measure_in(WorkflowState.SUBMITTED, ministry, title="A measure")
    update_in(WorkflowState.SUBMITTED, measure_in(WorkflowState.APPROVED, ministry), cycle)

    page = text(as_user("coordinator").get(QUEUE, {"cycle": cycle.slug}))

    assert "in National review 2025" in page
    assert "A measure" not in page


def test_withdrawal_requests_are_a_kind_of_their_own(as_user, people, ministry):
    leaving = measure_in(WorkflowState.APPROVED, ministry, title="Leaving")
    entry_withdraw(actor=people["own_officer"], entry=leaving, expected_version=leaving.version)
    _changed(people["own_officer"], ministry, "Staying")
    client = as_user("coordinator")

    withdrawals = text(client.get(QUEUE, {"kind": "withdrawal"}))
    changes = text(client.get(QUEUE, {"kind": "measure"}))

    assert "Leaving" in withdrawals
    assert "withdrawal requested" in withdrawals
    assert "removes published version 1 from public view" in withdrawals
    assert "Staying" not in withdrawals
    assert "Leaving" not in changes
    assert "Staying" in changes


def test_it_pages_oldest_first_and_keeps_the_filters_in_the_page_links(as_user, people, ministry):
    now = timezone.now()
    for day in range(25):
        measure_in(
            WorkflowState.SUBMITTED,
            ministry,
            title=f"Entry {day:02d} days",
            submitted_at=now - datetime.timedelta(days=day),
        )
    client = as_user("coordinator")

    first = client.get(QUEUE, {"kind": "measure"})
    second = client.get(QUEUE, {"kind": "measure", "page": 2})

    assert "Entry 24 days" in text(first)
    assert "Entry 00 days" not in text(first)
    assert text(first).index("Entry 24 days") < text(first).index("Entry 20 days")
    assert "kind=measure&amp;page=2" in html(first)
    assert "Entry 00 days" in text(second)
    assert "Entry 24 days" not in text(second)


def test_each_item_says_what_changed_since_its_published_version(as_user, people, ministry):
    changed = _changed(people["own_officer"], ministry, "Language courses for everyone")
    measure_in(WorkflowState.SUBMITTED, ministry, title="Brand new")
    client = as_user("coordinator")

    queue = text(client.get(QUEUE))
    detail = text(client.get(reverse("tracker:measure-detail", args=[changed.pk])))

    assert "Changed since published version 1: Title" in queue
    assert "New, never published." in queue
    assert "Title: Language courses for everyone (published) → Language courses for everyone" in (
        detail
    )


def test_the_officer_does_not_get_the_reviewers_comparison(as_user, people, ministry):
    changed = _changed(people["own_officer"], ministry, "Courses")

    page = text(as_user("own_officer").get(reverse("tracker:measure-detail", args=[changed.pk])))

    assert "Changed since published version" not in page


def test_approve_is_apart_from_return_whose_comment_is_behind_a_disclosure(
    as_user, people, ministry
):
    measure_in(WorkflowState.SUBMITTED, ministry)

    page = html(as_user("coordinator").get(QUEUE))

    approve_form = page[page.index('class="approve-form"') : page.index("</form>")]
    assert "textarea" not in approve_form
    disclosure = page[page.index('<details class="return-disclosure">') :]
    assert disclosure.index("<textarea") < disclosure.index("</details>")


def test_a_broken_filter_is_left_out_not_an_error(as_user, people, ministry):
    measure_in(WorkflowState.SUBMITTED, ministry, title="Still listed")

    response = as_user("coordinator").get(QUEUE, {"kind": "nonsense", "waiting": "abc"})

    assert response.status_code == 200
    assert "Still listed" in text(response)


def _count(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(QUEUE).status_code == 200
    return len(queries)


def test_the_queue_with_its_changes_does_not_grow_with_the_items(
    as_user, people, ministry, other_ministry, cycle
):
    client = as_user("coordinator")

    def fill(count):
        """`count` each of changed measures, pledges and updates, the kinds interleaved."""
        for index in range(count):
            organisation = ministry if index % 2 else other_ministry
            author = people["own_officer"] if index % 2 else people["other_officer"]
            when = timezone.now() - datetime.timedelta(minutes=index)
            measure = _changed(author, organisation, f"Changed {index}")
            Measure.objects.filter(pk=measure.pk).update(submitted_at=when)
            pledge_in(WorkflowState.SUBMITTED, organisation, submitted_at=when)
            approved = measure_in(WorkflowState.APPROVED, organisation)
            update_in(WorkflowState.SUBMITTED, approved, cycle, submitted_at=when)

    fill(2)
    few = _count(client)
    fill(15)
    many = _count(client)

    assert many == few
    assert text(client.get(QUEUE)).count("Changed since published version 1: Title") == 7
