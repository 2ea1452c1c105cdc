"""The Pact's fixture: parts, sections, sub-headings and legal acts with stable codes.

Codes, which measures will refer to:

    part          "III"        its roman numeral
    section       "III.2"      part and section number
    sub-heading   "III.2.c"    its section (or part, where it stands under no section) and a
                  "V.a"        letter for its place there: a, b, c ...
    legal act     "ACT-04"     its place in the footnote's list

Every text is Swedish; the other languages are null (missing), as in the Compact's fixture.
"""

import hashlib
from pathlib import Path
from string import ascii_lowercase

from .errors import ExtractionError
from .pact import PACT_SOURCE, Heading, parse_pact
from .pact_checks import check_pact

LANGUAGES = ("en", "sv", "nb", "da")


def extract_pact(seeds_dir: Path) -> dict:
    """The Pact's data from the communication; raises ExtractionError on any doubt."""
    path = Path(seeds_dir) / PACT_SOURCE
    if not path.is_file():
        raise ExtractionError(f"source document missing: {path}")
    parsed = parse_pact(path)
    check_pact(parsed)
    return {
        "sources": {PACT_SOURCE: hashlib.sha256(path.read_bytes()).hexdigest()},
        "parts": [
            {
                "code": part.numeral,
                "number": part.number,
                "line": part.line,
                "title": swedish(part.title),
                "subheadings": _subheadings(part.numeral, part.subheadings),
                "sections": [
                    {
                        "code": f"{part.numeral}.{section.number}",
                        "number": section.number,
                        "line": section.line,
                        "title": swedish(section.title),
                        "subheadings": _subheadings(
                            f"{part.numeral}.{section.number}", section.subheadings
                        ),
                    }
                    for section in part.sections
                ],
            }
            for part in parsed.parts
        ],
        "acts": [
            {
                "code": f"ACT-{act.number:02d}",
                "number": act.number,
                "line": act.line,
                "title": swedish(act.name),
                "note": swedish(act.note),
            }
            for act in parsed.acts
        ],
    }


def swedish(text: str | None) -> dict[str, str | None]:
    """Every language key in the fixture's order; only the Swedish text exists."""
    return {language: text if language == "sv" else None for language in LANGUAGES}


def _subheadings(parent: str, headings: list[Heading]) -> list[dict]:
    if len(headings) > len(ascii_lowercase):
        raise ExtractionError(f"{parent}: more sub-headings than letters to code them")
    return [
        {"code": f"{parent}.{letter}", "line": heading.line, "title": swedish(heading.title)}
        for letter, heading in zip(ascii_lowercase, headings, strict=False)
    ]
