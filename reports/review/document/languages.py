"""Which language each of the report's texts is printed in: the report's own wherever the entry,
the organisation, the cycle or the Compact has it, otherwise another, marked.

An entry (measure, progress update, pledge) is written in one language and may carry an English
version for the report to the UN: a report in English prints the English version when there is
one, every other report the text as written. A round table's narrative is written per language:
a report prints the one in its language, and where that one is not written the closest written
one (compact/languages.py's FALLBACKS), marked, rather than "Not written", which would be
untrue: the coordinator wrote it, and the pre-flight lists it for translation. Organisations
and the cycle have a name per language, with the same fallback.

The report (data.py) and the pre-flight (reports/review/preflight.py) both ask here, the one
of each text, the other of the database (`printed_elsewhere`), so that the pre-flight lists
exactly what the report marks.
"""

from django.db.models import Q

from compact.languages import FALLBACKS, LocalizedText
from reports.models import RoundTableNarrative

NARRATIVE_FIELDS = ("progress", "challenges", "next_steps")


def entry_text(original: str, original_language: str, english: str, language: str):
    """An entry's text as a report in `language` prints it."""
    if language == "en" and english:
        return LocalizedText(english, "en", language)
    return LocalizedText(original, original_language, language)


def optional_entry_text(original: str, original_language: str, english: str, language: str):
    """As entry_text, or None for a text not written."""
    text = entry_text(original, original_language, english, language)
    return text if text.text else None


def printed_elsewhere(field: str, language: str, *, english: str | None = None) -> Q:
    """The entries (by their `language`) whose `field` a report in `language` prints in
    another language: written, in another language, with no English version `english` for an
    English report."""
    other = Q(**{f"{field}__gt": ""}) & ~Q(language=language)
    if language == "en" and english:
        other &= Q(**{english: ""})
    return other


def organisation_name(organisation, language: str) -> LocalizedText:
    """Its name in `language` or the closest language; its code when it has no name."""
    return organisation.localized("name", language) or LocalizedText(
        organisation.code, language, language
    )


def is_written(narrative: RoundTableNarrative) -> bool:
    return any(getattr(narrative, name) for name in NARRATIVE_FIELDS)


def chosen_narratives(narratives, language: str) -> dict[int, RoundTableNarrative]:
    """Of a cycle's `narratives` (every language), the one a report in `language` prints per
    round table (by its id): its own language's when written, else the closest written one."""
    order = {code: rank for rank, code in enumerate((language, *FALLBACKS[language]))}
    chosen = {}
    for narrative in sorted(narratives, key=lambda item: order[item.language]):
        if is_written(narrative):
            chosen.setdefault(narrative.round_table_id, narrative)
    return chosen
