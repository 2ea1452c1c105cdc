"""The measure form, with the objectives grouped by round table and only the chosen objectives'
actions, and the evidence form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from compact.common.language import reader_language
from compact.languages import LANGUAGE_CHOICES
from compact.models import Action, GuidingPrinciple
from compact.selectors import objective_list
from tracker import selectors
from tracker.models import Measure, Organisation, Pledge, Stakeholder, TargetGroup
from tracker.services.measures import MEASURE_FIELDS
from tracker.web.forms.common import (
    ObjectiveChoicesMixin,
    OrganisationChoiceField,
    PactChoicesMixin,
    PledgeChoiceField,
    VersionedFormMixin,
    date_input,
    ids,
    objective_field,
    pact_item_field,
    selected_values,
)


def action_groups(objective_values, selected_action_values) -> list[tuple]:
    """The actions of the chosen objectives, per objective, each with whether it is chosen."""
    selected = {str(value) for value in selected_action_values}
    objectives = objective_list().filter(pk__in=ids(objective_values))
    return [
        (objective, [(action, str(action.pk) in selected) for action in objective.actions.all()])
        for objective in objectives
    ]


class MeasureForm(VersionedFormMixin, ObjectiveChoicesMixin, PactChoicesMixin, forms.ModelForm):
    """Saved through tracker.services.measures; the lead organisation is the officer's own."""

    language = forms.ChoiceField(
        choices=LANGUAGE_CHOICES,
        label=_("Language of the text"),
        help_text=_("The language the title and description are written in."),
    )
    objectives = objective_field()
    actions = forms.ModelMultipleChoiceField(
        Action.objects.select_related("objective"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Actions"),
        help_text=_("Optional: the actions of the chosen objectives that this measure serves."),
    )
    guiding_principles = forms.ModelMultipleChoiceField(
        GuidingPrinciple.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Guiding principles"),
    )
    pact_items = pact_item_field()
    partner_organisations = OrganisationChoiceField(
        Organisation.objects.none(), required=False, label=_("Partner organisations")
    )
    pledges = PledgeChoiceField(Pledge.objects.none(), required=False, label=_("Linked pledges"))
    target_groups = forms.MultipleChoiceField(
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Target groups"),
    )
    stakeholders = forms.MultipleChoiceField(
        choices=Stakeholder.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Stakeholders involved"),
    )

    class Meta:
        model = Measure
        fields = [name for name in MEASURE_FIELDS if name != "lead_organisation"]
        widgets = {
            "title": forms.TextInput(attrs={"size": 60}),
            "title_en": forms.TextInput(attrs={"size": 60}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "start_date": date_input(),
            "end_date": date_input(),
            "budget_amount": forms.NumberInput(attrs={"step": "0.01"}),
            "budget_currency": forms.TextInput(attrs={"size": 3, "autocomplete": "off"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["partner_organisations"].queryset = Organisation.objects.exclude(
            pk=user.organisation_id
        )
        self.fields["pledges"].queryset = selectors.pledge_list(user=user).prefetch_related(None)
        if self.instance.pk is None and not self.initial.get("language"):
            self.initial["language"] = reader_language()

    def clean_budget_currency(self) -> str:
        return self.cleaned_data["budget_currency"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        if cleaned.get("budget_amount") is not None and not cleaned.get("budget_currency"):
            self.add_error("budget_currency", _("Give the currency of the budget."))
        return cleaned

    def action_groups(self) -> list[tuple]:
        return action_groups(selected_values(self, "objectives"), selected_values(self, "actions"))

    def principle_choices(self) -> list[tuple]:
        selected = selected_values(self, "guiding_principles")
        return [
            (principle, str(principle.pk) in selected)
            for principle in self.fields["guiding_principles"].queryset
        ]

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Link"), max_length=1000, required=False, assume_scheme="https")
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.FileInput,
        help_text=_("PDF, image, office document or text; at most 20 MB."),
    )
    public = forms.BooleanField(
        label=_("Public"),
        required=False,
        help_text=_(
            "Shown to everyone with the measure's published version once a coordinator "
            "approves the measure. Leave it unticked for internal documents."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if "url" in self.errors or "file" in self.errors:
            return cleaned
        if cleaned.get("url") and cleaned.get("file"):
            self.add_error("file", _("Give either a link or a file, not both."))
        elif not cleaned.get("url") and not cleaned.get("file"):
            self.add_error("url", _("Give a link, or choose a file below."))
        return cleaned
