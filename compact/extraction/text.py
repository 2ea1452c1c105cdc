"""Line-level cleanup of the PDF extractions: what a page leaves behind, and how lines rejoin.

The seed texts came out of PDFs. Page numbers, footnotes and repeated section headings stand
between the lines of running text, and lines end mid-word. These helpers recognise such lines by
their shape and rejoin the rest into single-spaced paragraphs. They know nothing about the
Compact's structure; gcm.py and declaration.py decide which lines belong to which text.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum, auto

UPPER = "A-ZÅÄÖÆØÉ"
LOWER = "a-zåäöæøé"
EN_DASH = "\u2013"
VOWELS = "aeiouyåäöæøé"

PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
# A footnote at the foot of a page: its number, a space, then a capitalised sentence.
FOOTNOTE_START = re.compile(rf"^\s*\d{{1,2}}\s+[{UPPER}]")
# A heading set in capitals ("MÅL OCH ÅTAGANDEN", "GENOMFÖRANDE", "SAMARBEJDS-RAMMERNE").
SECTION_HEADING = re.compile(rf"^\s*[{UPPER}][{UPPER}\s-]{{3,}}$")
ACTION_MARKER = re.compile(r"^\s*([a-z])\)\s+(\S.*)$")
NUMBERED_PARAGRAPH = re.compile(r"^\s*(\d{1,2})\.\s+\S")
SENTENCE_END = (".", ";", ":")

# Words after which a line-final hyphen is a suspended compound ("stads- och landsbygd"), not a
# word broken across lines.
CONJUNCTIONS = frozenset(
    ("och", "eller", "samt", "respektive", "till", "som", "og", "enten", "and", "or", "nor", "to")
)

WORD = re.compile(r"[^\W\d_](?:[\w-]*[^\W_])?")


@dataclass(frozen=True)
class Vocabulary:
    """How often a document spells each word, to decide how broken words rejoin."""

    counts: Counter[str]
    hyphen_prefixes: frozenset[str]

    @classmethod
    def of(cls, lines: Iterable[str]) -> "Vocabulary":
        counts = Counter(word.lower() for line in lines for word in WORD.findall(line))
        prefixes = frozenset(word.rsplit("-", 1)[0] for word in counts if "-" in word)
        return cls(counts, prefixes)

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.counts


def is_blank(line: str) -> bool:
    return not line.strip()


def is_page_number(line: str) -> bool:
    return bool(PAGE_NUMBER.match(line))


def is_section_heading(line: str) -> bool:
    return bool(SECTION_HEADING.match(line.rstrip()))


def is_action_marker(line: str) -> bool:
    return bool(ACTION_MARKER.match(line))


def is_structural(line: str) -> bool:
    """A line that opens a new unit of the document: a numbered paragraph or a lettered action."""
    return bool(NUMBERED_PARAGRAPH.match(line) or ACTION_MARKER.match(line))


def footnote_numbers(lines: Iterable[str]) -> frozenset[int]:
    """Numbers of the footnotes printed at page feet, so that glued markers can be recognised."""
    return frozenset(int(line.split()[0]) for line in lines if FOOTNOTE_START.match(line))


def drop_page_debris(lines: list[str]) -> list[str]:
    """Blank out page numbers, footnotes and capitalised headings, keeping line positions.

    A footnote runs from its numbered first line until its sentence ends, or until a line that
    starts a new text block (the extraction indents the first line of a block) or a new unit.
    """
    kept = list(lines)
    in_footnote = False
    for index, line in enumerate(lines):
        if in_footnote and (line[:1].isspace() or is_structural(line) or is_page_number(line)):
            in_footnote = False
        if FOOTNOTE_START.match(line):
            in_footnote = True
        if in_footnote or is_page_number(line) or is_section_heading(line):
            kept[index] = ""
        if in_footnote and line.rstrip().endswith("."):
            in_footnote = False
    return kept


def is_double_spaced(lines: list[str]) -> bool:
    """Whether blank lines stand after nearly every line, so that they mark no paragraph ends."""
    text_lines = [i for i, line in enumerate(lines[:-1]) if not is_blank(line)]
    if not text_lines:
        return False
    followed_by_blank = sum(1 for i in text_lines if is_blank(lines[i + 1]))
    return followed_by_blank / len(text_lines) > 0.8


def drop_subheadings(lines: list[str], double_spaced: bool) -> tuple[list[str], list[int]]:
    """Blank out sub-headings inside a list of actions; return the lines and their positions.

    A sub-heading is a short capitalised line without closing punctuation that stands as a
    paragraph of its own right before an action (objective 2 groups its later actions under
    one). A paragraph ends at a full stop, or at a blank line where blank lines mean something.
    """
    kept = list(lines)
    found = []
    content = [i for i, line in enumerate(lines) if not is_blank(line)]
    for position, index in enumerate(content[1:-1], start=1):
        previous, following = content[position - 1], content[position + 1]
        if _looks_like_subheading(lines, previous, index, following, double_spaced):
            kept[index] = ""
            found.append(index)
    return kept, found


def _looks_like_subheading(
    lines: list[str], previous: int, index: int, following: int, double_spaced: bool
) -> bool:
    line = lines[index].strip()
    if is_structural(line) or not is_action_marker(lines[following]):
        return False
    shaped_like_heading = (
        line[0].isupper() and not line.endswith((*SENTENCE_END, ",")) and len(line.split()) <= 15
    )
    if double_spaced:
        stands_alone = lines[previous].rstrip().endswith(SENTENCE_END)
    else:
        stands_alone = previous + 1 < index and index + 1 < following
    return shaped_like_heading and stands_alone


class Joint(Enum):
    """How a line joins the next one."""

    SPACE = auto()  # an ordinary line break
    GLUE = auto()  # keep the line-final dash or hyphen and close up: "FN-system", year ranges
    MEND = auto()  # drop the hyphen of a word broken across lines: "utveck-ling"


def join_lines(lines: Iterable[str], vocabulary: Vocabulary) -> str:
    """Join the lines of a paragraph into single-spaced text, mending words broken at line ends."""
    text = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        joint = _joint(text, line, vocabulary) if text else Joint.GLUE
        if joint is Joint.MEND:
            text = text[:-1] + line
        elif joint is Joint.GLUE:
            text += line
        else:
            text += " " + line
    return normalise_spaces(text)


def _joint(text: str, line: str, vocabulary: Vocabulary) -> Joint:
    broken = re.fullmatch(rf"(\S*[^\W_])([-{EN_DASH}])", text.rsplit(" ", 1)[-1])
    if not broken:
        return Joint.SPACE
    if broken.group(2) == EN_DASH:
        return Joint.GLUE  # an en dash joins a range or a pair: years, "North-South"
    after = WORD.match(line)
    if after is None:
        return Joint.GLUE  # before a digit or a bracket the hyphen is part of the word
    if after.group().lower() in CONJUNCTIONS:
        return Joint.SPACE  # a suspended compound: "stads- och landsbygdsutveckling"
    if _keeps_hyphen(broken.group(1), after.group(), vocabulary):
        return Joint.GLUE
    return Joint.MEND


def _keeps_hyphen(before: str, after: str, vocabulary: Vocabulary) -> bool:
    words = WORD.findall(before)
    stem = words[-1] if words else before
    if not stem[:1].islower() or not after[:1].islower() or "-" in stem:
        return True  # "New York-deklarationen", "2030-agendaen", "whole-of-government"
    if f"{stem}-{after}" in vocabulary:
        return True  # the document writes it with a hyphen where no line breaks it
    if f"{stem}{after}" in vocabulary:
        return False
    return stem.lower() in vocabulary.hyphen_prefixes  # "ikke-" is a prefix it hyphenates


def normalise_spaces(text: str) -> str:
    """Single spaces, none before punctuation, and one comma where an empty list slot left two."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([,.;:])(?=\s|$)", r"\1", text)
    return re.sub(r",(?: ?,)+", ",", text)


def drop_glued_footnote_markers(text: str, numbers: frozenset[int]) -> str:
    """Remove footnote reference numbers set against a word: "Parisavtalet4" -> "Parisavtalet"."""

    def unglue(match: re.Match[str]) -> str:
        return match.group(1) if int(match.group(2)) in numbers else match.group(0)

    return re.sub(r"([^\W\d_])(\d{1,2})(?!\w)", unglue, text)


def repair_split_words(text: str, vocabulary: Vocabulary) -> str:
    """Close gaps the extraction opened inside words ("si tuationer", "dö r").

    Two words are one when the document spells them together elsewhere and the second stands
    nowhere else. A lone consonant after a word is the tail of that word, as no word in these
    languages is a single consonant; a letter after a number ("mål 10 c") or before a full stop
    (the abbreviation "f.eks.") is left alone.
    """

    def close(match: re.Match[str]) -> str:
        first, second, after = match.group(1), match.group(2), match.group(3)
        lone_consonant = len(second) == 1 and second not in VOWELS and after != "."
        seen_whole = first + second in vocabulary and vocabulary.counts[second] <= 1
        return first if lone_consonant or seen_whole else first + " "

    # The second word is only looked at, so that it can be the first word of the next pair.
    return re.sub(rf"(?<![\w-])([{LOWER}]{{2,}}) (?=([{LOWER}]+)([^\w-]|$))", close, text)
