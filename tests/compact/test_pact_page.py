"""The EU Pact's page: its parts with their sections and sub-headings in reading order and the
eleven legal acts with their notes, the Swedish texts marked in other languages, linked from
the Compact's index, in a fixed number of queries."""

import re

import pytest
from django.urls import reverse

from compact.models import PactItem, PactPart

pytestmark = pytest.mark.usefixtures("compact", "pact")
URL = "/compact/eu-pact/"


def _get(client, language="en") -> str:
    client.cookies["django_language"] = language
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_every_part_section_and_sub_heading_in_reading_order(client):
    html = _get(client)

    for part in PactPart.objects.all():
        assert f'<h2 id="{part.code}">' in html
        assert part.title_sv in html
    items = PactItem.objects.exclude(kind=PactItem.Kind.ACT).order_by("position")
    positions = [html.index(f'id="{item.code}"') for item in items]
    assert positions == sorted(positions)
    assert len(positions) == 39
    section = PactItem.objects.get(code="III.2")
    assert re.search(rf'<h3 id="III.2">.*{re.escape(section.title_sv)}</span></h3>', html)
    assert '<li id="III.2.c"><span class="pact-code">III.2.c</span> <span lang="sv">' in html


def test_the_page_lists_the_eleven_legal_acts_with_their_notes(client):
    html = _get(client)
    acts = html[html.index('<h2 id="legal-acts">') :]

    assert acts.count('<li id="ACT-') == 11
    for act in PactItem.objects.filter(kind=PactItem.Kind.ACT):
        assert act.title_sv in acts
        if act.note_sv:
            assert f'<span lang="sv">{act.note_sv}</span>' in acts


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("en", "Not available in the chosen language; shown in Swedish."),
        ("da", "Findes ikke på det valgte sprog; vises på svensk."),
    ],
)
def test_in_another_language_the_swedish_texts_are_marked_as_swedish(client, language, note):
    html = _get(client, language)
    assert note in html
    assert 'lang="sv"' in html


def test_in_swedish_nothing_is_marked_as_another_language(client):
    html = _get(client, "sv")
    assert "Finns inte på det valda språket" not in html


def test_the_compact_s_index_links_to_the_pact(client):
    html = client.get(reverse("compact:index")).content.decode()
    assert f'href="{URL}"' in html


def test_the_page_takes_three_queries_however_many_items_the_pact_has(
    client, django_assert_num_queries
):
    with django_assert_num_queries(3):
        _get(client)
    part = PactPart.objects.get(code="VI")
    for number in range(1, 6):
        PactItem.objects.create(
            code=f"VI.{number}",
            kind=PactItem.Kind.SECTION,
            part=part,
            number=number,
            position=900 + number,
            source_line=1,
            title_sv=f"Avsnitt {number}",
        )
    with django_assert_num_queries(3):
        html = _get(client)
    assert "Avsnitt 5" in html
