"""Read paths of the tracker, scoped and N+1-free.

- entries.py: what a user may read of measures, pledges and progress updates
  (tracker/rules.py decides who may see what);
- review.py: the coordinators' review queue; changes.py: what changed in an entry since its
  published version; history.py: an entry's history as people read it;
- cycles.py: what a review cycle contains (its measures and pledges, what is public, which are
  stale), the one meaning that data entry, the dashboards, the reminders and the report share;
- readings.py: whether a reader reads an entry's working copy or its published record, and
  the published records as the API lists them;
- reminders.py: who is reminded of which missing progress updates;
- indicators.py: indicators, their datasets and values as the API and the officers read them.

The entry read paths are re-exported here, as `selectors.measure_get` and so on.
"""

from tracker.selectors.entries import (
    cycle_by_slug,
    cycle_current,
    cycle_list,
    measure_get,
    measure_list,
    organisation_list,
    pledge_get,
    pledge_list,
    progress_update_get,
    progress_update_list,
)
from tracker.selectors.review import review_queue

__all__ = [
    "cycle_by_slug",
    "cycle_current",
    "cycle_list",
    "measure_get",
    "measure_list",
    "organisation_list",
    "pledge_get",
    "pledge_list",
    "progress_update_get",
    "progress_update_list",
    "review_queue",
]
