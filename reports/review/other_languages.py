"""What a cycle's report in a language would print in another one, for the pre-flight: by kind
of text, each entry with the texts concerned, so that the coordinator can have them translated.

It asks the database what the report's data (reports/review/document/data.py) decides text by
text, with the same rules (reports/review/document/languages.py): the lists are what the
report marks. A fixed number of queries: two per kind of entry (the first LISTED and the
count), one for the narratives.
"""

from dataclasses import dataclass, field

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from reports.models import RoundTableNarrative
from reports.review.document.languages import chosen_narratives, printed_elsewhere
from reports.review.document.rows import with_updates
from tracker.models import Organisation, ReviewCycle
from tracker.selectors.cycles import measures_of_cycle, pledges_of_cycle

LISTED = 50


class Kind:
    MEASURE = "measure"
    UPDATE = "update"
    PLEDGE = "pledge"
    NARRATIVE = "narrative"
    ORGANISATION = "organisation"
    CYCLE = "cycle"


@dataclass(frozen=True)
class Item:
    """An entry with texts printed in another language: `key` is what its page's link needs
    (the measure's, update's or pledge's id, the organisation's, the round table's number or
    the cycle's slug), `texts` names its texts concerned."""

    key: int | str
    label: str
    language: str
    texts: tuple[str, ...] = ()


@dataclass
class Group:
    kind: str
    count: int
    items: list[Item] = field(default_factory=list)

    @property
    def more(self) -> int:
        return self.count - len(self.items)


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _texts(row: dict, names: dict[str, str]) -> tuple[str, ...]:
    return tuple(str(label) for flag, label in names.items() if row[flag])


def _measures(cycle: ReviewCycle, language: str) -> Group:
    title = printed_elsewhere("title", language, english="title_en")
    description = printed_elsewhere("description", language, english="description_en")
    rows = measures_of_cycle(cycle).filter(title | description)
    listed = rows.annotate(in_title=_flag(title), in_description=_flag(description)).order_by(
        "title", "pk"
    )
    names = {"in_title": _("title"), "in_description": _("description")}
    return Group(
        Kind.MEASURE,
        rows.count(),
        [
            Item(row["entry_id"], row["title"], row["language"], _texts(row, names))
            for row in listed.values("entry_id", "title", "language", "in_title", "in_description")[
                :LISTED
            ]
        ],
    )


def _updates(cycle: ReviewCycle, language: str) -> Group:
    results = printed_elsewhere("update_results", language, english="update_results_en")
    rows = with_updates(cycle).filter(results).order_by("title", "pk")
    return Group(
        Kind.UPDATE,
        rows.count(),
        [
            Item(
                row["update_id"],
                row["title"],
                row["language"],
                (str(_("results")),),
            )
            for row in rows.values("update_id", "title", "language")[:LISTED]
        ],
    )


def _pledges(cycle: ReviewCycle, language: str) -> Group:
    text = printed_elsewhere("text", language, english="text_en")
    narrative = printed_elsewhere("status_narrative", language)
    rows = pledges_of_cycle(cycle).filter(text | narrative)
    listed = rows.annotate(in_text=_flag(text), in_narrative=_flag(narrative)).order_by(
        "made_on", "entry_id"
    )
    names = {"in_text": _("pledge"), "in_narrative": _("status narrative")}
    return Group(
        Kind.PLEDGE,
        rows.count(),
        [
            Item(row["entry_id"], row["text"], row["language"], _texts(row, names))
            for row in listed.values("entry_id", "text", "language", "in_text", "in_narrative")[
                :LISTED
            ]
        ],
    )


def _organisations(cycle: ReviewCycle, language: str) -> Group:
    """The organisations the report names (leads of its measures and pledges) without a name
    in `language`."""
    leads = Exists(measures_of_cycle(cycle).filter(lead_organisation=OuterRef("pk"))) | Exists(
        pledges_of_cycle(cycle).filter(lead_organisation=OuterRef("pk"))
    )
    rows = Organisation.objects.filter(leads, **{f"name_{language}": ""}).order_by("code")
    # An organisation has a name in at least one language (its constraint).
    names = [(row, row.localized("name", language)) for row in rows[:LISTED]]
    items = [Item(row.pk, name.text, name.language) for row, name in names]
    return Group(Kind.ORGANISATION, rows.count(), items)


def _narratives(cycle: ReviewCycle, language: str) -> Group:
    chosen = chosen_narratives(RoundTableNarrative.objects.filter(cycle=cycle), language)
    items = [
        Item(narrative.round_table_id, "", narrative.language)
        for narrative in chosen.values()
        if narrative.language != language
    ]
    return Group(Kind.NARRATIVE, len(items), items)


def _cycle(cycle: ReviewCycle, language: str) -> Group:
    name = cycle.name_in(language)
    items = [Item(cycle.slug, name.text, name.language)] if name.is_fallback else []
    return Group(Kind.CYCLE, len(items), items)


def other_language_texts(*, cycle: ReviewCycle, language: str) -> list[Group]:
    """Every kind of text the report in `language` would print in another language, those
    with none left out, in the order of the pre-flight."""
    groups = [
        reader(cycle, language)
        for reader in (_cycle, _measures, _updates, _pledges, _narratives, _organisations)
    ]
    return [group for group in groups if group.count]
