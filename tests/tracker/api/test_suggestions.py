"""POST /api/v1/suggestions/: ranked objectives and actions with scores and the matched words,
for every logged-in user; bad input a 400 naming the field and the reason, never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import committee_reader, officer
from tests.tracker.api.conftest import client_for

pytestmark = pytest.mark.usefixtures("compact")
URL = "/api/v1/suggestions/"
TEXT = (
    "Handlingsplan mot menneskehandel. Politiet oppretter egne etterforskningsgrupper, og ofre "
    "for menneskehandel får trygt botilbud og juridisk bistand."
)


def test_an_officer_gets_ranked_objectives_and_actions_with_the_words_that_matched():
    response = client_for(officer(), token=True).post(
        URL, {"text": TEXT, "language": "nb"}, format="json"
    )

    assert response.status_code == 200
    objectives = response.json()["objectives"]
    assert 1 <= len(objectives) <= 5
    best = objectives[0]
    assert best["number"] == 10
    assert best["score"] == 1.0
    assert best["title_language"] == "nb"
    assert "menneskehandel" in best["title"].lower()
    assert best["matched_words"]
    action = best["actions"][0]
    assert set(action) == {"code", "letter", "score", "text", "text_language", "matched_words"}
    assert action["code"] == f"10.{action['letter']}"
    assert all(word in action["text"] for word in action["matched_words"])
    assert [o["score"] for o in objectives] == sorted(
        (o["score"] for o in objectives), reverse=True
    )


def test_any_logged_in_user_may_ask_and_nobody_else():
    anonymous = client_for().post(URL, {"text": TEXT, "language": "nb"}, format="json")
    reader = client_for(committee_reader()).post(
        URL, {"text": TEXT, "language": "nb"}, format="json"
    )

    assert anonymous.status_code in (401, 403)
    assert reader.status_code == 200


@pytest.mark.parametrize(
    ("payload", "field", "reason"),
    [
        ({"text": "", "language": "sv"}, "text", "The text is empty"),
        ({"text": "  \n", "language": "sv"}, "text", "The text is empty"),
        ({"text": "x" * 20_001, "language": "sv"}, "text", "at most 20000"),
        ({"text": TEXT, "language": "fi"}, "language", "give en, sv, nb or da"),
        (
            {"text": "Die Gemeinde bietet Sprachkurse für Migranten an.", "language": "en"},
            "text",
            "reads as German",
        ),
        ({"language": "sv"}, "text", "required"),
        ({"text": ["a", "list"], "language": "sv"}, "text", "Not a valid string"),
        ({"text": TEXT}, "language", "required"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_the_reason(payload, field, reason):
    response = client_for(officer()).post(URL, payload, format="json")

    assert response.status_code == 400
    assert reason in " ".join(response.json()[field])


@pytest.mark.parametrize("words", [10, 1000])
def test_the_queries_do_not_grow_with_the_text(words):
    client = client_for(officer())
    client.post(URL, {"text": TEXT, "language": "nb"}, format="json")
    text = " ".join(TEXT.split()[:10] * (words // 10))

    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {"text": text, "language": "nb"}, format="json")

    assert response.status_code == 200
    suggestion_queries = [q for q in queries if "compact_" in q["sql"]]
    assert len(suggestion_queries) == 4
