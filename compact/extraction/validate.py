"""Checks of the extracted Compact, loud on anything a reader of the report must not see.

The debris checks look only at the finished texts, with patterns of their own, so that a slip
in the cleanup (text.py) is caught here rather than quoted in a report to the UN.
"""

import re
from collections import Counter
from collections.abc import Iterator
from string import ascii_lowercase

from .errors import ExtractionError, where

LANGUAGES = ("en", "sv", "nb", "da")
OBJECTIVES = range(1, 24)
KNOWN_ROUND_TABLES = {
    1: [2, 5, 6, 12, 18],
    2: [4, 8, 9, 10, 11, 13, 21],
    3: [14, 15, 16, 19, 20, 22],
    4: [1, 3, 7, 17, 23],
}
PRINCIPLE_CODES = (
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
)
# Which languages carry each kind of text; the others must be null.
EXISTING = {
    "title": {"en", "sv", "nb", "da"},
    "commitment": {"sv", "nb", "da"},
    "action": {"sv", "nb"},
    "principle name": {"en", "sv", "nb", "da"},
    "principle description": {"sv", "nb", "da"},
}

# Swedish and Norwegian versions of one text differ in length by up to 1.9 times (18c, where the
# Norwegian translation is short); a block of another page dropped into one goes beyond this.
MAX_LENGTH_RATIO = 2.5

_CONJUNCTIONS = "och|eller|samt|respektive|till|som|og|enten|and|or|nor|to"
_EN_DASH = "\u2013"
DEBRIS = [
    ("a footnote", re.compile(rf"(?<![\w.,/{_EN_DASH}-])\d{{1,2}} [A-ZÅÄÖÆØ][a-zåäöæø]+")),
    ("a footnote marker glued to a word", re.compile(r"[^\W\d_]\d{1,3}(?!\w)")),
    ("an objective heading", re.compile(r"\bMÅL\b|\bMål\s+\d|\bMålsætning\s+\d|\bObjective\s+\d")),
    ("a round-table heading", re.compile(r"\bRound\s+table\b", re.IGNORECASE)),
    ("a page footer", re.compile(r"UUI|Alm\.del|\.png\b")),
    ("a heading in capitals", re.compile(r"\b[A-ZÅÄÖÆØ]{3,}(?: [A-ZÅÄÖÆØ]{2,})+\b")),
    ("an item of the list of objectives", re.compile(r"\(\d{1,2}\)")),
    ("the lead-in to the actions", re.compile(r"inspireras av|trekke på følgende|følgende tiltak")),
    (
        "a word hyphenated across lines",
        re.compile(rf"[^\W\d_]- (?!(?:{_CONJUNCTIONS})\b)[a-zåäöæø]"),
    ),
    ("a word split by a space", re.compile(r"(?<=[^\W\d_] )[b-df-hj-np-tv-xz](?![\w.-])")),
    ("punctuation out of place", re.compile(r"\s[,.;:]|[,;:]\s?[,;:.]")),
]


def check_action_letters(objective: int, letters: dict[str, list[str]]) -> None:
    """Swedish and Norwegian must carry the same actions, lettered a, b, c, ... without gaps."""
    (first, first_letters), (second, second_letters) = letters.items()
    for present, absent, missing in (
        (first, second, set(first_letters) - set(second_letters)),
        (second, first, set(second_letters) - set(first_letters)),
    ):
        if missing:
            raise ExtractionError(
                f"{where(objective)}, action {', '.join(sorted(missing))}: "
                f"present in {present} but missing in {absent}"
            )
    expected = list(ascii_lowercase[: len(first_letters)])
    if first_letters != expected:
        gaps = sorted(set(expected) - set(first_letters)) or first_letters
        raise ExtractionError(
            f"{where(objective)} ({first}, {second}): actions are not lettered a, b, c, ... "
            f"in order (look at {', '.join(gaps)})"
        )


def check_subheadings(found: dict[str, set[tuple[int, str]]]) -> None:
    """A sub-heading taken out of one language's actions must stand at the same place in the
    other's."""
    (first, first_found), (second, second_found) = found.items()
    for present, absent, places in (
        (first, second, first_found - second_found),
        (second, first, second_found - first_found),
    ):
        for objective, letter in sorted(places):
            raise ExtractionError(
                f"{where(objective, letter)}: a sub-heading before it in {present} "
                f"but not in {absent}"
            )


def check_declaration(
    titles: dict[int, str],
    round_tables: list[tuple[int, list[int]]],
    footnotes: dict[int, list[int]],
    principle_names: list[str],
) -> None:
    for objective in OBJECTIVES:
        if objective not in titles:
            raise ExtractionError(
                f"{where(objective, language='en')}: no title in the Declaration's "
                "round-table footnotes"
            )
    _check_round_tables(round_tables, footnotes)
    _check_principle_names(principle_names)


def _check_round_tables(
    round_tables: list[tuple[int, list[int]]], footnotes: dict[int, list[int]]
) -> None:
    numbers = [number for number, _ in round_tables]
    if numbers != sorted(KNOWN_ROUND_TABLES):
        raise ExtractionError(f"round tables (en): found {numbers}, expected 1, 2, 3, 4 in order")
    seen = Counter(objective for _, objectives in round_tables for objective in objectives)
    for objective in OBJECTIVES:
        if seen[objective] != 1:
            raise ExtractionError(
                f"{where(objective, language='en')}: in {seen[objective]} round tables, "
                "not exactly one"
            )
    for number, objectives in round_tables:
        if objectives != KNOWN_ROUND_TABLES[number]:
            raise ExtractionError(
                f"round table {number} (en): objectives {objectives}, "
                f"expected {KNOWN_ROUND_TABLES[number]}"
            )
        if footnotes.get(number) != objectives:
            raise ExtractionError(
                f"round table {number} (en): its footnote gives titles for "
                f"{footnotes.get(number)}, its heading lists {objectives}"
            )


def _check_principle_names(names: list[str]) -> None:
    if len(names) != len(PRINCIPLE_CODES):
        raise ExtractionError(f"guiding principles (en): {len(names)} names, expected 10")
    for code, name in zip(PRINCIPLE_CODES, names, strict=True):
        slug = re.sub(r"[\s-]+", "_", name.lower()).removesuffix("_approach")
        if slug != code:
            raise ExtractionError(f"guiding principle {code} (en): named {name!r}")


def check_fixture(data: dict) -> None:
    """Structure, nulls, and debris in every text of the finished fixture."""
    if list(data) != ["sources", "objectives", "round_tables", "guiding_principles"]:
        raise ExtractionError(f"fixture: unexpected top-level keys {list(data)}")
    numbers = [objective["number"] for objective in data["objectives"]]
    if numbers != list(OBJECTIVES):
        raise ExtractionError(f"fixture: objectives {numbers}, expected 1 to 23")
    for objective in data["objectives"]:
        if objective["paragraph"] != 16 + objective["number"]:
            raise ExtractionError(
                f"{where(objective['number'])}: paragraph {objective['paragraph']}, "
                f"expected {16 + objective['number']}"
            )
    codes = [principle["code"] for principle in data["guiding_principles"]]
    if codes != list(PRINCIPLE_CODES):
        raise ExtractionError(f"fixture: guiding principles {codes}")
    groups = list(_text_groups(data))
    for place, kind, texts in groups:
        _check_presence(place, kind, texts)
        for language, text in texts.items():
            if text is not None:
                _check_debris(f"{place} ({language})", kind, text)
        _check_numbers_agree(place, kind, texts)
        _check_lengths_agree(place, kind, texts)
        _check_not_copied(place, kind, texts)


def _text_groups(data: dict) -> Iterator[tuple[str, str, dict]]:
    """(place, kind of text, {language: text}) for every text in the fixture."""
    for objective in data["objectives"]:
        place = where(objective["number"])
        yield place, "title", objective["title"]
        yield place, "commitment", objective["commitment"]
        for action in objective["actions"]:
            yield where(objective["number"], action["letter"]), "action", action["text"]
    for principle in data["guiding_principles"]:
        place = f"guiding principle {principle['code']}"
        yield place, "principle name", principle["name"]
        yield place, "principle description", principle["description"]


def _check_presence(place: str, kind: str, texts: dict) -> None:
    if tuple(texts) != LANGUAGES:
        raise ExtractionError(f"{place}: {kind} has languages {list(texts)}, expected {LANGUAGES}")
    for language, text in texts.items():
        if language in EXISTING[kind]:
            if not isinstance(text, str) or not text.strip():
                raise ExtractionError(f"{place} ({language}): {kind} is empty")
        elif text is not None:
            raise ExtractionError(f"{place} ({language}): {kind} must be null, there is none")


def _subject(kind: str) -> str:
    """How a message names the text: an action's text is "text" ("action c (nb): text ...")."""
    return "text" if kind == "action" else kind


def _check_debris(place: str, kind: str, text: str) -> None:
    subject = _subject(kind)
    if text != text.strip() or re.search(r"\s\s|[^\S ]", text):
        raise ExtractionError(f"{place}: {subject} has unnormalised whitespace: {text[:60]!r}")
    if kind in ("title", "principle name") and text.endswith((".", ";", ":")):
        raise ExtractionError(f"{place}: {subject} keeps its closing punctuation: {text[-20:]!r}")
    for what, pattern in DEBRIS:
        match = pattern.search(text)
        if match:
            raise ExtractionError(
                f"{place}: {subject} carries page debris: {match.group()!r} ({what})"
            )


def _check_numbers_agree(place: str, kind: str, texts: dict) -> None:
    """A number in one language's text and in no other's is a page number or a footnote left in.

    Translations of one paragraph carry the same figures (years, percentages, targets).
    """
    numbers = {
        language: Counter(re.findall(r"\d+", text)) for language, text in texts.items() if text
    }
    for language, counts in numbers.items():
        others = [other for name, other in numbers.items() if name != language]
        for number, count in counts.items():
            if others and all(other[number] < count for other in others):
                raise ExtractionError(
                    f"{place} ({language}): {_subject(kind)} carries page debris: {number!r} "
                    f"(a number no other language has here)"
                )


def _check_lengths_agree(place: str, kind: str, texts: dict) -> None:
    """A text far longer than its translation has taken in something from elsewhere."""
    if kind not in ("commitment", "action"):
        return
    swedish, norwegian = texts["sv"], texts["nb"]
    for language, text, other in (("sv", swedish, norwegian), ("nb", norwegian, swedish)):
        if len(text) > MAX_LENGTH_RATIO * len(other):
            raise ExtractionError(
                f"{place} ({language}): {kind} is {len(text) / len(other):.1f} times as long "
                "as the other full text: has a block of another page been taken in?"
            )


def _check_not_copied(place: str, kind: str, texts: dict) -> None:
    """A text missing in one language must be null, not another language's text."""
    seen: dict[str, str] = {}
    for language, text in texts.items():
        if text is None:
            continue
        if text in seen:
            raise ExtractionError(
                f"{place} ({language}): {kind} is a copy of the {seen[text]} text"
            )
        seen[text] = language
