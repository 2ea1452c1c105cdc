"""The ranking: which of the Compact's objectives and actions a measure's text serves.

Two BM25 indexes (bm25s) over index terms (text.py): one document per objective (its title in
all four languages and its commitment in Swedish, Norwegian and Danish) and one per
action (its Swedish and Norwegian text and its objective's titles). An objective's score adds
its own document's score to that of its best action, each scaled by the best of its kind.

Each language reaches the texts the Compact has: Swedish and Norwegian every text; Danish its
titles and commitments, and the Norwegian actions through the shared skeleton and the
Norwegian stemmer; English the objective titles and, through the glossary of the Compact's
own vocabulary (glossary.txt), the Swedish actions. Compound words also index under their
last and first parts when those are words of the Compact ("danskundervisning" also under
"undervisning"), as Scandinavian writing joins what English writes apart."""

from dataclasses import dataclass, field
from pathlib import Path

import bm25s
import numpy as np

from compact.languages import FALLBACKS, LocalizedText
from compact.suggestions.text import Word, terms, words

NORDIC = ("sv", "nb", "da")
ACTION_WEIGHT = 1.5
MIN_PART = 5


@dataclass(frozen=True)
class ObjectiveText:
    number: int
    titles: dict[str, str | None]
    commitments: dict[str, str | None]


@dataclass(frozen=True)
class ActionText:
    objective: int
    letter: str
    texts: dict[str, str | None]

    @property
    def code(self) -> str:
        return f"{self.objective}.{self.letter}"


@dataclass(frozen=True)
class Highlighted:
    """A Compact text in the reader's language (or the closest one that has it), cut into
    (piece, matched) segments, with the words that matched the measure's text."""

    text: LocalizedText
    segments: list[tuple[str, bool]]
    matched: list[str]


@dataclass(frozen=True)
class ActionSuggestion:
    code: str
    letter: str
    score: float
    text: Highlighted


@dataclass(frozen=True)
class ObjectiveSuggestion:
    number: int
    score: float
    title: Highlighted
    actions: list[ActionSuggestion] = field(default_factory=list)


def texts_from_fixture(data: dict) -> tuple[list[ObjectiveText], list[ActionText]]:
    """The texts of the Compact's fixture (fixtures/compact.json), as loadcompact loads them."""
    objectives = [
        ObjectiveText(item["number"], dict(item["title"]), dict(item["commitment"]))
        for item in data["objectives"]
    ]
    actions = [
        ActionText(item["number"], action["letter"], dict(action["text"]))
        for item in data["objectives"]
        for action in item["actions"]
    ]
    return objectives, actions


def _glossary() -> dict[str, set[str]]:
    entries: dict[str, set[str]] = {}
    path = Path(__file__).with_name("glossary.txt")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        english, swedish = line.split(":", 1)
        targets = set(terms(swedish, "sv"))
        for term in terms(english, "en"):
            entries.setdefault(term, set()).update(targets)
    return entries


class SuggestionIndex:
    def __init__(self, objectives: list[ObjectiveText], actions: list[ActionText]):
        self.objectives = sorted(objectives, key=lambda objective: objective.number)
        self.actions = actions
        self.glossary = _glossary()
        self._words: dict[tuple[str, str], list] = {}
        titles = {o.number: " ".join(filter(None, o.titles.values())) for o in self.objectives}
        objective_docs = [
            self._doc([(o.titles[code], code) for code in o.titles])
            + self._doc([(o.commitments[code], code) for code in NORDIC])
            for o in self.objectives
        ]
        self.vocabulary = {term for doc in objective_docs for term in doc}
        action_docs = [
            self._doc([(a.texts[code], code) for code in ("sv", "nb")])
            + self._doc([(titles[a.objective], "en")])
            for a in actions
        ]
        self.vocabulary |= {term for doc in action_docs for term in doc}
        objective_docs = [self._with_parts(doc) for doc in objective_docs]
        action_docs = [self._with_parts(doc) for doc in action_docs]
        self.objective_bm25 = self._bm25(objective_docs)
        self.action_bm25 = self._bm25(action_docs)
        position = {o.number: index for index, o in enumerate(self.objectives)}
        self.action_slots = np.array([position[a.objective] for a in actions], dtype=int)
        self.actions_of = {o.number: [] for o in self.objectives}
        for index, action in enumerate(actions):
            self.actions_of[action.objective].append(index)

    @staticmethod
    def _doc(texts: list[tuple[str | None, str]]) -> list[str]:
        return [term for text, code in texts if text for term in terms(text, code)]

    @staticmethod
    def _bm25(docs: list[list[str]]) -> bm25s.BM25:
        model = bm25s.BM25()
        model.index(docs, show_progress=False)
        return model

    def parts(self, term: str) -> list[str]:
        """The term, its longest last part and its longest first part (a linking "s" dropped)
        that are words of the Compact: "danskundervisning" also indexes under "undervisning",
        "hatbrottsgrupper" under "hatbrott". A first part also catches what the stemmer left
        ("informationen", "inform"), which on the tuning subset found more than it confused."""
        found = [term]
        for cut in range(MIN_PART, len(term) - MIN_PART + 1):
            if term[cut:] in self.vocabulary:
                found.append(term[cut:])
                break
        for cut in range(len(term) - 3, MIN_PART - 1, -1):
            head = term[:cut].removesuffix("s")
            if len(head) >= MIN_PART and head in self.vocabulary:
                found.append(head)
                break
        return found

    def _with_parts(self, doc: list[str]) -> list[str]:
        return [part for term in doc for part in self.parts(term)]

    def query_terms(self, text: str, language: str) -> list[str]:
        found = [part for term in terms(text, language) for part in self.parts(term)]
        if language == "da":
            found += [part for term in terms(text, "nb") for part in self.parts(term)]
        if language == "en":
            found += [target for term in list(found) for target in self.glossary.get(term, ())]
        return found

    def scores(self, text: str, language: str) -> tuple[np.ndarray, np.ndarray, set[str]]:
        """Each objective's combined score, each action's score, and the query's terms."""
        query = self.query_terms(text, language)
        objective_scores = self.objective_bm25.get_scores(query)
        action_scores = self.action_bm25.get_scores(query)
        best_action = np.zeros(len(self.objectives))
        np.maximum.at(best_action, self.action_slots, action_scores)
        combined = _scaled(objective_scores) + ACTION_WEIGHT * _scaled(best_action)
        return combined, action_scores, set(query)

    def objective_numbers(self, *, text: str, language: str, limit: int = 5) -> list[int]:
        """The numbers of the best objectives for the text, without their texts marked."""
        combined, _, _ = self.scores(text, language)
        return [self.objectives[slot].number for slot in _best(combined, limit)]

    def rank(self, *, text: str, language: str, limit: int = 5, per_objective: int = 3):
        """Up to `limit` objectives, best first, each with up to `per_objective` actions and
        the words of the Compact that matched, in the text's language or the closest."""
        combined, action_scores, wanted = self.scores(text, language)
        top = max(float(combined.max()), 1e-9)
        suggestions = []
        for slot in _best(combined, limit):
            objective = self.objectives[slot]
            score = float(combined[slot]) / top
            actions = sorted(
                (i for i in self.actions_of[objective.number] if action_scores[i] > 0),
                key=lambda i: -action_scores[i],
            )[:per_objective]
            best = float(action_scores[actions[0]]) if actions else 1.0
            suggestions.append(
                ObjectiveSuggestion(
                    number=objective.number,
                    score=round(score, 3),
                    title=self.highlight(objective.titles, language, wanted),
                    actions=[
                        ActionSuggestion(
                            code=self.actions[i].code,
                            letter=self.actions[i].letter,
                            score=round(float(action_scores[i]) / best * score, 3),
                            text=self.highlight(self.actions[i].texts, language, wanted),
                        )
                        for i in actions
                    ],
                )
            )
        return suggestions

    def _indexed_words(self, text: LocalizedText) -> list[tuple[Word, frozenset[str]]]:
        """The words of a Compact text with their index terms, worked out once per index."""
        key = (text.language, text.text)
        if key not in self._words:
            self._words[key] = [
                (word, frozenset(self.parts(word.term))) for word in words(*key[::-1])
            ]
        return self._words[key]

    def highlight(self, texts: dict, language: str, wanted: set[str]) -> Highlighted:
        for code in (language, *FALLBACKS[language]):
            if texts.get(code):
                text = LocalizedText(text=texts[code], language=code, requested=language)
                break
        hits = [word for word, parts in self._indexed_words(text) if wanted & parts]
        return Highlighted(text, _segments(text.text, hits), sorted({w.text for w in hits}))


def _best(combined: np.ndarray, limit: int) -> list[int]:
    """The slots of the best scores above zero, best first (ties in the Compact's order)."""
    return [int(i) for i in np.argsort(-combined, kind="stable") if combined[i] > 0][:limit]


def _scaled(scores) -> np.ndarray:
    scores = np.asarray(scores, dtype=float)
    peak = scores.max() if len(scores) else 0.0
    return scores / peak if peak > 0 else scores


def _segments(text: str, hits: list[Word]) -> list[tuple[str, bool]]:
    segments, cursor = [], 0
    for word in hits:
        if word.start > cursor:
            segments.append((text[cursor : word.start], False))
        segments.append((text[word.start : word.end], True))
        cursor = word.end
    if cursor < len(text):
        segments.append((text[cursor:], False))
    return segments
