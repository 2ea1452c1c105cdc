"""Filters of the API's measure and pledge lists. An unknown value gives an empty list, but a
number that no objective or round table can have (the Compact's 1 to 23 and 1 to 4) is a 400
naming the parameter, decided before a download starts. The query logic is
tracker/filtering.py's, shared with the dashboards, and a cycle's measures are
tracker/selectors/cycles.py's, as on the dashboards. The words to search for are `q`, as on
the dashboards; `search`, their old name here, still works.

The same filters narrow a list of published records (tracker/selectors/readings.py): they
read the records' own fields, which have the entries' names; what only a working copy has is
answered as a published record would (every one is approved; it was last changed when it was
approved)."""

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from compact.codes import parse_action_code
from compact.models import Objective, PactItem, RoundTable
from tracker.filtering import linked_to, search
from tracker.models import (
    Measure,
    MeasureKind,
    MeasureStatus,
    Pledge,
    PledgeStatus,
    PledgeType,
    PublishedMeasure,
    PublishedPledge,
    PublishedRecord,
    WorkflowState,
)
from tracker.selectors import cycle_by_slug
from tracker.selectors.cycles import measures_of_cycle

OLD_SEARCH_LABEL = _("The old name of q; it still works.")


def search_filters(label) -> tuple[django_filters.CharFilter, django_filters.CharFilter]:
    """The search filter, `q`, and its old name `search`."""
    return (
        django_filters.CharFilter(method="filter_search", label=label),
        django_filters.CharFilter(method="filter_search", label=OLD_SEARCH_LABEL),
    )


def _bounds(model) -> dict[str, int]:
    """The lowest and highest number the model's `number` field allows."""
    bounds = {}
    for validator in model._meta.get_field("number").validators:
        if isinstance(validator, MinValueValidator):
            bounds["min_value"] = validator.limit_value
        elif isinstance(validator, MaxValueValidator):
            bounds["max_value"] = validator.limit_value
    return bounds


class NumberOfFilter(django_filters.NumberFilter):
    """A whole number within the range of `model`'s numbers; anything else is a 400."""

    field_class = forms.IntegerField

    def __init__(self, model, **kwargs):
        super().__init__(**_bounds(model), **kwargs)


def _published(queryset) -> bool:
    return issubclass(queryset.model, PublishedRecord)


# A published record is ordered as its entry: by the entry's id (ids are given in the order the
# entries were created) and by when it was approved, its last change the public saw.
PUBLISHED_ORDERING = {
    "id": "entry_id",
    "created_at": "entry_id",
    "updated_at": "approved_at",
}


class OrderingFilter(django_filters.OrderingFilter):
    """Ties are broken by id, so that pages neither overlap nor skip entries."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if not value:
            return qs
        ordering = [*qs.query.order_by, "id"]
        if _published(qs):
            ordering = [_as_published(name) for name in ordering]
        return qs.order_by(*ordering)


def _as_published(name: str) -> str:
    descending = name.startswith("-")
    field = PUBLISHED_ORDERING.get(name.removeprefix("-"), name.removeprefix("-"))
    return f"-{field}" if descending else field


def filter_workflow_state(queryset, name, value):
    """The entries in one of the states `value`; every published record is approved."""
    if not value:
        return queryset
    if _published(queryset):
        return queryset if WorkflowState.APPROVED in value else queryset.none()
    return queryset.filter(workflow_state__in=value)


def workflow_state_filter() -> django_filters.MultipleChoiceFilter:
    return django_filters.MultipleChoiceFilter(
        choices=WorkflowState.choices, method=filter_workflow_state
    )


def filter_pact_item(queryset, name, value):
    if not PactItem.objects.filter(code=value).exists():
        raise ValidationError(
            {"pact_item": [_("%(code)s is not an item of the EU Pact.") % {"code": value}]}
        )
    return linked_to(queryset, "pact_items", code=value)


def pact_item_filter() -> django_filters.CharFilter:
    """The measures or pledges linked to one EU Pact item; an unknown code is a 400."""
    return django_filters.CharFilter(
        method=filter_pact_item,
        label=_("Code of an EU Pact item, such as III.2 or ACT-04."),
    )


class MeasureFilter(django_filters.FilterSet):
    objective = NumberOfFilter(
        Objective, method="filter_objective", label=_("Objective number, such as 5.")
    )
    action = django_filters.CharFilter(
        method="filter_action", label=_("Action as objective number and letter, such as 5c.")
    )
    round_table = NumberOfFilter(
        RoundTable, method="filter_round_table", label=_("Round table number, 1 to 4.")
    )
    organisation = django_filters.CharFilter(
        field_name="lead_organisation__code", label=_("Code of the lead organisation.")
    )
    guiding_principle = django_filters.CharFilter(
        method="filter_guiding_principle", label=_("Code of a guiding principle.")
    )
    pact_item = pact_item_filter()
    cycle = django_filters.CharFilter(
        method="filter_cycle",
        label=_(
            "Slug of a review cycle: the measures of that cycle, those active during its period "
            "or with an approved progress update for it."
        ),
    )
    status = django_filters.MultipleChoiceFilter(choices=MeasureStatus.choices)
    kind = django_filters.MultipleChoiceFilter(choices=MeasureKind.choices)
    workflow_state = workflow_state_filter()
    q, search = search_filters(_("Words in the title or description, in any language."))
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
        return linked_to(queryset, "objectives", number=value)

    def filter_round_table(self, queryset, name, value):
        return linked_to(queryset, "objectives", round_table__number=value)

    def filter_action(self, queryset, name, value):
        parsed = parse_action_code(value)
        if parsed is None:
            raise ValidationError(
                {"action": [_("Give an action as objective number and letter, such as 5c.")]}
            )
        number, letter = parsed
        return linked_to(queryset, "actions", objective__number=number, letter=letter)

    def filter_guiding_principle(self, queryset, name, value):
        return linked_to(queryset, "guiding_principles", code=value)

    def filter_cycle(self, queryset, name, value):
        # Among the measures the reader may see; only approved updates count, as on the
        # dashboards.
        cycle = cycle_by_slug(value)
        return queryset.none() if cycle is None else measures_of_cycle(cycle, queryset)

    def filter_search(self, queryset, name, value):
        return search(queryset, value)


class PledgeFilter(django_filters.FilterSet):
    objective = NumberOfFilter(
        Objective, method="filter_objective", label=_("Objective number, such as 5.")
    )
    organisation = django_filters.CharFilter(
        field_name="lead_organisation__code", label=_("Code of the lead organisation.")
    )
    status = django_filters.MultipleChoiceFilter(choices=PledgeStatus.choices)
    pledge_type = django_filters.MultipleChoiceFilter(choices=PledgeType.choices)
    pact_item = pact_item_filter()
    workflow_state = workflow_state_filter()
    q, search = search_filters(_("Words in the pledge, its occasion or its reference."))
    ordering = OrderingFilter(
        fields=("made_on", "created_at", "updated_at", "id"),
        label=_("Order by made_on, created_at, updated_at or id; - first for descending."),
    )

    class Meta:
        model = Pledge
        fields = []

    def filter_objective(self, queryset, name, value):
        return linked_to(queryset, "objectives", number=value)

    def filter_search(self, queryset, name, value):
        return search(queryset, value)


class PublishedMeasureFilter(MeasureFilter):
    """MeasureFilter on the measures' published records."""

    class Meta:
        model = PublishedMeasure
        fields = []


class PublishedPledgeFilter(PledgeFilter):
    """PledgeFilter on the pledges' published records."""

    class Meta:
        model = PublishedPledge
        fields = []


PUBLISHED_FILTERS = {MeasureFilter: PublishedMeasureFilter, PledgeFilter: PublishedPledgeFilter}
