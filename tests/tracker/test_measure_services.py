"""Creating and editing measures through the service every interface uses."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from compact.models import Action, Objective
from tests.factories import MeasureFactory, ReviewCycleFactory, officer
from tracker.models import Evidence, Measure
from tracker.services.measures import evidence_add, measure_create, measure_update, measure_withdraw
from tracker.services.updates import progress_update_create, progress_update_update
from tracker.services.workflow import StaleVersionError

pytestmark = pytest.mark.usefixtures("compact")


def _data(**overrides):
    return {
        "title": "Språkutbildning för nyanlända",
        "description": "Kurser i svenska för nyanlända arbetstagare.",
        "language": "sv",
        "kind": "programme",
        "status": "ongoing",
        "objectives": list(Objective.objects.filter(number__in=[16, 18])),
        "actions": list(Action.objects.filter(objective__number=16, letter="a")),
        **overrides,
    }


def test_it_creates_a_draft_of_the_officer_s_organisation_with_one_history_record():
    desk_officer = officer()
    measure = measure_create(actor=desk_officer, data=_data())
    assert measure.lead_organisation == desk_officer.organisation
    assert (measure.workflow_state, measure.version) == ("draft", 1)
    record = measure.history.get()
    assert (record.history_type, record.history_user) == ("+", desk_officer)
    assert {o.objective.number for o in record.objectives.all()} == {16, 18}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"objectives": []}, "objectives"),
        (
            {"end_date": datetime.date(2024, 1, 1), "start_date": datetime.date(2025, 1, 1)},
            "end_date",
        ),
        ({"budget_amount": Decimal("-5"), "budget_currency": "SEK"}, "budget_amount"),
        ({"budget_amount": Decimal("5"), "budget_currency": "XYZ"}, "budget_currency"),
        ({"budget_amount": Decimal("5"), "budget_currency": ""}, "budget_currency"),
        ({"target_groups": ["dragons"]}, "target_groups"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(overrides, field):
    with pytest.raises(ValidationError) as error:
        measure_create(actor=officer(), data=_data(**overrides))
    assert field in error.value.message_dict
    assert not Measure.objects.exists()


def test_an_action_outside_the_chosen_objectives_is_named():
    with pytest.raises(ValidationError) as error:
        measure_create(
            actor=officer(),
            data=_data(actions=list(Action.objects.filter(objective__number=3, letter="b"))),
        )
    assert "3b" in error.value.message_dict["actions"][0]


def test_an_officer_cannot_record_for_another_organisation():
    other = officer()
    with pytest.raises(ValidationError) as error:
        measure_create(actor=officer(), data=_data(lead_organisation=other.organisation))
    assert "lead_organisation" in error.value.message_dict


def test_an_edit_based_on_an_old_version_is_refused_and_the_newer_one_kept():
    desk_officer = officer()
    measure = measure_create(actor=desk_officer, data=_data())
    measure_update(actor=desk_officer, measure=measure, expected_version=1, data={"title": "A"})
    with pytest.raises(StaleVersionError, match="version 1; it is now version 2"):
        measure_update(actor=desk_officer, measure=measure, expected_version=1, data={"title": "B"})
    assert Measure.objects.get(pk=measure.pk).title == "A"


def test_the_history_records_who_changed_what_from_what_to_what():
    desk_officer = officer()
    measure = measure_create(actor=desk_officer, data=_data())
    measure_update(
        actor=desk_officer,
        measure=measure,
        expected_version=1,
        data={"title": "Ny titel", "objectives": list(Objective.objects.filter(number=16))},
    )
    newest, previous = measure.history.all()[:2]
    changes = {c.field: (c.old, c.new) for c in newest.diff_against(previous).changes}
    assert changes["title"] == ("Språkutbildning för nyanlända", "Ny titel")
    old_objectives = {row["objective"] for row in changes["objectives"][0]}
    new_objectives = {row["objective"] for row in changes["objectives"][1]}
    assert (len(old_objectives), len(new_objectives)) == (2, 1)
    assert newest.history_user == desk_officer


def test_withdrawing_archives_and_deletes_nothing():
    desk_officer = officer()
    measure = MeasureFactory(lead_organisation=desk_officer.organisation)
    withdrawn = measure_withdraw(actor=desk_officer, measure=measure)
    assert withdrawn.archived_at is not None
    assert Measure.objects.filter(pk=measure.pk).exists()


def test_evidence_files_are_checked_for_size_type_and_content():
    desk_officer = officer()
    measure = MeasureFactory(lead_organisation=desk_officer.organisation)
    fake_pdf = SimpleUploadedFile("report.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        evidence_add(actor=desk_officer, measure=measure, title="Report", file=fake_pdf)
    assert "file" in error.value.message_dict
    script = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match=r"\.exe files are not accepted"):
        evidence_add(actor=desk_officer, measure=measure, title="Tool", file=script)
    assert not Evidence.objects.exists()
    real_pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    evidence = evidence_add(actor=desk_officer, measure=measure, title="Report", file=real_pdf)
    assert (evidence.size, evidence.content_type) == (12, "application/pdf")


def test_updates_of_a_closed_cycle_can_no_longer_change():
    desk_officer = officer()
    measure = MeasureFactory(lead_organisation=desk_officer.organisation)
    cycle = ReviewCycleFactory()
    update = progress_update_create(
        actor=desk_officer,
        measure=measure,
        cycle=cycle,
        data={"status": "ongoing", "narrative": "Started."},
    )
    cycle.closed_at = cycle.deadline
    cycle.save()
    update.refresh_from_db()
    with pytest.raises(ValidationError, match="is closed; its updates can no longer change"):
        progress_update_update(
            actor=desk_officer, update=update, expected_version=1, data={"narrative": "Late."}
        )
    update.refresh_from_db()
    assert update.narrative == "Started."


UPDATE = {"status": "ongoing", "narrative": "Started."}


def test_a_new_update_goes_to_the_open_cycle_with_the_latest_period_unless_one_is_chosen():
    desk_officer = officer()
    measure = MeasureFactory(lead_organisation=desk_officer.organisation)
    with pytest.raises(ValidationError, match="No review cycle is open"):
        progress_update_create(actor=desk_officer, measure=measure, data=UPDATE)
    earlier = ReviewCycleFactory(period_start=datetime.date(2022, 1, 1))
    latest = ReviewCycleFactory(period_start=datetime.date(2024, 1, 1))

    default = progress_update_create(actor=desk_officer, measure=measure, data=UPDATE)
    chosen = progress_update_create(actor=desk_officer, measure=measure, cycle=earlier, data=UPDATE)

    assert (default.cycle, chosen.cycle) == (latest, earlier)


def test_an_update_stays_in_its_cycle():
    desk_officer = officer()
    measure = MeasureFactory(lead_organisation=desk_officer.organisation)
    cycle, other = ReviewCycleFactory(), ReviewCycleFactory()
    update = progress_update_create(actor=desk_officer, measure=measure, cycle=cycle, data=UPDATE)

    with pytest.raises(ValidationError, match="An update stays in its cycle") as refused:
        progress_update_update(
            actor=desk_officer, update=update, expected_version=1, data={"cycle": other}
        )
    assert list(refused.value.message_dict) == ["cycle"]
    saved = progress_update_update(
        actor=desk_officer,
        update=update,
        expected_version=1,
        data={"cycle": cycle, "narrative": "Same cycle."},
    )
    assert (saved.cycle, saved.narrative) == (cycle, "Same cycle.")


@pytest.mark.usefixtures("pact")
def test_a_measure_links_to_eu_pact_items_by_code_or_item_and_its_history_keeps_them():
    from compact.models import PactItem

    act = PactItem.objects.get(code="ACT-04")
    measure = measure_create(actor=officer(), data=_data(pact_items=["III.2", act]))
    assert set(measure.pact_items.values_list("code", flat=True)) == {"III.2", "ACT-04"}
    record = measure.history.latest()
    assert {link.pactitem.code for link in record.pact_items.all()} == {"III.2", "ACT-04"}


@pytest.mark.usefixtures("pact")
@pytest.mark.parametrize("update", [False, True])
def test_an_unknown_eu_pact_code_names_the_field_and_the_code_and_saves_nothing(update):
    desk_officer = officer()
    if update:
        measure = measure_create(actor=desk_officer, data=_data(pact_items=["III.2"]))
        with pytest.raises(ValidationError) as error:
            measure_update(
                actor=desk_officer,
                measure=measure,
                expected_version=measure.version,
                data={"title": "Ny", "pact_items": ["III.1", "IX.9"]},
            )
        measure.refresh_from_db()
        assert (measure.title, measure.version) == ("Språkutbildning för nyanlända", 1)
        assert list(measure.pact_items.values_list("code", flat=True)) == ["III.2"]
    else:
        with pytest.raises(ValidationError) as error:
            measure_create(actor=desk_officer, data=_data(pact_items=["III.1", "IX.9"]))
        assert not Measure.objects.exists()
    assert list(error.value.message_dict) == ["pact_items"]
    assert "IX.9" in error.value.message_dict["pact_items"][0]
