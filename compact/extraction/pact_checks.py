"""Checks of the parsed Pact against the source and against what a reader counts in it.

They do not trust the parser: the counts are those of the communication as published, the
sections are counted again from the raw lines, the number of acts is the number word in the
text, and every title is looked for again in the raw source at the line the parser recorded.
Each failure names the part, section and line.
"""

import re

from .errors import ExtractionError
from .pact import SECTION_HEADING, ParsedPact, Part
from .pact_layout import CLOSERS, MAX_HEADING_WORDS
from .text import Vocabulary, join_lines

# Per part: (sub-headings under the part itself, [sub-headings under each numbered section]).
OUTLINE = {
    "I": (0, []),
    "II": (0, [3, 0]),
    "III": (0, [1, 3, 0, 2, 4]),
    "IV": (0, [5, 3, 0]),
    "V": (8, []),
    "VI": (0, []),
}
RAW_PART = re.compile(r"^\s*([IVX]+)\.\s+\S")
DEBRIS = [
    ("a figure: a page number or a footnote mark", re.compile(r"\d+")),
    ("an asterisk: a footnote mark", re.compile(r"\*")),
    ("a link: footnote text", re.compile(r"https?:|www\.|\.eu\b|\.int\b")),
]


def place(part: str, section: int | None = None, line: int | None = None) -> str:
    """Name a place the way the messages do: "part III, section 2, line 443"."""
    text = f"part {part}"
    if section is not None:
        text += f", section {section}"
    if line is not None:
        text += f", line {line}"
    return text


def check_pact(parsed: ParsedPact) -> None:
    check_outline(parsed.parts)
    check_sections_against_source(parsed)
    vocabulary = Vocabulary.of(parsed.lines)
    previous = 0
    for part, section, line, kind, title in _headings(parsed.parts):
        where = place(part.numeral, section, line)
        if line <= previous:
            raise ExtractionError(f"{where}: {kind} is out of reading order")
        previous = line
        check_title(where, kind, title)
        if not _found(parsed.lines, line, title, vocabulary, whole_line=True):
            raise ExtractionError(f"{where}: {kind} {title!r} is not on that line of the source")
    check_acts(parsed, vocabulary)


def check_outline(parts: list[Part]) -> None:
    numerals = [part.numeral for part in parts]
    if numerals != list(OUTLINE):
        raise ExtractionError(f"parts: found {numerals}, expected {list(OUTLINE)}")
    for part in parts:
        own, per_section = OUTLINE[part.numeral]
        if len(part.sections) != len(per_section):
            raise ExtractionError(
                f"{place(part.numeral, line=part.line)}: {len(part.sections)} numbered "
                f"sections found, expected {len(per_section)}"
            )
        if len(part.subheadings) != own:
            raise ExtractionError(
                f"{place(part.numeral, line=part.line)}: {len(part.subheadings)} sub-headings "
                f"found before any numbered section, expected {own}"
            )
        for section, expected in zip(part.sections, per_section, strict=True):
            if len(section.subheadings) != expected:
                raise ExtractionError(
                    f"{place(part.numeral, section.number, section.line)}: "
                    f"{len(section.subheadings)} sub-headings found, expected {expected}"
                )


def check_sections_against_source(parsed: ParsedPact) -> None:
    """Count the numbered lines of each part in the raw source, apart from the parser."""
    counts: dict[str, int] = {}
    current = None
    for index, raw in enumerate(parsed.lines):
        if index + 1 in parsed.layout.foot_lines:
            continue
        part = RAW_PART.match(raw)
        if part:
            current = part.group(1)
            counts[current] = 0
        elif current and SECTION_HEADING.match(raw.strip()):
            counts[current] += 1
    for part in parsed.parts:
        if counts.get(part.numeral) != len(part.sections):
            raise ExtractionError(
                f"{place(part.numeral, line=part.line)}: the source has "
                f"{counts.get(part.numeral)} numbered lines, the parser found "
                f"{len(part.sections)} sections"
            )


def check_title(where: str, kind: str, title: str) -> None:
    if not title or title != title.strip() or "  " in title:
        raise ExtractionError(f"{where}: {kind} {title!r} is empty or badly spaced")
    if title.endswith((*CLOSERS, ",")):
        raise ExtractionError(f"{where}: {kind} {title!r} keeps closing punctuation")
    if len(title.split()) > MAX_HEADING_WORDS:
        raise ExtractionError(
            f"{where}: {kind} {title[:60]!r} has more than {MAX_HEADING_WORDS} words: "
            "running text or footnote text taken in"
        )
    for what, pattern in DEBRIS:
        match = pattern.search(title)
        if match:
            raise ExtractionError(
                f"{where}: {kind} {title!r} carries page debris {match.group()!r} ({what})"
            )


def check_acts(parsed: ParsedPact, vocabulary: Vocabulary) -> None:
    count = parsed.count
    acts = parsed.acts
    where = f"legal acts, footnote {count.footnote}"
    if len(acts) != count.value:
        raise ExtractionError(
            f"{where}: {len(acts)} acts listed, but the text at line {count.line} says "
            f"'{count.word}' ({count.value})"
        )
    names = [act.name for act in acts]
    if len(set(names)) != len(names):
        raise ExtractionError(f"{where}: an act is listed twice: {names}")
    for act in acts:
        here = f"{where}, act {act.number}, line {act.line}"
        check_title(here, "name", act.name)
        if "(" in act.name or ")" in act.name:
            raise ExtractionError(f"{here}: name {act.name!r} keeps a bracket")
        if act.note is not None:
            check_title(here, "note", act.note)
        if not _found(parsed.lines, act.line, act.name, vocabulary, whole_line=False):
            raise ExtractionError(f"{here}: {act.name!r} does not start on that line")


def _headings(parts: list[Part]):
    """(part, section number or None, line, kind, title) for every heading in reading order."""
    for part in parts:
        yield part, None, part.line, "part title", part.title
        for heading in part.subheadings:
            yield part, None, heading.line, "sub-heading", heading.title
        for section in part.sections:
            yield part, section.number, section.line, "section title", section.title
            for heading in section.subheadings:
                yield part, section.number, heading.line, "sub-heading", heading.title


def _found(lines: list[str], line: int, text: str, vocabulary: Vocabulary, whole_line) -> bool:
    """Whether `text` stands in the source at `line`: whole on it, or starting on it and
    running on over the next lines (case aside, as names are capitalised)."""
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        return False
    first = re.sub(r"\s+", " ", lines[line - 1]).strip()
    if whole_line:
        return first.endswith(text)
    following = [raw for raw in lines[line - 1 : line + 12] if raw.strip()]
    joined = join_lines(following, vocabulary).lower()
    position = joined.find(text.lower())
    return 0 <= position < len(first)
