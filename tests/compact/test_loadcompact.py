import io
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from compact.extraction import extract_compact, render_fixture
from compact.models import Action, GuidingPrinciple, Objective, RoundTable
from compact.services import compact_load

SEEDS_DIR = Path(os.environ.get("GCM_SEEDS_DIR", settings.GCM_SEEDS_DIR))


def _snapshot() -> dict:
    return {
        model.__name__: sorted(model.objects.values_list(), key=lambda row: row[0])
        for model in (RoundTable, Objective, Action, GuidingPrinciple)
    }


def _fixture() -> dict:
    return json.loads(settings.COMPACT_FIXTURE.read_text(encoding="utf-8"))


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"no source documents at {SEEDS_DIR}")
def test_the_extractor_reproduces_the_committed_fixture_byte_for_byte(tmp_path):
    output = tmp_path / "compact.json"
    call_command("extract_compact", seeds=SEEDS_DIR, output=output, stdout=io.StringIO())
    assert output.read_bytes() == settings.COMPACT_FIXTURE.read_bytes()


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"no source documents at {SEEDS_DIR}")
def test_the_extraction_is_deterministic():
    assert render_fixture(extract_compact(SEEDS_DIR)) == render_fixture(extract_compact(SEEDS_DIR))


def test_loading_twice_leaves_the_database_unchanged(compact, capsys):
    before = _snapshot()
    call_command("loadcompact")
    assert _snapshot() == before
    assert "nothing changed" in capsys.readouterr().out


def test_loading_into_an_empty_database_creates_everything(db):
    Action.objects.all().delete()
    Objective.objects.all().delete()
    RoundTable.objects.all().delete()
    GuidingPrinciple.objects.all().delete()
    result = compact_load(data=_fixture())
    assert Objective.objects.count() == 23
    assert RoundTable.objects.count() == 4
    assert GuidingPrinciple.objects.count() == 10
    assert len(result.created) == 4 + 23 + Action.objects.count() + 10


def test_a_changed_text_is_updated_in_place_keeping_primary_keys(compact):
    data = _fixture()
    data["objectives"][6]["actions"][1]["text"]["sv"] = "En rättad text."
    data["objectives"][6]["title"]["en"] = "A corrected title"
    action_pk = Action.objects.get(objective__number=7, letter="b").pk
    objective_pk = Objective.objects.get(number=7).pk
    ids_before = set(Action.objects.values_list("pk", flat=True))

    result = compact_load(data=data)

    action = Action.objects.get(objective__number=7, letter="b")
    assert (action.pk, action.text_sv) == (action_pk, "En rättad text.")
    assert Objective.objects.get(number=7).pk == objective_pk
    assert Objective.objects.get(number=7).title_en == "A corrected title"
    assert set(Action.objects.values_list("pk", flat=True)) == ids_before
    assert result.updated == ["objective 7 (title_en)", "objective 7 action b (text_sv)"]


def test_an_objective_moved_between_round_tables_is_reseated(compact):
    data = _fixture()
    data["round_tables"][0]["objectives"] = [5, 2, 6, 12, 18]
    compact_load(data=data)
    first = RoundTable.objects.get(number=1).objectives.order_by("round_table_position")
    assert [objective.number for objective in first] == [5, 2, 6, 12, 18]


def test_it_refuses_to_delete_an_action_the_fixture_no_longer_has(compact, tmp_path):
    data = _fixture()
    data["objectives"][2]["actions"].pop()
    last_letter = Action.objects.filter(objective__number=3).order_by("position").last().letter
    fixture = tmp_path / "compact.json"
    fixture.write_text(json.dumps(data), encoding="utf-8")
    before = _snapshot()
    with pytest.raises(CommandError, match=f"objective 3 action {last_letter}"):
        call_command("loadcompact", fixture=fixture)
    assert _snapshot() == before


def test_it_refuses_an_empty_text_and_saves_nothing(compact):
    data = _fixture()
    data["objectives"][0]["title"]["sv"] = "Ny titel"
    data["objectives"][4]["commitment"]["nb"] = ""
    before = _snapshot()
    with pytest.raises(ValidationError, match="commitment_nb is empty"):
        compact_load(data=data)
    assert _snapshot() == before
