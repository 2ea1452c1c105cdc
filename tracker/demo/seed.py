"""Seeding the demo: idempotent, through the services (measure_create, entry_submit,
entry_return, ...), so that every entry has a realistic history. Organisations, users, cycles,
pledges and measures are matched by natural key (code, username, slug, text, title), and what
exists already is left alone."""

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from compact.models import Action, GuidingPrinciple, Objective
from tracker.demo.data import CycleData, Person, demo_data
from tracker.demo.indicators import seed_indicators
from tracker.demo.plan import EMPTY_OBJECTIVES, MeasurePlan, plan_measures
from tracker.models import (
    Measure,
    Organisation,
    Pledge,
    ProgressUpdate,
    ReviewCycle,
    Role,
    User,
    WorkflowState,
)
from tracker.rules import is_administrator
from tracker.services.cycles import cycle_close, cycle_create
from tracker.services.measures import measure_create, measure_update
from tracker.services.pledges import pledge_create
from tracker.services.updates import progress_update_create
from tracker.services.workflow import entry_approve, entry_return, entry_submit

# The demo's logins are public: they are printed and documented.
DEFAULT_PASSWORD = "demo"  # noqa: S105  # nosec B105


@dataclass
class SeedReport:
    password: str
    created: dict[str, int] = field(default_factory=dict)
    # username, role, organisation code
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    empty_objectives: tuple[int, ...] = EMPTY_OBJECTIVES
    missing_translations: int = 0

    def count(self, what: str) -> None:
        self.created[what] = self.created.get(what, 0) + 1


@dataclass
class _Context:
    """What the seeding steps share: the people who act, and the rows found or made."""

    report: SeedReport
    organisations: dict[str, Organisation]
    officers: dict[str, User]
    coordinator: User
    objectives: dict[int, Objective]
    actions: dict[str, Action]
    principles: dict[str, GuidingPrinciple]
    pledges: list[Pledge] = field(default_factory=list)
    measures: dict[str, Measure] = field(default_factory=dict)


def seed_demo(*, password: str = DEFAULT_PASSWORD) -> SeedReport:
    """Bring the demo government into the database; what exists already is left as it is.
    Needs the Compact loaded (python manage.py loadcompact)."""
    data = demo_data()
    report = SeedReport(password=password)
    plans = plan_measures()
    report.missing_translations = sum(1 for plan in plans if not plan.title_en)
    with transaction.atomic():
        organisations = _seed_organisations(report)
        users = _seed_users(organisations, password, report)
        context = _Context(
            report=report,
            organisations=organisations,
            officers={code: users[f"officer-{code.lower()}"] for code in organisations},
            coordinator=users["coordinator"],
            objectives={objective.number: objective for objective in Objective.objects.all()},
            actions={
                f"{action.objective.number}{action.letter}": action
                for action in Action.objects.select_related("objective")
            },
            principles={principle.code: principle for principle in GuidingPrinciple.objects.all()},
        )
        _seed_pledges(context)
        for plan in plans:
            _seed_measure(context, plan)
        tz = timezone.get_default_timezone()
        imrf_deadline = datetime.datetime(2022, 2, 28, 16, tzinfo=tz)
        imrf = _seed_cycle(context, data.imrf_cycle, imrf_deadline)
        # The open round's deadline lies ahead whenever the demo is seeded.
        today = timezone.localdate()
        deadline = datetime.datetime.combine(today, datetime.time(16), tzinfo=tz)
        national_deadline = deadline + datetime.timedelta(days=60)
        national = _seed_cycle(context, data.national_cycle, national_deadline)
        if not imrf.is_closed:
            for plan in plans:
                _seed_update(context, plan, plan.imrf_update, imrf)
            cycle_close(actor=context.coordinator, cycle=imrf)
        for plan in plans:
            _seed_update(context, plan, plan.national_update, national)
        seed_indicators(
            coordinator=context.coordinator,
            officer=context.officers["STAT"],
            organisations=organisations,
            report=report,
        )
    return report


def _seed_organisations(report: SeedReport) -> dict[str, Organisation]:
    organisations = {}
    for row in demo_data().organisations:
        organisation = Organisation.objects.filter(code=row.code).first()
        if organisation is None:
            organisation = Organisation(
                code=row.code,
                kind=row.kind,
                parent=organisations.get(row.parent),
                name_en=row.name_en,
                name_sv=row.name_sv,
                name_nb=row.name_nb,
                name_da=row.name_da,
            )
            organisation.full_clean()
            organisation.save()
            report.count("organisations")
        organisations[row.code] = organisation
    return organisations


def _people() -> list[Person]:
    """The people of the demo, then a desk officer per organisation."""
    data = demo_data()
    return [
        *data.people,
        *(
            Person(
                username=f"officer-{row.code.lower()}",
                role=Role.DESK_OFFICER,
                organisation=row.code,
                first_name=row.desk_officer.first_name,
                last_name=row.desk_officer.last_name,
            )
            for row in data.organisations
        ),
    ]


def _seed_users(organisations, password: str, report: SeedReport) -> dict[str, User]:
    people = _people()
    usernames = [person.username for person in people]
    existing = {user.username: user for user in User.objects.filter(username__in=usernames)}
    # One hash for all: hashing is deliberately slow, and these are throwaway demo logins.
    hashed = make_password(password)
    users = {}
    for person in people:
        user = existing.get(person.username)
        if user is None:
            user = User(
                username=person.username,
                password=hashed,
                role=person.role,
                organisation=organisations.get(person.organisation),
                first_name=person.first_name,
                last_name=person.last_name,
            )
            # The administrators manage organisations and users in the admin (tracker/rules.py).
            user.is_staff = is_administrator(user)
            user.save()
            report.count("users")
        users[person.username] = user
        report.logins.append((person.username, str(person.role.label), person.organisation or ""))
    # The demo logins share one hash, so this checks (slowly) about once, not per user.
    hashes = {user.password for user in existing.values()}
    stale = [encoded for encoded in hashes if not check_password(password, encoded)]
    if stale:
        # A second run with another --password: the demo logins take the new one.
        User.objects.filter(username__in=usernames, password__in=stale).update(password=hashed)
    return users


def _seed_pledges(context: _Context) -> None:
    pledges = demo_data().pledges
    existing = {pledge.text: pledge for pledge in Pledge.objects.filter(occasion=pledges.occasion)}
    for row in pledges.pledges:
        pledge = existing.get(row.text)
        if pledge is None:
            pledge = pledge_create(
                actor=context.officers[row.organisation],
                data={
                    "text": row.text,
                    "language": "sv",
                    "text_en": row.text_en,
                    "pledge_type": row.pledge_type,
                    "made_on": pledges.made_on,
                    "occasion": pledges.occasion,
                    "network_reference": row.network_reference,
                    "status": row.status,
                    "status_narrative": row.status_narrative,
                    "objectives": [context.objectives[number] for number in row.objectives],
                    "co_pledging_organisations": [
                        context.organisations[partner] for partner in row.co_pledging_organisations
                    ],
                },
            )
            if row.status_updated_on:
                # Nobody has updated these since: the status date shows how old the news is.
                Pledge.objects.filter(pk=pledge.pk).update(status_updated_on=row.status_updated_on)
            _review(context, pledge, row.workflow, pledges.return_comment, row.organisation)
            context.report.count("pledges")
        context.pledges.append(pledge)


def _review(context: _Context, entry, workflow: str, comment: str, code: str):
    """Take a new entry along its planned path through the workflow."""
    if workflow == WorkflowState.DRAFT:
        return entry
    entry = entry_submit(actor=context.officers[code], entry=entry)
    if workflow == WorkflowState.RETURNED:
        return entry_return(actor=context.coordinator, entry=entry, comment=comment)
    if workflow == WorkflowState.APPROVED:
        return entry_approve(actor=context.coordinator, entry=entry)
    return entry


def _seed_measure(context: _Context, plan: MeasurePlan) -> None:
    measure = Measure.objects.filter(title=plan.title).first()
    if measure is not None:
        context.measures[plan.title] = measure
        return
    officer = context.officers[plan.organisation]
    data = {
        "title": plan.title,
        "title_en": plan.title_en,
        "description": plan.description,
        "description_en": plan.description_en,
        "language": "sv",
        "kind": plan.kind,
        "status": plan.status,
        "start_date": plan.start_date,
        "end_date": plan.end_date,
        "budget_amount": plan.budget_amount,
        "budget_currency": "SEK" if plan.budget_amount is not None else "",
        "target_groups": list(plan.target_groups),
        "stakeholders": list(plan.stakeholders),
        "objectives": [context.objectives[number] for number in plan.objectives],
        "actions": [context.actions[code] for code in plan.actions],
        "guiding_principles": [context.principles[code] for code in plan.principles],
        "partner_organisations": [context.organisations[code] for code in plan.partners],
        "pledges": [context.pledges[plan.pledge]] if plan.pledge is not None else [],
    }
    if plan.workflow == "approved_after_return":
        # Submitted without its English texts, returned for them, completed and approved.
        english = {"title_en": data.pop("title_en"), "description_en": data.pop("description_en")}
        measure = measure_create(actor=officer, data=data)
        comment = demo_data().texts.translation_comment
        measure = _review(context, measure, WorkflowState.RETURNED, comment, plan.organisation)
        measure = measure_update(
            actor=officer, measure=measure, expected_version=measure.version, data=english
        )
        measure = _review(context, measure, WorkflowState.APPROVED, "", plan.organisation)
    else:
        measure = measure_create(actor=officer, data=data)
        measure = _review(context, measure, plan.workflow, plan.comment, plan.organisation)
    context.measures[plan.title] = measure
    context.report.count("measures")


def _seed_cycle(context: _Context, cycle_data: CycleData, deadline) -> ReviewCycle:
    cycle = ReviewCycle.objects.filter(slug=cycle_data.slug).first()
    if cycle is None:
        values = dataclasses.asdict(cycle_data)
        cycle = cycle_create(actor=context.coordinator, deadline=deadline, **values)
        context.report.count("review cycles")
    return cycle


def _seed_update(context: _Context, plan: MeasurePlan, update, cycle: ReviewCycle) -> None:
    if update is None:
        return
    measure = context.measures[plan.title]
    if ProgressUpdate.objects.filter(measure=measure, cycle=cycle).exists():
        return
    data = {
        name: getattr(update, name)
        for name in (
            "status",
            "narrative",
            "results",
            "challenges",
            "narrative_en",
            "results_en",
            "challenges_en",
        )
    }
    created = progress_update_create(
        actor=context.officers[plan.organisation], measure=measure, cycle=cycle, data=data
    )
    comment = demo_data().texts.update_return_comment
    _review(context, created, update.workflow, comment, plan.organisation)
    context.report.count("progress updates")
