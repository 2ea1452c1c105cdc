"""Extract the Compact's texts from the source documents into the fixture the product loads.

Standard library only, so that it runs and is tested without Django. The management command
`extract_compact` writes `render_fixture(extract_compact(seeds_dir))` to the fixture file.

    sv, nb  gcm-sv.txt, gcm-nb.txt: titles, commitments, actions, guiding principles
    da      gcm-da.txt: titles, commitments, guiding principles (the Danish text has no actions)
    en      imrf-progress-declaration-2022-en.txt: titles, round tables, principle names

The EU Pact on Migration and Asylum, a second framework, comes from the Commission's 2024
communication (Swedish only) through `extract_pact` (pact.py, pact_layout.py, pact_checks.py,
pact_fixture.py); the command `extract_pact` writes it with the same `render_fixture`.
"""

import hashlib
import json
from pathlib import Path

from .declaration import ParsedDeclaration, parse_declaration
from .errors import ExtractionError
from .gcm import DANISH, NORWEGIAN, SWEDISH, ParsedCompact, parse_compact
from .pact_fixture import extract_pact
from .validate import (
    LANGUAGES,
    OBJECTIVES,
    PRINCIPLE_CODES,
    check_action_letters,
    check_declaration,
    check_fixture,
    check_subheadings,
)

__all__ = ["ExtractionError", "extract_compact", "extract_pact", "render_fixture"]

COMPACT_SOURCES = {
    "sv": ("gcm-sv.txt", SWEDISH),
    "nb": ("gcm-nb.txt", NORWEGIAN),
    "da": ("gcm-da.txt", DANISH),
}
DECLARATION_SOURCE = "imrf-progress-declaration-2022-en.txt"
# The two full texts, which carry every action and must agree on them.
FULL_TEXTS = ("sv", "nb")


def extract_compact(seeds_dir: Path) -> dict:
    """The Compact's data from the four source documents; raises ExtractionError on any doubt."""
    seeds_dir = Path(seeds_dir)
    names = sorted([DECLARATION_SOURCE, *(name for name, _ in COMPACT_SOURCES.values())])
    paths = {name: seeds_dir / name for name in names}
    for path in paths.values():
        if not path.is_file():
            raise ExtractionError(f"source document missing: {path}")
    compacts = {
        language: parse_compact(paths[name], profile)
        for language, (name, profile) in COMPACT_SOURCES.items()
    }
    declaration = parse_declaration(paths[DECLARATION_SOURCE])
    check_declaration(
        declaration.titles,
        declaration.round_tables,
        declaration.footnotes,
        declaration.principle_names,
    )
    for number in OBJECTIVES:
        letters = {lang: list(compacts[lang].objectives[number].actions) for lang in FULL_TEXTS}
        check_action_letters(number, letters)
    check_subheadings({language: compacts[language].subheadings for language in FULL_TEXTS})
    data = {
        "sources": {name: _sha256(path) for name, path in paths.items()},
        "objectives": [_objective(number, compacts, declaration) for number in OBJECTIVES],
        "round_tables": [
            {"number": number, "objectives": objectives}
            for number, objectives in declaration.round_tables
        ],
        "guiding_principles": _principles(compacts, declaration),
    }
    check_fixture(data)
    return data


def render_fixture(data: dict) -> str:
    """The fixture file's text: the same data always gives the same bytes."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _texts(**by_language: str | None) -> dict[str, str | None]:
    """Every language key, in the fixture's order; null where the text does not exist."""
    return {language: by_language.get(language) for language in LANGUAGES}


def _objective(
    number: int, compacts: dict[str, ParsedCompact], declaration: ParsedDeclaration
) -> dict:
    parsed = {language: compact.objectives[number] for language, compact in compacts.items()}
    letters = parsed[FULL_TEXTS[0]].actions
    return {
        "number": number,
        "paragraph": 16 + number,
        "title": _texts(
            en=declaration.titles[number], **{lang: obj.title for lang, obj in parsed.items()}
        ),
        "commitment": _texts(**{lang: obj.commitment for lang, obj in parsed.items()}),
        "actions": [
            {
                "letter": letter,
                "text": _texts(**{lang: parsed[lang].actions[letter] for lang in FULL_TEXTS}),
            }
            for letter in letters
        ],
    }


def _principles(compacts: dict[str, ParsedCompact], declaration: ParsedDeclaration) -> list:
    for language, compact in compacts.items():
        if len(compact.principles) != len(PRINCIPLE_CODES):
            raise ExtractionError(
                f"guiding principles ({language}): {len(compact.principles)} found in "
                f"paragraph 15, expected {len(PRINCIPLE_CODES)}"
            )
    principles = []
    for index, code in enumerate(PRINCIPLE_CODES):
        names = {lang: compact.principles[index][0] for lang, compact in compacts.items()}
        descriptions = {lang: compact.principles[index][1] for lang, compact in compacts.items()}
        principles.append(
            {
                "code": code,
                "name": _texts(
                    en=_capitalise(declaration.principle_names[index]),
                    **{lang: _capitalise(name) for lang, name in names.items()},
                ),
                "description": _texts(**descriptions),
            }
        )
    return principles


def _capitalise(name: str) -> str:
    """Names are shown capitalised in every language; the Declaration writes them in lower case."""
    return name[:1].upper() + name[1:]
