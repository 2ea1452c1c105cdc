"""Who may work on the review report: the national coordinators only. Loaded by django-rules'
autodiscovery beside tracker/rules.py, which holds the predicates."""

import rules

from tracker.rules import is_coordinator

rules.add_perm("reports.write_narrative", is_coordinator)
rules.add_perm("reports.generate_report", is_coordinator)
rules.add_perm("reports.view_reportrun", is_coordinator)
