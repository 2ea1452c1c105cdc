import re

import pytest
from django.urls import reverse

from compact.models import Action, Objective

pytestmark = pytest.mark.usefixtures("compact")


def _get(client, url, language):
    client.cookies["django_language"] = language
    return client.get(url)


def _text(response) -> str:
    return response.content.decode()


def test_the_root_leads_to_the_compact(client):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/compact/"
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Round table 1 (objectives 2, 5, 6, 12 and 18)"),
        ("sv", "Rundabordssamtal 1 (mål 2, 5, 6, 12 och 18)"),
        ("nb", "Rundebordsmøte 1 (mål 2, 5, 6, 12 og 18)"),
        ("da", "Rundbordsdrøftelse 1 (målsætninger 2, 5, 6, 12 og 18)"),
    ],
)
def test_the_index_groups_the_objectives_by_round_table_in_each_language(client, language, heading):
    response = _get(client, reverse("compact:index"), language)
    html = _text(response)
    assert f'<html lang="{language}">' in html
    assert heading in html
    title = getattr(Objective.objects.get(number=23), f"title_{language}")
    assert title in html
    positions = [html.index(f'href="/compact/objectives/{n}/"') for n in (2, 5, 6, 12, 18)]
    assert positions == sorted(positions)


def test_the_index_page_queries_do_not_grow_with_the_compact(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get(reverse("compact:index"))


def test_an_objective_page_shows_its_commitment_and_every_action_in_swedish(client):
    objective = Objective.objects.get(number=10)
    response = _get(client, reverse("compact:objective", args=[10]), "sv")
    html = _text(response)
    assert objective.title_sv in html
    assert objective.commitment_sv in html
    for action in objective.actions.all():
        assert action.text_sv in html
        assert f'id="action-{action.letter}"' in html
    assert "Finns inte på det valda språket" not in html


def test_in_danish_the_actions_are_shown_in_norwegian_and_marked(client):
    objective = Objective.objects.get(number=4)
    response = _get(client, reverse("compact:objective", args=[4]), "da")
    html = _text(response)
    assert f'<span lang="da">{objective.title_da}</span>' in html
    assert objective.commitment_da in html
    assert "Findes ikke på det valgte sprog; vises på norsk bokmål." in html
    for action in objective.actions.all():
        assert f'<span lang="nb">{action.text_nb}</span>' in html


def test_in_english_the_commitment_is_shown_in_swedish_and_marked(client):
    objective = Objective.objects.get(number=1)
    html = _text(_get(client, reverse("compact:objective", args=[1]), "en"))
    assert f'<span lang="en">{objective.title_en}</span>' in html
    assert re.search(rf'<p lang="sv">.*{re.escape(objective.commitment_sv)}</p>', html)
    assert "Not available in the chosen language; shown in Swedish." in html


def test_an_unknown_objective_is_not_found(client):
    assert client.get("/compact/objectives/24/").status_code == 404


def test_an_objective_page_queries_do_not_grow_with_its_actions(
    client, django_assert_max_num_queries
):
    busiest = max(Objective.objects.all(), key=lambda objective: objective.actions.count())
    with django_assert_max_num_queries(3):
        client.get(reverse("compact:objective", args=[busiest.number]))


def test_the_principles_page_lists_the_ten_principles_in_norwegian(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = _get(client, reverse("compact:principles"), "nb")
    html = _text(response)
    assert html.count("<dt ") == 10
    assert "Menneskerettigheter" in html


def test_the_language_switcher_sets_the_language_and_returns_to_the_page(client):
    response = client.post(
        reverse("set_language"), {"language": "sv", "next": "/compact/objectives/3/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/compact/objectives/3/"
    html = _text(response)
    assert '<html lang="sv">' in html
    assert Objective.objects.get(number=3).title_sv in html


def test_an_action_text_is_escaped_not_rendered_as_html(client):
    Action.objects.filter(objective__number=2, letter="a").update(text_sv="<script>x</script>")
    html = _text(_get(client, reverse("compact:objective", args=[2]), "sv"))
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
