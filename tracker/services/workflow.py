"""The review workflow shared by measures, pledges and progress updates.

    draft ──submit──> submitted ──approve──> approved
      ^                 │    ^                  │
      │              return  └──── edit ────────┘
      └── returned <────┘  (an approved entry edited again goes back to submitted)

Withdrawing a published measure or pledge is a change like an edit: it is submitted as a
withdrawal request, and approving it publishes a record marked withdrawn and archives the
entry; returned, it can be resubmitted or cancelled. A draft never published is archived at
once (docs/architecture/decisions/0016-withdrawal-and-evidence-as-reviewed-changes.md).

Every change goes through `entry_save`, which refuses a save based on an older version,
raises the version, and records who did it in the entry's history, in one transaction.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from tracker.models import ReviewCycle, ReviewedEntry, WorkflowState
from tracker.rules import REVIEWABLE_STATES, SUBMITTABLE_STATES, require
from tracker.services.publication import (
    ALREADY_PUBLISHED,
    entry_matches_published,
    entry_publish,
)


class StaleVersionError(Exception):
    """The entry changed since the editor loaded it; saving would overwrite that change."""

    def __init__(self, entry: ReviewedEntry, expected_version: int):
        self.entry = entry
        self.expected_version = expected_version
        self.current_version = entry.version
        super().__init__(
            _(
                "Someone else saved this entry while you were editing it (you edited version "
                "%(expected)s; it is now version %(current)s). Your changes were not saved: "
                "reload the entry, then make them again."
            )
            % {"expected": expected_version, "current": entry.version}
        )


def permission(entry: ReviewedEntry, action: str) -> str:
    return f"tracker.{action}_{entry._meta.model_name}"


def entry_lock(entry: ReviewedEntry, expected_version: int | None) -> ReviewedEntry:
    """The entry's row, locked for this transaction, after checking it is the version the
    user worked on. Call inside transaction.atomic."""
    locked = type(entry).objects.select_for_update().get(pk=entry.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersionError(locked, expected_version)
    return locked


def cycle_refuse_closed(cycle: ReviewCycle) -> None:
    """Refuse a change to a progress update of a closed cycle."""
    if cycle.is_closed:
        raise ValidationError(
            {
                "cycle": [
                    _("%(cycle)s is closed; its updates can no longer change.")
                    % {"cycle": cycle.name}
                ]
            }
        )


def cycle_lock_open(entry: ReviewedEntry) -> None:
    """For a progress update: lock its cycle's row for the rest of the transaction, and refuse
    if the cycle is closed. Closing a cycle locks the same row (tracker/services/cycles.py), so
    a close waits for an approval in flight and its snapshot holds what the approval
    published, and an approval waits for a close in flight and is then refused: an approved
    update of a closed cycle is always in its snapshot. Other entries have no cycle."""
    cycle_id = getattr(entry, "cycle_id", None)
    if cycle_id is None:
        return
    entry.cycle = ReviewCycle.objects.select_for_update().get(pk=cycle_id)
    cycle_refuse_closed(entry.cycle)


def entry_save(
    entry: models.Model, *, actor, reason: str, many: dict[str, list] | None = None
) -> None:
    """Validate and save an entry with its many-to-many fields, raising its version, and
    write one history record naming `actor` and `reason`. The reason is stored in English
    (mark it with gettext_noop) and translated when the history is shown, in the reader's
    language rather than the writer's.

    simple-history writes a record per save and per many-to-many change; saving and setting
    the fields with history off, then sending post_save once, gives one record that holds
    the whole change. Call inside transaction.atomic.
    """
    created = entry.pk is None
    if not created and hasattr(entry, "version"):
        entry.version += 1
    entry.full_clean()
    entry.skip_history_when_saving = True
    try:
        entry.save()
        for name, items in (many or {}).items():
            getattr(entry, name).set(items)
    finally:
        del entry.skip_history_when_saving
    entry._history_user = actor
    entry._change_reason = reason[:100]
    post_save.send(
        sender=type(entry), instance=entry, created=created, raw=False, using=entry._state.db
    )


def after_edit(entry: ReviewedEntry) -> None:
    """An approved entry that is edited again needs review again."""
    if entry.workflow_state == WorkflowState.APPROVED:
        entry.workflow_state = WorkflowState.SUBMITTED
        entry.submitted_at = timezone.now()


# Each refusal is a whole sentence, so that every language can word it naturally.
REFUSALS = {
    WorkflowState.SUBMITTED: gettext_lazy(
        "This entry is “%(state)s”: only draft or returned entries can be submitted."
    ),
    WorkflowState.APPROVED: gettext_lazy(
        "This entry is “%(state)s”: only submitted entries can be reviewed."
    ),
    WorkflowState.RETURNED: gettext_lazy(
        "This entry is “%(state)s”: only submitted entries can be reviewed."
    ),
}
REASONS = {
    WorkflowState.SUBMITTED: gettext_noop("Submitted"),
    WorkflowState.APPROVED: gettext_noop("Approved"),
    WorkflowState.RETURNED: gettext_noop("Returned"),
}
WITHDRAWAL_APPROVED = gettext_noop("Withdrawal approved")


def _transition(
    entry: ReviewedEntry,
    *,
    actor,
    action: str,
    allowed_from: tuple[str, ...],
    to: str,
    expected_version: int | None,
    comment: str = "",
) -> ReviewedEntry:
    require(actor, permission(entry, action), entry)
    with transaction.atomic():
        locked = _step_lock(entry, expected_version, to)
        if locked.workflow_state not in allowed_from:
            raise ValidationError(
                {"workflow_state": REFUSALS[to] % {"state": locked.get_workflow_state_display()}}
            )
        now = timezone.now()
        locked.workflow_state = to
        if to == WorkflowState.SUBMITTED:
            locked.submitted_at = now
        else:
            locked.reviewed_at = now
            locked.reviewed_by = actor
            locked.review_comment = comment
        reason = REASONS[to]
        if to == WorkflowState.APPROVED:
            # The approved version becomes what the public sees, in this same transaction; an
            # approved withdrawal publishes a withdrawn record and archives the entry.
            withdrawn = getattr(locked, "withdrawal_pending", False)
            entry_publish(entry=locked, actor=actor, approved_at=now, withdrawn=withdrawn)
            if withdrawn:
                locked.archived_at = now
                reason = WITHDRAWAL_APPROVED
        entry_save(locked, actor=actor, reason=reason)
    return locked


def _step_lock(entry: ReviewedEntry, expected_version: int | None, to: str) -> ReviewedEntry:
    """The entry's row and, for a progress update, its open cycle's row, locked for the step.
    An approval of a version another coordinator has just approved is told so."""
    try:
        locked = entry_lock(entry, expected_version)
    except StaleVersionError as stale:
        current = stale.entry
        if (
            to == WorkflowState.APPROVED
            and current.workflow_state == WorkflowState.APPROVED
            and current.published is not None
            and current.published.version == expected_version
        ):
            raise ValidationError({"workflow_state": [ALREADY_PUBLISHED]}) from None
        raise
    cycle_lock_open(locked)
    return locked


def entry_submit(*, actor, entry: ReviewedEntry, expected_version: int | None = None):
    return _transition(
        entry,
        actor=actor,
        action="submit",
        allowed_from=SUBMITTABLE_STATES,
        to=WorkflowState.SUBMITTED,
        expected_version=expected_version,
    )


def entry_approve(
    *, actor, entry: ReviewedEntry, expected_version: int | None = None, comment: str = ""
):
    return _transition(
        entry,
        actor=actor,
        action="review",
        allowed_from=REVIEWABLE_STATES,
        to=WorkflowState.APPROVED,
        expected_version=expected_version,
        comment=comment,
    )


def entry_return(*, actor, entry: ReviewedEntry, comment: str, expected_version: int | None = None):
    if not comment.strip():
        raise ValidationError(
            {"review_comment": _("Say what the officer should change: a comment is required.")}
        )
    return _transition(
        entry,
        actor=actor,
        action="review",
        allowed_from=REVIEWABLE_STATES,
        to=WorkflowState.RETURNED,
        expected_version=expected_version,
        comment=comment.strip(),
    )


def is_public(entry: ReviewedEntry) -> bool:
    """Whether the public sees a record of `entry`: it has a published record, not withdrawn.
    Withdrawing such an entry is reviewed; any other is archived at once."""
    return entry.published_id is not None and not entry.published.withdrawn


def entry_withdraw(*, actor, entry: ReviewedEntry, expected_version: int | None = None):
    """Withdraw a measure or pledge. Not public (never published, or withdrawn before and
    restored since), it is archived at once; public, its
    withdrawal goes to review like an edit, and the public keeps its published record until a
    coordinator approves the withdrawal."""
    require(actor, permission(entry, "withdraw"), entry)
    with transaction.atomic():
        locked = entry_lock(entry, expected_version)
        now = timezone.now()
        if not is_public(locked):
            locked.archived_at = now
            entry_save(locked, actor=actor, reason=gettext_noop("Withdrawn"))
        else:
            locked.withdrawal_requested_at = now
            locked.workflow_state = WorkflowState.SUBMITTED
            locked.submitted_at = now
            entry_save(locked, actor=actor, reason=gettext_noop("Withdrawal requested"))
    return locked


def entry_withdrawal_cancel(*, actor, entry: ReviewedEntry, expected_version: int | None = None):
    """Cancel a withdrawal not yet approved. The entry is approved again when the public would
    see nothing new in it (its published record holds what it holds); otherwise its changes
    stay as they were, under review or returned."""
    require(actor, permission(entry, "cancel_withdrawal"), entry)
    with transaction.atomic():
        locked = entry_lock(entry, expected_version)
        if not locked.withdrawal_pending:
            raise ValidationError(
                {"workflow_state": _("No withdrawal of this entry is waiting for review.")}
            )
        locked.withdrawal_requested_at = None
        if entry_matches_published(locked):
            locked.workflow_state = WorkflowState.APPROVED
        entry_save(locked, actor=actor, reason=gettext_noop("Withdrawal cancelled"))
    return locked


def entry_restore(*, actor, entry: ReviewedEntry, expected_version: int | None = None):
    """Bring back a withdrawn (archived) measure or pledge as a draft of its organisation.

    Its published records stay as they are: one withdrawn stays the current record, so the
    public sees the entry again only when it is submitted and a coordinator approves it; the
    withdrawal was reviewed, so its undoing is too. A draft never published comes back a draft.
    """
    require(actor, permission(entry, "restore"), entry)
    with transaction.atomic():
        locked = entry_lock(entry, expected_version)
        if locked.archived_at is None:
            raise ValidationError({"workflow_state": _("This entry is not withdrawn.")})
        locked.archived_at = None
        locked.withdrawal_requested_at = None
        locked.workflow_state = WorkflowState.DRAFT
        entry_save(locked, actor=actor, reason=gettext_noop("Restored"))
    return locked
