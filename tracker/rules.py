"""Who may do what: the one place where the permission rules live.

Pages, API, admin and services all ask `user.has_perm(name, obj)`; the services call
`require` before they change anything, so no interface can skip a rule. Reading is also
scoped by tracker/selectors/entries.py, which asks the predicates below and returns only what
`can_view_entry` allows, so that an entry a user may not see is not found (404) rather than
forbidden (403). Nothing else tells roles apart by comparing `user.role`: code asks a perm
or a predicate from here (tests/test_architecture_rules.py), templates a perm (`perms`) or a
flag computed from one (`lists_own_entries`, tracker/web/context_processors.py).

    role              reads                                  writes
    desk officer      own organisation's entries; others'    own organisation's entries:
                      approved ones                          edit, submit drafts and returned
                                                             entries, withdraw, restore,
                                                             import
    coordinator       everything                             reviews of submitted entries
                                                             outside closed cycles; cycles;
                                                             the review report (reports/rules.py)
    committee reader  approved entries                       nothing
    administrator     approved entries; API tokens and       organisations and users (staff);
                      login records (in the admin)           deletes tokens and login attempts
    anonymous         approved entries                       nothing

Reading an entry through the API, those who `reads_working_copy` get its working copy; everyone
else gets its current published record (tracker/models/published.py), which an edit under
review does not change, or nothing when it has none.
"""

import rules
from django.core.exceptions import PermissionDenied

from tracker.models import IndicatorDataset, Measure, Role, WorkflowState


@rules.predicate
def is_desk_officer(user) -> bool:
    return user.is_authenticated and user.role == Role.DESK_OFFICER


@rules.predicate
def is_coordinator(user) -> bool:
    return user.is_authenticated and user.role == Role.COORDINATOR


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_authenticated and user.role == Role.ADMINISTRATOR


def _organisation_id(entry) -> int | None:
    """The organisation that owns an entry: a measure's or pledge's lead organisation, or for
    a progress update or evidence, its measure's; an indicator dataset's recording one."""
    if isinstance(entry, IndicatorDataset):
        return entry.organisation_id
    if hasattr(entry, "lead_organisation_id"):
        return entry.lead_organisation_id
    return entry.measure.lead_organisation_id


@rules.predicate
def is_own_organisation(user, entry) -> bool:
    return entry is not None and user.organisation_id == _organisation_id(entry)


@rules.predicate
def is_approved(user, entry) -> bool:
    return entry is not None and entry.workflow_state == WorkflowState.APPROVED


@rules.predicate
def is_archived(user, entry) -> bool:
    return entry is not None and getattr(entry, "archived_at", None) is not None


@rules.predicate
def is_withdrawal_pending(user, entry) -> bool:
    """A withdrawal of the published entry waits for a coordinator's review."""
    return entry is not None and getattr(entry, "withdrawal_pending", False)


@rules.predicate
def is_removed(user, evidence) -> bool:
    return evidence is not None and evidence.removed_at is not None


@rules.predicate
def is_published_evidence(user, evidence) -> bool:
    """The evidence is in its measure's current published record, which is not withdrawn."""
    return (
        evidence is not None
        and Measure.objects.filter(
            pk=evidence.measure_id, published__withdrawn=False, published__evidence=evidence
        ).exists()
    )


@rules.predicate
def is_in_closed_cycle(user, entry) -> bool:
    cycle = getattr(entry, "cycle", None)
    return cycle is not None and cycle.closed_at is not None


# The states each step of the review workflow starts from (tracker/services/workflow.py).
SUBMITTABLE_STATES = (WorkflowState.DRAFT, WorkflowState.RETURNED)
REVIEWABLE_STATES = (WorkflowState.SUBMITTED,)


@rules.predicate
def is_submittable(user, entry) -> bool:
    return entry is not None and entry.workflow_state in SUBMITTABLE_STATES


@rules.predicate
def is_reviewable(user, entry) -> bool:
    return entry is not None and entry.workflow_state in REVIEWABLE_STATES


can_view_entry = is_coordinator | (is_desk_officer & is_own_organisation) | is_approved
can_edit_entry = is_desk_officer & is_own_organisation & ~is_archived & ~is_in_closed_cycle
# While a withdrawal waits for review the entry is not changed: it is resubmitted when returned,
# or its withdrawal is cancelled.
can_change_entry = can_edit_entry & ~is_withdrawal_pending


@rules.predicate
def can_change_its_measure(user, evidence) -> bool:
    return evidence is not None and can_change_entry(user, evidence.measure)


can_review_entry = is_coordinator & ~is_in_closed_cycle
# The history names the people who made each change: for the ministry and the coordinators.
can_view_history = is_coordinator | (is_desk_officer & is_own_organisation)
# Who reads an entry's working copy (its drafts, its changes under review, their review) rather
# than its published record: the ministry that writes it and the coordinators who review it.
# Everyone else reads what a coordinator approved (ADR 0014, tracker/selectors/readings.py).
reads_working_copy = is_coordinator | (is_desk_officer & is_own_organisation)

for model in ("measure", "pledge", "progressupdate", "indicatordataset"):
    rules.add_perm(f"tracker.view_{model}", can_view_entry)
    rules.add_perm(f"tracker.add_{model}", is_desk_officer)
    rules.add_perm(f"tracker.change_{model}", can_change_entry)
    # submit_ and review_: who may take the step at all, whatever the entry's state (the
    # services ask these, then refuse a wrong state with a sentence saying why); submit_now_
    # and review_now_: whether the step can be taken on the entry as it is (the pages ask
    # these before offering the buttons).
    rules.add_perm(f"tracker.submit_{model}", can_edit_entry)
    rules.add_perm(f"tracker.submit_now_{model}", can_edit_entry & is_submittable)
    rules.add_perm(f"tracker.review_{model}", can_review_entry)
    rules.add_perm(f"tracker.review_now_{model}", can_review_entry & is_reviewable)
    rules.add_perm(f"tracker.view_history_{model}", can_view_history)
    rules.add_perm(f"tracker.read_working_copy_{model}", reads_working_copy)
for model in ("measure", "pledge"):
    rules.add_perm(f"tracker.withdraw_{model}", can_change_entry)
    rules.add_perm(f"tracker.cancel_withdrawal_{model}", can_edit_entry & is_withdrawal_pending)
    # A withdrawn entry is brought back by its organisation's officers, as a draft.
    rules.add_perm(f"tracker.restore_{model}", is_desk_officer & is_own_organisation & is_archived)
rules.add_perm("tracker.add_evidence", can_change_entry)
rules.add_perm("tracker.remove_evidence", can_change_its_measure & ~is_removed)
# Evidence not yet published (not public, not yet approved, or removed since) is for the
# measure's organisation and the coordinators; everyone else gets only the evidence of the
# measure's current published record.
can_view_unpublished_evidence = is_coordinator | (is_desk_officer & is_own_organisation)
rules.add_perm("tracker.view_unpublished_evidence", can_view_unpublished_evidence)
rules.add_perm("tracker.download_evidence", can_view_unpublished_evidence | is_published_evidence)
# Officers import their organisation's measures, pledges and progress updates from a sheet;
# each row is then created by the service that asks the row's own permission.
for model in ("measures", "pledges", "progressupdates"):
    rules.add_perm(f"tracker.import_{model}", is_desk_officer)


@rules.predicate
def is_indicator_source(user, indicator) -> bool:
    """The user's organisation records the indicator's values (its source organisation)."""
    return indicator is not None and user.organisation_id == indicator.source_organisation_id


# Indicators (docs/architecture/decisions/0024-indicator-data.md): administrators and
# coordinators manage them and their disaggregations; everyone reads them. Their values are
# recorded by the desk officers of the organisation recording the indicator (a dataset's
# organisation, for one already begun), reviewed by coordinators as any entry.
can_manage_indicators = is_coordinator | is_administrator
for model in ("indicator", "dimension", "category"):
    rules.add_perm(f"tracker.view_{model}", rules.always_allow)
    rules.add_perm(f"tracker.add_{model}", can_manage_indicators)
    rules.add_perm(f"tracker.change_{model}", can_manage_indicators)
rules.add_perm("tracker.delete_category", can_manage_indicators)
rules.add_perm("tracker.record_indicator", is_desk_officer & is_indicator_source)
rules.add_perm("tracker.import_indicator_values", is_desk_officer)
# A desk officer's list of entries is their organisation's ("My entries"); everyone else's
# is every entry they may read ("Entries").
rules.add_perm("tracker.list_own_entries", is_desk_officer)
rules.add_perm("tracker.view_review_queue", is_coordinator)
rules.add_perm("tracker.manage_cycles", is_coordinator)
# Suggested objectives and actions for a measure's text: on the pages for those who write and
# review measures; through the API for everyone who logs in (it reads only the Compact).
rules.add_perm("tracker.suggest_objectives", is_desk_officer | is_coordinator)
rules.add_perm("tracker.suggest_objectives_api", rules.is_authenticated)


@rules.predicate
def is_self(user, other) -> bool:
    return other is not None and user.is_authenticated and user.pk == other.pk


# Everyone who logs in chooses her own preferred language on her account page (the
# administrator sets anyone's in the admin).
rules.add_perm("tracker.change_preferences_user", is_self)

# The administrator manages organisations and users in the admin; nobody deletes entries.
for model in ("organisation", "user"):
    for action in ("view", "add", "change"):
        rules.add_perm(f"tracker.{action}_{model}", is_administrator)
# In the admin the administrator also reads the API tokens and deletes one to revoke it (never
# adds one: that would be logging in as someone else), and reads the login records (django-axes)
# and deletes an account's attempts to unlock it. Nobody changes either.
rules.add_perm("authtoken.view_tokenproxy", is_administrator)
rules.add_perm("authtoken.delete_tokenproxy", is_administrator)
rules.add_perm("axes.view_accessattempt", is_administrator)
rules.add_perm("axes.delete_accessattempt", is_administrator)
rules.add_perm("axes.view_accesslog", is_administrator)
rules.add_perm("axes.view_accessfailurelog", is_administrator)
# The admin's index lists an application's pages only to whom the application is open.
for app_label in ("tracker", "authtoken", "axes"):
    rules.add_perm(app_label, is_administrator)
# Everyone who logs in works to the cycles' deadlines.
rules.add_perm("tracker.view_reviewcycle", rules.is_authenticated)
rules.add_perm("tracker.add_reviewcycle", is_coordinator)
rules.add_perm("tracker.change_reviewcycle", is_coordinator)
rules.add_perm("tracker.reopen_reviewcycle", is_coordinator)


def require(user, permission: str, obj=None) -> None:
    """Raise PermissionDenied unless `user` has `permission` (on `obj`)."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied(f"{user} may not {permission.split('.', 1)[1]}")
