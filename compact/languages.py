"""Which language a Compact text is shown in when it does not exist in the one asked for.

The Compact's texts exist unevenly: Swedish and Norwegian carry every text, Danish has no
actions, English has only objective titles and guiding principle names. A reader gets the
closest language that has the text, and the page marks it (django-modeltranslation's fallback
was considered, but it does not tell which language it fell back to, and the page must say so
and set the lang attribute).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = ("en", "sv", "nb", "da")

LANGUAGE_NAMES = {
    "en": _("English"),
    "sv": _("Swedish"),
    "nb": _("Norwegian Bokmål"),
    "da": _("Danish"),
}

LANGUAGE_CHOICES = [(code, LANGUAGE_NAMES[code]) for code in LANGUAGE_CODES]

# Closest first: Danish readers read Norwegian most easily, and vice versa.
FALLBACKS = {
    "en": ("sv", "nb", "da"),
    "sv": ("nb", "da", "en"),
    "nb": ("sv", "da", "en"),
    "da": ("nb", "sv", "en"),
}


@dataclass(frozen=True)
class LocalizedText:
    text: str
    language: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return self.language != self.requested

    @property
    def language_name(self):
        return LANGUAGE_NAMES[self.language]

    def __str__(self) -> str:
        return self.text


def normalize_language(language: str | None) -> str:
    """The supported language code for a Django language code such as 'sv-se' or 'no'."""
    if not language:
        return "en"
    base = language.lower().replace("_", "-").split("-")[0]
    if base in ("no", "nn"):
        return "nb"
    return base if base in LANGUAGE_CODES else "en"


def localize(instance, field: str, language: str) -> LocalizedText | None:
    """The text of `field` (e.g. 'title') in `language`, or the closest language that has it.

    Missing is NULL for the Compact's texts and the empty string for the tracker's own
    optional CharFields; both count as missing."""
    language = normalize_language(language)
    for candidate in (language, *FALLBACKS[language]):
        text = getattr(instance, f"{field}_{candidate}")
        if text:
            return LocalizedText(text=text, language=candidate, requested=language)
    return None
