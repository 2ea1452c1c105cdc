"""The user's own preferences, on her account page."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from compact.languages import LANGUAGE_CHOICES, LANGUAGE_NAMES


class PreferencesForm(forms.Form):
    """Saved through tracker.services.accounts.user_preferences_update."""

    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        required=False,
        help_text=_("New measures and pledges start in this language; reminders are sent in it."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = user.organisation
        fallback = (organisation.language if organisation else "") or settings.LANGUAGE_CODE
        self.fields["preferred_language"].choices = [
            (
                "",
                _("As my organisation: %(language)s")
                % {"language": LANGUAGE_NAMES.get(fallback, fallback)},
            ),
            *LANGUAGE_CHOICES,
        ]
