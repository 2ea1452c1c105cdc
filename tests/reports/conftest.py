"""A known dataset for the dashboards: two review cycles, four organisations, approved measures
and pledges whose figures the tests know, and entries that must never show (a draft, a
submitted, a returned and a withdrawn measure; a draft and a withdrawn pledge; a draft
progress update).

The cycles: national-2023 (2022-01-01 to 2023-12-31) and national-2025 (2024-01-01 to
2025-12-31), the latest.

Approved measures:
  m1  MOJ  objectives 2, 5, action 2a  ongoing       from 2022-06-01   update 2025: completed
  m2  MOJ  objective 5                 planned       from 2025-03-01   (a draft update 2025)
  m3  MFA  objective 1                 completed     2021-01-01 to 2022-12-31
  m4  MOL  objectives 5, 8, action 5a  ongoing       no dates          update 2025: ongoing
  m5  MFA  objective 23                discontinued  2019 to 2020-06-30, update 2023: discontinued

In national-2025: m1 (completed), m2 (planned), m4 (ongoing); organisations MOJ and MOL;
objectives 2, 5, 8; stale: m2. In national-2023: m1 (ongoing), m3 (completed), m4 (ongoing),
m5 (discontinued); organisations MOJ, MFA, MOL; objectives 1, 2, 5, 8, 23; stale: m1, m3, m4.

Approved pledges:
  p1  MOJ  objective 5  made 2022-05-20  in progress  status updated 2024-06-01
  p2  MFA  objective 1  made 2023-03-01  not started  never updated (stale)
  p3  MOJ  objective 2  made 2024-10-01  fulfilled
In national-2025: p1, p2, p3; in national-2023: p1, p2.
"""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import OrganisationFactory, ReviewCycleFactory
from tests.reports.factories import measure, pledge, update
from tests.reports.indicators import indicators  # noqa: F401  (a fixture of these tests)
from tracker.models import MeasureStatus, PledgeStatus, WorkflowState

D = datetime.date


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test counts from its own data: nothing cached by an earlier test is read."""
    cache.clear()


@pytest.fixture
def organisations(compact):
    return SimpleNamespace(
        moj=OrganisationFactory(code="MOJ", name_en="Ministry of Justice", name_sv="Justitiedep."),
        mfa=OrganisationFactory(code="MFA", name_en="Ministry for Foreign Affairs"),
        mol=OrganisationFactory(code="MOL", name_en="Ministry of Labour"),
        idle=OrganisationFactory(code="IDLE", name_en="Agency with drafts only"),
    )


@pytest.fixture
def cycles(compact):
    return SimpleNamespace(
        old=ReviewCycleFactory(
            name="National review 2023",
            slug="national-2023",
            period_start=D(2022, 1, 1),
            period_end=D(2023, 12, 31),
            closed_at=timezone.now(),
        ),
        new=ReviewCycleFactory(
            name="National review 2025",
            slug="national-2025",
            period_start=D(2024, 1, 1),
            period_end=D(2025, 12, 31),
        ),
    )


@pytest.fixture
def dataset(organisations, cycles):
    o, c = organisations, cycles
    m1 = measure(o.moj, [2, 5], actions=["2a"], start_date=D(2022, 6, 1), title="Legal aid")
    m2 = measure(o.moj, [5], status=MeasureStatus.PLANNED, start_date=D(2025, 3, 1))
    m3 = measure(
        o.mfa,
        [1],
        status=MeasureStatus.COMPLETED,
        start_date=D(2021, 1, 1),
        end_date=D(2022, 12, 31),
        title="Migration data",
    )
    m4 = measure(o.mol, [5, 8], actions=["5a"])
    m5 = measure(
        o.mfa,
        [23],
        status=MeasureStatus.DISCONTINUED,
        start_date=D(2019, 1, 1),
        end_date=D(2020, 6, 30),
    )
    update(m1, c.new, status=MeasureStatus.COMPLETED)
    update(m4, c.new, status=MeasureStatus.ONGOING)
    update(m5, c.old, status=MeasureStatus.DISCONTINUED)
    update(m2, c.new, status=MeasureStatus.COMPLETED, state=WorkflowState.DRAFT)

    hidden = [
        measure(o.idle, [5, 23], state=WorkflowState.DRAFT, title="Hidden draft"),
        measure(o.moj, [5], state=WorkflowState.SUBMITTED, title="Hidden submitted"),
        measure(o.mol, [5, 8], state=WorkflowState.RETURNED, title="Hidden returned"),
        measure(o.mfa, [1], archived_at=timezone.now(), title="Hidden withdrawn"),
    ]
    for entry in hidden:
        update(entry, c.new, status=MeasureStatus.COMPLETED)

    p1 = pledge(
        o.moj,
        [5],
        made_on=D(2022, 5, 20),
        status=PledgeStatus.IN_PROGRESS,
        status_updated_on=D(2024, 6, 1),
    )
    p2 = pledge(o.mfa, [1], made_on=D(2023, 3, 1), status=PledgeStatus.NOT_STARTED)
    p3 = pledge(o.moj, [2], made_on=D(2024, 10, 1), status=PledgeStatus.FULFILLED)
    hidden_pledges = [
        pledge(o.idle, [5], state=WorkflowState.DRAFT, text="Hidden draft pledge"),
        pledge(o.moj, [5], archived_at=timezone.now(), text="Hidden withdrawn pledge"),
    ]
    return SimpleNamespace(
        organisations=o,
        cycles=c,
        measures=SimpleNamespace(m1=m1, m2=m2, m3=m3, m4=m4, m5=m5),
        hidden=hidden,
        pledges=SimpleNamespace(p1=p1, p2=p2, p3=p3),
        hidden_pledges=hidden_pledges,
    )
