"""The page layout of the Pact communication's text, and how a line is told to be a heading.

The communication came out of a PDF with every line followed by a blank line, so blank lines
mean nothing. What the extraction does keep:

- a line of nothing but spaces where a page's running text ends; the page's foot follows it:
  its footnotes ("1 Screeningförordningen ...", "*  Denna beteckning ...") and its number;
- a space before the first line of the next page, which ends the foot;
- footnote marks set against the word they annotate ("De elva1 sammankopplade").

The rules here know nothing about the Pact; pact.py decides what the headings make up.
"""

import re
from dataclasses import dataclass
from enum import Enum, auto
from statistics import median

from .text import WORD, is_page_number

# A footnote's first line at a page foot: its mark (a number or an asterisk), space, its text.
FOOTNOTE_START = re.compile(r"^(\d{1,2}|\*)\s+(\S.*)$")
# What closes a sentence, and so a paragraph when it ends a line.
CLOSERS = (".", ":", ";", "!", "?", ".)", ".”", '."')
# A heading has at most this many words; the longest in the communication has 12.
MAX_HEADING_WORDS = 15
# A line is short when the next line's first word would have fitted on it with this share of
# a typical full line to spare: the PDF's font is proportional, so widths are approximate.
ROOM = 0.8
SENTENCE_INSIDE = re.compile(r"[.!?]\s+\S")


class _State(Enum):
    BODY = auto()
    PAGE_END = auto()
    FOOTNOTE = auto()


@dataclass(frozen=True)
class Line:
    """A line of running text and its 1-based line number in the source."""

    number: int
    text: str


@dataclass(frozen=True)
class Footnote:
    mark: str
    line: int
    lines: list[Line]


@dataclass
class Layout:
    body: list[Line]
    footnotes: dict[str, Footnote]
    foot_lines: set[int]


def read_layout(lines: list[str]) -> Layout:
    """Split the source's lines into running text and page feet (footnotes, page numbers)."""
    state = _State.BODY
    body: list[Line] = []
    footnotes: dict[str, Footnote] = {}
    foot_lines: set[int] = set()
    current: Footnote | None = None
    for index, raw in enumerate(lines):
        number = index + 1
        if not raw:
            continue  # the double spacing
        if not raw.strip() or is_page_number(raw):
            state, current = _State.PAGE_END, None
            foot_lines.add(number)
            continue
        start = FOOTNOTE_START.match(raw)
        if raw[0].isspace():
            state, current = _State.BODY, None  # the first line of a page
        elif start and state is not _State.BODY:
            state = _State.FOOTNOTE
            current = Footnote(start.group(1), number, [])
            footnotes.setdefault(current.mark, current)
        elif state is _State.PAGE_END:
            state = _State.BODY
        if state is _State.FOOTNOTE:
            current.lines.append(Line(number, raw))
            foot_lines.add(number)
        else:
            body.append(Line(number, raw.strip()))
    return Layout(body, footnotes, foot_lines)


def closes_paragraph(text: str) -> bool:
    return text.rstrip().endswith(CLOSERS)


@dataclass(frozen=True)
class HeadingRules:
    """What the running text looks like, to tell a sub-heading from the start of a sentence."""

    lowercase_words: frozenset[str]
    full_line: float

    @classmethod
    def of(cls, body: list[Line]) -> "HeadingRules":
        words = frozenset(
            word for line in body for word in WORD.findall(line.text) if word[:1].islower()
        )
        wrapped = [len(line.text) for line in body if not closes_paragraph(line.text)]
        return cls(words, median(wrapped) if wrapped else 0.0)

    def opens_sentence(self, text: str, next_text: str) -> bool:
        """Whether `next_text` starts a new sentence rather than carrying on `text`'s.

        Its first word must be capitalised, and either a word the text elsewhere writes in
        lower case (so capitalised here because a sentence starts), or short enough that it
        would have fitted on `text`'s line (a name such as "EU" after a short heading).
        """
        match = WORD.search(next_text)
        if match is None or match.start() != 0 or not match.group()[0].isupper():
            return False
        word = match.group()
        if word.lower() in self.lowercase_words:
            return True
        return len(text) + 1 + len(word) <= ROOM * self.full_line

    def is_subheading(self, text: str, next_text: str | None) -> bool:
        """A line that stands alone as a title: the caller knows the paragraph before it ended.

        It starts with a letter, has no closing punctuation, comma or broken word at its end,
        no sentence ending inside it, balanced brackets, at most MAX_HEADING_WORDS words, and
        the next line opens a new sentence."""
        if next_text is None or not text[:1].isalpha():
            return False
        if text.endswith((*CLOSERS, ",", "-", "\u2013")) or SENTENCE_INSIDE.search(text):
            return False
        if len(text.split()) > MAX_HEADING_WORDS or text.count("(") != text.count(")"):
            return False
        return self.opens_sentence(text, next_text)
