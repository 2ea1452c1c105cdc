"""The pledge, progress update, review and review cycle forms (opening and reopening)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from compact.common.language import reader_language
from tracker.models import Organisation, Pledge, ProgressUpdate, ReviewCycle
from tracker.services.cycles import REOPEN_REASON_MAX_LENGTH
from tracker.services.pledges import PLEDGE_FIELDS
from tracker.services.updates import UPDATE_FIELDS
from tracker.web.forms.common import (
    ObjectiveChoicesMixin,
    OrganisationChoiceField,
    PactChoicesMixin,
    VersionedFormMixin,
    date_input,
    objective_field,
    pact_item_field,
)


class PledgeForm(VersionedFormMixin, ObjectiveChoicesMixin, PactChoicesMixin, forms.ModelForm):
    """Saved through tracker.services.pledges; the lead organisation is the officer's own."""

    objectives = objective_field()
    pact_items = pact_item_field()
    co_pledging_organisations = OrganisationChoiceField(
        Organisation.objects.none(), required=False, label=_("Co-pledging organisations")
    )

    class Meta:
        model = Pledge
        fields = [name for name in PLEDGE_FIELDS if name != "lead_organisation"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "text_en": forms.Textarea(attrs={"rows": 4}),
            "status_narrative": forms.Textarea(attrs={"rows": 4}),
            "made_on": date_input(),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_pledging_organisations"].queryset = Organisation.objects.exclude(
            pk=user.organisation_id
        )
        if self.instance.pk is None and not self.initial.get("language"):
            self.initial["language"] = reader_language()

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ProgressUpdateForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ProgressUpdate
        fields = list(UPDATE_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 5}) for name in UPDATE_FIELDS if name != "status"
        }

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ReturnForm(forms.Form):
    """A coordinator sends an entry back to its ministry, saying what to change."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("What should the ministry change?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Say what the officer should change: a comment is required.")
        },
    )


class ReviewCycleForm(forms.ModelForm):
    class Meta:
        model = ReviewCycle
        fields = [
            "name",
            "name_sv",
            "name_nb",
            "name_da",
            "slug",
            "kind",
            "period_start",
            "period_end",
            "deadline",
        ]
        widgets = {
            "period_start": date_input(),
            "period_end": date_input(),
            "deadline": forms.DateTimeInput(
                format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language in ("sv", "nb", "da"):
            self.fields[f"name_{language}"].widget.attrs["lang"] = language
        self.fields["name"].widget.attrs["lang"] = "en"
        self.fields["deadline"].help_text = _("Date and time in the time zone %(time_zone)s.") % {
            "time_zone": settings.TIME_ZONE
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return cleaned


class CycleNamesForm(forms.ModelForm):
    """A cycle's name in each language, as the report and the dashboards print it."""

    class Meta:
        model = ReviewCycle
        fields = ["name", "name_sv", "name_nb", "name_da"]


class CycleReopenForm(forms.Form):
    """A coordinator reopens a closed cycle, saying why: the cycle's history keeps the reason."""

    reason = forms.CharField(
        label=_("Why is the cycle reopened?"),
        max_length=REOPEN_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The cycle's history keeps the reason, with your name and the time."),
        error_messages={"required": _("Say why the cycle is reopened: a reason is required.")},
    )
