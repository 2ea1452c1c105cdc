"""Loading the EU Pact's fixture (compact.services.pact_load, the loadcompact command)."""

import io
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction

from compact import selectors
from compact.models import PactItem, PactPart
from compact.services import pact_fixture_path, pact_load

SEEDS_DIR = Path(os.environ.get("GCM_SEEDS_DIR", settings.GCM_SEEDS_DIR))


def _snapshot() -> dict:
    return {
        model.__name__: sorted(model.objects.values_list(), key=lambda row: row[0])
        for model in (PactPart, PactItem)
    }


def _fixture() -> dict:
    return json.loads(pact_fixture_path().read_text(encoding="utf-8"))


@pytest.fixture
def pact(db):
    """The loaded Pact; reloaded if a transactional test flushed the database."""
    if not PactPart.objects.exists():
        pact_load(data=_fixture())


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"no source documents at {SEEDS_DIR}")
def test_extract_pact_writes_the_committed_fixture_byte_for_byte(tmp_path):
    output = tmp_path / "eu-pact.json"
    out = io.StringIO()
    call_command("extract_pact", seeds=SEEDS_DIR, output=output, stdout=out)
    assert output.read_bytes() == pact_fixture_path().read_bytes()
    assert "6 parts, 10 sections, 29 sub-headings, 11 legal acts" in out.getvalue()


def test_loadcompact_loads_the_pact_and_a_second_load_changes_nothing(db, capsys):
    PactItem.objects.filter(kind=PactItem.Kind.SUBHEADING).delete()
    PactItem.objects.all().delete()
    PactPart.objects.all().delete()
    call_command("loadcompact")
    assert "Loaded the EU Pact: " in capsys.readouterr().out
    before = _snapshot()
    call_command("loadcompact")
    assert _snapshot() == before
    assert "The EU Pact is up to date; nothing changed." in capsys.readouterr().out


def test_the_loaded_pact_has_its_parts_sections_sub_headings_and_acts(pact):
    assert list(PactPart.objects.values_list("code", flat=True)) == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
    ]
    kinds = {kind: PactItem.objects.filter(kind=kind).count() for kind in PactItem.Kind.values}
    assert kinds == {"section": 10, "subheading": 29, "act": 11}
    section = PactItem.objects.get(code="III.2")
    assert (section.part.code, section.number) == ("III", 2)
    assert [item.code for item in section.subheadings.all()] == ["III.2.a", "III.2.b", "III.2.c"]
    frontex = PactItem.objects.get(code="V.a")
    assert (frontex.part.code, frontex.section, frontex.title_sv) == ("V", None, "Frontex")
    act = PactItem.objects.get(code="ACT-04")
    assert (act.part, act.note_sv) == (None, "om bl.a. instrumentalisering")


def test_a_pact_text_read_in_another_language_is_the_swedish_one_marked_as_such(pact):
    act = PactItem.objects.get(code="ACT-11")
    assert (act.title_en, act.title_nb, act.title_da) == (None, None, None)
    shown = act.localized("title", "en")
    assert (shown.text, shown.language, shown.is_fallback) == ("Blåkortsdirektivet", "sv", True)
    assert act.localized("note", "sv") is None


def test_a_changed_title_is_updated_in_place_keeping_primary_keys(pact):
    data = _fixture()
    data["parts"][2]["sections"][1]["subheadings"][0]["title"]["sv"] = "En rättad rubrik"
    item_pk = PactItem.objects.get(code="III.2.a").pk
    pks_before = set(PactItem.objects.values_list("pk", flat=True))

    result = pact_load(data=data)

    assert result.updated == ["EU Pact III.2.a (title_sv)"]
    item = PactItem.objects.get(code="III.2.a")
    assert (item.pk, item.title_sv) == (item_pk, "En rättad rubrik")
    assert set(PactItem.objects.values_list("pk", flat=True)) == pks_before


def test_it_refuses_to_delete_an_item_the_fixture_no_longer_has(pact, tmp_path):
    data = _fixture()
    data["acts"].pop()
    fixture = tmp_path / "eu-pact.json"
    fixture.write_text(json.dumps(data), encoding="utf-8")
    before = _snapshot()
    with pytest.raises(CommandError, match="no longer contains EU Pact ACT-11"):
        call_command("loadcompact", pact_fixture=fixture, stdout=io.StringIO())
    assert _snapshot() == before


def test_the_database_refuses_an_act_placed_in_a_part(pact):
    act = PactItem.objects.get(code="ACT-01")
    with pytest.raises(IntegrityError, match="pactitem_place_fits_kind"), transaction.atomic():
        PactItem.objects.filter(pk=act.pk).update(part=PactPart.objects.get(code="II"))


def test_the_outline_is_read_in_a_fixed_number_of_queries(pact, django_assert_num_queries):
    with django_assert_num_queries(2):
        outline = [
            (part.code, [item.code for item in part.items.all()])
            for part in selectors.pact_part_list()
        ]
    assert outline[1] == ("II", ["II.1", "II.1.a", "II.1.b", "II.1.c", "II.2"])
    assert [item.code for item in selectors.pact_act_list()][:2] == ["ACT-01", "ACT-02"]
