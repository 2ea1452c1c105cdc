"""The ranking on a few known texts per language, the highlighting of the Compact's words that
matched, and the refusals of what the suggestions cannot read, each with its reason."""

import pytest

from compact.suggestions.checks import MAX_CHARACTERS, SuggestionInputError, check_input
from tests.compact.suggestions.evaluate import fixture_index


def _ranked(text: str, language: str):
    return fixture_index().rank(text=text, language=language)


@pytest.mark.parametrize(
    ("language", "text", "objective"),
    [
        (
            "sv",
            "Nationell handlingsplan mot människohandel: stöd och skyddat boende för offer.",
            10,
        ),
        ("sv", "Socialförsäkringsavtal så att pensioner kan betalas ut utomlands.", 22),
        ("nb", "Frivillig retur og reintegreringsstøtte for personer med avslag.", 21),
        ("nb", "Alternativer til internering av barnefamilier; internering som siste utvei.", 13),
        ("da", "Billigere pengeoverførsler til familie i udlandet.", 20),
        ("da", "Anerkendelse af udenlandske kvalifikationer og uddannelser.", 18),
        ("en", "Cheaper remittances: compare the fees of money transfer providers.", 20),
        ("en", "Search and rescue at sea to save the lives of migrants.", 8),
    ],
)
def test_a_known_text_gets_its_objective_first(language, text, objective):
    assert _ranked(text, language)[0].number == objective


def test_a_danish_text_reaches_the_actions_which_the_compact_has_in_norwegian_only():
    best = _ranked("Indsats mod menneskesmugling og smuglernetværk ved grænsen.", "da")[0]

    assert best.number == 9
    assert best.actions, "no action suggested for a Danish text"
    assert all(action.text.text.language == "nb" for action in best.actions)
    # Danish "smuglernetværk" meets Norwegian "smuglernettverk" in the shared skeleton.
    assert "smuglernettverk" in best.actions[0].text.matched


def test_an_english_text_reaches_the_swedish_actions_through_the_glossary():
    best = _ranked("Recognition of foreign qualifications of nurses.", "en")[0]

    assert best.number == 18
    assert best.title.text.language == "en"
    assert {"qualifications", "recognition"} <= {word.lower() for word in best.title.matched}
    codes = [action.code for action in best.actions]
    assert "18.a" in codes
    assert "kvalifikationer" in best.actions[codes.index("18.a")].text.matched


def test_the_matched_words_are_marked_where_they_stand_in_the_compacts_text():
    best = _ranked("Tiltak mot menneskehandel og støtte til ofre.", "nb")[0]
    action = best.actions[0]

    marked = [piece for piece, matched in action.text.segments if matched]
    assert "".join(piece for piece, _ in action.text.segments) == action.text.text.text
    assert marked
    assert set(marked) == set(action.text.matched)


def test_scores_run_from_one_down_and_at_most_five_objectives():
    suggestions = _ranked("Kommunen erbjuder svenskundervisning för nyanlända.", "sv")

    scores = [suggestion.score for suggestion in suggestions]
    assert len(suggestions) == 5
    assert scores[0] == 1.0
    assert scores == sorted(scores, reverse=True)


def test_a_text_without_a_word_of_the_compact_gets_no_suggestion():
    assert _ranked("Xyzzy plugh.", "en") == []


@pytest.mark.parametrize(
    ("text", "language", "field", "reason"),
    [
        ("Språkkurser", "de", "language", "is not a language the suggestions read"),
        ("Språkkurser", "", "language", "is not a language the suggestions read"),
        ("   \n ", "sv", "text", "The text is empty"),
        ("a" * (MAX_CHARACTERS + 1), "sv", "text", "suggestions read at most 20000"),
        (
            "Die Gemeinde bietet allen neu angekommenen Migranten kostenlose Sprachkurse an.",
            "sv",
            "text",
            "reads as German",
        ),
        (
            "La commune propose des cours de langue gratuits aux migrants nouvellement arrivés.",
            "en",
            "text",
            "reads as French",
        ),
    ],
)
def test_what_the_suggestions_cannot_read_is_refused_with_its_reason(text, language, field, reason):
    with pytest.raises(SuggestionInputError) as refused:
        check_input(text=text, language=language)

    assert refused.value.field == field
    assert reason in str(refused.value.reason)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Integration", "en"),
        ("Språkkurs för nyanlända", "sv"),
        ("Kommunen tilbyr norskopplæring for nyankomne innvandrere", "nb"),
        ("Kommunen tilbyder danskundervisning til nyankomne udlændinge", "da"),
        ("a" * MAX_CHARACTERS, "sv"),
    ],
)
def test_short_and_long_texts_in_the_offered_languages_are_read(text, language):
    assert check_input(text=f" {text} ", language=language) == text
