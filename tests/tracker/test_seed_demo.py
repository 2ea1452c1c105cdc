import hashlib
import io
import os
import re
import subprocess
import sys
from collections import Counter

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import RequestFactory, override_settings

from compact.models import Action, Objective
from compact.services import compact_load_file
from tracker.demo import EMPTY_OBJECTIVES, plan_measures
from tracker.models import (
    Indicator,
    Measure,
    Organisation,
    Pledge,
    ProgressUpdate,
    PublishedIndicatorValue,
    ReviewCycle,
    Role,
    User,
    WorkflowState,
)

pytestmark = pytest.mark.django_db

PLAN_DIGEST = "import hashlib; from tracker.demo import plan_measures; " + (
    "print(hashlib.sha256(repr(plan_measures()).encode()).hexdigest())"
)


def seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Organisation, User, Measure, Pledge, ReviewCycle, ProgressUpdate)
    } | {"history": Measure.history.count()}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for this module (seeding takes seconds) in a transaction that is
    rolled back after its last test; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        if not Objective.objects.exists():
            compact_load_file(path=django_settings.COMPACT_FIXTURE)
        with override_settings(DEBUG=True):
            output = seed()
        yield output
        transaction.set_rollback(True)


def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    before = counts()

    with pytest.raises(CommandError, match="refuses to run with DEBUG off"):
        seed()

    assert counts() == before


def test_it_asks_for_the_compact_first(settings):
    settings.DEBUG = True
    Action.objects.all().delete()
    Objective.objects.all().delete()

    with pytest.raises(CommandError, match="Load the Compact first"):
        seed()


def test_it_seeds_a_whole_government_once_however_often_it_runs(settings, demo):
    settings.DEBUG = True
    after_first = counts()

    second_output = seed()

    assert counts() == after_first
    assert "nothing new was created" in second_output
    assert after_first["Organisation"] == 12
    assert after_first["User"] == 15
    assert 140 <= after_first["Measure"] <= 160
    assert after_first["Pledge"] == 15
    assert after_first["ReviewCycle"] == 2
    assert after_first["ProgressUpdate"] >= 100
    assert "12 organisations, 15 users, 15 pledges, 150 measures, 2 review cycles" in demo
    assert "Objectives deliberately left without measures: 8, 20, 22." in demo


@pytest.mark.parametrize(
    "model", [Measure, Pledge, ProgressUpdate], ids=["measures", "pledges", "updates"]
)
def test_every_workflow_state_is_present(demo, model):

    states = Counter(model.objects.values_list("workflow_state", flat=True))

    assert set(states) == set(WorkflowState.values)
    returned = model.objects.filter(workflow_state=WorkflowState.RETURNED)
    assert all(entry.review_comment for entry in returned)


def test_the_demo_is_what_the_plan_says_and_the_plan_never_changes(demo):
    plans = plan_measures()

    measures = {m.title: m for m in Measure.objects.prefetch_related("objectives")}

    assert plans == plan_measures()
    assert set(measures) == {plan.title for plan in plans}
    for plan in plans:
        measure = measures[plan.title]
        expected_state = "approved" if plan.workflow == "approved_after_return" else plan.workflow
        assert measure.workflow_state == expected_state
        assert measure.lead_organisation.code == plan.organisation
        assert tuple(o.number for o in measure.objectives.all()) == tuple(sorted(plan.objectives))
        assert (measure.kind, measure.status, measure.start_date, measure.budget_amount) == (
            plan.kind,
            plan.status,
            plan.start_date,
            plan.budget_amount,
        )
    # Another process, with other string hashing, plans the same.
    digest = hashlib.sha256(repr(plans).encode()).hexdigest()
    other = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PLAN_DIGEST}"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(django_settings.BASE_DIR)},
    )
    assert other.stdout.strip() == digest


def test_some_objectives_are_left_without_measures_and_translations_are_missing(demo):

    empty = Objective.objects.filter(measures__isnull=True).values_list("number", flat=True)

    assert sorted(empty) == list(EMPTY_OBJECTIVES)
    missing = Measure.objects.filter(title_en="").count()
    assert missing > 5
    assert f"Measures without an English translation (for the report's check): {missing}." in (demo)
    assert Measure.objects.exclude(title_en="").count() > 100


def test_the_demo_has_the_logins_the_issue_promises(settings, demo):
    settings.DEBUG = True

    output = seed(password="s3cret-demo")

    admin = User.objects.get(username="admin")
    assert (admin.role, admin.is_staff, admin.is_superuser) == (Role.ADMINISTRATOR, True, False)
    coordinator = User.objects.get(username="coordinator")
    assert coordinator.role == Role.COORDINATOR
    assert coordinator.organisation.code == "MOJ"
    assert User.objects.get(username="committee").role == Role.COMMITTEE_READER
    for organisation in Organisation.objects.all():
        officer = User.objects.get(username=f"officer-{organisation.code.lower()}")
        assert (officer.role, officer.organisation) == (Role.DESK_OFFICER, organisation)
        code = organisation.code
        assert re.search(rf"officer-{code.lower()} +Desk officer +{code}\n", demo)
    # A login has a request: django-axes counts the attempts by it.
    login = RequestFactory().post("/accounts/login/")
    assert authenticate(login, username="officer-mig", password="s3cret-demo") is not None
    assert "Password: s3cret-demo" in output
    assert authenticate(login, username="coordinator", password="demo") is None


def test_pledges_and_cycles_look_like_a_real_follow_up(demo):

    imrf = ReviewCycle.objects.get(slug="imrf-2022")
    national = ReviewCycle.objects.get(slug="national-2025-2026")

    assert imrf.is_closed
    assert not national.is_closed
    assert not national.is_past_deadline
    assert imrf.updates.count() > 10
    assert set(imrf.updates.values_list("workflow_state", flat=True)) == {"approved"}
    assert national.updates.count() > imrf.updates.count()
    assert set(Pledge.objects.values_list("occasion", flat=True)) == {"IMRF 2022"}
    assert Pledge.objects.filter(status_updated_on__year__lte=2023).count() >= 3
    assert len(set(Pledge.objects.values_list("status", flat=True))) == 4
    assert Measure.objects.filter(pledges__isnull=False).count() >= 10
    assert (
        Measure.objects.get(
            title="Skärpt lagstiftning mot människohandel och människoexploatering"
        ).history.count()
        >= 1
    )


def test_the_demo_has_indicators_marked_as_demonstration_with_values_by_sex(db, demo):
    indicators = Indicator.objects.all()
    assert indicators.count() >= 4
    assert all(indicator.is_demonstration for indicator in indicators)
    assert all("demonstration" in indicator.name for indicator in indicators)
    assert all(indicator.objectives.exists() for indicator in indicators)
    by_sex = PublishedIndicatorValue.objects.filter(indicator__code="DEMO-5.1", dimensions="sex")
    assert {value.key for value in by_sex} == {"sex=female", "sex=male"}
    assert len({value.period for value in by_sex}) >= 5
