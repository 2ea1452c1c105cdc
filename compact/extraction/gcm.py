"""Parse one language version of the Compact into objectives, actions and guiding principles.

The structure comes from the document's own markers: an objective heading ("MÅL 3:",
"Målsætning 3:"), the numbered commitment paragraph that follows it (16 + objective number), the
sentence that leads in to the actions, and the lettered actions "a)", "b)", ... Everything
between two markers is one text, once the page debris is taken out.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ExtractionError, where
from .text import (
    ACTION_MARKER,
    NUMBERED_PARAGRAPH,
    Vocabulary,
    drop_glued_footnote_markers,
    drop_page_debris,
    drop_subheadings,
    footnote_numbers,
    is_double_spaced,
    join_lines,
    normalise_spaces,
    repair_split_words,
)

OBJECTIVE_COUNT = 23
FIRST_COMMITMENT_PARAGRAPH = 17
# The paragraph that opens the section after the objectives ("Implementation").
PARAGRAPH_AFTER_OBJECTIVES = FIRST_COMMITMENT_PARAGRAPH + OBJECTIVE_COUNT
PRINCIPLES_PARAGRAPH = 15


@dataclass(frozen=True)
class Profile:
    """What marks the structure in one language version."""

    language: str
    heading_word: str
    # The sentence between a commitment and its actions; None where the text has no actions.
    lead_in: str | None

    @property
    def heading(self) -> re.Pattern[str]:
        # Case-sensitive on purpose: the table of contents writes "Mål 3:" and is not the body.
        return re.compile(rf"^\s*{self.heading_word}\s+(\d{{1,2}})\s*:\s*(.*)$")

    @property
    def lead_in_pattern(self) -> re.Pattern[str]:
        # Spaces may be lost in extraction ("inspireras avföljande"), never the words.
        return re.compile(r"\s*".join(map(re.escape, (self.lead_in or "").split())))


SWEDISH = Profile(
    "sv", "MÅL", "För att förverkliga detta åtagande kommer vi att inspireras av följande åtgärder:"
)
NORWEGIAN = Profile(
    "nb", "MÅL", "For å gjennomføre denne forpliktelsen vil vi kunne trekke på følgende tiltak:"
)
DANISH = Profile("da", "Målsætning", None)


@dataclass
class ParsedObjective:
    number: int
    title: str
    commitment: str
    actions: dict[str, str] = field(default_factory=dict)


@dataclass
class ParsedCompact:
    language: str
    objectives: dict[int, ParsedObjective]
    principles: list[tuple[str, str]]
    # (objective, letter of the action it precedes) for every sub-heading taken out.
    subheadings: set[tuple[int, str]]


class Document:
    """The lines of one source file and what is known about its layout."""

    def __init__(self, path: Path, language: str):
        self.language = language
        self.lines = path.read_text(encoding="utf-8").splitlines()
        self.vocabulary = Vocabulary.of(self.lines)
        self.footnotes = footnote_numbers(self.lines)
        self.double_spaced = is_double_spaced(self.lines)

    def clean(self, lines: list[str]) -> str:
        """One paragraph of running text from lines already rid of page debris."""
        text = join_lines(lines, self.vocabulary)
        text = drop_glued_footnote_markers(text, self.footnotes)
        return normalise_spaces(repair_split_words(text, self.vocabulary))


def parse_compact(path: Path, profile: Profile) -> ParsedCompact:
    document = Document(path, profile.language)
    regions = _objective_regions(document, profile)
    objectives = {}
    subheadings = set()
    for number, region in regions.items():
        objective, found = _parse_objective(document, profile, number, region)
        objectives[number] = objective
        subheadings |= {(number, letter) for letter in found}
    titles = {number: objective.title for number, objective in objectives.items()}
    for objective in objectives.values():
        objective.commitment = drop_objective_list(objective.commitment, titles)
        for letter, text in objective.actions.items():
            objective.actions[letter] = drop_objective_list(text, titles)
    principles = _parse_principles(document)
    return ParsedCompact(profile.language, objectives, principles, subheadings)


def _objective_regions(document: Document, profile: Profile) -> dict[int, list[str]]:
    """The lines of each objective, from its heading to the next heading or section."""
    starts = {}
    for index, line in enumerate(document.lines):
        match = profile.heading.match(line)
        if match:
            number = int(match.group(1))
            if number in starts:
                raise ExtractionError(
                    f"{where(number, language=profile.language)}: "
                    f"heading '{profile.heading_word} {number}:' appears twice"
                )
            starts[number] = index
    for number in range(1, OBJECTIVE_COUNT + 1):
        if number not in starts:
            raise ExtractionError(
                f"{where(number, language=profile.language)}: "
                f"heading '{profile.heading_word} {number}:' not found"
            )
    order = [starts[number] for number in range(1, OBJECTIVE_COUNT + 1)]
    if order != sorted(order) or len(starts) != OBJECTIVE_COUNT:
        raise ExtractionError(
            f"objectives ({profile.language}): headings are not 1 to {OBJECTIVE_COUNT} in order"
        )
    ends = [*order[1:], _end_of_objectives(document, order[-1], profile)]
    return {
        number: document.lines[start:end]
        for number, start, end in zip(range(1, OBJECTIVE_COUNT + 1), order, ends, strict=True)
    }


def _end_of_objectives(document: Document, last_heading: int, profile: Profile) -> int:
    for index in range(last_heading, len(document.lines)):
        match = NUMBERED_PARAGRAPH.match(document.lines[index])
        if match and int(match.group(1)) == PARAGRAPH_AFTER_OBJECTIVES:
            return index
    raise ExtractionError(
        f"{where(OBJECTIVE_COUNT, language=profile.language)}: paragraph "
        f"{PARAGRAPH_AFTER_OBJECTIVES}, which ends the objectives, not found"
    )


def _parse_objective(
    document: Document, profile: Profile, number: int, region: list[str]
) -> tuple[ParsedObjective, list[str]]:
    lines = drop_page_debris(region)
    heading_rest = profile.heading.match(region[0]).group(2)
    paragraph = _commitment_paragraph(lines, number, profile.language)
    title = document.clean([heading_rest, *lines[1:paragraph]]).rstrip(".;: ")
    if not title:
        raise ExtractionError(f"{where(number, language=profile.language)}: empty title")
    first_action = next(
        (i for i in range(paragraph, len(lines)) if ACTION_MARKER.match(lines[i])), None
    )
    if profile.lead_in is None:
        if first_action is not None:
            raise ExtractionError(
                f"{where(number, language=profile.language)}: unexpected action "
                f"'{lines[first_action].strip()[:2]}' in a text that has no actions"
            )
        commitment = _strip_paragraph_number(document.clean(lines[paragraph:]), number)
        return ParsedObjective(number, title, commitment), []
    if first_action is None:
        raise ExtractionError(f"{where(number, language=profile.language)}: no actions found")
    commitment = _split_lead_in(document.clean(lines[paragraph:first_action]), number, profile)
    actions, subheadings = _parse_actions(document, lines[first_action:], number)
    return ParsedObjective(number, title, commitment, actions), subheadings


def _commitment_paragraph(lines: list[str], number: int, language: str) -> int:
    expected = FIRST_COMMITMENT_PARAGRAPH + number - 1
    for index, line in enumerate(lines[1:], start=1):
        match = NUMBERED_PARAGRAPH.match(line)
        if match:
            if int(match.group(1)) != expected:
                break
            return index
    raise ExtractionError(
        f"{where(number, language=language)}: no commitment paragraph found "
        f"(expected paragraph {expected} after the heading)"
    )


def _strip_paragraph_number(text: str, number: int) -> str:
    return re.sub(rf"^{FIRST_COMMITMENT_PARAGRAPH + number - 1}\.\s*", "", text)


def _split_lead_in(text: str, number: int, profile: Profile) -> str:
    """The commitment without the sentence that leads in to the actions, which must close it."""
    match = profile.lead_in_pattern.search(text)
    if match is None:
        raise ExtractionError(
            f"{where(number, language=profile.language)}: "
            f"lead-in to the actions ('{profile.lead_in}') not found"
        )
    if text[match.end() :].strip():
        raise ExtractionError(
            f"{where(number, language=profile.language)}: text between the lead-in and "
            f"action a: {text[match.end() :].strip()[:60]!r}"
        )
    return _strip_paragraph_number(text[: match.start()].strip(), number)


def _parse_actions(
    document: Document, lines: list[str], number: int
) -> tuple[dict[str, str], list[str]]:
    """The lettered actions, and the letters of the actions a sub-heading stood before."""
    lines, positions = drop_subheadings(lines, document.double_spaced)
    starts = [(i, ACTION_MARKER.match(line)) for i, line in enumerate(lines)]
    starts = [(i, match) for i, match in starts if match]
    actions = {}
    for (start, match), (end, _) in zip(starts, [*starts[1:], (len(lines), None)], strict=True):
        letter = match.group(1)
        if letter in actions:
            raise ExtractionError(
                f"{where(number, letter, document.language)}: the letter appears twice"
            )
        actions[letter] = document.clean([match.group(2), *lines[start + 1 : end]])
    subheadings = [next(m.group(1) for i, m in starts if i > position) for position in positions]
    return actions, subheadings


def drop_objective_list(text: str, titles: dict[int, str]) -> str:
    """Take out items of the numbered list of objectives that a page break dropped into a text.

    An item is recognised by its number in brackets followed by that objective's own title.
    """
    for number, title in titles.items():
        item = rf"\({number}\)\s*{re.escape(title)}\.?"
        text = re.sub(item, " ", text)
    return normalise_spaces(text)


def _parse_principles(document: Document) -> list[tuple[str, str]]:
    """The guiding principles of paragraph 15: "Name: description" paragraphs up to paragraph 16."""
    start = _paragraph_index(document, PRINCIPLES_PARAGRAPH)
    end = _paragraph_index(document, PRINCIPLES_PARAGRAPH + 1)
    lines = drop_page_debris(document.lines[start + 1 : end])
    principle_start = re.compile(r"^\s*([^\W\d_][^:.]{1,100}):\s+(\S.*)$")
    principles: list[tuple[str, list[str]]] = []
    for line in lines:
        match = principle_start.match(line)
        if match:
            principles.append((match.group(1), [match.group(2)]))
        elif principles:
            principles[-1][1].append(line)
    return [(document.clean([name]), document.clean(body)) for name, body in principles]


def _paragraph_index(document: Document, number: int) -> int:
    for index, line in enumerate(document.lines):
        match = NUMBERED_PARAGRAPH.match(line)
        if match and int(match.group(1)) == number:
            return index
    raise ExtractionError(f"guiding principles ({document.language}): paragraph {number} not found")
