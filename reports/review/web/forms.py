"""The coordinator's forms on a cycle's report page: a round table's narrative, and Generate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from compact.languages import LANGUAGE_CHOICES, LANGUAGE_CODES
from reports.models import ReportKind, RoundTableNarrative

NARRATIVE_FIELDS = ("progress", "challenges", "next_steps")


class NarrativeForm(forms.Form):
    """One round table's narrative in one language. The hidden version is the one the
    coordinator loaded: a save over someone else's later save is refused by narrative_save."""

    language = forms.ChoiceField(choices=LANGUAGE_CHOICES, widget=forms.HiddenInput)
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    progress = forms.CharField(
        label=_("Progress"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What has been achieved on this round table's objectives in the period."),
    )
    challenges = forms.CharField(
        label=_("Challenges and gaps"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What held implementation back, and what is not yet covered."),
    )
    next_steps = forms.CharField(
        label=_("Next steps"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the government plans to do next."),
    )

    def __init__(self, *args, narrative: RoundTableNarrative, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "language": narrative.language,
                # 0: not written yet, so that two first saves cannot both succeed.
                "version": narrative.version if narrative.pk else 0,
                **{name: getattr(narrative, name) for name in NARRATIVE_FIELDS},
            },
        )
        super().__init__(*args, **kwargs)
        # The text is in the report's language, which may not be the page's.
        language = self["language"].value()
        if language in LANGUAGE_CODES:
            for name in NARRATIVE_FIELDS:
                self.fields[name].widget.attrs["lang"] = language


class GenerateForm(forms.Form):
    """Which report to build. Field names follow report_request's, so that its refusals land
    on the field they are about."""

    # Left out, it is the voluntary national review, as before there was another.
    report_kind = forms.TypedChoiceField(
        label=_("Report"),
        choices=ReportKind.choices,
        initial=ReportKind.REVIEW,
        required=False,
        empty_value=ReportKind.REVIEW,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(label=_("Language of the report"), choices=LANGUAGE_CHOICES)
    is_final = forms.TypedChoiceField(
        label=_("Kind of report"),
        choices=[
            ("draft", _("Draft: marked DRAFT on every page, built from the approved data")),
            ("final", _("Final: for sending; only when no entry is under review")),
        ],
        coerce=lambda value: value == "final",
        initial="draft",
        widget=forms.RadioSelect,
    )
