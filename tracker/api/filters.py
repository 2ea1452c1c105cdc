"""Filters of the measure and pledge lists. Filters on many-to-many relations use subqueries,
so that a measure matching twice (two objectives in one round table) is listed once."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from tracker import selectors
from tracker.api.fields import ACTION_CODE
from tracker.models import (
    Measure,
    MeasureKind,
    MeasureStatus,
    Pledge,
    PledgeStatus,
    PledgeType,
    WorkflowState,
)


def _through(model, relation: str):
    return getattr(model, relation).through.objects


class OrderingFilter(django_filters.OrderingFilter):
    """Ties are broken by id, so that pages neither overlap nor skip entries."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "id") if value else qs


class MeasureFilter(django_filters.FilterSet):
    objective = django_filters.NumberFilter(
        method="filter_objective", label=_("Objective number, such as 5.")
    )
    action = django_filters.CharFilter(
        method="filter_action", label=_("Action as objective number and letter, such as 5c.")
    )
    round_table = django_filters.NumberFilter(
        method="filter_round_table", label=_("Round table number, 1 to 4.")
    )
    organisation = django_filters.CharFilter(
        field_name="lead_organisation__code", label=_("Code of the lead organisation.")
    )
    guiding_principle = django_filters.CharFilter(
        method="filter_guiding_principle", label=_("Code of a guiding principle.")
    )
    cycle = django_filters.CharFilter(
        method="filter_cycle",
        label=_("Slug of a review cycle: measures with a progress update in that cycle."),
    )
    status = django_filters.MultipleChoiceFilter(choices=MeasureStatus.choices)
    kind = django_filters.MultipleChoiceFilter(choices=MeasureKind.choices)
    workflow_state = django_filters.MultipleChoiceFilter(choices=WorkflowState.choices)
    search = django_filters.CharFilter(
        method="filter_search", label=_("Words in the title or description, in any language.")
    )
    ordering = OrderingFilter(
        fields=("title", "start_date", "end_date", "created_at", "updated_at", "id"),
        label=_(
            "Order by title, start_date, end_date, created_at, updated_at or id; - first "
            "for descending."
        ),
    )

    class Meta:
        model = Measure
        fields = []

    def filter_objective(self, queryset, name, value):
        return queryset.filter(
            pk__in=_through(Measure, "objectives")
            .filter(objective__number=value)
            .values("measure_id")
        )

    def filter_round_table(self, queryset, name, value):
        return queryset.filter(
            pk__in=_through(Measure, "objectives")
            .filter(objective__round_table__number=value)
            .values("measure_id")
        )

    def filter_action(self, queryset, name, value):
        match = ACTION_CODE.match(value.strip().lower())
        if match is None:
            raise ValidationError(
                {"action": [_("Give an action as objective number and letter, such as 5c.")]}
            )
        return queryset.filter(
            pk__in=_through(Measure, "actions")
            .filter(action__objective__number=int(match[1]), action__letter=match[2])
            .values("measure_id")
        )

    def filter_guiding_principle(self, queryset, name, value):
        return queryset.filter(
            pk__in=_through(Measure, "guiding_principles")
            .filter(guidingprinciple__code=value)
            .values("measure_id")
        )

    def filter_cycle(self, queryset, name, value):
        # Only updates the reader may see count: a draft update is not a reason to be listed.
        updates = selectors.progress_update_list(user=self.request.user)
        return queryset.filter(pk__in=updates.filter(cycle__slug=value).values("measure_id"))

    def filter_search(self, queryset, name, value):
        words = Q()
        for word in value.split():
            words &= (
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(title_en__icontains=word)
                | Q(description_en__icontains=word)
            )
        return queryset.filter(words)


class PledgeFilter(django_filters.FilterSet):
    objective = django_filters.NumberFilter(
        method="filter_objective", label=_("Objective number, such as 5.")
    )
    organisation = django_filters.CharFilter(
        field_name="lead_organisation__code", label=_("Code of the lead organisation.")
    )
    status = django_filters.MultipleChoiceFilter(choices=PledgeStatus.choices)
    pledge_type = django_filters.MultipleChoiceFilter(choices=PledgeType.choices)
    workflow_state = django_filters.MultipleChoiceFilter(choices=WorkflowState.choices)
    search = django_filters.CharFilter(
        method="filter_search", label=_("Words in the pledge, its occasion or its reference.")
    )
    ordering = OrderingFilter(
        fields=("made_on", "created_at", "updated_at", "id"),
        label=_("Order by made_on, created_at, updated_at or id; - first for descending."),
    )

    class Meta:
        model = Pledge
        fields = []

    def filter_objective(self, queryset, name, value):
        return queryset.filter(
            pk__in=_through(Pledge, "objectives")
            .filter(objective__number=value)
            .values("pledge_id")
        )

    def filter_search(self, queryset, name, value):
        words = Q()
        for word in value.split():
            words &= (
                Q(text__icontains=word)
                | Q(text_en__icontains=word)
                | Q(occasion__icontains=word)
                | Q(network_reference__icontains=word)
            )
        return queryset.filter(words)
