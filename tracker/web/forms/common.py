"""What the tracker's forms share: choice labels in the reader's language, the version field
that refuses a save over someone else's, and putting a service's errors on the right fields."""

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from compact.common.forms import add_service_errors
from compact.common.language import reader_language
from compact.models import Objective, PactItem
from compact.selectors import pact_act_list, pact_part_list, round_table_list
from tracker.services.workflow import StaleVersionError

Saved = TypeVar("Saved")


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.name(reader_language())


class PledgeChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return str(obj)


def date_input() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class VersionedFormMixin:
    """Carries the version of the entry the user loaded, so that saving over someone else's
    later save is refused (tracker.services.workflow.StaleVersionError)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=self.instance.pk is not None
        )
        if self.instance.pk is not None:
            self.initial.setdefault("version", self.instance.version)


def save_or_show_errors(form: forms.Form, save: Callable[[], Saved]) -> Saved | None:
    """Run `save`, the service call that saves the valid `form`: what it returns, or None
    when the service refuses, with its reasons on the form for the user to correct."""
    try:
        return save()
    except StaleVersionError as error:
        form.add_error(None, str(error))
    except ValidationError as error:
        add_service_errors(form, error)
    return None


def selected_values(form: forms.Form, name: str) -> set[str]:
    """The values of a multiple-choice field as the page shows them checked: the user's
    input on a bound form, the initial values otherwise."""
    return {str(value) for value in form[name].value() or []}


def ids(values) -> list[int]:
    return [int(value) for value in values if str(value).isdigit()]


def unbound_copy(form: forms.Form, **kwargs) -> forms.Form:
    """The same form showing the user's input without validating it, for re-displaying a
    form after a request that is not a save (such as showing the chosen objectives'
    actions without JavaScript)."""
    initial = {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
    }
    return type(form)(initial=initial, **kwargs)


def objective_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        Objective.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Objectives"),
        help_text=_("Choose every objective this entry serves."),
        error_messages={"required": _("Choose at least one objective.")},
    )


class ObjectiveChoicesMixin:
    """Offers the 23 objectives grouped by round table, in the Progress Declaration's order."""

    def objective_groups(self) -> list[tuple]:
        selected = selected_values(self, "objectives")
        return [
            (
                round_table,
                [
                    (objective, str(objective.pk) in selected)
                    for objective in round_table.objectives.all()
                ],
            )
            for round_table in round_table_list()
        ]


def pact_item_field() -> forms.ModelMultipleChoiceField:
    """An entry's EU Pact items, chosen by code (tracker/templates/tracker/_pact_choices.html)."""
    return forms.ModelMultipleChoiceField(
        PactItem.objects.all(),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("EU Pact on Migration and Asylum (optional)"),
        help_text=_("The legal acts and the sections of the Commission's communication served."),
    )


class PactChoicesMixin:
    """Offers the EU Pact's items grouped by part, then the legal acts apart."""

    def pact_groups(self) -> list[tuple]:
        """The Pact's items as the form offers them: per part (its sections and sub-headings
        in reading order), then the legal acts; each with whether it is chosen."""
        selected = selected_values(self, "pact_items")
        groups = [(part, list(part.items.all())) for part in pact_part_list()]
        groups.append((None, list(pact_act_list())))
        return [
            (part, [(item, item.code in selected) for item in items])
            for part, items in groups
            if items
        ]
