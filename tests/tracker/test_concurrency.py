"""Two people saving the same measure at the same moment: the second save is refused and
nothing of the first is lost. On a real PostgreSQL, with two connections."""

import threading
import time

import pytest
from django.db import connection

from tests.factories import MeasureFactory, officer
from tracker.models import Measure
from tracker.services import measures as measure_services
from tracker.services.workflow import StaleVersionError


@pytest.mark.django_db(transaction=True)
def test_the_second_of_two_simultaneous_saves_is_refused(compact, monkeypatch):
    desk_officer = officer()
    measure = MeasureFactory(lead_organisation=desk_officer.organisation)
    records_before = measure.history.count()
    real_save = measure_services.entry_save

    def slow_save(*args, **kwargs):
        # Hold the transaction open so that the other save runs while this one is in flight.
        time.sleep(0.5)
        real_save(*args, **kwargs)

    monkeypatch.setattr(measure_services, "entry_save", slow_save)
    outcomes = {}
    start = threading.Barrier(2)

    def edit(title):
        start.wait()
        try:
            measure_services.measure_update(
                actor=desk_officer, measure=measure, expected_version=1, data={"title": title}
            )
            outcomes[title] = "saved"
        except StaleVersionError:
            outcomes[title] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(title,)) for title in ("First", "Second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == ["refused", "saved"]
    winner = next(title for title, outcome in outcomes.items() if outcome == "saved")
    stored = Measure.objects.get(pk=measure.pk)
    assert (stored.title, stored.version) == (winner, 2)
    assert stored.history.count() == records_before + 1
