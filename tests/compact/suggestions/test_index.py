"""The index of the Compact in the database: built once per content of the Compact (by
loadcompact, or by the first request after the texts changed), never per request, and asked
for in a fixed number of queries."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compact.models import Action
from compact.suggestions import selectors as suggestion_selectors
from compact.suggestions.selectors import suggestion_index, suggestion_list

pytestmark = pytest.mark.usefixtures("compact")


def test_the_index_is_built_once_for_the_compacts_texts():
    first = suggestion_index()

    assert suggestion_index() is first


def test_a_changed_text_of_the_compact_is_indexed_at_the_next_request():
    before = suggestion_index()
    action = Action.objects.get(objective__number=20, letter="a")
    action.text_sv = action.text_sv + " Zorbulatorer."
    action.save(update_fields=["text_sv"])

    after = suggestion_index()
    best = suggestion_list(text="Zorbulatorer", language="sv")[0]

    assert after is not before
    assert best.number == 20
    assert best.actions[0].code == "20.a"


def test_loadcompact_builds_the_index(monkeypatch):
    monkeypatch.setattr(suggestion_selectors, "_built", {})

    call_command("loadcompact", stdout=io.StringIO())

    assert len(suggestion_selectors._built) == 1


@pytest.mark.parametrize("words", [5, 400])
def test_suggestions_take_two_queries_whatever_the_text(words):
    suggestion_index()
    text = " ".join(["arbetskraftsinvandring", "människohandel", "sjöräddning"] * words)

    with CaptureQueriesContext(connection) as queries:
        suggestion_list(text=text, language="sv")

    assert len(queries) == 2
