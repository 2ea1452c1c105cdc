"""An action chosen without its objective is named with its objective, in a whole sentence,
singular or plural, in the officer's language."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation

from compact.models import Action, Objective
from tests.factories import officer
from tracker.services.measures import measure_create

pytestmark = pytest.mark.usefixtures("compact")


def _refusal(*actions: str) -> list[str]:
    chosen = Q()
    for code in actions:
        chosen |= Q(objective__number=int(code[:-1]), letter=code[-1])
    data = {
        "title": "Språkutbildning",
        "description": "Kurser i svenska.",
        "language": "sv",
        "kind": "programme",
        "status": "ongoing",
        "objectives": list(Objective.objects.filter(number=16)),
        "actions": list(Action.objects.filter(chosen)),
    }
    with pytest.raises(ValidationError) as error:
        measure_create(actor=officer(), data=data)
    return error.value.message_dict["actions"]


def test_one_action_and_several_of_another_objective_each_get_their_sentence():
    assert _refusal("21a", "3b", "3c", "16a") == [
        "Actions 3b, 3c belong to objective 3, which is not chosen: choose the objective too, "
        "or clear the actions.",
        "Action 21a belongs to objective 21, which is not chosen: choose the objective too, "
        "or clear the action.",
    ]


def test_the_sentence_is_in_the_officers_language():
    with translation.override("sv"):
        [message] = _refusal("21a")

    assert message.startswith("Åtgärd 21a hör till mål 21, som inte är valt")
