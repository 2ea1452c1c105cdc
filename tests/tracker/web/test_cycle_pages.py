"""Review cycles: coordinators open them with a deadline in the site's time zone, close them and
reopen a closed one saying why; everyone logged in sees them."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse

from tests.tracker.web.helpers import field_errors, html, text
from tracker.models import CycleSnapshot, ReviewCycle
from tracker.services.cycles import cycle_close

pytestmark = pytest.mark.django_db


def _data(**overrides) -> dict:
    return {
        "name": "IMRF 2026",
        "slug": "imrf-2026",
        "kind": "imrf",
        "period_start": "2022-06-01",
        "period_end": "2025-12-31",
        "deadline": "2026-01-31T17:00",
        **overrides,
    }


def test_a_coordinator_opens_a_cycle_with_its_deadline_in_the_sites_time_zone(as_user, people):
    response = as_user("coordinator").post(reverse("tracker:cycle-create"), _data(), follow=True)

    cycle = ReviewCycle.objects.get()
    assert cycle.deadline == datetime.datetime(
        2026, 1, 31, 17, 0, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)
    )
    assert "Review cycle “IMRF 2026” opened" in text(response)
    assert "imrf-2026" in text(response)
    assert cycle.history.get().history_user == people["coordinator"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"period_end": "2021-01-01"}, "period_end", "cannot end before it starts"),
        ({"slug": "national-2025"}, "slug", "already exists"),
        ({"slug": "Not a slug!"}, "slug", "Enter a valid"),
        ({"deadline": "tomorrow"}, "deadline", "Enter a valid date/time"),
    ],
)
def test_bad_cycle_input_is_shown_on_its_field(as_user, people, cycle, overrides, field, message):
    response = as_user("coordinator").post(reverse("tracker:cycle-create"), _data(**overrides))

    assert message in field_errors(response, field)
    assert ReviewCycle.objects.count() == 1


def test_a_coordinator_closes_a_cycle_and_officers_see_it_closed(client, people, cycle):
    client.force_login(people["coordinator"])
    response = client.post(reverse("tracker:cycle-close", args=[cycle.slug]), follow=True)
    assert "closed; its progress updates can no longer change" in text(response)
    assert ReviewCycle.objects.get().closed_at is not None

    again = client.post(reverse("tracker:cycle-close", args=[cycle.slug]), follow=True)
    assert "already closed" in text(again)

    client.force_login(people["own_officer"])
    page = text(client.get(reverse("tracker:cycle-list")))
    assert "National review 2025" in page
    assert "closed on" in page
    assert "Close National review 2025" not in page


@pytest.fixture
def closed(people, cycle):
    """The cycle, closed by the coordinator: it has its snapshot."""
    return cycle_close(actor=people["coordinator"], cycle=cycle)


def test_a_coordinator_reopens_a_closed_cycle_with_a_reason_and_closes_it_again(
    client, people, closed
):
    client.force_login(people["coordinator"])
    reopen = reverse("tracker:cycle-reopen", args=[closed.slug])
    assert f'href="{reopen}"' in html(client.get(reverse("tracker:cycle-list")))
    form = text(client.get(reopen))
    assert "its figures, dashboards and final report follow today's data" in form
    first_snapshot = CycleSnapshot.objects.get(cycle=closed).pk

    response = client.post(reopen, {"reason": "Late figures from MOJ"}, follow=True)

    assert "Review cycle “National review 2025” reopened" in text(response)
    cycle = ReviewCycle.objects.get()
    assert cycle.closed_at is None
    assert not CycleSnapshot.objects.filter(cycle=cycle).exists()
    latest = cycle.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        people["coordinator"],
        "Reopened: Late figures from MOJ",
    )
    client.post(reverse("tracker:cycle-close", args=[cycle.slug]))
    assert CycleSnapshot.objects.get(cycle=cycle).pk > first_snapshot


def test_reopening_without_a_reason_is_refused_on_the_reason_field(client, people, closed):
    client.force_login(people["coordinator"])

    response = client.post(reverse("tracker:cycle-reopen", args=[closed.slug]), {"reason": " "})

    assert response.status_code == 200
    assert "a reason is required" in field_errors(response, "reason")
    assert "Why is the cycle reopened?: Say why the cycle is reopened" in text(response)
    assert ReviewCycle.objects.get().closed_at is not None
    assert CycleSnapshot.objects.filter(cycle=closed).exists()


@pytest.mark.parametrize("role", ["own_officer", "committee_reader"])
def test_only_coordinators_may_reopen_a_cycle_or_see_the_button(as_user, people, closed, role):
    client = as_user(role)
    reopen = reverse("tracker:cycle-reopen", args=[closed.slug])

    assert "Reopen" not in text(client.get(reverse("tracker:cycle-list")))
    assert client.get(reopen).status_code == 403
    assert client.post(reopen, {"reason": "Late figures"}).status_code == 403
    assert ReviewCycle.objects.get().closed_at is not None
    assert CycleSnapshot.objects.filter(cycle=closed).exists()


def test_a_coordinator_gives_a_cycle_its_names_in_each_language(as_user, people, cycle):
    client = as_user("coordinator")
    names = reverse("tracker:cycle-names", args=[cycle.slug])
    assert names in html(client.get(reverse("tracker:cycle-list")))

    response = client.post(
        names,
        {"name": "IMRF 2026", "name_sv": "IMRF 2026 (sv)", "name_nb": "", "name_da": "IMRF-2026"},
        follow=True,
    )

    cycle.refresh_from_db()
    assert (cycle.name_sv, cycle.name_nb, cycle.name_da) == ("IMRF 2026 (sv)", "", "IMRF-2026")
    assert "The names of “IMRF 2026” are saved." in text(response)
    assert cycle.history.first().history_change_reason == "Renamed"


def test_a_cycle_keeps_its_english_name(as_user, people, cycle):
    response = as_user("coordinator").post(
        reverse("tracker:cycle-names", args=[cycle.slug]), {"name": " ", "name_sv": "Namn"}
    )

    assert response.status_code == 200
    assert field_errors(response, "name")
    assert ReviewCycle.objects.get().name_sv == ""


@pytest.mark.parametrize("role", ["own_officer", "committee_reader"])
def test_only_coordinators_may_rename_a_cycle(as_user, people, cycle, role):
    client = as_user(role)
    names = reverse("tracker:cycle-names", args=[cycle.slug])

    assert names not in html(client.get(reverse("tracker:cycle-list")))
    assert client.get(names).status_code == 403
    assert client.post(names, {"name": "Hijacked"}).status_code == 403
    assert ReviewCycle.objects.get().name != "Hijacked"
