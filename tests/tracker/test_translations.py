"""The interface in Swedish, Norwegian and Danish: every string translated, and the compiled
catalogues (committed, so the product runs without gettext tools) match their sources."""

import polib
import pytest
from django.conf import settings

LOCALE_DIR = settings.BASE_DIR / "tracker" / "locale"


@pytest.mark.parametrize("language", ["sv", "nb", "da"])
def test_every_interface_string_is_translated(language):
    catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.parametrize("language", ["sv", "nb", "da"])
def test_the_compiled_catalogue_matches_its_source(language):
    source = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    compiled = polib.mofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"))
    assert {entry.msgid: entry.msgstr for entry in compiled} == {
        entry.msgid: entry.msgstr for entry in source.translated_entries()
    }
