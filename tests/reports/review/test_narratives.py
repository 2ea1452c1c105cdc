"""The coordinator's narratives: saved with their history, never silently overwritten."""

import pytest

from compact.models import RoundTable
from reports.models import RoundTableNarrative
from reports.review.services.narratives import narrative_save
from tests.factories import ReviewCycleFactory, coordinator
from tracker.services.workflow import StaleVersionError

pytestmark = pytest.mark.django_db


def _save(actor, cycle, expected_version, progress):
    return narrative_save(
        actor=actor,
        cycle=cycle,
        round_table=RoundTable.objects.get(number=1),
        language="en",
        progress=progress,
        challenges="",
        next_steps="",
        expected_version=expected_version,
    )


def test_of_two_first_saves_of_an_empty_narrative_the_second_is_refused(compact):
    cycle = ReviewCycleFactory()
    first, second = coordinator(), coordinator()
    saved = _save(first, cycle, 0, "Written first.")
    assert saved.version == 1
    with pytest.raises(StaleVersionError):
        _save(second, cycle, 0, "Written second, from the same empty form.")
    narrative = RoundTableNarrative.objects.get()
    assert narrative.progress == "Written first."
    assert narrative.history.latest().history_user == first
    assert _save(second, cycle, 1, "Written second, after reloading.").version == 2
