"""The suggestions' quality on the evaluation set (evaluation.jsonl): per language and overall,
the share of measures whose first labelled objective is among the top three suggestions, the
mean reciprocal rank of that objective, and the share of labelled actions among the five best
suggested actions (action recall at 5).

    .venv/bin/python -m tests.compact.suggestions.evaluate [--subset tuning|held-out|all]

The method's few weights were tuned on the tuning subset (the measures with an even number);
the figures to report are those on the whole set. No database is needed: the index is built
from the Compact's fixture, as loadcompact loads it."""

import argparse
import json
from functools import cache
from pathlib import Path

from compact.suggestions.index import SuggestionIndex, texts_from_fixture

HERE = Path(__file__).parent
FIXTURE = HERE.parents[2] / "fixtures" / "compact.json"
LANGUAGES = ("sv", "nb", "da", "en")


@cache
def fixture_index() -> SuggestionIndex:
    return SuggestionIndex(*texts_from_fixture(json.loads(FIXTURE.read_text(encoding="utf-8"))))


def measures(subset: str = "all") -> list[dict]:
    lines = (HERE / "evaluation.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    if subset == "all":
        return rows
    even = subset == "tuning"
    return [row for row in rows if (int(row["id"].split("-")[1]) % 2 == 0) == even]


def _scores(index: SuggestionIndex, row: dict) -> tuple[float, float, float]:
    suggestions = index.rank(text=row["text"], language=row["language"], limit=23)
    numbers = [suggestion.number for suggestion in suggestions]
    main = row["objectives"][0]
    rank = numbers.index(main) + 1 if main in numbers else None
    actions = sorted(
        (action for suggestion in suggestions[:5] for action in suggestion.actions),
        key=lambda action: -action.score,
    )[:5]
    found = {action.code for action in actions} & set(row["actions"])
    return (
        1.0 if rank is not None and rank <= 3 else 0.0,
        1.0 / rank if rank else 0.0,
        len(found) / len(row["actions"]),
    )


def figures(subset: str = "all") -> dict[str, dict[str, float]]:
    """{language or "overall": {"top3": …, "mrr": …, "action_recall_at_5": …, "n": …}}."""
    index = fixture_index()
    per_language: dict[str, list[tuple[float, float, float]]] = {}
    for row in measures(subset):
        per_language.setdefault(row["language"], []).append(_scores(index, row))
    groups = {code: per_language.get(code, []) for code in LANGUAGES}
    groups["overall"] = [score for code in LANGUAGES for score in groups[code]]
    return {
        name: {
            "n": len(scores),
            "top3": sum(s[0] for s in scores) / len(scores),
            "mrr": sum(s[1] for s in scores) / len(scores),
            "action_recall_at_5": sum(s[2] for s in scores) / len(scores),
        }
        for name, scores in groups.items()
        if scores
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subset", choices=("all", "tuning", "held-out"), default="all")
    subset = parser.parse_args().subset
    print(f"{'':8} {'n':>4} {'top-3 objective':>16} {'MRR':>6} {'action recall@5':>16}")
    for name, row in figures(subset).items():
        print(
            f"{name:8} {row['n']:>4} {row['top3']:>16.3f} {row['mrr']:>6.3f} "
            f"{row['action_recall_at_5']:>16.3f}"
        )


if __name__ == "__main__":
    main()
