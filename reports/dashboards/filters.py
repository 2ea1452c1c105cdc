"""The filters of the dashboards' lists of measures and pledges, read from the query string.

These are not tracker/api/filters.py's: the dashboard names things as its links do (objective
by number, organisation by code, cycle by slug), answers an unknown value with a 400 instead
of an empty list. A cycle's measures are those tracker/selectors/cycles.py defines (active in
the period or updated in it), for the API's lists as for these. The words to search for are
`q` here and in the API (where `search`, their old name there, still works).
The query logic both share is tracker/filtering.py's.
"""

from itertools import groupby

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from compact.codes import parse_action_code
from compact.common.language import reader_language
from compact.models import Action, GuidingPrinciple, Objective, RoundTable
from compact.selectors import pact_item_list
from tracker.filtering import linked_to, search
from tracker.models import (
    MeasureKind,
    MeasureStatus,
    Organisation,
    PledgeStatus,
    PledgeType,
    PublishedMeasure,
    PublishedPledge,
    ReviewCycle,
)
from tracker.selectors import cycles as cycle_selectors


def _text(instance, field: str) -> str:
    text = instance.localized(field, reader_language())
    return text.text if text else ""


class _ListedChoices(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.instances:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.instances) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.instances)


class _LabelledChoiceField(forms.ModelChoiceField):
    """Choices labelled in the reader's language. The choices are read once, for checking the
    value given and for showing the select, instead of a query for each."""

    iterator = _ListedChoices

    def __init__(self, *args, label_from=None, **kwargs):
        self.label_from = label_from
        super().__init__(*args, **kwargs)

    @cached_property
    def instances(self) -> list:
        return list(self.queryset)

    def label_from_instance(self, obj) -> str:
        return self.label_from(obj)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        for obj in self.instances:
            if str(getattr(obj, self.to_field_name)) == str(value):
                return obj
        raise ValidationError(
            self.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": value},
        )


class _ModelFilter(django_filters.ModelChoiceFilter):
    field_class = _LabelledChoiceField


def _model_filter(queryset, to_field_name, label, label_from, unknown, **kwargs):
    return _ModelFilter(
        queryset=queryset,
        to_field_name=to_field_name,
        label=label,
        label_from=label_from,
        empty_label=_("All"),
        error_messages={"invalid_choice": unknown},
        **kwargs,
    )


class _GroupedChoices(_ListedChoices):
    """The choices in the groups of `field.groups()`, shown as a select's option groups."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for label, instances in self.field.groups():
            yield (label, [self.choice(obj) for obj in instances])


class _LanguageSelect(forms.Select):
    """A select whose options each carry the language of their text (`lang_of(instance)`)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["lang"] = self.choices.field.lang_of(instance)
        return option


class PactItemField(_LabelledChoiceField):
    """An EU Pact item by its code, offered per part of the communication and then the legal
    acts; its title is Swedish, marked as such on its option."""

    iterator = _GroupedChoices
    widget = _LanguageSelect

    def groups(self) -> list[tuple[str, list]]:
        """Per part, then the acts; a group's label says the language of its options' titles
        when it is not the reader's."""
        groups = []
        for part, items in groupby(self.instances, key=lambda item: item.part):
            items = list(items)
            label = f"{part.code}. {_text(part, 'title')}" if part else gettext("Legal acts")
            title = items[0].localized("title", reader_language())
            if title is not None and title.is_fallback:
                label = f"{label} ({title.language_name})"
            groups.append((label, items))
        return groups

    def lang_of(self, item) -> str:
        title = item.localized("title", reader_language())
        return title.language if title else ""


class _PactItemFilter(django_filters.ModelChoiceFilter):
    field_class = PactItemField


class ActionField(forms.Field):
    """An action as objective number and letter, such as 5c."""

    widget = forms.TextInput(attrs={"size": 4})

    def to_python(self, value):
        value = (value or "").strip().lower()
        if not value:
            return None
        parsed = parse_action_code(value)
        action = None
        if parsed:
            number, letter = parsed
            action = (
                Action.objects.select_related("objective")
                .filter(objective__number=number, letter=letter)
                .first()
            )
        if action is None:
            raise ValidationError(
                _("%(value)s is not an action of the Compact; give one such as 5c."),
                params={"value": value},
                code="invalid_choice",
            )
        return action


class ActionFilter(django_filters.Filter):
    field_class = ActionField


def _checkboxes(choices, label):
    return django_filters.MultipleChoiceFilter(
        choices=choices,
        label=label,
        method="filter_choices",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("“%(value)s” is not one of the choices.")},
    )


def cycle_filter():
    return _model_filter(
        ReviewCycle.objects.order_by("-period_start", "-pk"),
        "slug",
        _("Review cycle"),
        lambda cycle: cycle.name,
        _("There is no review cycle %(value)s."),
        method="filter_cycle",
    )


def organisation_filter():
    return _model_filter(
        Organisation.objects.order_by("code"),
        "code",
        _("Lead organisation"),
        lambda organisation: f"{organisation.code}: {organisation.name(reader_language())}",
        _("There is no organisation with the code %(value)s."),
        field_name="lead_organisation",
    )


def round_table_filter():
    return _model_filter(
        RoundTable.objects.order_by("number"),
        "number",
        _("Round table"),
        # Not RoundTable.title: it lists the objectives, which would take a query more.
        lambda round_table: gettext("Round table %(number)s") % {"number": round_table.number},
        _("There is no round table %(value)s; the round tables are 1 to 4."),
        method="filter_round_table",
    )


def objective_filter():
    return _model_filter(
        Objective.objects.order_by("number"),
        "number",
        _("Objective"),
        lambda objective: f"{objective.number}. {_text(objective, 'title')}",
        _("There is no objective %(value)s; the objectives are 1 to 23."),
        method="filter_objective",
    )


def pact_item_filter():
    return _PactItemFilter(
        queryset=pact_item_list(),
        to_field_name="code",
        label=_("Item of the EU Pact"),
        label_from=lambda item: f"{item.code} {_text(item, 'title')}",
        empty_label=_("All"),
        error_messages={"invalid_choice": _("%(value)s is not an item of the EU Pact.")},
        method="filter_pact_item",
    )


def search_filter(label):
    return django_filters.CharFilter(method="filter_search", label=label, max_length=200)


class _DashboardFilter(django_filters.FilterSet):
    """What both lists share: the filters on the Compact and the EU Pact and the status
    filter, which in a cycle is the status of the measure in that cycle."""

    def filter_round_table(self, queryset, name, value):
        return linked_to(queryset, "objectives", round_table=value)

    def filter_objective(self, queryset, name, value):
        return linked_to(queryset, "objectives", pk=value.pk)

    def filter_pact_item(self, queryset, name, value):
        return linked_to(queryset, "pact_items", pk=value.pk)

    def filter_choices(self, queryset, name, value):
        if name == "status" and "cycle_status" in queryset.query.annotations:
            name = "cycle_status"
        return queryset.filter(**{f"{name}__in": value})

    def filter_search(self, queryset, name, value):
        return search(queryset, value)


class MeasureFilter(_DashboardFilter):
    cycle = cycle_filter()
    organisation = organisation_filter()
    round_table = round_table_filter()
    objective = objective_filter()
    action = ActionFilter(
        method="filter_action",
        label=_("Action"),
        help_text=_("Objective number and letter, such as 5c."),
    )
    guiding_principle = _model_filter(
        GuidingPrinciple.objects.order_by("position"),
        "code",
        _("Guiding principle"),
        lambda principle: _text(principle, "name"),
        _("There is no guiding principle %(value)s."),
        method="filter_guiding_principle",
    )
    pact_item = pact_item_filter()
    status = _checkboxes(MeasureStatus.choices, _("Status"))
    kind = _checkboxes(MeasureKind.choices, _("Kind"))
    q = search_filter(_("Words in the title or description"))

    class Meta:
        model = PublishedMeasure
        fields = []

    def filter_cycle(self, queryset, name, value):
        # The first filter (declared first): a closed cycle's measures are those its snapshot
        # froze, not today's published records, so the cycle chooses the rows to filter.
        return cycle_selectors.measures_of_cycle(value)

    def filter_action(self, queryset, name, value):
        return linked_to(queryset, "actions", pk=value.pk)

    def filter_guiding_principle(self, queryset, name, value):
        return linked_to(queryset, "guiding_principles", pk=value.pk)


class PledgeFilter(_DashboardFilter):
    cycle = cycle_filter()
    organisation = organisation_filter()
    round_table = round_table_filter()
    objective = objective_filter()
    pact_item = pact_item_filter()
    status = _checkboxes(PledgeStatus.choices, _("Status"))
    kind = _checkboxes(PledgeType.choices, _("Type"))
    q = search_filter(_("Words in the pledge, its occasion or its reference"))

    class Meta:
        model = PublishedPledge
        fields = []

    def filter_cycle(self, queryset, name, value):
        # The first filter, as the measures' is.
        return cycle_selectors.pledges_of_cycle(value)

    def filter_choices(self, queryset, name, value):
        return super().filter_choices(queryset, "pledge_type" if name == "kind" else name, value)
