"""The extraction of the EU Pact from the Commission's 2024 communication (compact.extraction).

The tests read the real seed document; the error tests damage a copy of it the way a bad PDF
extraction or a careless edit would, and expect a loud error naming part, section and line.
"""

import os
import re
from pathlib import Path

import pytest

from compact.extraction import ExtractionError, extract_pact, render_fixture
from compact.extraction.pact import PACT_SOURCE

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = Path(os.environ.get("GCM_SEEDS_DIR", REPO_ROOT.parent / "shared" / "seeds"))
FIXTURE = REPO_ROOT / "fixtures" / "eu-pact.json"

pytestmark = pytest.mark.skipif(
    not (SEEDS_DIR / PACT_SOURCE).is_file(),
    reason=f"{PACT_SOURCE} not found in {SEEDS_DIR} (set GCM_SEEDS_DIR)",
)


@pytest.fixture(scope="module")
def pact() -> dict:
    return extract_pact(SEEDS_DIR)


@pytest.fixture(scope="module")
def source_lines() -> list[str]:
    return (SEEDS_DIR / PACT_SOURCE).read_text(encoding="utf-8").splitlines()


def items(data: dict) -> dict[str, dict]:
    """Every section, sub-heading and act by its code."""
    found = {act["code"]: act for act in data["acts"]}
    for part in data["parts"]:
        found |= {heading["code"]: heading for heading in part["subheadings"]}
        for section in part["sections"]:
            found[section["code"]] = section
            found |= {heading["code"]: heading for heading in section["subheadings"]}
    return found


def titles(data: dict) -> list[str]:
    return [part["title"]["sv"] for part in data["parts"]] + [
        item["title"]["sv"] for item in items(data).values()
    ]


def damaged_seeds(tmp_path: Path, *replacements: str) -> Path:
    """A copy of the seed with (old, new, old, new, ...) replaced; each old occurs once."""
    text = (SEEDS_DIR / PACT_SOURCE).read_text(encoding="utf-8")
    for old, new in zip(replacements[::2], replacements[1::2], strict=True):
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    (tmp_path / PACT_SOURCE).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_committed_fixture_is_a_fresh_extraction_byte_for_byte(pact):
    assert render_fixture(pact) == FIXTURE.read_text(encoding="utf-8")


def test_the_extraction_is_deterministic(pact):
    assert render_fixture(extract_pact(SEEDS_DIR)) == render_fixture(pact)


def test_the_parts_are_I_to_VI_with_their_titles(pact):
    assert [(part["code"], part["title"]["sv"]) for part in pact["parts"]] == [
        ("I", "INLEDNING"),
        ("II", "EN NY RÄTTSLIG RAM"),
        ("III", "RIKTADE OPERATIVA ÅTGÄRDER"),
        ("IV", "DEN EXTERNA DIMENSIONEN: SAMARBETE MED PARTNERLÄNDER"),
        ("V", "STÖD FRÅN EU:S BYRÅER"),
        ("VI", "SLUTSATS"),
    ]


def test_sections_are_numbered_afresh_in_each_part(pact):
    numbers = {part["code"]: [s["number"] for s in part["sections"]] for part in pact["parts"]}
    assert numbers == {
        "I": [],
        "II": [1, 2],
        "III": [1, 2, 3, 4, 5],
        "IV": [1, 2, 3],
        "V": [],
        "VI": [],
    }
    assert items(pact)["III.5"]["title"]["sv"] == "Hantering av akuta behov och kriser"
    assert items(pact)["IV.2"]["title"]["sv"] == (
        "Främja lagliga migrationsvägar som ett alternativ till irreguljär migration"
    )


def test_sub_headings_are_found_under_their_section_or_part(pact):
    counts = {
        code: len(item["subheadings"])
        for part in pact["parts"]
        for code, item in [(part["code"], part), *((s["code"], s) for s in part["sections"])]
    }
    assert counts == {
        "I": 0,
        "II": 0,
        "II.1": 3,
        "II.2": 0,
        "III": 0,
        "III.1": 1,
        "III.2": 3,
        "III.3": 0,
        "III.4": 2,
        "III.5": 4,
        "IV": 0,
        "IV.1": 5,
        "IV.2": 3,
        "IV.3": 0,
        "V": 8,
        "VI": 0,
    }
    found = items(pact)
    # A long sub-heading that reads like the start of a sentence.
    assert found["II.1.b"]["title"]["sv"] == (
        "Snabba och effektiva förfaranden för asyl och återvändande med starkare individuellt skydd"
    )
    # One at the foot of a page, whose paragraph goes on on the next page.
    assert found["IV.1.c"]["title"]["sv"] == "Samarbete på fältet"
    # Part V has no numbered sections: its sub-headings stand under the part; one is in
    # lower case, as the agency writes its name.
    assert found["V.g"]["title"]["sv"] == "eu-Lisa"


def test_the_start_of_a_sentence_is_not_taken_for_a_sub_heading(pact):
    for text in (
        "Särskilda, skräddarsydda operativa partnerskap",  # a paragraph's first line
        "Under det senaste året",  # after a sub-heading, followed by a name ("Medelhavet")
        "Genomförandet av uttalandet",  # a paragraph's first line, followed by "Turkiet"
    ):
        assert not [title for title in titles(pact) if title.startswith(text)]


def test_the_eleven_legal_acts_keep_their_remarks_as_notes(pact):
    acts = [(act["code"], act["title"]["sv"], act["note"]["sv"]) for act in pact["acts"]]
    assert len(acts) == 11
    assert acts[0] == (
        "ACT-01",
        "Screeningförordningen och ändringsförordningen om underlättande av screening",
        "Ecris-TCN",
    )
    assert acts[2] == (
        "ACT-03",
        "Förordningen om asylförfaranden",
        "gränsförfarandet för återvändande har flyttats till en separat rättsakt",
    )
    assert acts[3][1:] == (
        "Förordningen om hantering av krissituationer på migrations- och asylområdet",
        "om bl.a. instrumentalisering",
    )
    assert acts[-2:] == [
        ("ACT-10", "Direktivet om ett kombinerat tillstånd", None),
        ("ACT-11", "Blåkortsdirektivet", None),
    ]


def test_every_text_is_swedish_and_the_other_languages_are_missing(pact):
    texts = [part["title"] for part in pact["parts"]] + [
        text for item in items(pact).values() for text in (item["title"], item.get("note")) if text
    ]
    for text in texts:
        assert list(text) == ["en", "sv", "nb", "da"]
        assert text["en"] is text["nb"] is text["da"] is None
    assert all(part["title"]["sv"] for part in pact["parts"])


def test_no_title_carries_page_or_footnote_debris(pact):
    for title in titles(pact):
        assert not re.search(r"\d|\*|http", title), title
        assert len(title.split()) <= 15, title


def test_every_heading_stands_in_the_source_at_its_recorded_line(pact, source_lines):
    headings = [*pact["parts"]] + [item for item in items(pact).values() if "number" not in item]
    headings += [section for part in pact["parts"] for section in part["sections"]]
    for heading in headings:
        line = " ".join(source_lines[heading["line"] - 1].split())
        assert line.endswith(heading["title"]["sv"]), (heading["line"], line)
    for act in pact["acts"]:
        first_word = act["title"]["sv"].split()[0].lower()
        assert first_word in source_lines[act["line"] - 1].lower()


def test_a_page_number_glued_to_a_heading_fails_naming_where(tmp_path):
    seeds = damaged_seeds(tmp_path, "Säkrare yttre gränser \n", "Säkrare yttre gränser 7\n")
    with pytest.raises(ExtractionError, match=r"part II, section 1, line 104: .*page debris '7'"):
        extract_pact(seeds)


def test_a_missing_act_fails_against_the_word_elva(tmp_path):
    seeds = damaged_seeds(tmp_path, "Eurodacförordningen, ", "")
    with pytest.raises(ExtractionError, match=r"10 acts listed, .* line 94 says 'elva' \(11\)"):
        extract_pact(seeds)


def test_a_heading_run_into_its_paragraph_fails_naming_the_section(tmp_path):
    seeds = damaged_seeds(tmp_path, "Talangpartnerskap  \n\nDe talang", "De talang")
    with pytest.raises(ExtractionError, match=r"part IV, section 2, line 1448: 2 sub-headings"):
        extract_pact(seeds)


def test_a_section_numbered_out_of_turn_fails_naming_part_and_line(tmp_path):
    seeds = damaged_seeds(tmp_path, "3. Åtgärder mot kriminella", "4. Åtgärder mot kriminella")
    with pytest.raises(ExtractionError, match=r"part III, section 4, line 617: expected section 3"):
        extract_pact(seeds)


def test_a_lost_footnote_mark_on_the_count_of_acts_fails(tmp_path):
    seeds = damaged_seeds(tmp_path, "De elva1 sammankopplade", "De elva sammankopplade")
    with pytest.raises(ExtractionError, match=r"line 94: 'elva' carries no footnote mark"):
        extract_pact(seeds)
