"""Each officer's reminder is in her language: her own choice, else her organisation's, else
the site's."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import MeasureFactory, OrganisationFactory, ReviewCycleFactory, officer
from tracker.models import WorkflowState
from tracker.services.reminders import reminders_send

pytestmark = pytest.mark.usefixtures("compact")

TODAY = datetime.date(2025, 6, 23)


@pytest.fixture
def cycle(settings):
    settings.LANGUAGE_CODE = "en"
    deadline = datetime.datetime.combine(TODAY + datetime.timedelta(days=3), datetime.time(17))
    return ReviewCycleFactory(
        name="National review 2025",
        name_sv="Nationell granskning 2025",
        deadline=timezone.make_aware(deadline),
    )


def _mail_to(mailoutbox, address):
    return next(message for message in mailoutbox if message.to == [address])


def test_a_swedish_officers_reminder_is_in_swedish_and_an_english_ones_in_english(
    mailoutbox, cycle
):
    swedish = OrganisationFactory(code="MOJ", language="sv")
    MeasureFactory(lead_organisation=swedish, workflow_state=WorkflowState.APPROVED)
    officer(swedish, username="anna", first_name="Anna", email="anna@moj.example")
    officer(
        swedish, username="ed", first_name="Ed", email="ed@moj.example", preferred_language="en"
    )

    reminders_send(today=TODAY)

    anna = _mail_to(mailoutbox, "anna@moj.example")
    assert anna.subject == "Lägesrapporter att lämna: Nationell granskning 2025"
    assert anna.body.startswith("Hej Anna,")
    assert "Departementet MOJ" in anna.body
    ed = _mail_to(mailoutbox, "ed@moj.example")
    assert ed.subject == "Progress updates due: National review 2025"
    assert ed.body.startswith("Hello Ed,")
    assert "Ministry MOJ" in ed.body
