"""Words to index terms: the same function for the Compact's texts and for a desk officer's.

A word is stemmed with its own language's Snowball stemmer (PyStemmer), then reduced to a
Scandinavian "skeleton" shared by all four languages, so that Danish, Norwegian and Swedish
forms of one word meet in one term: the vowels æ/ä, ø/ö and å are folded, Danish "ej"/"øj"
become the Norwegian "ei"/"øy" (arbejde/arbeid, vejledning/veiledning), the Danish and
Norwegian "-hed"/"-het" meet, and doubled letters are single. English words pass through the
same skeleton unchanged in practice (they are ASCII)."""

import re
from dataclasses import dataclass
from functools import cache

import Stemmer
from bm25s.stopwords import (
    STOPWORDS_DANISH,
    STOPWORDS_EN_PLUS,
    STOPWORDS_NORWEGIAN,
    STOPWORDS_SWEDISH,
)

STEMMER_NAMES = {"en": "english", "sv": "swedish", "nb": "norwegian", "da": "danish"}
STOP_WORDS = {
    "en": frozenset(STOPWORDS_EN_PLUS),
    "sv": frozenset(STOPWORDS_SWEDISH),
    "nb": frozenset(STOPWORDS_NORWEGIAN),
    "da": frozenset(STOPWORDS_DANISH),
}
# A word: letters (any script), perhaps joined by hyphens ("icke-diskriminerande").
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FOLD = str.maketrans({"æ": "e", "ä": "e", "ø": "o", "ö": "o", "å": "a", "é": "e", "ü": "u"})
_DOUBLE = re.compile(r"(.)\1+")
MIN_LENGTH = 3


@dataclass(frozen=True)
class Word:
    """A word as it stands in a text, its place, and the term it indexes under."""

    text: str
    start: int
    end: int
    term: str


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(STEMMER_NAMES[language])


def skeleton(stem: str) -> str:
    folded = stem.translate(_FOLD).replace("ej", "ei").replace("oj", "oy")
    if folded.endswith("hed"):
        folded = folded[:-1] + "t"
    return _DOUBLE.sub(r"\1", folded)


def words(text: str, language: str) -> list[Word]:
    """The words of `text` that carry meaning (no stop words, none under three letters)."""
    stemmer = _stemmer(language)
    stop = STOP_WORDS[language]
    found = []
    for match in WORD.finditer(text):
        lowered = match.group().lower()
        if len(lowered) < MIN_LENGTH or lowered in stop:
            continue
        term = skeleton(stemmer.stemWord(lowered.replace("-", "")))
        found.append(Word(match.group(), match.start(), match.end(), term))
    return found


def terms(text: str, language: str) -> list[str]:
    return [word.term for word in words(text, language)]
