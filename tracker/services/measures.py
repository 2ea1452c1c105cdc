"""Measures: create, edit, withdraw, attach evidence. Review transitions are in workflow.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tracker.models import Evidence, Measure, Stakeholder, TargetGroup
from tracker.rules import require
from tracker.services.workflow import after_edit, entry_lock, entry_save

MEASURE_MANY_FIELDS = (
    "partner_organisations",
    "objectives",
    "actions",
    "guiding_principles",
    "pledges",
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
    objectives = list(data.get("objectives") or [])
    if not objectives:
        errors["objectives"] = [_("Choose at least one objective.")]
    chosen = {objective.pk for objective in objectives}
    stray = [
        f"{action.objective.number}{action.letter}"
        for action in data.get("actions") or []
        if action.objective_id not in chosen
    ]
    if stray:
        errors["actions"] = [
            _("%(actions)s do not belong to the chosen objectives; choose their objectives too.")
            % {"actions": ", ".join(stray)}
        ]
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
    return {name: list(data.get(name) or []) for name in MEASURE_MANY_FIELDS}


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
    """Archive a measure: it leaves the lists but nothing is deleted."""
    require(actor, "tracker.withdraw_measure", measure)
    with transaction.atomic():
        locked = entry_lock(measure, expected_version)
        locked.archived_at = timezone.now()
        entry_save(locked, actor=actor, reason=gettext_noop("Withdrawn"))
    return locked


def evidence_add(
    *, actor, measure: Measure, title: str, url: str = "", file=None, update=None
) -> Evidence:
    """Attach a link or a file to a measure (and optionally to one of its updates)."""
    require(actor, "tracker.add_evidence", measure)
    if update is not None and update.measure_id != measure.pk:
        raise ValidationError({"update": [_("This update belongs to another measure.")]})
    evidence = Evidence(
        measure=measure,
        update=update,
        title=title,
        url=url,
        file=file or "",
        added_by=actor,
        content_type=getattr(file, "content_type", "") or "",
        size=file.size if file else None,
    )
    with transaction.atomic():
        entry_save(evidence, actor=actor, reason=gettext_noop("Evidence added"))
    return evidence
