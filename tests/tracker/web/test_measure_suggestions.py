"""The measure form's "Suggest objectives" panel: without JavaScript a button reloads the form
with the suggestions and a click ticks one; with htmx the panel alone comes back; a text the
suggestions cannot read is a 400 with the reason in the panel. Also the import page's option
and the review queue's hint."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compact.models import Action, Objective
from tests.tracker.web.factories import measure_in
from tests.tracker.web.helpers import html, objective_ids, text
from tracker.models import Measure, WorkflowState

pytestmark = pytest.mark.django_db
CREATE = reverse("tracker:measure-create")
TITLE = "Snabbspår för nyanlända läkare"
DESCRIPTION = (
    "Socialstyrelsen förkortar handläggningen av legitimation och validerar utländsk "
    "utbildning och yrkeserfarenhet. Erkännande av kvalifikationer och kompetens."
)


def _form(**overrides) -> dict:
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "language": "sv",
        "kind": "programme",
        "status": "ongoing",
        **overrides,
    }


def _checked(page: str, name: str) -> set[str]:
    """The values of the checked boxes named `name`."""
    boxes = re.findall(rf'<input type="checkbox" name="{name}" value="(\d+)"[^>]*>', page)
    checked = re.findall(rf'<input type="checkbox" name="{name}" value="(\d+)"[^>]* checked', page)
    assert boxes, f"no {name} boxes on the page"
    return set(checked)


def test_without_javascript_the_button_shows_the_suggestions_with_the_words_marked(as_user):
    response = as_user("own_officer").post(CREATE, {**_form(), "suggest": "1"})

    page = html(response)
    assert response.status_code == 200
    assert "Objective 18" in text(response)
    assert re.search(r"<mark>[Kk]valifikationer</mark>", page)
    objective = Objective.objects.get(number=18)
    assert f'name="tick" value="objective-{objective.pk}"' in page
    assert Measure.objects.count() == 0
    assert _checked(page, "objectives") == set()


def test_a_click_ticks_the_suggested_action_and_its_objective_and_nothing_else(as_user):
    objective = Objective.objects.get(number=18)
    action = Action.objects.get(objective=objective, letter="a")
    kept = objective_ids(16)

    response = as_user("own_officer").post(
        CREATE, {**_form(objectives=kept), "tick": f"action-{objective.pk}-{action.pk}"}
    )

    page = html(response)
    assert _checked(page, "objectives") == {str(kept[0]), str(objective.pk)}
    assert _checked(page, "actions") == {str(action.pk)}
    assert "Chosen" in text(response)
    assert 'value="Snabbspår för nyanlända läkare"' in page


def test_the_ticked_measure_saves_with_the_suggestion_chosen(as_user):
    client = as_user("own_officer")
    objective = Objective.objects.get(number=18)
    client.post(CREATE, {**_form(), "tick": f"objective-{objective.pk}"})

    client.post(CREATE, _form(objectives=[objective.pk]))

    assert list(Measure.objects.get().objectives.values_list("number", flat=True)) == [18]


def test_with_htmx_the_panel_alone_comes_back(as_user):
    response = as_user("own_officer").post(
        CREATE, {**_form(), "suggest": "1"}, headers={"HX-Request": "true"}
    )

    page = html(response)
    assert response.status_code == 200
    assert "<form" not in page
    assert "<mark>" in page
    assert 'hx-select="form.entry-form"' in page


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"title": "", "description": " "}, "The text is empty"),
        ({"description": "x" * 20_001}, "suggestions read at most 20000"),
        ({"language": "fi"}, "is not a language the suggestions read"),
        (
            {"title": "Sprachkurse", "description": "Die Gemeinde bietet Kurse für alle an."},
            "reads as German",
        ),
    ],
)
@pytest.mark.parametrize("htmx", [False, True])
def test_a_text_the_suggestions_cannot_read_is_a_400_with_the_reason(
    as_user, overrides, reason, htmx
):
    headers = {"HX-Request": "true"} if htmx else {}
    response = as_user("own_officer").post(
        CREATE, {**_form(**overrides), "suggest": "1"}, headers=headers
    )

    assert response.status_code == 400
    assert reason in text(response)


def test_others_than_officers_get_no_suggestions_from_the_form(as_user):
    response = as_user("committee_reader").post(CREATE, {**_form(), "suggest": "1"})

    assert response.status_code == 403


@pytest.mark.parametrize("repeat", [1, 20])
def test_the_panel_asks_as_many_queries_whatever_the_text(as_user, repeat):
    client = as_user("own_officer")
    client.post(CREATE, {**_form(), "suggest": "1"}, headers={"HX-Request": "true"})

    with CaptureQueriesContext(connection) as queries:
        client.post(
            CREATE,
            {**_form(description=DESCRIPTION * repeat), "suggest": "1"},
            headers={"HX-Request": "true"},
        )

    assert len([q for q in queries if "compact_" in q["sql"]]) == 4


def _csv(*rows: str) -> SimpleUploadedFile:
    header = "title;description;language;objectives;actions;kind;status"
    return SimpleUploadedFile("measures.csv", "\n".join([header, *rows]).encode())


def test_the_import_option_lists_suggestions_for_rows_that_name_no_action(as_user):
    upload = _csv(
        "Snabbspår för läkare;Validering av utländska kvalifikationer;sv;18;;programme;ongoing",
        "Språkkurs;Svenska för invandrare;sv;16;16b;programme;ongoing",
        "Sprachkurs;Die Gemeinde bietet Sprachkurse für alle Migranten an;sv;16;;policy;planned",
    )

    response = as_user("own_officer").post(
        reverse("imports:measures"), {"file": upload, "suggest": "on"}
    )

    page = text(response)
    assert response.status_code == 200
    assert "Nothing was imported" in page
    assert re.search(r"2 Snabbspår för läkare .*Objective 18", page)
    assert "Språkkurs " not in page
    assert re.search(r"4 Sprachkurs .*reads as German", page)
    assert Measure.objects.count() == 0


def test_the_review_queue_hints_at_objectives_far_from_the_suggestions(as_user, ministry):
    far = measure_in(
        WorkflowState.SUBMITTED, ministry, objectives=(1,), title=TITLE, description=DESCRIPTION
    )
    near = measure_in(
        WorkflowState.SUBMITTED,
        ministry,
        objectives=(18,),
        title="Erkännande",
        description=DESCRIPTION,
    )
    far.language = near.language = "sv"
    Measure.objects.filter(pk__in=[far.pk, near.pk]).update(language="sv")

    page = html(as_user("coordinator").get(reverse("tracker:review-queue")))

    items = re.split(r'<article class="queue-item">', page)[1:]
    hinted = [item for item in items if "suggestion-hint" in item]
    assert len(hinted) == 1
    assert f'measures/{far.pk}/"' in hinted[0]
    assert re.search(r"objectives [\d, ]*18", re.sub(r"<[^>]+>", "", hinted[0]))
