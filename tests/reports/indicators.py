"""A known set of indicators for the dashboards' and the report's tests.

GCM-5.1 "Residence permits for work" (persons) informs objective 5 (round table 1), carries
sex, recorded by STAT ("Statistics office"), with values:

  period  total   female  male
  2022    90      -       -       (total only)
  2023    100     60      40
  2024    120     70      50
  2025    150.5   80.5    70      (published first as 140 / 75 / 65, then revised)
  2021    999                     (a draft: never shown)

GCM-8.1 "Missing migrants" (persons, source "Coast guard") informs objective 8 (round table 2):
2024: 12, 2025: 9. GCM-23.1 "Returns" informs objective 23 and has no value.
"""

from types import SimpleNamespace

import pytest

from tests.factories import (
    IndicatorDatasetFactory,
    IndicatorFactory,
    OrganisationFactory,
    republish,
    sex_dimension,
)
from tracker.models import IndicatorValue, OrganisationKind, WorkflowState

REVISED = {"": 150.5, "sex=female": 80.5, "sex=male": 70}


@pytest.fixture
def indicators(compact):
    stat = OrganisationFactory(
        code="STAT", name_en="Statistics office", kind=OrganisationKind.AGENCY
    )
    sex = sex_dimension()
    permits = IndicatorFactory(
        code="GCM-5.1",
        name="Residence permits for work",
        name_sv="Uppehållstillstånd för arbete",
        definition="First residence permits granted for work, per year.",
        unit="persons",
        source_organisation=stat,
        source_name="",
        source_url="https://statistics.example/permits",
        sdg_code="10.7.2",
        objectives=[5],
        dimensions=[sex],
    )
    missing = IndicatorFactory(
        code="GCM-8.1",
        name="Missing migrants",
        name_sv="Saknade migranter",
        unit="persons",
        source_organisation=stat,
        source_name="Coast guard",
        objectives=[8],
    )
    IndicatorFactory(code="GCM-23.1", name="Returns", objectives=[23], source_organisation=stat)
    IndicatorDatasetFactory(indicator=permits, period=2022, values={"": 90})
    values = {
        2023: {"": 100, "sex=female": 60, "sex=male": 40},
        2024: {"": 120, "sex=female": 70, "sex=male": 50},
        2025: {"": 140, "sex=female": 75, "sex=male": 65},
    }
    datasets = {
        period: IndicatorDatasetFactory(indicator=permits, period=period, values=given)
        for period, given in values.items()
    }
    revised = datasets[2025]
    for key, value in REVISED.items():
        IndicatorValue.objects.filter(dataset=revised, key=key).update(value=value)
    republish(revised)
    IndicatorDatasetFactory(
        indicator=permits, period=2021, values={"": 999}, workflow_state=WorkflowState.DRAFT
    )
    IndicatorDatasetFactory(indicator=missing, period=2024, values={"": 12})
    IndicatorDatasetFactory(indicator=missing, period=2025, values={"": 9})
    return SimpleNamespace(permits=permits, missing=missing, revised=revised, stat=stat)
