"""Review cycles: coordinators open them with a deadline in the site's time zone and close
them; everyone logged in sees them."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.urls import reverse

from tests.tracker.web.helpers import field_errors, text
from tracker.models import ReviewCycle

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
