"""Parse the IMRF Progress Declaration (2022): round tables, English titles, principle names.

Paragraph 23 onward groups the objectives under headings "Round table n (objectives ...)"; each
heading carries a footnote marker n, and footnote n lists the English titles of those
objectives ("Objective 2: Minimize ...;"). Paragraph 3 names the ten guiding principles.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ExtractionError, where
from .text import Vocabulary, is_page_number, join_lines

ROUND_TABLE = re.compile(r"Round\s+table\s+(\d+)\s+\(objectives\s+([\d,\sand]+)\)")
OBJECTIVE_TITLE = re.compile(r"Objective\s+(\d{1,2}):")
FOOTER = re.compile(r"UUI,\s*Alm\.del|\.png\s*$")
PRINCIPLES_PARAGRAPH = 3


@dataclass
class ParsedDeclaration:
    titles: dict[int, str]
    round_tables: list[tuple[int, list[int]]]
    # Objectives each round-table footnote gives titles for, by footnote number.
    footnotes: dict[int, list[int]]
    principle_names: list[str]


def parse_declaration(path: Path) -> ParsedDeclaration:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    vocabulary = Vocabulary.of(lines)
    body = [line for line in lines if not (FOOTER.search(line) or is_page_number(line))]
    titles, footnotes = _footnote_titles(lines, vocabulary)
    return ParsedDeclaration(
        titles=titles,
        round_tables=_round_tables(join_lines(body, vocabulary)),
        footnotes=footnotes,
        principle_names=_principle_names(body, vocabulary),
    )


def _round_tables(text: str) -> list[tuple[int, list[int]]]:
    return [
        (int(match.group(1)), [int(number) for number in re.findall(r"\d+", match.group(2))])
        for match in ROUND_TABLE.finditer(text)
    ]


def _footnote_titles(
    lines: list[str], vocabulary: Vocabulary
) -> tuple[dict[int, str], dict[int, list[int]]]:
    """Titles from the footnotes that list objectives.

    Such a footnote starts with its number alone on a line, followed by "Objective n:", and runs
    to the next line that is a number alone (the next footnote or the page number) or a footer.
    """
    titles: dict[int, str] = {}
    footnotes: dict[int, list[int]] = {}
    for index, line in enumerate(lines[:-1]):
        if is_page_number(line) and OBJECTIVE_TITLE.match(lines[index + 1]):
            block = []
            for following in lines[index + 1 :]:
                if is_page_number(following) or FOOTER.search(following):
                    break
                block.append(following)
            entries = _titles_in_footnote(join_lines(block, vocabulary), int(line))
            footnotes[int(line)] = list(entries)
            for number, title in entries.items():
                if number in titles:
                    raise ExtractionError(f"{where(number, language='en')}: title given twice")
                titles[number] = title
    return titles, footnotes


def _titles_in_footnote(text: str, footnote: int) -> dict[int, str]:
    """'Objective 2: A; Objective 5: B.' -> {2: 'A', 5: 'B'}; each title ends with ; or ."""
    parts = OBJECTIVE_TITLE.split(text)
    entries = {}
    for number, title in zip(parts[1::2], parts[2::2], strict=True):
        title = title.strip()
        if not title.endswith((";", ".")) or re.search(r"[;.]\s", title):
            raise ExtractionError(
                f"{where(int(number), language='en')}: title in footnote {footnote} does not "
                f"end where the next one starts: {title[:80]!r}"
            )
        entries[int(number)] = title.rstrip(";. ")
    return entries


def _principle_names(lines: list[str], vocabulary: Vocabulary) -> list[str]:
    """The list after "guiding principles:" in paragraph 3, in the Declaration's wording."""
    paragraph = _paragraph(lines, PRINCIPLES_PARAGRAPH, vocabulary)
    match = re.search(r"guiding principles:\s*(.+)\.$", paragraph)
    if match is None:
        raise ExtractionError("guiding principles (en): paragraph 3 does not list them")
    *names, last = (name.strip() for name in match.group(1).split(","))
    # The list closes with "... approach and whole-of-society approach".
    names.extend(part.strip() for part in last.rsplit(" and ", 1))
    return names


def _paragraph(lines: list[str], number: int, vocabulary: Vocabulary) -> str:
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{number}. ")), None)
    if start is None:
        raise ExtractionError(f"Declaration (en): paragraph {number} not found")
    end = next(
        (i for i, line in enumerate(lines) if line.startswith(f"{number + 1}. ")), len(lines)
    )
    return join_lines(lines[start:end], vocabulary)
