"""Parse the Commission's 2024 communication on the EU Pact on Migration and Asylum (Swedish).

What the communication is made of, read from its own markers:

- parts: a roman numeral, a full stop and a title in capitals ("III. RIKTADE OPERATIVA ÅTGÄRDER");
- numbered sections: "2. Omsätta pakten i praktiken", numbered from 1 again in each part;
- sub-headings: unnumbered lines that stand alone as titles (see pact_layout.HeadingRules);
- the legal acts: the list in the footnote marked on the sentence that counts them
  ("De elva1 sammankopplade rättsakterna"), one act per list item.

A part, section or sub-heading starts only where the paragraph before it has ended (or a
heading stands before it). The checks of the result are in pact_checks.py.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ExtractionError
from .pact_layout import (
    Footnote,
    HeadingRules,
    Layout,
    Line,
    closes_paragraph,
    read_layout,
)
from .text import Vocabulary, join_lines

PACT_SOURCE = "eu-migration-pact-communication-2024-sv.txt"
NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
PART_HEADING = re.compile(r"^([IVX]+)\.\s+(\S.*)$")
SECTION_HEADING = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
# The sentence that counts the acts, with the footnote mark set against the number word.
ACT_COUNT = re.compile(r"\b([^\W\d_]+)(\d{1,2})?\s+sammankopplade\s+rättsakter", re.IGNORECASE)
NUMBER_WORDS = {
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "tretton": 13,
    "fjorton": 14,
    "femton": 15,
}
LIST_CONJUNCTION = re.compile(r"(?<![-\u2013])\s(?:samt|och)\s")


@dataclass(frozen=True)
class Heading:
    line: int
    title: str


@dataclass
class Section:
    number: int
    line: int
    title: str
    subheadings: list[Heading] = field(default_factory=list)


@dataclass
class Part:
    numeral: str
    number: int
    line: int
    title: str
    sections: list[Section] = field(default_factory=list)
    # Sub-headings that stand under the part itself, before or without any numbered section.
    subheadings: list[Heading] = field(default_factory=list)


@dataclass(frozen=True)
class Act:
    number: int
    line: int
    name: str
    note: str | None


@dataclass(frozen=True)
class ActCount:
    """Where the text counts the acts: the number word, its value, its line, its footnote."""

    word: str
    value: int
    line: int
    footnote: str


@dataclass
class ParsedPact:
    lines: list[str]
    parts: list[Part]
    acts: list[Act]
    count: ActCount
    layout: Layout


def parse_pact(path: Path) -> ParsedPact:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    layout = read_layout(lines)
    parts = _parse_headings(layout.body)
    count = _act_count(layout.body)
    footnote = layout.footnotes.get(count.footnote)
    if footnote is None:
        raise ExtractionError(
            f"legal acts, line {count.line}: footnote {count.footnote}, marked on "
            f"'{count.word}', not found at any page foot"
        )
    acts = _parse_acts(footnote, Vocabulary.of(lines))
    return ParsedPact(lines, parts, acts, count, layout)


def _parse_headings(body: list[Line]) -> list[Part]:
    rules = HeadingRules.of(body)
    parts: list[Part] = []
    after_paragraph = True  # the document's start is a paragraph boundary
    for index, line in enumerate(body):
        text = _single_spaced(line.text)
        next_text = body[index + 1].text if index + 1 < len(body) else None
        heading = after_paragraph and _take_heading(parts, line, text, next_text, rules)
        after_paragraph = heading or closes_paragraph(text)
    if not parts:
        raise ExtractionError("parts: no part heading ('I. ...') found")
    return parts


def _take_heading(
    parts: list[Part], line: Line, text: str, next_text: str | None, rules: HeadingRules
) -> bool:
    """Add the line to `parts` if it is a heading; whether it was one."""
    part = PART_HEADING.match(text)
    if part and part.group(2) == part.group(2).upper():
        expected = NUMERALS[len(parts)]
        if part.group(1) != expected:
            raise ExtractionError(
                f"part {part.group(1)}, line {line.number}: expected part {expected} here"
            )
        parts.append(Part(expected, len(parts) + 1, line.number, part.group(2)))
        return True
    section = SECTION_HEADING.match(text)
    if section and not closes_paragraph(text):
        if not parts:
            raise ExtractionError(f"section {section.group(1)}, line {line.number}: before part I")
        current = parts[-1]
        expected = len(current.sections) + 1
        if int(section.group(1)) != expected:
            raise ExtractionError(
                f"part {current.numeral}, section {section.group(1)}, line {line.number}: "
                f"expected section {expected} here (numbering restarts in each part)"
            )
        current.sections.append(Section(expected, line.number, section.group(2)))
        return True
    if parts and rules.is_subheading(text, next_text):
        current = parts[-1]
        under = current.sections[-1].subheadings if current.sections else current.subheadings
        under.append(Heading(line.number, text))
        return True
    return False


def _single_spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _act_count(body: list[Line]) -> ActCount:
    """The sentence that counts the legal acts; the footnote mark on it names their list."""
    for index, line in enumerate(body):
        window = " ".join(item.text for item in body[index : index + 2])
        match = ACT_COUNT.search(window)
        if match and match.start() < len(line.text):
            word = match.group(1).lower()
            if word not in NUMBER_WORDS:
                raise ExtractionError(
                    f"legal acts, line {line.number}: '{match.group(1)}' before "
                    "'sammankopplade rättsakter' is not a number word"
                )
            if match.group(2) is None:
                raise ExtractionError(
                    f"legal acts, line {line.number}: '{match.group(1)}' carries no footnote "
                    "mark, so the list of acts cannot be found"
                )
            return ActCount(word, NUMBER_WORDS[word], line.number, match.group(2))
    raise ExtractionError("legal acts: no sentence counting the 'sammankopplade rättsakter'")


def _parse_acts(footnote: Footnote, vocabulary: Vocabulary) -> list[Act]:
    """One act per item of the footnote's list: items are separated by commas outside
    brackets, and the last two by 'och' or 'samt'; a bracketed remark is the act's note."""
    raw = [line.text for line in footnote.lines]
    text = join_lines(raw, vocabulary)
    marker = re.match(rf"^{re.escape(footnote.mark)}\s+", text)
    start = marker.end() if marker else 0
    body = text[start:].rstrip()
    body = body[:-1] if body.endswith(".") else body
    offsets = [len(join_lines(raw[: count + 1], vocabulary)) for count in range(len(raw))]
    acts = []
    for number, (offset, item) in enumerate(_list_items(body, footnote), start=1):
        position = start + offset
        line = next(
            (footnote.lines[i].number for i, end in enumerate(offsets) if position < end),
            footnote.lines[-1].number,
        )
        name, note = _name_and_note(item)
        acts.append(Act(number, line, name[:1].upper() + name[1:], note))
    return acts


def _list_items(text: str, footnote: Footnote) -> list[tuple[int, str]]:
    """(offset in `text`, item) for each item of a Swedish list: "a, b, c och d"."""
    items: list[tuple[int, str]] = []
    depth, begin = 0, 0
    for position, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append((begin, text[begin:position]))
            begin = position + 1
    last = text[begin:]
    joins = [match for match in LIST_CONJUNCTION.finditer(last) if _depth(last, match.start()) == 0]
    if not joins:
        raise ExtractionError(
            f"legal acts, footnote {footnote.mark}, line {footnote.line}: the list's last item "
            f"has no 'och' or 'samt' joining it to the one before: {last.strip()[:60]!r}"
        )
    final = joins[-1]
    items += [(begin, last[: final.start()]), (begin + final.end(), last[final.end() :])]
    return [(offset + len(item) - len(item.lstrip()), item.strip()) for offset, item in items]


def _depth(text: str, position: int) -> int:
    return text[:position].count("(") - text[:position].count(")")


def _name_and_note(item: str) -> tuple[str, str | None]:
    notes = re.findall(r"\(([^()]*)\)", item)
    name = re.sub(r"\s*\([^()]*\)", "", item)
    name = re.sub(r"\s+", " ", name).strip()
    note = "; ".join(re.sub(r"\s+", " ", text).strip() for text in notes)
    return name, note or None
