from tracker.models.cycles import CycleKind, ReviewCycle
from tracker.models.indicators import (
    Category,
    Dimension,
    Indicator,
    IndicatorDataset,
    IndicatorValue,
    ValueStatus,
)
from tracker.models.measures import (
    Evidence,
    Measure,
    MeasureKind,
    MeasureStatus,
    ProgressUpdate,
    Stakeholder,
    TargetGroup,
)
from tracker.models.people import Organisation, OrganisationKind, Role, User
from tracker.models.pledges import Pledge, PledgeStatus, PledgeType
from tracker.models.published import (
    CycleSnapshot,
    ImmutableRecordError,
    PublishedMeasure,
    PublishedPledge,
    PublishedRecord,
    PublishedUpdate,
)
from tracker.models.published_indicators import (
    PublishedIndicatorDataset,
    PublishedIndicatorValue,
)
from tracker.models.reminders import ReminderSent
from tracker.models.workflow import ReviewedEntry, WorkflowState

__all__ = [
    "Category",
    "CycleKind",
    "CycleSnapshot",
    "Dimension",
    "Evidence",
    "ImmutableRecordError",
    "Indicator",
    "IndicatorDataset",
    "IndicatorValue",
    "Measure",
    "MeasureKind",
    "MeasureStatus",
    "Organisation",
    "OrganisationKind",
    "Pledge",
    "PledgeStatus",
    "PledgeType",
    "ProgressUpdate",
    "PublishedIndicatorDataset",
    "PublishedIndicatorValue",
    "PublishedMeasure",
    "PublishedPledge",
    "PublishedRecord",
    "PublishedUpdate",
    "ReminderSent",
    "ReviewCycle",
    "ReviewedEntry",
    "Role",
    "Stakeholder",
    "TargetGroup",
    "User",
    "ValueStatus",
    "WorkflowState",
]
