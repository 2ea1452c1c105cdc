"""Suggested objectives and actions for a measure's text (compact/suggestions/ ranks them), as
the measure form, the API, the import page and the review queue show them: with the primary
keys a form ticks and whether each is already chosen.

Each function asks the database a fixed number of queries, however many suggestions or
measures: the Compact's fingerprint (compact/suggestions/selectors.py) and the keys of the
suggested objectives and actions."""

from dataclasses import dataclass

from compact.languages import normalize_language
from compact.models import Action, Objective
from compact.suggestions.checks import SuggestionInputError, check_input
from compact.suggestions.index import Highlighted
from compact.suggestions.selectors import suggestion_index, suggestion_list
from tracker.imports.reading import FileProblem, check_header, read_rows

# The review queue's hint: a measure none of whose objectives is among this many suggestions.
HINT_DEPTH = 5


@dataclass(frozen=True)
class SuggestedAction:
    pk: int
    code: str
    letter: str
    score: float
    text: Highlighted
    chosen: bool


@dataclass(frozen=True)
class SuggestedObjective:
    pk: int
    number: int
    score: float
    title: Highlighted
    actions: list[SuggestedAction]
    chosen: bool


def _compact_keys() -> tuple[dict, dict]:
    """The primary keys of the objectives by number and of the actions by (number, letter):
    two queries, whatever the number of suggestions."""
    objectives = dict(Objective.objects.values_list("number", "pk"))
    actions = {
        (number, letter): pk
        for pk, number, letter in Action.objects.values_list("pk", "objective__number", "letter")
    }
    return objectives, actions


def _keyed(suggestions, keys, chosen_objectives=(), chosen_actions=()) -> list:
    objective_pks, action_pks = keys
    chosen_objectives = {str(value) for value in chosen_objectives}
    chosen_actions = {str(value) for value in chosen_actions}
    return [
        SuggestedObjective(
            pk=objective_pks[suggestion.number],
            number=suggestion.number,
            score=suggestion.score,
            title=suggestion.title,
            chosen=str(objective_pks[suggestion.number]) in chosen_objectives,
            actions=[
                SuggestedAction(
                    pk=(pk := action_pks[suggestion.number, action.letter]),
                    code=action.code,
                    letter=action.letter,
                    score=action.score,
                    text=action.text,
                    chosen=str(pk) in chosen_actions,
                )
                for action in suggestion.actions
            ],
        )
        for suggestion in suggestions
    ]


def measure_suggestions(
    *, text: str, language: str, chosen_objectives=(), chosen_actions=()
) -> list[SuggestedObjective]:
    """Up to five objectives for the text, best first, each with its best actions; the chosen
    ones are primary keys (as strings or numbers). Raises SuggestionInputError with the reason
    for a text or language the suggestions cannot read."""
    suggestions = suggestion_list(text=text, language=language)
    return _keyed(suggestions, _compact_keys(), chosen_objectives, chosen_actions)


def measure_text(measure) -> str:
    return f"{measure.title}\n{measure.description}"


def suggestion_mismatches(measures) -> dict[int, list[int]]:
    """For each measure (with its objectives prefetched) none of whose objectives is among the
    top HINT_DEPTH suggestions for its title and description: the numbers of the three best
    suggested objectives. A hint for the coordinator, never a block."""
    index = suggestion_index()
    mismatches = {}
    for measure in measures:
        text = measure_text(measure)
        if not text.strip():
            continue
        language = normalize_language(measure.language)
        numbers = index.objective_numbers(text=text, language=language, limit=HINT_DEPTH)
        chosen = {objective.number for objective in measure.objectives.all()}
        if numbers and not chosen & set(numbers):
            mismatches[measure.pk] = numbers[:3]
    return mismatches


@dataclass(frozen=True)
class RowSuggestions:
    """A row of an import file that names no action: its suggestions, or why there are none."""

    row: int
    title: str
    suggestions: list[SuggestedObjective]
    problem: str = ""


def import_row_suggestions(*, uploaded_file) -> tuple[list[RowSuggestions], list[str]]:
    """The suggestions for each row of a measures file whose actions column is empty, and the
    file's problems if it cannot be read. Nothing is imported."""
    try:
        header, records = read_rows(uploaded_file)
        columns = check_header(header)
    except FileProblem as problem:
        return [], [str(message) for message in problem.args]
    ranking, keys, listed = suggestion_index(), _compact_keys(), []
    for number, values in records:
        row = {name: values[index] if index < len(values) else None for index, name in columns}
        if str(row.get("actions") or "").strip():
            continue
        title = str(row.get("title") or "")
        try:
            text = check_input(
                text=f"{title}\n{row.get('description') or ''}",
                language=str(row.get("language") or "").strip(),
            )
        except SuggestionInputError as error:
            listed.append(RowSuggestions(number, title, [], str(error.reason)))
            continue
        ranked = ranking.rank(text=text, language=str(row["language"]).strip())
        listed.append(RowSuggestions(number, title, _keyed(ranked, keys)))
    return listed, []
