"""Measures: create, edit, withdraw, restore, add and remove evidence. Review steps: workflow.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from tracker.models import Evidence, Measure, Stakeholder, TargetGroup
from tracker.rules import require
from tracker.services.pact import pact_items_checked
from tracker.services.workflow import (
    after_edit,
    entry_lock,
    entry_restore,
    entry_save,
    entry_withdraw,
)

MEASURE_MANY_FIELDS = (
    "partner_organisations",
    "objectives",
    "actions",
    "guiding_principles",
    "pledges",
    "pact_items",
)
MEASURE_FIELDS = (
    "title",
    "description",
    "language",
    "title_en",
    "description_en",
    "lead_organisation",
    "kind",
    "status",
    "start_date",
    "end_date",
    "budget_amount",
    "budget_currency",
    "target_groups",
    "stakeholders",
    *MEASURE_MANY_FIELDS,
)


def _check_many(data: dict) -> dict[str, list]:
    """The measure's many-to-many values, checked against each other."""
    errors = {}
    pact_items = pact_items_checked(data.get("pact_items"), errors)
    objectives = list(data.get("objectives") or [])
    if not objectives:
        errors["objectives"] = [_("Choose at least one objective.")]
    chosen = {objective.pk for objective in objectives}
    stray = [action for action in data.get("actions") or [] if action.objective_id not in chosen]
    if stray:
        errors["actions"] = _stray_actions(stray)
    lead = data.get("lead_organisation")
    if lead is not None and lead in (data.get("partner_organisations") or []):
        errors["partner_organisations"] = [
            _("The lead organisation cannot also be a partner organisation.")
        ]
    for field, choices in (("target_groups", TargetGroup), ("stakeholders", Stakeholder)):
        unknown = [value for value in data.get(field) or [] if value not in choices.values]
        if unknown:
            errors[field] = [
                _("Unknown values for “%(field)s”: %(values)s. Choose from: %(choices)s.")
                % {
                    "field": Measure._meta.get_field(field).verbose_name,
                    "values": ", ".join(map(str, unknown)),
                    "choices": ", ".join(choices.values),
                }
            ]
    if errors:
        raise ValidationError(errors)
    return {
        **{name: list(data.get(name) or []) for name in MEASURE_MANY_FIELDS},
        "pact_items": pact_items,
    }


def _stray_actions(actions: list) -> list[str]:
    """One sentence per objective not chosen, naming its actions that were chosen."""
    by_objective: dict[int, list] = {}
    for action in actions:
        by_objective.setdefault(action.objective.number, []).append(action)
    return [
        ngettext(
            "Action %(actions)s belongs to objective %(objective)s, which is not chosen: "
            "choose the objective too, or clear the action.",
            "Actions %(actions)s belong to objective %(objective)s, which is not chosen: "
            "choose the objective too, or clear the actions.",
            len(items),
        )
        % {
            "actions": ", ".join(f"{number}{item.letter}" for item in items),
            "objective": number,
        }
        for number, items in sorted(by_objective.items())
    ]


def _check_lead(actor, data: dict) -> None:
    lead = data.get("lead_organisation")
    if lead is not None and lead.pk != actor.organisation_id:
        raise ValidationError(
            {
                "lead_organisation": [
                    _("You can record measures only for your own organisation (%(code)s).")
                    % {"code": actor.organisation.code if actor.organisation else "-"}
                ]
            }
        )


def measure_create(*, actor, data: dict) -> Measure:
    """A new draft measure of the actor's organisation. `data` holds MEASURE_FIELDS; many-to-
    many fields are lists of instances."""
    require(actor, "tracker.add_measure")
    data = {"lead_organisation": actor.organisation, **data}
    _check_lead(actor, data)
    unknown = set(data) - set(MEASURE_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Not a field of a measure.")] for name in unknown})
    many = _check_many(data)
    scalars = {name: value for name, value in data.items() if name not in MEASURE_MANY_FIELDS}
    measure = Measure(**scalars, created_by=actor)
    with transaction.atomic():
        entry_save(measure, actor=actor, reason=gettext_noop("Created"), many=many)
    return measure


def measure_update(*, actor, measure: Measure, expected_version: int, data: dict) -> Measure:
    """Change some of a measure's fields; refused if the measure is no longer at
    `expected_version`. An approved measure goes back to review."""
    require(actor, "tracker.change_measure", measure)
    unknown = set(data) - set(MEASURE_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Not a field of a measure.")] for name in unknown})
    _check_lead(actor, data)
    with transaction.atomic():
        locked = entry_lock(measure, expected_version)
        current = {name: list(getattr(locked, name).all()) for name in MEASURE_MANY_FIELDS}
        current["lead_organisation"] = locked.lead_organisation
        many = _check_many({**current, **data})
        for name, value in data.items():
            if name not in MEASURE_MANY_FIELDS:
                setattr(locked, name, value)
        after_edit(locked)
        entry_save(locked, actor=actor, reason=gettext_noop("Edited"), many=many)
    return locked


def measure_withdraw(*, actor, measure: Measure, expected_version: int | None = None) -> Measure:
    """Withdraw a measure: a draft never published is archived at once; a published one leaves
    public view when a coordinator approves its withdrawal. Nothing is deleted."""
    return entry_withdraw(actor=actor, entry=measure, expected_version=expected_version)


def measure_restore(*, actor, measure: Measure, expected_version: int | None = None) -> Measure:
    """Bring back a withdrawn measure as a draft; the public sees it again only once a
    coordinator approves it (tracker/services/workflow.py, entry_restore)."""
    return entry_restore(actor=actor, entry=measure, expected_version=expected_version)


def evidence_add(
    *,
    actor,
    measure: Measure,
    title: str,
    url: str = "",
    file=None,
    update=None,
    public: bool = False,
) -> Evidence:
    """Attach a link or a file to a measure (and optionally to one of its updates): an edit of
    the measure, so an approved measure goes back to review, and the evidence reaches the
    public (if marked `public`) only when a coordinator approves it."""
    require(actor, "tracker.add_evidence", measure)
    if update is not None and update.measure_id != measure.pk:
        raise ValidationError({"update": [_("This update belongs to another measure.")]})
    with transaction.atomic():
        locked = entry_lock(measure, None)
        evidence = Evidence(
            measure=locked,
            update=update,
            title=title,
            url=url,
            file=file or "",
            public=public,
            added_by=actor,
            content_type=getattr(file, "content_type", "") or "",
            size=file.size if file else None,
        )
        entry_save(evidence, actor=actor, reason=gettext_noop("Evidence added"))
        after_edit(locked)
        entry_save(locked, actor=actor, reason=gettext_noop("Evidence added"))
    return evidence


def evidence_remove(*, actor, evidence: Evidence) -> Evidence:
    """Remove evidence from a measure's working copy: an edit of the measure, as adding is.
    Nothing is deleted: the published records that list it keep it, and the public keeps
    seeing it until a coordinator approves the measure without it."""
    require(actor, "tracker.remove_evidence", evidence)
    with transaction.atomic():
        measure = entry_lock(evidence.measure, None)
        locked = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if locked.removed_at is not None:
            raise ValidationError(_("This evidence was already removed."))
        locked.removed_at = timezone.now()
        # Not entry_save: the file was checked when it was added and is not read again.
        locked._history_user = actor
        locked._change_reason = gettext_noop("Evidence removed")
        locked.save(update_fields=["removed_at"])
        after_edit(measure)
        entry_save(measure, actor=actor, reason=gettext_noop("Evidence removed"))
    return locked
