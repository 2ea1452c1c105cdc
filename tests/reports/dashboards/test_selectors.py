"""The dashboards' figures for the known dataset (see conftest.py), straight from the
aggregations: what the pages show is tested in test_pages.py."""

import pytest

from compact.models import Objective
from reports.dashboards import figures as selectors
from tests.factories import republish
from tracker.models import MeasureStatus, ProgressUpdate
from tracker.selectors import cycles

pytestmark = pytest.mark.usefixtures("compact")


def test_the_measures_of_a_cycle_are_those_active_in_it_or_updated_for_it(dataset):
    m, c = dataset.measures, dataset.cycles

    def ids(cycle):
        return set(cycles.measures_of_cycle(cycle).values_list("entry_id", flat=True))

    assert ids(c.new) == {m.m1.pk, m.m2.pk, m.m4.pk}
    assert ids(c.old) == {m.m1.pk, m.m3.pk, m.m4.pk, m.m5.pk}
    assert ids(None) == {m.m1.pk, m.m2.pk, m.m3.pk, m.m4.pk, m.m5.pk}


def test_the_figures_of_each_cycle_count_approved_entries_only(dataset):
    c = dataset.cycles
    figures = selectors.figures_by_cycle(cycles.cycles_latest_first())

    new, old = figures[c.new.pk], figures[c.old.pk]
    assert new.measures_by_status == {
        "planned": 1,
        "ongoing": 1,
        "completed": 1,
        "discontinued": 0,
    }
    assert (new.measures, new.organisations, new.stale_measures) == (3, 2, 1)
    assert old.measures_by_status == {
        "planned": 0,
        "ongoing": 2,
        "completed": 1,
        "discontinued": 1,
    }
    assert (old.measures, old.organisations, old.stale_measures) == (4, 3, 3)


def test_without_cycles_the_figures_count_every_approved_measure(organisations, compact):
    from tests.reports.factories import measure

    measure(organisations.moj, [5, 6])
    measure(organisations.mfa, [5], state="draft")

    figures = selectors.figures_by_cycle([])[None]
    coverage = selectors.coverage_by_cycle([])[None]

    assert (figures.measures, figures.organisations) == (1, 1)
    assert figures.measures_by_status["ongoing"] == 1
    assert sorted(coverage.values()) == [1, 1]


def test_pledges_of_a_cycle_are_those_made_by_its_end(dataset):
    c = dataset.cycles
    figures = selectors.pledge_figures(c.new, c.old)

    assert figures.by_status == {
        "not_started": 1,
        "in_progress": 1,
        "fulfilled": 1,
        "withdrawn": 0,
    }
    assert figures.previous_by_status == {
        "not_started": 1,
        "in_progress": 1,
        "fulfilled": 0,
        "withdrawn": 0,
    }
    assert (figures.total, figures.previous_total, figures.stale) == (3, 2, 1)


def test_coverage_counts_each_measure_once_per_objective(dataset):
    o, c = dataset.organisations, dataset.cycles
    numbers = dict(Objective.objects.values_list("pk", "number"))

    coverage = selectors.coverage_by_cycle([c.new, c.old])

    def by_number(cells):
        return {(numbers[objective], org): n for (objective, org), n in cells.items()}

    assert by_number(coverage[c.new.pk]) == {
        (2, o.moj.pk): 1,
        (5, o.moj.pk): 2,
        (5, o.mol.pk): 1,
        (8, o.mol.pk): 1,
    }
    assert by_number(coverage[c.old.pk]) == {
        (1, o.mfa.pk): 1,
        (2, o.moj.pk): 1,
        (5, o.moj.pk): 1,
        (5, o.mol.pk): 1,
        (8, o.mol.pk): 1,
        (23, o.mfa.pk): 1,
    }


def test_a_measure_whose_update_was_published_again_counts_once_with_the_latest_status(dataset):
    m, c = dataset.measures, dataset.cycles
    first = ProgressUpdate.objects.get(measure=m.m1, cycle=c.new)
    ProgressUpdate.objects.filter(pk=first.pk).update(status=MeasureStatus.DISCONTINUED)
    first.refresh_from_db()
    republish(first)

    statuses = list(
        cycles.measures_of_cycle(c.new)
        .filter(entry_id=m.m1.pk)
        .values_list("cycle_status", "cycle_update_status")
    )
    figures = selectors.figures_by_cycle(cycles.cycles_latest_first())[c.new.pk]

    assert statuses == [("discontinued", "discontinued")]
    assert figures.measures == 3
    assert figures.measures_by_status["discontinued"] == 1
    assert figures.measures_by_status["completed"] == 0
