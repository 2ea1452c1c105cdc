"""An entry's history page: who changed what, when and why, each field from what to what."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.tracker.web.helpers import action_ids, html, objective_ids, text
from tracker.models import Measure, Pledge

pytestmark = pytest.mark.django_db


def _measure_data(**overrides) -> dict:
    return {
        "title": "Language courses",
        "description": "Swedish for newcomers.",
        "language": "sv",
        "kind": "programme",
        "status": "planned",
        "objectives": objective_ids(2),
        "target_groups": ["women"],
        **overrides,
    }


def _changes(page: str) -> list[str]:
    """Each change line of the page: "Field: old → new"."""
    items = re.findall(r'<li><span class="change-field">(.*?)</li>', page, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in items]


def test_the_history_shows_a_title_and_an_objective_change_from_and_to_with_who(
    client, people, ministry
):
    client.force_login(people["own_officer"])
    client.post(reverse("tracker:measure-create"), _measure_data())
    measure = Measure.objects.get()
    client.post(
        reverse("tracker:measure-edit", args=[measure.pk]),
        _measure_data(
            title="Language courses for adults",
            objectives=objective_ids(2, 5),
            actions=action_ids("5a"),
            target_groups=["women", "children"],
            version=1,
        ),
    )
    client.post(reverse("tracker:measure-submit", args=[measure.pk]), {"version": 2})

    response = client.get(reverse("tracker:measure-history", args=[measure.pk]))

    page = html(response)
    newest, edit, created = re.split(r'<li>\s*<h2 class="history-when">', page)[1:4]
    assert "Anna Berg" in edit
    assert "Edited" in edit
    assert _changes(edit) == [
        "Actions: — → 5(a)",
        "Objectives: Objective 2 → Objective 2, Objective 5",
        "Target groups: Women and girls → Women and girls, Children",
        "Title: Language courses → Language courses for adults",
    ]
    assert "Workflow state: Draft → Submitted" in _changes(newest)
    assert "Submitted" in newest
    assert "Created" in created
    assert "Title: — → Language courses" in _changes(created)
    assert "Lead organisation: — → Ministry of Justice" in _changes(created)


def test_the_history_of_a_pledge_shows_its_co_pledging_organisations_by_name(
    client, people, ministry, other_ministry
):
    client.force_login(people["own_officer"])
    data = {
        "text": "We pledge.",
        "pledge_type": "financial",
        "language": "en",
        "objectives": objective_ids(1),
        "made_on": "2022-05-20",
        "occasion": "IMRF 2022",
        "status": "not_started",
    }
    client.post(reverse("tracker:pledge-create"), data)
    pledge = Pledge.objects.get()
    client.post(
        reverse("tracker:pledge-edit", args=[pledge.pk]),
        {**data, "co_pledging_organisations": [other_ministry.pk], "version": 1},
    )

    page = text(client.get(reverse("tracker:pledge-history", args=[pledge.pk])))

    assert "Co-pledging organisations: — → Ministry for Foreign Affairs" in page


def test_the_reason_of_each_change_is_shown_in_the_reader_s_language(client, people, ministry):
    client.force_login(people["own_officer"])
    client.post(reverse("tracker:measure-create"), _measure_data())
    measure = Measure.objects.get()
    client.post(
        reverse("tracker:measure-edit", args=[measure.pk]),
        _measure_data(title="Language courses for all", version=measure.version),
    )
    client.cookies["django_language"] = "sv"
    page = text(client.get(reverse("tracker:measure-history", args=[measure.pk])))
    assert "Ändrad" in page
    assert "Edited" not in page


def test_the_history_takes_the_same_queries_however_long_it_is(client, people, ministry):
    client.force_login(people["own_officer"])
    client.post(reverse("tracker:measure-create"), _measure_data())
    measure = Measure.objects.get()
    url = reverse("tracker:measure-history", args=[measure.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for version in range(1, 9):
        client.post(
            reverse("tracker:measure-edit", args=[measure.pk]),
            _measure_data(
                title=f"Language courses {version}",
                objectives=objective_ids(2, 1 + version % 20 + 2),
                version=version,
            ),
        )
    assert Measure.objects.get().version == 9
    assert queries() == few
