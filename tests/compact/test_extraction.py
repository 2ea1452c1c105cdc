"""The extraction of the Compact's texts from the source documents (compact.extraction).

Most tests run the extraction on the real seed documents; the error tests damage a copy of them
the way a bad PDF extraction or a careless edit would, and expect a loud, precise error.
"""

import copy
import hashlib
import json
import os
from pathlib import Path

import pytest

from compact.extraction import ExtractionError, extract_compact, render_fixture
from compact.extraction.text import (
    Vocabulary,
    drop_glued_footnote_markers,
    drop_page_debris,
    join_lines,
    repair_split_words,
)
from compact.extraction.validate import check_fixture

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = Path(os.environ.get("GCM_SEEDS_DIR", REPO_ROOT.parent / "shared" / "seeds"))
SOURCES = (
    "gcm-da.txt",
    "gcm-nb.txt",
    "gcm-sv.txt",
    "imrf-progress-declaration-2022-en.txt",
)
LANGUAGES = ["en", "sv", "nb", "da"]
EN_DASH = "\u2013"

needs_seeds = pytest.mark.skipif(
    not all((SEEDS_DIR / name).is_file() for name in SOURCES),
    reason=f"seed documents not found in {SEEDS_DIR} (set GCM_SEEDS_DIR)",
)


@pytest.fixture(scope="module")
def compact() -> dict:
    return extract_compact(SEEDS_DIR)


def objective(data: dict, number: int) -> dict:
    return data["objectives"][number - 1]


def action(data: dict, number: int, letter: str) -> dict[str, str | None]:
    actions = {item["letter"]: item["text"] for item in objective(data, number)["actions"]}
    return actions[letter]


def damaged_seeds(tmp_path: Path, name: str, *replacements: str) -> Path:
    """A copy of the seeds with (old, new, old, new, ...) replaced in `name`.

    Each `old` must occur exactly once, so that a test cannot pass by damaging nothing.
    """
    for source in SOURCES:
        (tmp_path / source).write_text(
            (SEEDS_DIR / source).read_text(encoding="utf-8"), encoding="utf-8"
        )
    path = tmp_path / name
    text = path.read_text(encoding="utf-8")
    for old, new in zip(replacements[::2], replacements[1::2], strict=True):
        assert text.count(old) == 1, f"the damage must hit exactly one place in {name}: {old!r}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return tmp_path


# --- The extracted Compact -------------------------------------------------------------------


@needs_seeds
def test_all_23_objectives_with_their_commitment_paragraphs(compact):
    assert [item["number"] for item in compact["objectives"]] == list(range(1, 24))
    assert [item["paragraph"] for item in compact["objectives"]] == list(range(17, 40))
    assert list(compact) == ["sources", "objectives", "round_tables", "guiding_principles"]


@needs_seeds
def test_sources_are_named_with_their_checksums(compact):
    assert list(compact["sources"]) == list(SOURCES)
    for name, digest in compact["sources"].items():
        assert digest == hashlib.sha256((SEEDS_DIR / name).read_bytes()).hexdigest()


@needs_seeds
def test_swedish_and_norwegian_carry_the_same_contiguous_actions(compact):
    counts = []
    for item in compact["objectives"]:
        letters = [entry["letter"] for entry in item["actions"]]
        assert letters == [chr(ord("a") + i) for i in range(len(letters))]
        for entry in item["actions"]:
            assert entry["text"]["sv"]
            assert entry["text"]["nb"]
        counts.append(len(letters))
    # Objective 1 has actions a to k, objective 22 a to c (as in the Compact).
    assert counts[0] == 11
    assert counts[21] == 3
    assert sum(counts) == 187


@needs_seeds
def test_texts_are_null_exactly_where_a_language_has_none(compact):
    for item in compact["objectives"]:
        assert list(item["title"]) == LANGUAGES
        assert all(isinstance(item["title"][lang], str) for lang in LANGUAGES)
        assert item["commitment"]["en"] is None
        assert all(isinstance(item["commitment"][lang], str) for lang in ("sv", "nb", "da"))
        for entry in item["actions"]:
            assert list(entry["text"]) == LANGUAGES
            assert entry["text"]["en"] is None
            assert entry["text"]["da"] is None
    for principle in compact["guiding_principles"]:
        assert all(isinstance(principle["name"][lang], str) for lang in LANGUAGES)
        assert principle["description"]["en"] is None
        assert all(isinstance(principle["description"][lang], str) for lang in ("sv", "nb", "da"))
    strings = [
        text
        for item in compact["objectives"]
        for group in (item["title"], item["commitment"], *(a["text"] for a in item["actions"]))
        for text in group.values()
        if text is not None
    ]
    assert all(text == " ".join(text.split()) and text for text in strings)


@needs_seeds
def test_objective_list_dropped_into_objective_1_is_taken_out(compact):
    text = action(compact, 1, "b")["sv"]
    assert "(12)" not in text
    assert "Stärka rättssäkerhet" not in text
    assert "tillämpa den statistiska definitionen av en internationell migrant" in text
    assert text.endswith("samt migrationens orsaker och konsekvenser.")


@needs_seeds
def test_footnotes_and_their_markers_are_taken_out(compact):
    swedish, norwegian = action(compact, 2, "a")["sv"], action(compact, 2, "a")["nb"]
    assert "Parisavtalet och Sendairamverket" in swedish
    assert "Parisplattformen og Sendai-rammene" in norwegian
    assert f"2015{EN_DASH}2030" in swedish
    assert f"2015{EN_DASH}2030" in norwegian
    # The footnote on the Paris Agreement stood between actions e and f (sv), c and d (nb).
    assert action(compact, 2, "e")["sv"].endswith("utnyttja den demografiska situationen.")
    assert action(compact, 2, "c")["nb"].endswith("og sivilsamfunnet")
    for letter in "abcdefghijkl":
        assert "FCCC" not in action(compact, 2, letter)["sv"]
        assert "FCCC" not in action(compact, 2, letter)["nb"]


@needs_seeds
def test_sub_heading_in_objective_2_is_not_part_of_an_action(compact):
    assert action(compact, 2, "g")["sv"].endswith("(MICIC-riktlinjerna).")
    assert action(compact, 2, "g")["nb"].endswith("naturkatastrofer (MICIC)")
    assert action(compact, 2, "h")["nb"].startswith("styrke felles analyse")


@needs_seeds
def test_page_numbers_and_lead_in_are_not_part_of_the_texts(compact):
    assert objective(compact, 6)["commitment"]["sv"].endswith("ursprungs- och destinationsländer.")
    assert action(compact, 19, "h")["nb"].endswith("i den grad forholdene tilsier det")
    for item in compact["objectives"]:
        assert not item["commitment"]["sv"].startswith(str(item["paragraph"]))
        assert "inspireras" not in item["commitment"]["sv"]
        assert "følgende tiltak" not in item["commitment"]["nb"]
    assert objective(compact, 1)["commitment"]["sv"].startswith("Vi åtar oss att stärka")
    assert objective(compact, 1)["commitment"]["sv"].endswith("genomförs över tid.")


@needs_seeds
def test_words_broken_by_the_extraction_are_mended(compact):
    assert "stads- och landsbygdsutveckling" in action(compact, 2, "b")["sv"]
    assert "by- og bygdeutvikling" in action(compact, 2, "b")["nb"]
    assert "og som er ikke-diskriminerende" in objective(compact, 11)["commitment"]["nb"]
    assert "effektive migrationsprocedurer" in objective(compact, 4)["commitment"]["da"]
    assert "migranter dör och skadas" in objective(compact, 8)["commitment"]["sv"]
    assert "i utsatta situationer, i syfte" in objective(compact, 5)["commitment"]["sv"]
    assert "som f.eks. direkte" in objective(compact, 20)["commitment"]["da"]
    assert "mål 10 c i Agenda 2030" in action(compact, 20, "a")["sv"]


@needs_seeds
def test_titles_in_all_four_languages(compact):
    assert objective(compact, 1)["title"] == {
        "en": "Collect and utilize accurate and disaggregated data as a basis for "
        "evidence-based policies",
        "sv": "Samla in och använda korrekt och disaggregerad data som underlag för en "
        "evidensbaserad politik",
        "nb": "Samle og utnytte nøyaktige og detaljerte (disaggregerte) data som grunnlag for "
        "kunnskapsbasert politikk",
        "da": "Samle og anvende korrekt og disaggregeret data som grundlag for evidensbaserede "
        "politikker",
    }
    # "Objective\n10:" is split across lines in the Declaration.
    assert objective(compact, 10)["title"]["en"] == (
        "Prevent, combat and eradicate trafficking in persons in the context of international "
        "migration"
    )
    for item in compact["objectives"]:
        assert not any(text.endswith((".", ";")) for text in item["title"].values())


@needs_seeds
def test_round_tables_as_grouped_by_the_declaration(compact):
    assert compact["round_tables"] == [
        {"number": 1, "objectives": [2, 5, 6, 12, 18]},
        {"number": 2, "objectives": [4, 8, 9, 10, 11, 13, 21]},
        {"number": 3, "objectives": [14, 15, 16, 19, 20, 22]},
        {"number": 4, "objectives": [1, 3, 7, 17, 23]},
    ]


@needs_seeds
def test_guiding_principles_in_the_declarations_order(compact):
    principles = compact["guiding_principles"]
    assert [p["code"] for p in principles] == [
        "people_centred",
        "international_cooperation",
        "national_sovereignty",
        "rule_of_law_and_due_process",
        "sustainable_development",
        "human_rights",
        "gender_responsive",
        "child_sensitive",
        "whole_of_government",
        "whole_of_society",
    ]
    assert principles[0]["name"] == {
        "en": "People-centred",
        "sv": "Människan i fokus",
        "nb": "Mennesket i sentrum",
        "da": "Menneske-fokuseret",
    }
    assert principles[3]["name"]["en"] == "Rule of law and due process"
    assert principles[8]["name"]["en"] == "Whole-of-government approach"
    assert principles[9]["description"]["sv"].startswith("Det globala ramverket främjar breda")
    assert principles[9]["description"]["sv"].endswith("styrningen av migrationsfrågor.")


@needs_seeds
def test_extraction_is_deterministic(compact):
    first = render_fixture(compact)
    assert render_fixture(extract_compact(SEEDS_DIR)) == first
    assert first.endswith("}\n")
    assert json.loads(first) == compact


# --- Damaged sources fail loudly -------------------------------------------------------------


def assert_extraction_fails(seeds: Path, *fragments: str) -> None:
    with pytest.raises(ExtractionError) as raised:
        extract_compact(seeds)
    for fragment in fragments:
        assert fragment in str(raised.value)


@needs_seeds
def test_action_missing_in_norwegian_is_named(tmp_path):
    seeds = damaged_seeds(
        tmp_path, "gcm-nb.txt", "c) sikre adekvat, rettidig", "sikre adekvat, rettidig"
    )
    assert_extraction_fails(seeds, "objective 4, action c: present in sv but missing in nb")


@needs_seeds
def test_missing_danish_heading_is_named(tmp_path):
    seeds = damaged_seeds(tmp_path, "gcm-da.txt", "Målsætning 9: Styrke", "Styrke")
    assert_extraction_fails(seeds, "objective 9 (da)")


@needs_seeds
def test_missing_commitment_paragraph_is_named(tmp_path):
    seeds = damaged_seeds(tmp_path, "gcm-da.txt", "28. Vi giver tilsagn", "Vi giver tilsagn")
    assert_extraction_fails(seeds, "objective 12 (da): no commitment paragraph found")


@needs_seeds
def test_missing_english_title_is_named(tmp_path):
    seeds = damaged_seeds(
        tmp_path,
        "imrf-progress-declaration-2022-en.txt",
        "Objective 9:\nStrengthen the transnational response to smuggling of migrants;\n",
        "",
    )
    assert_extraction_fails(seeds, "objective 9 (en)")


@needs_seeds
def test_number_left_inside_a_line_is_caught(tmp_path):
    # A page number the extraction glued into a line cannot be told from text by its shape;
    # the Swedish text of the same action has no such number.
    seeds = damaged_seeds(
        tmp_path,
        "gcm-nb.txt",
        "arbeidstillatelse, krav til yrkeskvalifikasjoner",
        "arbeidstillatelse, 14 krav til yrkeskvalifikasjoner",
    )
    assert_extraction_fails(seeds, "objective 3, action a (nb): text carries page debris: '14'")


@needs_seeds
def test_page_number_on_its_own_line_is_taken_out(tmp_path):
    seeds = damaged_seeds(
        tmp_path,
        "gcm-nb.txt",
        "arbeidstillatelse, krav til yrkeskvalifikasjoner",
        "arbeidstillatelse,\n\n14\n\nkrav til yrkeskvalifikasjoner",
    )
    data = extract_compact(seeds)
    assert "arbeidstillatelse, krav til yrkeskvalifikasjoner" in action(data, 3, "a")["nb"]


@needs_seeds
def test_lead_in_missing_is_named(tmp_path):
    seeds = damaged_seeds(
        tmp_path,
        "gcm-sv.txt",
        "För att förverkliga detta åtagande kommer vi att inspireras avföljande åtgärder:",
        "",
    )
    assert_extraction_fails(seeds, "objective 15 (sv): lead-in to the actions")


@needs_seeds
def test_sub_heading_in_one_language_only_is_named(tmp_path):
    seeds = damaged_seeds(
        tmp_path,
        "gcm-nb.txt",
        "Naturkatastrofer, skadevirkninger av klimaendringer, miljøforringelse",
        "",
    )
    assert_extraction_fails(seeds, "objective 2, action h: a sub-heading before it in sv")


@needs_seeds
def test_round_table_grouping_is_checked(tmp_path):
    seeds = damaged_seeds(
        tmp_path,
        "imrf-progress-declaration-2022-en.txt",
        "Round table 3 (objectives 14, 15, 16, 19, 20 and 22)",
        "Round table 3 (objectives 14, 15, 16, 19 and 20)",
    )
    assert_extraction_fails(seeds, "objective 22 (en)")


@needs_seeds
def test_round_table_footnote_must_list_the_headings_objectives(tmp_path):
    objective_18 = (
        "Objective 18:\nInvest in skills development and facilitate mutual recognition of skills, "
        "qualifications and competences.\n"
    )
    objective_21 = (
        "Objective 21:\nCooperate in facilitating safe and dignified return and readmission, "
        "as well as sustainable reintegration.\n"
    )
    seeds = damaged_seeds(
        tmp_path,
        "imrf-progress-declaration-2022-en.txt",
        "referral;\n" + objective_18,
        "referral.\n",
        objective_21,
        objective_21.replace("reintegration.", "reintegration;") + objective_18,
    )
    assert_extraction_fails(
        seeds, "round table 1 (en): its footnote gives titles for [2, 5, 6, 12]"
    )


@needs_seeds
def test_danish_actions_would_be_refused(tmp_path):
    seeds = damaged_seeds(
        tmp_path,
        "gcm-da.txt",
        "kan udøve deres menneskerettigheder. \n",
        "kan udøve deres menneskerettigheder. \na) Udvikle en strategi. \n",
    )
    assert_extraction_fails(seeds, "objective 4 (da): unexpected action")


# --- The validator checks the output itself ---------------------------------------------------

DEBRIS = [
    ("side 14 here", "'14'"),
    ("4 Antaget i enlighet med FN:s ramkonvention", "footnote"),
    ("Parisavtalet4 och", "glued"),
    ("MÅL 3: Tillhandahålla", "objective heading"),
    ("Objective 7: Address", "objective heading"),
    ("Round table 2", "round-table heading"),
    ("UUI, Alm.del - 2021-22 - Bilag 97", "page footer"),
    ("2577508_0004.png", "page footer"),
    ("MÅL OCH ÅTAGANDEN", "objective heading"),
    ("GENOMFÖRANDE OCH UPPFÖLJNING", "capitals"),
    ("(12) Stärka rättssäkerhet", "list of objectives"),
    ("inspireras av följande åtgärder:", "lead-in"),
    ("hållbar utveck- ling", "hyphenated"),
    ("migranter dö r och", "split by a space"),
    ("distributionskanaler, , för", "punctuation"),
]


@needs_seeds
@pytest.mark.parametrize(("debris", "named"), DEBRIS)
def test_validator_finds_debris_in_a_text(compact, debris, named):
    data = copy.deepcopy(compact)
    text = action(data, 3, "c")
    text["sv"] = text["sv"].replace(" migranterna ", f" migranterna {debris} ", 1)
    with pytest.raises(ExtractionError) as raised:
        check_fixture(data)
    assert str(raised.value).startswith("objective 3, action c (sv): text carries page debris")
    assert named in str(raised.value)


@needs_seeds
def test_validator_finds_a_block_of_another_page(compact):
    data = copy.deepcopy(compact)
    intruder = objective(data, 21)["commitment"]["sv"]
    action(data, 3, "c")["sv"] += " " + intruder
    with pytest.raises(ExtractionError, match=r"objective 3, action c \(sv\): action is .* times"):
        check_fixture(data)


@needs_seeds
def test_validator_accepts_real_suspended_compounds(compact):
    data = copy.deepcopy(compact)
    action(data, 3, "c")["sv"] += " Hälso- och sjukvård, reise- eller"
    check_fixture(data)


@needs_seeds
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: action(d, 5, "b").update(da="Tekst"), "objective 5, action b (da): action"),
        (lambda d: action(d, 5, "b").update(nb=""), "objective 5, action b (nb): action is empty"),
        (lambda d: objective(d, 5)["commitment"].update(en="x"), "objective 5 (en): commitment"),
        (lambda d: objective(d, 5)["title"].update(da=None), "objective 5 (da): title is empty"),
        (
            lambda d: objective(d, 5)["title"].update(nb=objective(d, 5)["title"]["sv"]),
            "objective 5 (nb): title is a copy of the sv text",
        ),
    ],
)
def test_validator_checks_which_texts_exist(compact, damage, message):
    data = copy.deepcopy(compact)
    damage(data)
    with pytest.raises(ExtractionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_fixture(data)


# --- Line cleanup, on made-up lines -----------------------------------------------------------


def test_join_lines_mends_hyphenation_but_keeps_real_hyphens():
    vocabulary = Vocabulary.of(["utveckling och ikke-diskriminering"])
    assert join_lines(["hållbar utveck-", "ling"], vocabulary) == "hållbar utveckling"
    assert join_lines(["stads- ", "och landsbygd"], vocabulary) == "stads- och landsbygd"
    assert join_lines(["reise- ", "eller identitet"], vocabulary) == "reise- eller identitet"
    assert join_lines([f"2015{EN_DASH}", "2030."], vocabulary) == f"2015{EN_DASH}2030."
    assert join_lines(["whole-of-", "government"], vocabulary) == "whole-of-government"
    assert join_lines(["New York-", "deklarationen"], vocabulary) == "New York-deklarationen"
    assert join_lines(["2030-", "agendaen"], vocabulary) == "2030-agendaen"
    assert join_lines(["prinsippet om ikke-", "diskriminering"], vocabulary) == (
        "prinsippet om ikke-diskriminering"
    )
    assert join_lines(["a ,", "b  c "], vocabulary) == "a, b c"


def test_page_debris_lines_are_blanked():
    lines = [
        "text that runs on",
        "",
        "13  ",
        "4 Antaget i enlighet med FN:s ramkonvention om klimatförändringar.",
        " MÅL OCH ÅTAGANDEN ",
        " and on (UNTOC)",
    ]
    assert drop_page_debris(lines) == ["text that runs on", "", "", "", "", " and on (UNTOC)"]


def test_glued_footnote_markers_and_split_words():
    assert drop_glued_footnote_markers("Parisavtalet4 och", frozenset({4})) == "Parisavtalet och"
    assert drop_glued_footnote_markers("Parisavtalet7 och", frozenset({4})) == "Parisavtalet7 och"
    vocabulary = Vocabulary.of(["i utsatta situationer", "si tuationer"])
    assert repair_split_words("utsatta si tuationer, dö r och", vocabulary) == (
        "utsatta situationer, dör och"
    )
    assert repair_split_words("mål 10 c i, som f.eks. direkte", vocabulary) == (
        "mål 10 c i, som f.eks. direkte"
    )
