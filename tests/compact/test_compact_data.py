"""The Compact as loaded: what every page, report and measure form relies on."""

import re
import string

import pytest

from compact.models import Action, GuidingPrinciple, Objective, RoundTable

pytestmark = pytest.mark.usefixtures("compact")

DECLARATION_ROUND_TABLES = {
    1: [2, 5, 6, 12, 18],
    2: [4, 8, 9, 10, 11, 13, 21],
    3: [14, 15, 16, 19, 20, 22],
    4: [1, 3, 7, 17, 23],
}

# Independent of the extractor's own checks: what page debris looks like in a finished text.
# Numbers the Compact itself uses in running text: "3 procent", "mål 10 c", "rekommendation 202".
LEGITIMATE_NUMBER = re.compile(
    r"(mål|rekommendation|rekommandasjon|Agenda|resolution|resolusjon)\s+\d+"
    r"|\d+\s+(procent|prosent|c\b)"
)
LONE_NUMBER = re.compile(r"(?<!\S)\d{1,3}(?!\S)")

DEBRIS = [
    (re.compile(r"[a-zåäöæø]{3,}\d"), "a footnote marker glued to a word"),
    (re.compile(r"\bMÅL\b|Målsætning \d|Objective \d|Round table|Rundbord"), "another heading"),
    (re.compile(r"UUI|Alm\.del|Bilag 97|\.png"), "a page footer"),
    (re.compile(r"^\(\d+\)|\s\(\d+\) [A-ZÅÄÖ]"), "an item of the list of objectives"),
    (re.compile(r"inspireras av följande åtgärder|trekke på følgende tiltak"), "the lead-in"),
    (re.compile(r"\s{2,}|^\s|\s$"), "stray white space"),
    (re.compile(r"[a-zåäöæø]- [a-zåäöæø]+(?<!och)(?<!og)(?<!eller)\b"), "a split hyphenation"),
]


def _debris(text: str) -> list[str]:
    found = [label for pattern, label in DEBRIS if pattern.search(text)]
    if LONE_NUMBER.search(LEGITIMATE_NUMBER.sub("", text)):
        found.append("a lone number (page number or footnote)")
    return found


def test_it_has_exactly_23_objectives_with_paragraphs_17_to_39():
    rows = list(Objective.objects.values_list("number", "paragraph"))
    assert rows == [(number, number + 16) for number in range(1, 24)]


def test_it_has_titles_in_all_four_languages_and_commitments_where_they_exist():
    for objective in Objective.objects.all():
        for code in ("en", "sv", "nb", "da"):
            assert getattr(objective, f"title_{code}"), (objective.number, code)
        for code in ("sv", "nb", "da"):
            assert getattr(objective, f"commitment_{code}"), (objective.number, code)
        assert objective.commitment_en is None


def test_each_objective_has_contiguous_action_letters_with_swedish_and_norwegian_texts():
    for objective in Objective.objects.prefetch_related("actions"):
        actions = list(objective.actions.all())
        letters = [action.letter for action in actions]
        assert letters, f"objective {objective.number} has no actions"
        assert letters == list(string.ascii_lowercase[: len(letters)]), objective.number
        assert [action.position for action in actions] == list(range(1, len(actions) + 1))
        for action in actions:
            assert action.text_sv, str(action)
            assert action.text_nb, str(action)
            assert action.text_da is None, str(action)
            assert action.text_en is None, str(action)


def test_it_has_the_compact_s_number_of_actions():
    # The GCM has 187 lettered actions; a lost or doubled action changes this figure.
    assert Action.objects.count() == 187


@pytest.mark.parametrize("field", ["title", "commitment"])
def test_no_objective_text_carries_page_debris(field):
    problems = {}
    for objective in Objective.objects.all():
        for code in ("en", "sv", "nb", "da"):
            text = getattr(objective, f"{field}_{code}")
            if text is not None and (found := _debris(text)):
                problems[(objective.number, code)] = found
    assert problems == {}


def test_no_action_text_carries_page_debris():
    problems = {}
    for action in Action.objects.select_related("objective"):
        for code in ("sv", "nb"):
            if found := _debris(getattr(action, f"text_{code}")):
                problems[(str(action), code)] = found
    assert problems == {}


def test_the_round_tables_hold_every_objective_once_in_the_declaration_s_grouping():
    grouping = {
        table.number: [o.number for o in table.objectives.order_by("round_table_position")]
        for table in RoundTable.objects.all()
    }
    assert grouping == DECLARATION_ROUND_TABLES


def test_it_has_the_ten_guiding_principles_named_in_every_language():
    principles = list(GuidingPrinciple.objects.all())
    assert [p.code for p in principles] == [
        "people_centred",
        "international_cooperation",
        "national_sovereignty",
        "rule_of_law_and_due_process",
        "sustainable_development",
        "human_rights",
        "gender_responsive",
        "child_sensitive",
        "whole_of_government",
        "whole_of_society",
    ]
    for principle in principles:
        for code in ("en", "sv", "nb", "da"):
            assert getattr(principle, f"name_{code}"), (principle.code, code)
        assert principle.description_en is None
        for code in ("sv", "nb", "da"):
            assert getattr(principle, f"description_{code}"), (principle.code, code)


def test_a_missing_text_falls_back_to_the_closest_language_and_says_so():
    action = Action.objects.get(objective__number=1, letter="a")
    danish = action.localized("text", "da")
    assert (danish.language, danish.is_fallback) == ("nb", True)
    english = action.localized("text", "en")
    assert (english.language, english.is_fallback) == ("sv", True)
    swedish = action.localized("text", "sv")
    assert (swedish.text, swedish.is_fallback) == (action.text_sv, False)
