"""The demo government of `python manage.py seed_demo`: a Nordic-style state with a dozen
ministries and agencies, their people, measures, pledges and two review cycles.

The texts and facts live in fixtures/demo/*.json (read by data.py). The measures are planned
first, from a fixed random seed (plan.py), and then brought into the database through the
services (seed.py). Planning is pure: the same plan every run. Seeding is idempotent.
"""

from tracker.demo.plan import EMPTY_OBJECTIVES, MeasurePlan, UpdatePlan, plan_measures
from tracker.demo.seed import DEFAULT_PASSWORD, SeedReport, seed_demo

__all__ = [
    "DEFAULT_PASSWORD",
    "EMPTY_OBJECTIVES",
    "MeasurePlan",
    "SeedReport",
    "UpdatePlan",
    "plan_measures",
    "seed_demo",
]
