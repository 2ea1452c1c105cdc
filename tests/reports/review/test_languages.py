"""A report in English of entries written only in Swedish: each Swedish text is tagged `sv` in
the PDF's structure tree and marked "(sv)" where it is printed in the annex, and the pre-flight
lists each of them with a link to where it is fixed; a setting makes a final English report
refuse them. The cycle's name is printed in the report's language."""

import io
from collections import defaultdict

import pikepdf
import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from compact.models import RoundTable
from reports.models import ReportState
from reports.review.services.narratives import narrative_save
from reports.review.services.runs import report_request
from tests.factories import OrganisationFactory, ReviewCycleFactory, coordinator
from tests.reports.factories import measure, pledge, update
from tests.reports.html import Page
from tests.reports.review.conftest import build, read_pdf
from tracker.models import MeasureStatus, PledgeStatus

pytestmark = pytest.mark.django_db

SWEDISH = {
    "title": "Rättshjälp för nyanlända",
    "description": "Kommunerna ger rättshjälp till alla nyanlända.",
    "results": "Fler fick hjälp i tid.",
    "pledge": "Vi lovar att korta väntetiderna.",
    "status narrative": "Arbetet har påbörjats.",
    "narrative": "Framstegen under perioden var goda.",
    "organisation": "Migrationsverket",
}


@pytest.fixture
def swedish(compact):
    """One measure, its update and a pledge written in Swedish, a Swedish narrative and an
    agency with a Swedish name only, beside an English measure of an English-named ministry."""
    cycle = ReviewCycleFactory(
        name="Language review 2025", name_sv="Språkgranskning 2025", slug="sprak-2025"
    )
    agency = OrganisationFactory(code="MIGR", name_en="", name_sv=SWEDISH["organisation"])
    ministry = OrganisationFactory(code="MOFA", name_en="Ministry for Foreign Affairs")
    entry = measure(
        agency,
        [2],
        title=SWEDISH["title"],
        description=SWEDISH["description"],
        language="sv",
    )
    progress = update(entry, cycle, status=MeasureStatus.ONGOING, results=SWEDISH["results"])
    measure(ministry, [5], title="Safe routes", description="Routes are opened.", language="en")
    sworn = pledge(
        agency,
        [2],
        text=SWEDISH["pledge"],
        language="sv",
        status=PledgeStatus.IN_PROGRESS,
        status_narrative=SWEDISH["status narrative"],
    )
    narrative_save(
        actor=coordinator(username="lang-cora"),
        cycle=cycle,
        round_table=RoundTable.objects.get(number=1),
        language="sv",
        expected_version=0,
        progress=SWEDISH["narrative"],
        challenges="",
        next_steps="",
    )
    return cycle, entry, progress, sworn, agency


def _texts_by_mcid(pdf_bytes: bytes) -> dict[tuple[int, int], str]:
    """The text of each marked-content sequence, by (page index, MCID)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    texts = defaultdict(str)
    for index, page in enumerate(reader.pages):
        stack = []

        def before(operator, operands, _cm, _tm, stack=stack):
            if operator == b"BDC":
                properties = operands[1] if len(operands) > 1 else {}
                mcid = properties.get("/MCID") if hasattr(properties, "get") else None
                stack.append(mcid)
            elif operator == b"BMC":
                stack.append(None)
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(value, _cm, _tm, _font, _size, stack=stack, index=index):
            mcid = next((item for item in reversed(stack) if item is not None), None)
            if mcid is not None:
                texts[index, int(mcid)] += value

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return texts


def _tagged_texts(pdf_bytes: bytes, language: str) -> str:
    """All the text inside structure elements tagged `language`, joined."""
    texts = _texts_by_mcid(pdf_bytes)
    tagged = []
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}

        def mcids(element, page):
            page = element.get("/Pg", page)
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, int):
                    yield pages[page.objgen], kid
                elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                    yield pages[kid.get("/Pg", page).objgen], int(kid.MCID)
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    yield from mcids(kid, page)

        def walk(element, page):
            page = element.get("/Pg", page)
            if str(element.get("/Lang", "")) == language:
                tagged.extend(texts.get(key, "") for key in mcids(element, page))
                return
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid, page)

        walk(pdf.Root.StructTreeRoot.K[0], None)
    return " ".join(" ".join(tagged).split())


def test_every_swedish_text_of_an_english_report_is_tagged_sv_and_marked(swedish):
    cycle = swedish[0]
    run = build(cycle, "en")
    assert run.state == ReportState.DONE, run.error
    with run.file.open("rb") as handle:
        pdf_bytes = handle.read()

    tagged = _tagged_texts(pdf_bytes, "sv")
    for kind, text in SWEDISH.items():
        assert " ".join(text.split()) in tagged, kind
    assert "Safe routes" not in tagged
    assert "Ministry for Foreign Affairs" not in tagged

    body = " ".join(read_pdf(run).text.split())
    annex = body[body.index("Annex A. All measures", body.index("7. Annexes") + 20) :]
    assert f"{SWEDISH['title']} (sv)" in annex
    assert f"{SWEDISH['organisation']} (sv)" in annex
    assert "Safe routes (sv)" not in annex
    assert "Safe routes (en)" not in annex


@pytest.fixture
def cora(client):
    client.force_login(coordinator(username="cora"))
    return client


def test_the_pre_flight_lists_each_swedish_text_with_a_working_link(cora, swedish):
    cycle, entry, progress, sworn, agency = swedish
    url = f"{reverse('report:cycle', args=[cycle.slug])}?lang=en"
    page = Page(cora.get(url))
    listed = " ".join(page.text("#preflight").split())

    assert "The cycle's name is printed in another language" not in listed
    assert "1 measure without an English translation" in listed
    assert "title, description" in listed
    assert "1 progress update printed in another language" in listed
    assert "1 pledge printed in another language" in listed
    assert "pledge, status narrative" in listed
    assert "1 round-table narrative printed in another language" in listed
    assert "1 organisation's name printed in another language" in listed
    for text in (SWEDISH["title"], SWEDISH["organisation"], SWEDISH["pledge"]):
        assert text in listed
    assert "Safe routes" not in listed

    links = {link.get("href") for link in page.all("#preflight .other-language a")}
    expected = {
        reverse("tracker:measure-detail", args=[entry.pk]),
        reverse("tracker:update-detail", args=[progress.pk]),
        reverse("tracker:pledge-detail", args=[sworn.pk]),
        "#round-table-1",
    }
    assert expected <= links
    for link in expected - {"#round-table-1"}:
        assert cora.get(link).status_code == 200, link
    assert page.one("#round-table-1")
    organisation = reverse("admin:tracker_organisation_change", args=[agency.pk])
    assert organisation in links

    # The Danish report has no Danish name of the cycle: it is listed, linked to where it is
    # given.
    danish = Page(cora.get(f"{reverse('report:cycle', args=[cycle.slug])}?lang=da"))
    assert "Språkgranskning 2025" in danish.text("#preflight")
    cycle_link = reverse("tracker:cycle-names", args=[cycle.slug])
    assert cycle_link in {link.get("href") for link in danish.all("#preflight a")}


def test_a_final_english_report_is_refused_only_when_configured(settings, swedish):
    cycle = swedish[0]
    actor = coordinator(username="final-cora")
    settings.REPORT_REFUSE_OTHER_LANGUAGE_IN_FINAL = True
    with pytest.raises(ValidationError) as refused:
        report_request(actor=actor, cycle=cycle, language="en", is_final=True, enqueue=False)
    assert "would be printed in another language" in " ".join(refused.value.messages)
    # The Swedish report prints them in their own language.
    report_request(actor=actor, cycle=cycle, language="sv", is_final=True, enqueue=False)

    settings.REPORT_REFUSE_OTHER_LANGUAGE_IN_FINAL = False
    requested = report_request(
        actor=actor, cycle=cycle, language="en", is_final=True, enqueue=False
    )
    assert requested.run.is_final


def test_the_cover_names_the_cycle_in_the_reports_language(compact):
    cycle = ReviewCycleFactory(
        name="National review 2025", name_sv="Nationell granskning 2025", slug="named-2025"
    )
    english = " ".join(read_pdf(build(cycle, "en")).text.split())
    swedish = " ".join(read_pdf(build(cycle, "sv")).text.split())
    danish = " ".join(read_pdf(build(cycle, "da")).text.split())

    assert "National review 2025" in english
    assert "Nationell" not in english
    assert "Nationell granskning 2025" in swedish
    assert "National review 2025" not in swedish
    # No Danish name: the closest language's, marked.
    assert "Nationell granskning 2025 (sv)" in danish
