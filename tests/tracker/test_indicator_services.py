"""Indicator services: who manages indicators, who records values, and how saved values go
through review to the public as one change of their dataset."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from compact.models import Objective
from tests.factories import (
    IndicatorDatasetFactory,
    IndicatorFactory,
    OrganisationFactory,
    administrator,
    committee_reader,
    coordinator,
    officer,
    sex_dimension,
)
from tracker.models import IndicatorValue, PublishedIndicatorValue, WorkflowState
from tracker.services.indicator_values import ValueInput, dataset_open, dataset_save_values
from tracker.services.indicators import indicator_create, indicator_update
from tracker.services.workflow import entry_approve, entry_return, entry_submit

pytestmark = pytest.mark.usefixtures("compact")


@pytest.fixture
def agency():
    return OrganisationFactory(code="SCB", kind="agency")


@pytest.fixture
def indicator(agency):
    return IndicatorFactory(
        code="GCM-5.1", source_organisation=agency, dimensions=[sex_dimension()]
    )


def test_coordinators_and_administrators_manage_indicators(agency):
    data = {"code": "GCM-7.1", "name": "Deaths at sea", "unit": "persons"}
    made = indicator_create(
        actor=coordinator(),
        data={
            **data,
            "source_organisation": agency,
            "objectives": Objective.objects.filter(number=8),
        },
    )
    assert [o.number for o in made.objectives.all()] == [8]
    indicator_update(actor=administrator(), indicator=made, data={"sdg_code": "10.7.3"})
    made.refresh_from_db()
    assert made.sdg_code == "10.7.3"
    assert made.history.count() == 2
    for someone in (officer(agency), committee_reader()):
        with pytest.raises(PermissionDenied):
            indicator_create(actor=someone, data={**data, "code": "GCM-7.2"})


def test_a_disaggregation_in_use_cannot_be_taken_away(indicator):
    IndicatorDatasetFactory(indicator=indicator, period=2024, values={"sex=female": 3})
    with pytest.raises(ValidationError, match="disaggregated by sex"):
        indicator_update(actor=coordinator(), indicator=indicator, data={"dimensions": []})


def test_the_recording_organisations_officers_record_values(indicator, agency):
    with pytest.raises(PermissionDenied):
        dataset_open(actor=officer(), indicator=indicator, period=2024)
    desk_officer = officer(agency)
    dataset = dataset_open(actor=desk_officer, indicator=indicator, period=2024)
    assert dataset.organisation == agency
    assert dataset.workflow_state == WorkflowState.DRAFT
    dataset = dataset_save_values(
        actor=desk_officer,
        dataset=dataset,
        values=[
            ValueInput({}, Decimal("100")),
            ValueInput({"sex": "female"}, Decimal("55.5"), status="final"),
        ],
        expected_version=dataset.version,
    )
    assert dict(dataset.values.values_list("key", "value")) == {
        "": Decimal("100"),
        "sex=female": Decimal("55.5"),
    }
    with pytest.raises(PermissionDenied):
        dataset_save_values(actor=officer(), dataset=dataset, values=[ValueInput({}, 1)])


def test_bad_values_are_refused_with_every_problem_and_nothing_saved(indicator, agency):
    desk_officer = officer(agency)
    dataset = dataset_open(actor=desk_officer, indicator=indicator, period=2024)
    with pytest.raises(ValidationError) as refused:
        dataset_save_values(
            actor=desk_officer,
            dataset=dataset,
            values=[
                ValueInput({"sex": "other"}, 1),
                ValueInput({"age": "15-24"}, 1),
                ValueInput({}, "many"),
                ValueInput({}, 1),
                ValueInput({}, 2),
            ],
        )
    messages = refused.value.message_dict["values"]
    assert messages == [
        "Value 1: other is not a category of sex.",
        "Value 2: The indicator is not disaggregated by age.",
        "Value 3: many is not a number.",
        "Value 5: The same categories as an earlier value.",
    ]
    assert not IndicatorValue.objects.filter(dataset=dataset).exists()


def test_saved_values_reach_the_public_when_a_coordinator_approves_them(indicator, agency):
    dataset = IndicatorDatasetFactory(indicator=indicator, period=2024, values={"": 100})
    desk_officer = officer(agency)
    dataset = dataset_save_values(
        actor=desk_officer, dataset=dataset, values=[ValueInput({}, Decimal("101"))]
    )
    assert dataset.workflow_state == WorkflowState.SUBMITTED
    assert dataset.published.values.get().value == 100
    cora = coordinator()
    dataset = entry_return(actor=cora, entry=dataset, comment="Check the total.")
    dataset = entry_submit(actor=desk_officer, entry=dataset)
    dataset = entry_approve(actor=cora, entry=dataset)
    assert dataset.published.number == 2
    assert sorted(
        PublishedIndicatorValue.objects.filter(record__entry=dataset).values_list(
            "record__number", "value"
        )
    ) == [(1, Decimal("100")), (2, Decimal("101"))]
    reasons = list(
        dataset.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )
    assert reasons[-4:] == ["Values saved", "Returned", "Submitted", "Approved"]


def test_a_dataset_is_reviewed_by_coordinators_only(indicator, agency):
    desk_officer = officer(agency)
    dataset = dataset_open(actor=desk_officer, indicator=indicator, period=2024)
    dataset = entry_submit(actor=desk_officer, entry=dataset)
    with pytest.raises(PermissionDenied):
        entry_approve(actor=desk_officer, entry=dataset)
    assert entry_approve(actor=coordinator(), entry=dataset).published.number == 1
