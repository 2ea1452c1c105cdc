"""The reader's language on a page: the interface's active language (LocaleMiddleware, the
language switcher), as one of the Compact's languages (compact.languages)."""

from django.utils.translation import get_language

from compact.languages import normalize_language


def reader_language() -> str:
    return normalize_language(get_language())
