"""The review queue's filters: read from the query string, so that a filtered queue is a
link a coordinator can keep or send."""

from django import forms
from django.utils.translation import gettext_lazy as _

from compact.common.language import reader_language
from tracker import selectors
from tracker.selectors.review import DATASET, MEASURE, PLEDGE, UPDATE, WITHDRAWAL


class OrganisationFilterField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name(reader_language())


class ReviewQueueFilterForm(forms.Form):
    organisation = OrganisationFilterField(
        selectors.organisation_list(),
        to_field_name="code",
        required=False,
        label=_("Organisation"),
        empty_label=_("All organisations"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of entry"),
        required=False,
        choices=[
            ("", _("All kinds")),
            (MEASURE, _("Measures")),
            (PLEDGE, _("Pledges")),
            (UPDATE, _("Progress updates")),
            (WITHDRAWAL, _("Withdrawal requests")),
            (DATASET, _("Indicator values")),
        ],
    )
    cycle = forms.ModelChoiceField(
        selectors.cycle_list(),
        to_field_name="slug",
        required=False,
        label=_("Review cycle"),
        empty_label=_("All cycles"),
        help_text=_("Progress updates for this cycle: measures and pledges belong to no cycle."),
    )
    waiting = forms.TypedChoiceField(
        label=_("Waiting"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("Any time")),
            (7, _("More than 7 days")),
            (14, _("More than 14 days")),
            (30, _("More than 30 days")),
        ],
    )

    def filters(self) -> dict:
        """The valid filters as tracker.selectors.review.review_queue takes them; a value that
        is not one of the choices (an old or mistyped link) is left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "kind": data.get("kind") or "",
            "organisation": data.get("organisation"),
            "cycle": data.get("cycle"),
            "waiting_days": data.get("waiting"),
        }
