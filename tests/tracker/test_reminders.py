"""The daily e-mail to desk officers about progress updates missing in an open review cycle."""

import datetime
import smtplib
from io import StringIO
from urllib.parse import urlsplit

import pytest
from celery.schedules import crontab
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    ProgressUpdateFactory,
    ReviewCycleFactory,
    coordinator,
    officer,
)
from tracker.celery import app
from tracker.models import ReminderSent, WorkflowState
from tracker.services.reminders import reminders_send
from tracker.tasks import send_reminders

pytestmark = pytest.mark.usefixtures("compact")

TODAY = datetime.date(2025, 6, 23)


def cycle_due_in(days: int, **kwargs):
    """A cycle whose deadline is at 17:00 local time, `days` days after TODAY."""
    deadline = datetime.datetime.combine(TODAY + datetime.timedelta(days=days), datetime.time(17))
    return ReviewCycleFactory(deadline=timezone.make_aware(deadline), **kwargs)


def approved_measure(organisation, **kwargs):
    return MeasureFactory(
        lead_organisation=organisation, workflow_state=WorkflowState.APPROVED, **kwargs
    )


def mailed_to(mailoutbox) -> list[str]:
    return sorted(address for message in mailoutbox for address in message.to)


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://gcm.example.gov"
    settings.LANGUAGE_CODE = "en"


def test_the_officers_of_an_organisation_with_a_missing_update_are_mailed_and_nobody_else(
    mailoutbox, site
):
    cycle = cycle_due_in(7)
    missing = OrganisationFactory(code="MOJ")
    approved_measure(missing, title="Legal aid for migrants")
    officer(missing, username="anna", email="anna@moj.example")
    officer(missing, username="bo", email="bo@moj.example")
    officer(missing, username="gone", email="gone@moj.example", is_active=False)
    officer(missing, username="no-address", email="")
    coordinator(organisation=missing, email="coordinator@moj.example")

    done = OrganisationFactory(code="MOF")
    ProgressUpdateFactory(
        measure=approved_measure(done), cycle=cycle, workflow_state=WorkflowState.APPROVED
    )
    officer(done, email="officer@mof.example")
    waiting = OrganisationFactory(code="MOH")
    ProgressUpdateFactory(
        measure=approved_measure(waiting), cycle=cycle, workflow_state=WorkflowState.SUBMITTED
    )
    officer(waiting, email="officer@moh.example")
    drafting = OrganisationFactory(code="MOE")
    ProgressUpdateFactory(measure=approved_measure(drafting), cycle=cycle)
    officer(drafting, email="officer@moe.example")
    unapproved = OrganisationFactory(code="MOD")
    MeasureFactory(lead_organisation=unapproved)
    officer(unapproved, email="officer@mod.example")

    result = reminders_send(today=TODAY)

    assert mailed_to(mailoutbox) == ["anna@moj.example", "bo@moj.example", "officer@moe.example"]
    assert (result.mails, result.organisations, result.missing_updates) == (3, 2, 2)
    anna = next(message for message in mailoutbox if message.to == ["anna@moj.example"])
    assert "Legal aid for migrants" in anna.body
    assert cycle.name in anna.subject


@pytest.mark.parametrize(("days", "mails"), [(8, 0), (7, 1), (1, 1), (0, 1)])
def test_reminders_start_seven_days_before_the_deadline(mailoutbox, site, days, mails):
    cycle = cycle_due_in(days)
    organisation = OrganisationFactory()
    approved_measure(organisation)
    officer(organisation, email="officer@example.gov")

    reminders_send(today=TODAY)

    assert len(mailoutbox) == mails
    if mails:
        assert mailoutbox[0].subject == f"Progress updates due: {cycle.name}"
        assert f"Deadline: June {TODAY.day + days}, 2025, 5 p.m.\n" in mailoutbox[0].body


def test_after_the_deadline_reminders_go_on_as_overdue_until_the_cycle_is_closed(mailoutbox, site):
    cycle = cycle_due_in(-3)
    organisation = OrganisationFactory()
    approved_measure(organisation)
    officer(organisation, email="officer@example.gov")

    reminders_send(today=TODAY)
    cycle.closed_at = timezone.now()
    cycle.save()
    reminders_send(today=TODAY + datetime.timedelta(days=1))

    [message] = mailoutbox
    assert message.subject == f"Overdue progress updates: {cycle.name}"
    assert "Deadline passed: June 20, 2025, 5 p.m.\n" in message.body
    assert "these overdue updates can still be added" in message.body


def test_a_closed_cycle_is_never_reminded_of(mailoutbox, site):
    cycle_due_in(2, closed_at=timezone.now())
    organisation = OrganisationFactory()
    approved_measure(organisation)
    officer(organisation, email="officer@example.gov")

    result = reminders_send(today=TODAY)

    assert mailoutbox == []
    assert result.mails == 0


def test_a_second_run_the_same_day_mails_nobody_again_and_the_next_day_mails_again(
    mailoutbox, site
):
    cycle_due_in(5)
    organisation = OrganisationFactory()
    approved_measure(organisation)
    officer(organisation, email="officer@example.gov")

    first = reminders_send(today=TODAY)
    second = reminders_send(today=TODAY)
    assert (first.mails, second.mails, second.already_sent) == (1, 0, 1)
    assert len(mailoutbox) == 1

    reminders_send(today=TODAY + datetime.timedelta(days=1))
    assert len(mailoutbox) == 2


def test_one_mail_lists_every_cycle_due_with_links_to_the_forms(mailoutbox, site, client, settings):
    first = cycle_due_in(3, name="National review 2025", slug="national-2025")
    second = cycle_due_in(6, name="GA review 2026", slug="ga-2026")
    organisation = OrganisationFactory()
    measure = approved_measure(organisation, title="Integration courses")
    draft = ProgressUpdateFactory(measure=measure, cycle=second)
    desk_officer = officer(organisation, email="officer@example.gov")

    reminders_send(today=TODAY)

    [message] = mailoutbox
    assert message.subject == "Progress updates due: National review 2025, GA review 2026"
    new_update = f"https://gcm.example.gov/measures/{measure.pk}/updates/new/?cycle=national-2025"
    assert f"No update yet: {new_update}" in message.body
    finish = f"https://gcm.example.gov/updates/{draft.pk}/"
    assert f"Update not yet submitted: {finish}" in message.body
    assert message.body.index(first.name) < message.body.index(second.name)

    client.force_login(desk_officer)
    form = client.get(new_update.removeprefix(settings.SITE_URL))
    assert form.status_code == 200
    assert first.name in form.content.decode()
    assert client.get(urlsplit(finish).path).status_code == 200


def test_the_mail_is_in_the_sites_language(mailoutbox, site, settings):
    settings.LANGUAGE_CODE = "sv"
    cycle = cycle_due_in(7)
    organisation = OrganisationFactory(code="JU", name_sv="Justitiedepartementet")
    approved_measure(organisation)
    officer(organisation, email="officer@example.gov", first_name="Anna")

    reminders_send(today=TODAY)

    [message] = mailoutbox
    assert message.subject == f"Lägesrapporter att lämna: {cycle.name}"
    assert message.body.startswith("Hej Anna,")
    assert "Justitiedepartementet" in message.body
    assert "30 juni 2025" in message.body


def test_a_refused_mail_is_not_recorded_so_the_next_run_sends_it(mailoutbox, site, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    cycle_due_in(7)
    organisation = OrganisationFactory()
    approved_measure(organisation)
    officer(organisation, email="officer@example.gov")
    officer(organisation, email="refused@example.gov")

    first = reminders_send(today=TODAY)
    assert (first.mails, first.failed) == (1, 1)
    assert mailed_to(mailoutbox) == ["officer@example.gov"]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    second = reminders_send(today=TODAY)
    assert (second.mails, second.already_sent) == (1, 1)
    assert mailed_to(mailoutbox) == ["officer@example.gov", "refused@example.gov"]


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if "refused@example.gov" in message.to:
                raise smtplib.SMTPRecipientsRefused({"refused@example.gov": (550, b"No")})
        return super().send_messages(messages)


def test_the_number_of_queries_does_not_grow_with_organisations_and_measures(
    mailoutbox, site, django_assert_max_num_queries
):
    cycle_due_in(7)
    cycle_due_in(3)

    def add_organisations(count: int, measures: int):
        for _ in range(count):
            organisation = OrganisationFactory()
            for _ in range(measures):
                approved_measure(organisation)
            officer(organisation, email=f"officer@{organisation.code.lower()}.example")

    add_organisations(2, 1)
    with django_assert_max_num_queries(8):
        reminders_send(today=TODAY)
    add_organisations(10, 5)
    with django_assert_max_num_queries(8):
        reminders_send(today=TODAY + datetime.timedelta(days=1))
    assert len(mailoutbox) == 2 + 12


def test_a_dry_run_says_who_would_be_mailed_and_sends_nothing(mailoutbox, site):
    cycle_due_in(7)
    organisation = OrganisationFactory()
    approved_measure(organisation)
    officer(organisation, email="officer@example.gov")

    output = StringIO()
    call_command("send_reminders", "--date", TODAY.isoformat(), "--dry-run", stdout=output)

    assert mailoutbox == []
    assert not ReminderSent.objects.exists()
    assert output.getvalue() == (
        "Would mail 1 officer of 1 organisation about 1 missing progress update:\n"
        "  officer@example.gov\n"
    )
    output = StringIO()
    call_command("send_reminders", "--date", TODAY.isoformat(), stdout=output)
    call_command("send_reminders", "--date", TODAY.isoformat(), stdout=output)
    assert len(mailoutbox) == 1
    assert output.getvalue() == (
        "Mailed 1 officer of 1 organisation about 1 missing progress update.\n"
        "Mailed 0 officers of 0 organisations about 0 missing progress updates.\n"
        "1 officer had already been reminded that day.\n"
    )


def test_the_command_refuses_a_date_it_cannot_read():
    with pytest.raises(CommandError, match="'23/06/2025' is not a date as YYYY-MM-DD"):
        call_command("send_reminders", "--date", "23/06/2025")


def test_the_task_sends_the_reminders_of_today(mailoutbox, site):
    today = timezone.localdate()
    deadline = datetime.datetime.combine(today + datetime.timedelta(days=2), datetime.time(12))
    ReviewCycleFactory(deadline=timezone.make_aware(deadline))
    organisation = OrganisationFactory()
    approved_measure(organisation)
    officer(organisation, email="officer@example.gov")

    counts = send_reminders.delay().get()

    assert mailed_to(mailoutbox) == ["officer@example.gov"]
    assert counts["mails"] == 1
    assert "recipients" not in counts


def test_beat_runs_the_task_every_morning(settings):
    app.loader.import_default_modules()
    [entry] = [
        entry for entry in app.conf.beat_schedule.values() if entry["task"] == send_reminders.name
    ]
    assert send_reminders.name in app.tasks
    assert entry["schedule"] == crontab(hour=7, minute=0)
    assert app.conf.timezone == settings.TIME_ZONE
