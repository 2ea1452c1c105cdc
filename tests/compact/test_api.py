import pytest
import yaml
from openapi_spec_validator import validate

from compact.models import Objective

pytestmark = pytest.mark.usefixtures("compact")


@pytest.mark.parametrize("language", ["en", "sv", "nb", "da"])
def test_it_returns_an_objective_with_its_actions_in_the_chosen_language(client, language):
    objective = Objective.objects.get(number=5)
    response = client.get("/api/v1/objectives/5/", {"lang": language})
    assert response.status_code == 200
    assert response["Content-Language"] == language
    body = response.json()
    assert body["number"] == 5
    assert body["paragraph"] == 21
    assert body["round_table"] == 1
    assert body["title"] == {
        "text": getattr(objective, f"title_{language}"),
        "language": language,
        "is_fallback": False,
    }
    letters = [action["letter"] for action in body["actions"]]
    assert letters == [action.letter for action in objective.actions.all()]
    expected_action_language = {"en": "sv", "sv": "sv", "nb": "nb", "da": "nb"}[language]
    assert {action["text"]["language"] for action in body["actions"]} == {expected_action_language}
    assert all(
        action["text"]["is_fallback"] == (language in ("en", "da")) for action in body["actions"]
    )


def test_the_language_follows_accept_language_without_lang(client):
    response = client.get("/api/v1/objectives/1/", HTTP_ACCEPT_LANGUAGE="nb-NO,nb;q=0.9,en;q=0.5")
    assert response["Content-Language"] == "nb"
    assert response.json()["commitment"]["language"] == "nb"


def test_an_unknown_language_is_refused_naming_the_parameter(client):
    response = client.get("/api/v1/objectives/", {"lang": "fr"})
    assert response.status_code == 400
    assert "lang" in response.json()
    assert "fr" in response.json()["lang"][0]


def test_the_objective_list_has_all_23_in_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/objectives/", {"lang": "sv"})
    body = response.json()
    assert [objective["number"] for objective in body] == list(range(1, 24))
    assert sum(len(objective["actions"]) for objective in body) == 187


def test_the_objectives_can_be_filtered_by_round_table(client):
    response = client.get("/api/v1/objectives/", {"round_table__number": 3})
    assert [objective["number"] for objective in response.json()] == [14, 15, 16, 19, 20, 22]


def test_the_round_tables_are_titled_as_in_the_declaration(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/round-tables/", {"lang": "en"})
    tables = response.json()
    assert [table["title"] for table in tables] == [
        "Round table 1 (objectives 2, 5, 6, 12 and 18)",
        "Round table 2 (objectives 4, 8, 9, 10, 11, 13 and 21)",
        "Round table 3 (objectives 14, 15, 16, 19, 20 and 22)",
        "Round table 4 (objectives 1, 3, 7, 17 and 23)",
    ]
    assert [o["number"] for o in tables[3]["objectives"]] == [1, 3, 7, 17, 23]


def test_the_guiding_principles_mark_the_missing_english_descriptions(client):
    response = client.get("/api/v1/guiding-principles/human_rights/", {"lang": "en"})
    body = response.json()
    assert body["name"] == {"text": "Human rights", "language": "en", "is_fallback": False}
    assert body["description"]["language"] == "sv"
    assert body["description"]["is_fallback"] is True


def test_the_api_is_read_only(client):
    assert client.post("/api/v1/objectives/", {}).status_code == 405
    assert client.delete("/api/v1/objectives/1/").status_code == 405


def test_the_openapi_schema_is_valid(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    assert "/api/v1/objectives/{number}/" in schema["paths"]


def test_the_interactive_docs_are_served_without_a_cdn(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html
