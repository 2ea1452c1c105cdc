"""Operations on the reference data: loading the extracted fixtures of the Compact and of the
EU Pact into the database."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import models, transaction

from compact.languages import LANGUAGE_CODES
from compact.models import Action, GuidingPrinciple, Objective, PactItem, PactPart, RoundTable
from compact.suggestions.selectors import suggestion_index


class CompactLoadError(Exception):
    pass


@dataclass
class LoadResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _texts(prefix: str, texts: dict) -> dict:
    return {f"{prefix}_{code}": texts[code] for code in LANGUAGE_CODES}


def _upsert(model: type[models.Model], lookup: dict, values: dict, label: str, result: LoadResult):
    """Create or update one row by its natural key, keeping its primary key.

    A row is saved only when a value differs, so a second load writes nothing.
    """
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        result.created.append(label)
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.full_clean()
        instance.save(update_fields=changed)
        result.updated.append(f"{label} ({', '.join(changed)})")
    return instance


def compact_load(*, data: dict) -> LoadResult:
    """Load the Compact from the extracted fixture, idempotently.

    Rows are matched by natural key (objective number, action letter, round table number,
    principle code), so primary keys survive reloads and links from measures never break.
    A row the fixture no longer has is never deleted: measures may point at it.
    """
    result = LoadResult()
    with transaction.atomic():
        _refuse_removals(data)
        round_table_of = {}
        for table in data["round_tables"]:
            label = f"round table {table['number']}"
            round_table = _upsert(RoundTable, {"number": table["number"]}, {}, label, result)
            for position, number in enumerate(table["objectives"], start=1):
                round_table_of[number] = (round_table, position)
        _clear_round_table_positions(round_table_of)
        for item in data["objectives"]:
            round_table, position = round_table_of[item["number"]]
            objective = _upsert(
                Objective,
                {"number": item["number"]},
                {
                    "paragraph": item["paragraph"],
                    "round_table": round_table,
                    "round_table_position": position,
                    **_texts("title", item["title"]),
                    **_texts("commitment", item["commitment"]),
                },
                f"objective {item['number']}",
                result,
            )
            for position, action in enumerate(item["actions"], start=1):
                _upsert(
                    Action,
                    {"objective": objective, "letter": action["letter"]},
                    {"position": position, **_texts("text", action["text"])},
                    f"objective {item['number']} action {action['letter']}",
                    result,
                )
        for position, principle in enumerate(data["guiding_principles"], start=1):
            _upsert(
                GuidingPrinciple,
                {"code": principle["code"]},
                {
                    "position": position,
                    **_texts("name", principle["name"]),
                    **_texts("description", principle["description"]),
                },
                f"guiding principle {principle['code']}",
                result,
            )
    # The suggestions' index is built when the Compact is loaded, not on a request; another
    # process rebuilds its own when it sees the texts changed (compact/suggestions/).
    suggestion_index()
    return result


def _refuse_removals(data: dict) -> None:
    wanted_actions = {
        (item["number"], action["letter"])
        for item in data["objectives"]
        for action in item["actions"]
    }
    stale_actions = sorted(
        (number, letter)
        for number, letter in Action.objects.values_list("objective__number", "letter")
        if (number, letter) not in wanted_actions
    )
    stale_objectives = set(Objective.objects.values_list("number", flat=True)) - {
        item["number"] for item in data["objectives"]
    }
    stale_principles = set(GuidingPrinciple.objects.values_list("code", flat=True)) - {
        principle["code"] for principle in data["guiding_principles"]
    }
    problems = [f"objective {number}" for number in sorted(stale_objectives)]
    problems += [f"objective {number} action {letter}" for number, letter in stale_actions]
    problems += [f"guiding principle {code}" for code in sorted(stale_principles)]
    if problems:
        raise CompactLoadError(
            "The fixture no longer contains "
            + ", ".join(problems)
            + ", which the database has. Rows are never deleted by a load, because measures "
            "may link to them; check the extraction before removing them by hand."
        )


def _clear_round_table_positions(round_table_of: dict) -> None:
    """Free the (round table, position) slots of objectives that move, before re-seating them.

    Without this, swapping two objectives' positions would collide on the unique constraint.
    """
    moving = [
        objective.pk
        for objective in Objective.objects.all()
        if objective.number in round_table_of
        and (objective.round_table_id, objective.round_table_position)
        != (round_table_of[objective.number][0].pk, round_table_of[objective.number][1])
    ]
    for offset, pk in enumerate(moving, start=1):
        Objective.objects.filter(pk=pk).update(round_table_position=1000 + offset)


def compact_load_file(*, path: Path) -> LoadResult:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CompactLoadError(
            f"{path} does not exist; run `python manage.py extract_compact` to create it"
        ) from error
    return compact_load(data=data)


def pact_fixture_path() -> Path:
    """Where the EU Pact's fixture is: beside the Compact's (settings.COMPACT_FIXTURE)."""
    return settings.COMPACT_FIXTURE.with_name("eu-pact.json")


def pact_load(*, data: dict) -> LoadResult:
    """Load the EU Pact from its extracted fixture, idempotently.

    Parts are matched by number and items by code, so primary keys survive reloads and links
    from measures never break; an item the fixture no longer has is never deleted."""
    result = LoadResult()
    with transaction.atomic():
        _refuse_pact_removals(data)
        position = 0
        for entry in data["parts"]:
            part = _upsert(
                PactPart,
                {"number": entry["number"]},
                {
                    "code": entry["code"],
                    "source_line": entry["line"],
                    **_texts("title", entry["title"]),
                },
                f"EU Pact part {entry['code']}",
                result,
            )
            for heading in entry["subheadings"]:
                position += 1
                _pact_item(heading, PactItem.Kind.SUBHEADING, position, result, part=part)
            for item in entry["sections"]:
                position += 1
                section = _pact_item(
                    item, PactItem.Kind.SECTION, position, result, part=part, number=item["number"]
                )
                for heading in item["subheadings"]:
                    position += 1
                    _pact_item(
                        heading,
                        PactItem.Kind.SUBHEADING,
                        position,
                        result,
                        part=part,
                        section=section,
                    )
        for act in data["acts"]:
            position += 1
            _pact_item(act, PactItem.Kind.ACT, position, result, number=act["number"])
    return result


def _pact_item(entry: dict, kind: str, position: int, result: LoadResult, **place) -> PactItem:
    values = {"part": None, "section": None, "number": None, **place}
    notes = entry.get("note") or dict.fromkeys(LANGUAGE_CODES)
    return _upsert(
        PactItem,
        {"code": entry["code"]},
        {
            "kind": kind,
            "position": position,
            "source_line": entry["line"],
            **values,
            **_texts("title", entry["title"]),
            **_texts("note", notes),
        },
        f"EU Pact {entry['code']}",
        result,
    )


def _refuse_pact_removals(data: dict) -> None:
    wanted = {act["code"] for act in data["acts"]}
    for part in data["parts"]:
        wanted |= {heading["code"] for heading in part["subheadings"]}
        for section in part["sections"]:
            wanted.add(section["code"])
            wanted |= {heading["code"] for heading in section["subheadings"]}
    stale = sorted(set(PactItem.objects.values_list("code", flat=True)) - wanted)
    stale_parts = sorted(
        set(PactPart.objects.values_list("number", flat=True))
        - {part["number"] for part in data["parts"]}
    )
    problems = [f"EU Pact part {number}" for number in stale_parts]
    problems += [f"EU Pact {code}" for code in stale]
    if problems:
        raise CompactLoadError(
            "The EU Pact's fixture no longer contains "
            + ", ".join(problems)
            + ", which the database has. Rows are never deleted by a load, because measures "
            "may link to them; check the extraction before removing them by hand."
        )


def pact_load_file(*, path: Path) -> LoadResult:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CompactLoadError(
            f"{path} does not exist; run `python manage.py extract_pact` to create it"
        ) from error
    return pact_load(data=data)
