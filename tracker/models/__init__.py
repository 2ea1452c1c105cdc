from tracker.models.cycles import CycleKind, ReviewCycle
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
from tracker.models.reminders import ReminderSent
from tracker.models.workflow import ReviewedEntry, WorkflowState

__all__ = [
    "CycleKind",
    "CycleSnapshot",
    "Evidence",
    "ImmutableRecordError",
    "Measure",
    "MeasureKind",
    "MeasureStatus",
    "Organisation",
    "OrganisationKind",
    "Pledge",
    "PledgeStatus",
    "PledgeType",
    "ProgressUpdate",
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
    "WorkflowState",
]
