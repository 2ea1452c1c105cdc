"""What a text must be for the suggestions to read it, each refusal with its reason.

The caller states the text's language. A text in a language the product does not offer
(German, French, ...) would still get suggestions, from the few words it shares with the
Compact, and they would mislead: it is refused. py3langid (langid.py's model, shipped inside
the package, nothing downloaded) names the language; a text is refused only when a language
that is not offered is named with confidence and the offered ones together are unlikely, so
that a short or mixed text ("Integration", a title with an English acronym) is let through."""

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from compact.languages import LANGUAGE_CODES

MAX_CHARACTERS = 20_000
# langid.py's codes for the languages the product offers ("no" and "nn" are Norwegian).
OFFERED = frozenset({"sv", "no", "nn", "nb", "da", "en"})
FOREIGN_CONFIDENCE = 0.5
OFFERED_UNLIKELY = 0.2


class SuggestionInputError(ValueError):
    """A text or language the suggestions cannot read; `field` is "text" or "language"."""

    def __init__(self, field: str, reason: str):
        super().__init__(reason)
        self.field = field
        self.reason = reason


@cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detected_foreign_language(text: str) -> str | None:
    """The code of the language the text is written in, if it is one the product does not
    offer; None when it is (or may well be) Swedish, Norwegian, Danish or English."""
    ranked = _identifier().rank(text)
    code, confidence = ranked[0]
    offered = sum(probability for name, probability in ranked if name in OFFERED)
    if code not in OFFERED and confidence >= FOREIGN_CONFIDENCE and offered < OFFERED_UNLIKELY:
        return code
    return None


def _language_name(code: str) -> str:
    """The language's name in the reader's language, as pycountry's translations give it."""
    language = pycountry.languages.get(alpha_2=code)
    if language is None:
        return code
    reader = {"nb": "nb_NO"}.get(get_language() or "en", get_language() or "en")
    names = gettext.translation(
        "iso639-3", pycountry.LOCALES_DIR, languages=[reader], fallback=True
    )
    name = names.gettext(language.name)
    return name[:1].lower() + name[1:] if reader != "en" else name


def check_input(*, text: str, language: str) -> str:
    """The text, stripped, if the suggestions can read it; else SuggestionInputError."""
    if language not in LANGUAGE_CODES:
        raise SuggestionInputError(
            "language",
            _("“%(language)s” is not a language the suggestions read: give en, sv, nb or da.")
            % {"language": language},
        )
    text = (text or "").strip()
    if not text:
        raise SuggestionInputError(
            "text", _("The text is empty: write a title or a description to get suggestions.")
        )
    if len(text) > MAX_CHARACTERS:
        raise SuggestionInputError(
            "text",
            _("The text has %(length)s characters; suggestions read at most %(limit)s.")
            % {"length": len(text), "limit": MAX_CHARACTERS},
        )
    foreign = detected_foreign_language(text)
    if foreign:
        raise SuggestionInputError(
            "text",
            _(
                "The text reads as %(name)s, a language the product does not offer: write it "
                "in Swedish, Norwegian, Danish or English."
            )
            % {"name": _language_name(foreign)},
        )
    return text
