"""The filters of the public list of indicators, read from the query string: the review cycle
(by slug), the round table and the objective (by number), as the lists of measures name them
(reports/dashboards/filters.py), an unknown value answered with a 400."""

import django_filters

from reports.dashboards.filters import cycle_filter, objective_filter, round_table_filter
from tracker.filtering import linked_to


class IndicatorFilter(django_filters.FilterSet):
    """Indicators informing an objective, or an objective of a round table; the cycle chooses
    which published values the list shows (tracker/selectors/indicator_series.py)."""

    cycle = cycle_filter()
    round_table = round_table_filter()
    objective = objective_filter()

    def filter_cycle(self, queryset, name, value):
        return queryset

    def filter_round_table(self, queryset, name, value):
        return linked_to(queryset, "objectives", round_table=value)

    def filter_objective(self, queryset, name, value):
        return linked_to(queryset, "objectives", pk=value.pk)
