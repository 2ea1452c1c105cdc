"""Pledges: create, edit (including their status narrative), withdraw, restore."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tracker.models import Pledge
from tracker.rules import require
from tracker.services.pact import pact_items_checked
from tracker.services.workflow import (
    after_edit,
    entry_lock,
    entry_restore,
    entry_save,
    entry_withdraw,
)

PLEDGE_MANY_FIELDS = ("co_pledging_organisations", "objectives", "pact_items")
PLEDGE_FIELDS = (
    "text",
    "language",
    "text_en",
    "lead_organisation",
    "pledge_type",
    "made_on",
    "occasion",
    "network_reference",
    "status",
    "status_narrative",
    "status_updated_on",
    *PLEDGE_MANY_FIELDS,
)


def _check(actor, data: dict) -> dict[str, list]:
    errors = {}
    unknown = set(data) - set(PLEDGE_FIELDS)
    for name in unknown:
        errors[name] = [_("Not a field of a pledge.")]
    pact_items = pact_items_checked(data.get("pact_items"), errors)
    lead = data.get("lead_organisation")
    if lead is not None and lead.pk != actor.organisation_id:
        errors["lead_organisation"] = [_("You can record pledges only for your own organisation.")]
    if not data.get("objectives"):
        errors["objectives"] = [_("Choose at least one objective.")]
    if lead is not None and lead in (data.get("co_pledging_organisations") or []):
        errors["co_pledging_organisations"] = [
            _("The lead organisation cannot also be a co-pledging organisation.")
        ]
    if errors:
        raise ValidationError(errors)
    return {
        **{name: list(data.get(name) or []) for name in PLEDGE_MANY_FIELDS},
        "pact_items": pact_items,
    }


def pledge_create(*, actor, data: dict) -> Pledge:
    require(actor, "tracker.add_pledge")
    data = {"lead_organisation": actor.organisation, **data}
    many = _check(actor, data)
    scalars = {name: value for name, value in data.items() if name not in PLEDGE_MANY_FIELDS}
    pledge = Pledge(**scalars, created_by=actor)
    if pledge.status_narrative and pledge.status_updated_on is None:
        pledge.status_updated_on = timezone.localdate()
    with transaction.atomic():
        entry_save(pledge, actor=actor, reason=gettext_noop("Created"), many=many)
    return pledge


def pledge_update(*, actor, pledge: Pledge, expected_version: int, data: dict) -> Pledge:
    """Change a pledge. A change of status or status narrative dates the narrative today
    unless a date is given, so that a pledge nobody has updated shows as such."""
    require(actor, "tracker.change_pledge", pledge)
    with transaction.atomic():
        locked = entry_lock(pledge, expected_version)
        current = {name: list(getattr(locked, name).all()) for name in PLEDGE_MANY_FIELDS}
        current["lead_organisation"] = locked.lead_organisation
        many = _check(actor, {**current, **data})
        status_changed = any(
            name in data and data[name] != getattr(locked, name)
            for name in ("status", "status_narrative")
        )
        for name, value in data.items():
            if name not in PLEDGE_MANY_FIELDS:
                setattr(locked, name, value)
        if status_changed and "status_updated_on" not in data:
            locked.status_updated_on = timezone.localdate()
        after_edit(locked)
        entry_save(locked, actor=actor, reason=gettext_noop("Edited"), many=many)
    return locked


def pledge_withdraw(*, actor, pledge: Pledge, expected_version: int | None = None) -> Pledge:
    """Withdraw a pledge: a draft never published is archived at once; a published one leaves
    public view when a coordinator approves its withdrawal. Nothing is deleted."""
    return entry_withdraw(actor=actor, entry=pledge, expected_version=expected_version)


def pledge_restore(*, actor, pledge: Pledge, expected_version: int | None = None) -> Pledge:
    """Bring back a withdrawn pledge as a draft; the public sees it again only once a
    coordinator approves it (tracker/services/workflow.py, entry_restore)."""
    return entry_restore(actor=actor, entry=pledge, expected_version=expected_version)
