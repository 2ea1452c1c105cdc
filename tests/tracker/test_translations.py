"""The interface in Swedish, Norwegian and Danish: every string translated, and the compiled
catalogues (committed, so the product runs without gettext tools) match their sources."""

import shutil

import polib
import pytest
from django.conf import settings

LOCALE_DIR = settings.BASE_DIR / "tracker" / "locale"
LANGUAGES = ["sv", "nb", "da"]
PO = "LC_MESSAGES/django.po"


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


def test_every_string_marked_for_translation_is_in_the_catalogues(tmp_path, settings, monkeypatch):
    """A string marked in the code or a template but missing from the .po files would show in
    English to a Swedish, Norwegian or Danish officer: `make messages` must have been run.
    Extracts the strings as `make messages` does (xgettext, from the gettext tools that
    .ci/run installs) in a copy of the source, since makemessages writes into every locale
    directory it walks past."""
    from django.core.management import call_command

    from tests.conftest import IN_CI

    if shutil.which("xgettext") is None:
        reason = "xgettext (Debian's gettext package) is not installed"
        if IN_CI:
            pytest.fail(f"CI=true and {reason}.", pytrace=False)
        pytest.skip(reason)
    for package in ("compact", "reports", "tracker"):
        shutil.copytree(
            settings.BASE_DIR / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.mo"),
        )
    settings.LOCALE_PATHS = [tmp_path / "tracker" / "locale"]
    monkeypatch.chdir(tmp_path)

    call_command(
        "makemessages",
        locale=LANGUAGES,
        no_obsolete=True,
        add_location="file",
        verbosity=0,
    )

    for language in LANGUAGES:
        catalogue = polib.pofile(str(tmp_path / "tracker" / "locale" / language / PO))
        missing = [entry.msgid for entry in catalogue.untranslated_entries()]
        missing += [entry.msgid for entry in catalogue.fuzzy_entries()]
        assert missing == [], f"{language}: not translated: {missing}"
