"""The revision record of a public measure or pledge: its published versions with their approval
dates, and what changed between two of them, field by field, as a reader can follow it."""

import difflib
import re
from dataclasses import dataclass, field

from django.db import models
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from compact.models import Action, GuidingPrinciple, Objective, PactItem
from reports.dashboards.views.common import shown
from tracker.models import Evidence, Organisation, Pledge, PublishedPledge, Stakeholder, TargetGroup
from tracker.selectors import cycles as cycle_selectors
from tracker.selectors import published as published_selectors

# A text longer than this is shown as a word-by-word difference; a shorter one before and after.
LONG_TEXT = 80
# A pledge added to or removed from a measure is named by its first words.
PLEDGE_WORDS = 12
LIST_LABELS = {"target_groups": TargetGroup, "stakeholders": Stakeholder}
WORDS = re.compile(r"(\s+)")


class ComparisonError(ValueError):
    """The versions asked for cannot be compared; the message says why, to the reader."""


@dataclass
class Item:
    """An item added to or removed from a list field, with the public page it links to."""

    text: str
    url: str = ""
    language: str = ""
    # The name of `language` when it is not the reader's, for the visible mark.
    language_name: str = ""


@dataclass
class ShownChange:
    label: str
    before: str = ""
    after: str = ""
    added: list[Item] = field(default_factory=list)
    removed: list[Item] = field(default_factory=list)
    # A long text: (kind, words) pieces, kind "same", "removed" or "added".
    pieces: list[tuple[str, str]] = field(default_factory=list)
    is_list: bool = False
    language: str = ""


def chosen_versions(query, versions: list[dict]) -> tuple[int, int] | None:
    """The versions to compare: ?from=A&to=B, or by default the latest against the one before;
    None with fewer than two versions. Raises ComparisonError for numbers that name none."""
    numbers = [version["number"] for version in versions]
    if len(numbers) < 2:
        return None
    chosen = []
    for name, default in (("from", numbers[-2]), ("to", numbers[-1])):
        value = query.get(name, "")
        if not value:
            chosen.append(default)
        elif value.isdigit() and int(value) in numbers:
            chosen.append(int(value))
        else:
            raise ComparisonError(
                _("There is no published version %(value)s; the versions are 1 to %(last)s.")
                % {"value": value[:20], "last": numbers[-1]}
            )
    return chosen[0], chosen[1]


def comparison(current, *, older: int, newer: int, language: str) -> list:
    """The differences from published version `older` to `newer` of the entry whose current
    record is `current` (read with its relations), ready to show."""
    records = {current.number: current}
    missing = {older, newer} - set(records)
    if missing:
        records |= published_selectors.records_numbered(
            type(current), entry_id=current.entry_id, numbers=missing
        )
    before, after = records[older], records[newer]
    changes = published_selectors.record_changes(before, after)
    pledges = _public_pledges(changes)
    return [_shown(change, after, language, pledges) for change in changes]


def _public_pledges(changes) -> dict[int, PublishedPledge]:
    """The public records of the pledges a change adds or removes, by pledge id (one query,
    only when some pledge changed): a pledge is named by what the public may see of it."""
    ids = {
        item.pk
        for change in changes
        for item in (*change.added, *change.removed)
        if isinstance(item, Pledge)
    }
    if not ids:
        return {}
    records = cycle_selectors.current_records(PublishedPledge).filter(entry_id__in=ids)
    return {record.entry_id: record for record in records}


def _shown(change, record, language: str, pledges: dict) -> ShownChange:
    text_language = "en" if change.name.endswith("_en") else record.language
    if change.is_list:
        return ShownChange(
            change.label,
            added=[_item(change.name, item, language, pledges) for item in change.added],
            removed=[_item(change.name, item, language, pledges) for item in change.removed],
            is_list=True,
        )
    model_field = type(record)._meta.get_field(change.name)
    before = _value(model_field, change.before, language)
    after = _value(model_field, change.after, language)
    pieces = []
    if _is_long_text(model_field, change.before, change.after):
        pieces = word_differences(change.before, change.after)
    return ShownChange(change.label, before, after, pieces=pieces, language=text_language)


def _is_long_text(model_field, before, after) -> bool:
    """Two texts to compare word by word: a text field's, or long ones, neither empty."""
    if not (isinstance(before, str) and isinstance(after, str) and before and after):
        return False
    return isinstance(model_field, models.TextField) or max(len(before), len(after)) > LONG_TEXT


def _value(model_field, value, language: str) -> str:
    """A scalar value as the public page shows it."""
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, Organisation):
        return f"{value.name(language)} ({value.code})"
    if isinstance(model_field, models.DateField):
        return date_format(value, "DATE_FORMAT")
    if isinstance(model_field, models.DecimalField):
        return number_format(value, 2, force_grouping=True)
    return str(value)


def _item(name: str, item, language: str, pledges: dict) -> Item:
    if name in LIST_LABELS:
        choices = dict(LIST_LABELS[name].choices)
        return Item(str(choices.get(item, item)))
    if isinstance(item, Organisation):
        url = reverse("dashboard:organisation", args=[item.code])
        return Item(f"{item.name(language)} ({item.code})", url)
    if isinstance(item, Objective):
        title = item.localized("title", language)
        text = _("Objective %(number)s") % {"number": item.number}
        return Item(f"{text}: {title}", reverse("compact:objective", args=[item.number]))
    if isinstance(item, Action):
        url = reverse("compact:objective", args=[item.objective.number])
        return Item(str(item), f"{url}#action-{item.letter}")
    if isinstance(item, GuidingPrinciple):
        name = item.localized("name", language)
        if not name:
            return Item(item.code)
        mark = name.language_name if name.is_fallback else ""
        return Item(name.text, language=name.language, language_name=mark)
    if isinstance(item, PactItem):
        title = item.localized("title", language)
        url = f"{reverse('compact:eu-pact')}#{item.code}"
        mark = title.language_name if title.is_fallback else ""
        return Item(f"{item.code} {title.text}", url, title.language, language_name=mark)
    if isinstance(item, Evidence):
        # Only public evidence is ever published (tracker/services/publication.py).
        url = reverse("tracker:evidence-file", args=[item.pk]) if item.file else item.url
        return Item(item.title, url)
    return _pledge_item(item, pledges, language)


def _pledge_item(pledge, pledges: dict, language: str) -> Item:
    """A linked pledge by the first words of its text in the reader's language (or as written,
    with its language), cut between words."""
    record = pledges.get(pledge.pk)
    if record is None:
        return Item(_("a pledge that is not public"))
    text = shown(record.text, record.text_en, record.language, language)
    url = reverse("dashboard:pledge", args=[pledge.pk])
    return Item(
        Truncator(text.text).words(PLEDGE_WORDS),
        url,
        text.language,
        text.language_name if text.is_fallback else "",
    )


def word_differences(before: str, after: str) -> list[tuple[str, str]]:
    """`before` and `after` as pieces of text, each the same in both, removed or added, word
    by word (difflib)."""
    old, new = WORDS.split(before), WORDS.split(after)
    pieces = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            pieces.append(("same", "".join(old[old_start:old_end])))
            continue
        if old_end > old_start:
            pieces.append(("removed", "".join(old[old_start:old_end])))
        if new_end > new_start:
            pieces.append(("added", "".join(new[new_start:new_end])))
    return pieces
